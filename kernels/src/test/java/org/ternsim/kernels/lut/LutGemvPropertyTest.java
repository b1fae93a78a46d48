// Random shapes, BK and data: TL1/TL2 equal the exact sum of t*q within the limits, and Panama equals scalar always.
package org.ternsim.kernels.lut;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.ternsim.kernels.quant.Int8Activations;
import org.ternsim.kernels.quant.TernaryWeights;

class LutGemvPropertyTest {

    @Property(tries = 120)
    void tl1ExactWithinLimitAndPanamaEqualsScalar(@ForAll @IntRange(min = 1, max = 40) int rows,
                                                  @ForAll @IntRange(min = 1, max = 300) int pairs,
                                                  @ForAll @IntRange(min = 1, max = 80) int bkQuads,
                                                  @ForAll long seed) {
        Random random = new Random(seed);
        int cols = 2 * pairs;
        int bk = 4 * bkQuads; // up to 320: over the limit too, where only scalar == Panama is claimed
        TernaryWeights t = LutFixtures.randomTrits(random, rows, cols);
        Int8Activations x = randomCodes(random, cols);
        Tl1Weights w = Tl1Packer.pack(t, bk);
        ScalarTl1Gemv scalar = new ScalarTl1Gemv();
        if (bk <= 256 && min(x.codes()) > -128) {
            for (int row = 0; row < rows; row++) {
                assertEquals(LutFixtures.exactDot(t, row, x.codes()), scalar.dot(w, row, x.codes()));
            }
        }
        float[] expected = new float[rows];
        scalar.gemv(w, x, expected);
        for (int bits : LutFixtures.BITS) {
            float[] actual = new float[rows];
            new PanamaTl1Gemv(bits).gemv(w, x, actual);
            for (int row = 0; row < rows; row++) {
                assertEquals(Float.floatToRawIntBits(expected[row]), Float.floatToRawIntBits(actual[row]),
                        bits + "-bit " + rows + "x" + cols + " BK " + bk + " row " + row);
            }
        }
    }

    @Property(tries = 120)
    void tl2ExactWithinLimitAndPanamaEqualsScalar(@ForAll @IntRange(min = 1, max = 40) int rows,
                                                  @ForAll @IntRange(min = 1, max = 50) int bkSixes,
                                                  @ForAll @IntRange(min = 0, max = 4) int blocks,
                                                  @ForAll @IntRange(min = 0, max = 8) int pairChunks,
                                                  @ForAll long seed) {
        Random random = new Random(seed);
        int bk = 6 * bkSixes; // up to 300: over the limit too, where only scalar == Panama is claimed
        int twoK = Math.min(32 * pairChunks, bk / 32 * 32);
        int cols = blocks * bk + twoK;
        if (cols == 0) {
            cols = bk >= 32 ? 32 : bk;
            twoK = cols == 32 ? 32 : 0;
        }
        TernaryWeights t = LutFixtures.randomTrits(random, rows, cols);
        Int8Activations x = randomCodes(random, cols);
        Tl2Weights w = Tl2Packer.pack(t, bk);
        ScalarTl2Gemv scalar = new ScalarTl2Gemv();
        if (bk <= 258 && min(x.codes()) > -128) {
            for (int row = 0; row < rows; row++) {
                assertEquals(LutFixtures.exactDot(t, row, x.codes()), scalar.dot(w, row, x.codes()));
            }
        }
        float[] expected = new float[rows];
        scalar.gemv(w, x, expected);
        for (int bits : LutFixtures.BITS) {
            float[] actual = new float[rows];
            new PanamaTl2Gemv(bits).gemv(w, x, actual);
            for (int row = 0; row < rows; row++) {
                assertEquals(Float.floatToRawIntBits(expected[row]), Float.floatToRawIntBits(actual[row]),
                        bits + "-bit " + rows + "x" + cols + " BK " + bk + " row " + row);
            }
        }
    }

    /** Mostly absmaxTl's range; one case in four uses all int8 codes, -128 included, with extremes favoured. */
    private static Int8Activations randomCodes(Random random, int cols) {
        byte[] codes = new byte[cols];
        boolean full = random.nextInt(4) == 0;
        for (int k = 0; k < cols; k++) {
            int r = random.nextInt(8);
            codes[k] = (byte) (r == 0 ? 127 : r == 1 ? (full ? -128 : -127) : random.nextInt(255) - 127);
        }
        return Int8Activations.of(codes, 0.5f + 50 * random.nextFloat());
    }

    private static int min(byte[] codes) {
        int min = 127;
        for (byte q : codes) {
            min = Math.min(min, q);
        }
        return min;
    }
}
