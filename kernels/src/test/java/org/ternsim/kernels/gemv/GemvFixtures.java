// Test data for the I2_S GEMV tests: random and constant weights and activations, and an independent oracle.
package org.ternsim.kernels.gemv;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorSpecies;
import org.ternsim.kernels.format.I2sLayout;
import org.ternsim.kernels.format.I2sPacker;
import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.quant.Int8Activations;
import org.ternsim.kernels.quant.TernaryWeights;

final class GemvFixtures {

    /** The widths every vector test runs at, whatever the host prefers. */
    static final List<VectorSpecies<Byte>> SPECIES =
            List.of(ByteVector.SPECIES_128, ByteVector.SPECIES_256, ByteVector.SPECIES_512);

    private GemvFixtures() {
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

    static Int8Activations randomCodes(Random random, int cols) {
        byte[] codes = new byte[cols];
        random.nextBytes(codes);
        return Int8Activations.of(codes, 1f + 100 * random.nextFloat());
    }

    static I2sWeights pack(TernaryWeights t, I2sLayout layout) {
        return I2sPacker.pack(t, layout);
    }

    /** sum t*q from the unpacked trits, in long so it cannot overflow: the oracle for sum c*q - sum q. */
    static long naiveSignedDot(TernaryWeights t, int row, byte[] codes) {
        long sum = 0;
        for (int k = 0; k < t.cols(); k++) {
            sum += (long) t.trits()[row * t.cols() + k] * codes[k];
        }
        return sum;
    }
}
