// Test data for the LUT kernel tests: random and constant trits and codes, and the independent sum of t * q.
package org.ternsim.kernels.lut;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.ternsim.kernels.quant.Int8Activations;
import org.ternsim.kernels.quant.TernaryWeights;

final class LutFixtures {

    /** Vector widths every Panama test runs at, whatever the host prefers. */
    static final List<Integer> BITS = List.of(128, 256, 512);

    private LutFixtures() {
    }

    static TernaryWeights randomTrits(Random random, int rows, int cols) {
        byte[] trits = new byte[rows * cols];
        for (int i = 0; i < trits.length; i++) {
            trits[i] = (byte) (random.nextInt(3) - 1);
        }
        return new TernaryWeights(rows, cols, trits, 0.5f + random.nextFloat());
    }

    static TernaryWeights constantTrits(int rows, int cols, int trit) {
        byte[] trits = new byte[rows * cols];
        Arrays.fill(trits, (byte) trit);
        return new TernaryWeights(rows, cols, trits, 0.0625f);
    }

    /** Codes in [-127, 127], the range {@code absmaxTl} produces. */
    static Int8Activations randomTlCodes(Random random, int cols) {
        byte[] codes = new byte[cols];
        for (int k = 0; k < cols; k++) {
            codes[k] = (byte) (random.nextInt(255) - 127);
        }
        return Int8Activations.of(codes, 1f + 100 * random.nextFloat());
    }

    static Int8Activations constantCodes(int cols, int code) {
        byte[] codes = new byte[cols];
        Arrays.fill(codes, (byte) code);
        return Int8Activations.of(codes, 127f);
    }

    /** Sum of t * q straight from the trits, in long: the oracle for every exact LUT result. */
    static long exactDot(TernaryWeights t, int row, byte[] codes) {
        long sum = 0;
        for (int k = 0; k < t.cols(); k++) {
            sum += (long) t.trits()[row * t.cols() + k] * codes[k];
        }
        return sum;
    }
}
