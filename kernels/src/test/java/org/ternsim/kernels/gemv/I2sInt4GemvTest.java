// Ternary x INT4: the scalar kernel against an independent sum t*q, the Vector API kernel against the scalar one.
package org.ternsim.kernels.gemv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;
import org.ternsim.kernels.format.I2sLayout;
import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.quant.Int4Activations;
import org.ternsim.kernels.quant.TernaryWeights;

class I2sInt4GemvTest {

    private static final int[] ROWS = {1, 3, 15, 16, 17, 31, 33, 127, 128, 129, 255, 256, 257, 1000};
    private static final int[] COLS = {128, 256, 384, 1024, 2560, 6912};
    private static final long MAX_VALUES = 300_000;

    @Test
    void scalarIsTheSignedSumThroughTheI2sEpilogue() {
        Random random = new Random(48);
        for (int rows : new int[] {1, 3, 17}) {
            for (int cols : COLS) {
                TernaryWeights t = GemvFixtures.randomTrits(random, rows, cols);
                I2sWeights w = GemvFixtures.pack(t, I2sLayout.X86_128);
                Int4Activations x = randomInt4(random, cols);
                float[] y = new float[rows];
                new ScalarI2sInt4Gemv().gemv(w, x, y);
                for (int row = 0; row < rows; row++) {
                    long signed = 0;
                    for (int k = 0; k < cols; k++) {
                        signed += (long) t.trits()[row * cols + k] * x.codes()[k];
                    }
                    float expected = ((float) (signed + x.sum()) - (float) x.sum()) / x.scale() * w.scale();
                    assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(y[row]),
                            rows + "x" + cols + " row " + row);
                }
            }
        }
    }

    @Test
    void panamaEqualsScalarOnAwkwardShapes() {
        Random random = new Random(4);
        for (VectorSpecies<Byte> species : GemvFixtures.SPECIES) {
            I2sInt4Gemv panama = new PanamaI2sInt4Gemv(species);
            for (int rows : ROWS) {
                for (int cols : COLS) {
                    if (rows > 1 && (long) rows * cols > MAX_VALUES) {
                        continue;
                    }
                    I2sWeights w = GemvFixtures.pack(GemvFixtures.randomTrits(random, rows, cols), I2sLayout.X86_128);
                    assertSame(panama, w, randomInt4(random, cols), rows + "x" + cols);
                }
            }
        }
    }

    @Test
    void extremeCodesAndConstantWeights() {
        for (int cols : new int[] {128, 6912}) {
            for (int trit = -1; trit <= 1; trit++) {
                I2sWeights w = GemvFixtures.pack(GemvFixtures.constantTrits(5, cols, trit), I2sLayout.X86_128);
                for (byte code : new byte[] {-8, 7}) {
                    byte[] codes = new byte[cols];
                    Arrays.fill(codes, code);
                    Int4Activations x = Int4Activations.of(codes, 1f);
                    float[] y = new float[5];
                    new ScalarI2sInt4Gemv().gemv(w, x, y);
                    assertEquals((float) (trit * code * cols) * 0.0625f, y[0], "K=" + cols + " trit " + trit);
                    for (VectorSpecies<Byte> species : GemvFixtures.SPECIES) {
                        assertSame(new PanamaI2sInt4Gemv(species), w, x, "K=" + cols + " trit " + trit + " q " + code);
                    }
                }
            }
        }
    }

    static Int4Activations randomInt4(Random random, int cols) {
        byte[] codes = new byte[cols];
        for (int k = 0; k < cols; k++) {
            codes[k] = (byte) (random.nextInt(16) - 8);
        }
        return Int4Activations.of(codes, 0.25f + random.nextFloat());
    }

    private static void assertSame(I2sInt4Gemv panama, I2sWeights w, Int4Activations x, String what) {
        float[] expected = new float[w.rows()];
        float[] actual = new float[w.rows()];
        new ScalarI2sInt4Gemv().gemv(w, x, expected);
        panama.gemv(w, x, actual);
        for (int row = 0; row < w.rows(); row++) {
            assertEquals(Float.floatToRawIntBits(expected[row]), Float.floatToRawIntBits(actual[row]),
                    panama.name() + " " + what + " row " + row);
        }
    }
}
