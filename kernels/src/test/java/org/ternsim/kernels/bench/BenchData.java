// Seeded random weights and activations for the kernel benchmarks, so every benchmark measures the same data.
package org.ternsim.kernels.bench;

import java.util.Random;
import org.ternsim.kernels.format.I2sLayout;
import org.ternsim.kernels.format.I2sPacker;
import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.gemv.A16Activations;
import org.ternsim.kernels.gemv.A16Format;
import org.ternsim.kernels.quant.Int4Activations;
import org.ternsim.kernels.quant.Int8Activations;
import org.ternsim.kernels.quant.TernaryWeights;

final class BenchData {

    private BenchData() {
    }

    /** "MxK" as {M, K}. */
    static int[] shape(String shape) {
        String[] dims = shape.split("x");
        return new int[] {Integer.parseInt(dims[0]), Integer.parseInt(dims[1])};
    }

    /** Uniform random trits (about 1/3 zeros, as absmean-quantized Gaussian weights give). */
    static I2sWeights weights(Random random, int rows, int cols) {
        byte[] trits = new byte[rows * cols];
        for (int i = 0; i < trits.length; i++) {
            trits[i] = (byte) (random.nextInt(3) - 1);
        }
        return I2sPacker.pack(new TernaryWeights(rows, cols, trits, 0.75f), I2sLayout.X86_128);
    }

    static Int8Activations[] int8(Random random, int tokens, int cols) {
        Int8Activations[] x = new Int8Activations[tokens];
        for (int t = 0; t < tokens; t++) {
            byte[] codes = new byte[cols];
            random.nextBytes(codes);
            x[t] = Int8Activations.of(codes, 20f);
        }
        return x;
    }

    static Int4Activations[] int4(Random random, int tokens, int cols) {
        Int4Activations[] x = new Int4Activations[tokens];
        for (int t = 0; t < tokens; t++) {
            byte[] codes = new byte[cols];
            for (int k = 0; k < cols; k++) {
                codes[k] = (byte) (random.nextInt(16) - 8);
            }
            x[t] = Int4Activations.of(codes, 2f);
        }
        return x;
    }

    /** Gaussian activations as 16-bit patterns (bf16 by truncation; f16 exponent clamped to the normal range). */
    static A16Activations[] a16(Random random, int tokens, int cols, A16Format format) {
        A16Activations[] x = new A16Activations[tokens];
        for (int t = 0; t < tokens; t++) {
            short[] bits = new short[cols];
            for (int k = 0; k < cols; k++) {
                int f = Float.floatToRawIntBits((float) random.nextGaussian());
                bits[k] = format == A16Format.BF16 ? (short) (f >>> 16)
                        : (short) ((f >>> 16) & 0x8000 | Math.max(1, Math.min(30, ((f >>> 23) & 0xFF) - 112)) << 10
                                | (f >>> 13) & 0x3FF);
            }
            x[t] = new A16Activations(bits, format);
        }
        return x;
    }
}
