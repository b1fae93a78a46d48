// Test data for the GEMM tests: random trits and activations of every kind, boundary fills, and shape lists.
package org.ternsim.kernels.gemm;

import java.util.List;
import java.util.Random;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.ternsim.kernels.format.I2sLayout;
import org.ternsim.kernels.format.I2sPacker;
import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.gemv.A16Activations;
import org.ternsim.kernels.gemv.A16Format;
import org.ternsim.kernels.quant.Int4Activations;
import org.ternsim.kernels.quant.Int8Activations;
import org.ternsim.kernels.quant.TernaryWeights;

final class GemmFixtures {

    static final int[] BITS = {128, 256, 512};
    static final int[] ROWS = {1, 3, 15, 16, 17, 31, 33, 127, 128, 129, 255, 256, 257, 1000};
    static final int[] TOKENS = {1, 2, 3, 4, 5, 8, 17};
    /** The default tiling, one that splits blocks unevenly, and one with no token parallelism. */
    static final List<GemmTiling> TILINGS = List.of(GemmTiling.X86_DEFAULT, new GemmTiling(9, 7, 8),
            new GemmTiling(3, 1, 1));

    private GemmFixtures() {
    }

    static VectorSpecies<Byte> bytes(int bits) {
        return VectorSpecies.of(byte.class, VectorShape.forBitSize(bits));
    }

    static VectorSpecies<Float> floats(int bits) {
        return VectorSpecies.of(float.class, VectorShape.forBitSize(bits));
    }

    static I2sWeights weights(Random random, int rows, int cols, I2sLayout layout) {
        byte[] trits = new byte[rows * cols];
        for (int i = 0; i < trits.length; i++) {
            trits[i] = (byte) (random.nextInt(3) - 1);
        }
        return I2sPacker.pack(new TernaryWeights(rows, cols, trits, 0.5f + random.nextFloat()), layout);
    }

    static I2sWeights constantWeights(int rows, int cols, int trit) {
        byte[] trits = new byte[rows * cols];
        java.util.Arrays.fill(trits, (byte) trit);
        return I2sPacker.pack(new TernaryWeights(rows, cols, trits, 0.0625f), I2sLayout.X86_128);
    }

    static Int8Activations[] int8(Random random, int n, int cols) {
        Int8Activations[] x = new Int8Activations[n];
        for (int t = 0; t < n; t++) {
            byte[] codes = new byte[cols];
            random.nextBytes(codes);
            x[t] = Int8Activations.of(codes, 1f + 100 * random.nextFloat());
        }
        return x;
    }

    static Int4Activations[] int4(Random random, int n, int cols) {
        Int4Activations[] x = new Int4Activations[n];
        for (int t = 0; t < n; t++) {
            byte[] codes = new byte[cols];
            for (int k = 0; k < cols; k++) {
                codes[k] = (byte) (random.nextInt(16) - 8);
            }
            x[t] = Int4Activations.of(codes, 0.5f + 3 * random.nextFloat());
        }
        return x;
    }

    /** Random finite values of moderate range in {@code format}, so sums neither overflow nor vanish. */
    static A16Activations[] a16(Random random, int n, int cols, A16Format format) {
        A16Activations[] x = new A16Activations[n];
        for (int t = 0; t < n; t++) {
            short[] bits = new short[cols];
            for (int k = 0; k < cols; k++) {
                float v = (float) (random.nextGaussian() * 4);
                bits[k] = format == A16Format.BF16 ? (short) (Float.floatToRawIntBits(v) >>> 16) : half(v);
            }
            x[t] = new A16Activations(bits, format);
        }
        return x;
    }

    /** A binary16 pattern near v (truncating; tests only need valid patterns, not rounding). */
    static short half(float v) {
        int f = Float.floatToRawIntBits(v);
        int sign = (f >>> 16) & 0x8000;
        int exponent = ((f >>> 23) & 0xFF) - 127 + 15;
        if (exponent <= 0) {
            return (short) sign;
        }
        if (exponent >= 31) {
            return (short) (sign | 0x7BFF);
        }
        return (short) (sign | exponent << 10 | (f >>> 13) & 0x3FF);
    }

    static float[][] outputs(int n, int rows) {
        return new float[n][rows];
    }

    static void assertSameBits(float[][] expected, float[][] actual, String what) {
        for (int t = 0; t < expected.length; t++) {
            for (int row = 0; row < expected[t].length; row++) {
                if (Float.floatToRawIntBits(expected[t][row]) != Float.floatToRawIntBits(actual[t][row])) {
                    org.junit.jupiter.api.Assertions.fail(what + " token " + t + " row " + row + ": expected "
                            + expected[t][row] + " got " + actual[t][row]);
                }
            }
        }
    }

    static List<VectorSpecies<Byte>> byteSpecies() {
        return List.of(ByteVector.SPECIES_128, ByteVector.SPECIES_256, ByteVector.SPECIES_512);
    }

    static List<VectorSpecies<Float>> floatSpecies() {
        return List.of(FloatVector.SPECIES_128, FloatVector.SPECIES_256, FloatVector.SPECIES_512);
    }
}
