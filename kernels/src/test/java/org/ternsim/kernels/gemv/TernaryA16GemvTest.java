// W1.58A16 GEMV: scalar == Vector API bit for bit at every width, including inf, NaN, subnormal and extreme inputs.
package org.ternsim.kernels.gemv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;
import org.ternsim.kernels.format.I2sLayout;
import org.ternsim.kernels.format.I2sWeights;

class TernaryA16GemvTest {

    private static final int[] ROWS = {1, 3, 15, 16, 17, 31, 33, 127, 128, 129, 255, 256, 257, 1000};
    private static final int[] COLS = {128, 256, 384, 1024, 2560, 6912};
    private static final long MAX_VALUES = 200_000;
    private static final VectorSpecies<Float>[] SPECIES = speciesList();

    @Test
    void panamaEqualsScalarOnAwkwardShapes() {
        Random random = new Random(16);
        for (A16Format format : A16Format.values()) {
            for (int rows : ROWS) {
                for (int cols : COLS) {
                    if (rows > 1 && (long) rows * cols > MAX_VALUES) {
                        continue;
                    }
                    I2sLayout layout = rows % 2 == 0 ? I2sLayout.ARM_64 : I2sLayout.X86_128;
                    I2sWeights w = GemvFixtures.pack(GemvFixtures.randomTrits(random, rows, cols), layout);
                    assertSame(w, randomBits(random, cols, format), format + " " + rows + "x" + cols);
                }
            }
        }
    }

    @Test
    void smallIntegersSumExactly() {
        // Integer activations below 2^24 in total make every rounding exact: y = (sum t*x) * w_scale.
        Random random = new Random(5);
        int cols = 2560;
        I2sWeights w = GemvFixtures.pack(GemvFixtures.randomTrits(random, 3, cols), I2sLayout.X86_128);
        short[] bits = new short[cols];
        for (int k = 0; k < cols; k++) {
            bits[k] = (short) (Float.floatToRawIntBits(random.nextInt(200) - 100) >>> 16);
        }
        A16Activations x = new A16Activations(bits, A16Format.BF16);
        float[] y = new float[3];
        new ScalarTernaryA16Gemv().gemv(w, x, y);
        float[] xf = x.toFloats();
        for (int row = 0; row < 3; row++) {
            long sum = 0;
            for (int k = 0; k < cols; k++) {
                sum += (long) (org.ternsim.kernels.format.I2sPacker.code(w, row, k) - 1) * (long) xf[k];
            }
            assertEquals(sum * w.scale(), y[row], "row " + row);
        }
    }

    @Test
    void specialValuesAndConstantWeights() {
        short[] specials = {0x7C00, (short) 0xFC00, 0x7E00, 0x7C01, 0x0001, (short) 0x8001, 0x03FF, 0x7BFF,
            (short) 0xFBFF, (short) 0x8000, 0x0000, 0x3C00};
        Random random = new Random(99);
        for (int cols : new int[] {128, 6912}) {
            for (int trit = -1; trit <= 1; trit++) {
                I2sWeights w = GemvFixtures.pack(GemvFixtures.constantTrits(5, cols, trit), I2sLayout.X86_128);
                for (short special : specials) {
                    short[] all = new short[cols];
                    Arrays.fill(all, special);
                    assertSame(w, new A16Activations(all, A16Format.F16), "all " + special + " trit " + trit);
                    short[] one = randomBits(random, cols, A16Format.F16).bits();
                    one[random.nextInt(cols)] = special;
                    assertSame(w, new A16Activations(one, A16Format.F16), "one " + special + " trit " + trit);
                }
                short[] huge = new short[cols];
                Arrays.fill(huge, (short) 0x7F7F); // bf16 near Float.MAX_VALUE: sums overflow to infinity
                assertSame(w, new A16Activations(huge, A16Format.BF16), "bf16 max trit " + trit);
            }
        }
    }

    @Test
    void infinityTimesZeroWeightIsCanonicalNaN() {
        I2sWeights w = GemvFixtures.pack(GemvFixtures.constantTrits(1, 128, 0), I2sLayout.X86_128);
        short[] bits = new short[128];
        bits[7] = 0x7C00;
        float[] y = new float[1];
        new ScalarTernaryA16Gemv().gemv(w, new A16Activations(bits, A16Format.F16), y);
        assertEquals(0x7FC0_0000, Float.floatToRawIntBits(y[0]));
    }

    static A16Activations randomBits(Random random, int cols, A16Format format) {
        short[] bits = new short[cols];
        for (int k = 0; k < cols; k++) {
            float v = (float) (random.nextGaussian() * 8);
            int f = Float.floatToRawIntBits(v);
            bits[k] = format == A16Format.BF16 ? (short) (f >>> 16)
                    : (short) ((f >>> 16) & 0x8000 | Math.max(1, Math.min(30, ((f >>> 23) & 0xFF) - 112)) << 10
                            | (f >>> 13) & 0x3FF);
        }
        return new A16Activations(bits, format);
    }

    private static void assertSame(I2sWeights w, A16Activations x, String what) {
        float[] expected = new float[w.rows()];
        new ScalarTernaryA16Gemv().gemv(w, x, expected);
        for (VectorSpecies<Float> species : SPECIES) {
            float[] actual = new float[w.rows()];
            new PanamaTernaryA16Gemv(species).gemv(w, x, actual);
            for (int row = 0; row < w.rows(); row++) {
                assertEquals(Float.floatToRawIntBits(expected[row]), Float.floatToRawIntBits(actual[row]),
                        species.vectorBitSize() + "-bit " + what + " row " + row);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static VectorSpecies<Float>[] speciesList() {
        return new VectorSpecies[] {FloatVector.SPECIES_128, FloatVector.SPECIES_256, FloatVector.SPECIES_512};
    }
}
