// LUT GEMMs (TL1, TL2, TL2_0, T-MAC): each token's row equals the scalar GEMV of that token, at every vector width.
package org.ternsim.kernels.lut;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ternsim.kernels.quant.Int8Activations;
import org.ternsim.kernels.quant.TernaryWeights;
import org.ternsim.kernels.tmac.PanamaTmacGemv;
import org.ternsim.kernels.tmac.ScalarTmacGemv;
import org.ternsim.kernels.tmac.TmacPacker;
import org.ternsim.kernels.tmac.TmacWeights;

class LutGemmTest {

    private static final int ROWS = 33;
    private static final int COLS = 384;
    private static final int TOKENS = 5;

    private final Random random = new Random(11);
    private final TernaryWeights t = LutFixtures.randomTrits(random, ROWS, COLS);

    @Test
    void int8LutGemmsEqualTheScalarGemvPerToken() {
        Int8Activations[] tokens = new Int8Activations[TOKENS];
        for (int i = 0; i < TOKENS; i++) {
            tokens[i] = LutFixtures.randomTlCodes(random, COLS);
        }
        Tl1Weights w1 = Tl1Packer.pack(t, 128);
        Tl2Weights w2 = Tl2Packer.pack(t, 96);
        float[][] expected1 = new float[TOKENS][ROWS];
        float[][] expected2 = new float[TOKENS][ROWS];
        for (int i = 0; i < TOKENS; i++) {
            new ScalarTl1Gemv().gemv(w1, tokens[i], expected1[i]);
            new ScalarTl2Gemv().gemv(w2, tokens[i], expected2[i]);
        }
        for (int bits : LutFixtures.BITS) {
            float[][] y1 = new float[TOKENS][ROWS];
            new PanamaTl1Gemv(bits).gemm(w1, tokens, y1);
            float[][] y2 = new float[TOKENS][ROWS];
            new PanamaTl2Gemv(bits).gemm(w2, tokens, y2);
            for (int i = 0; i < TOKENS; i++) {
                assertArrayEquals(expected1[i], y1[i], "TL1 token " + i + " at " + bits);
                assertArrayEquals(expected2[i], y2[i], "TL2 token " + i + " at " + bits);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new ScalarTl1Gemv().gemm(w1, tokens, new float[2][ROWS]));
    }

    @Test
    void floatTableGemmsEqualTheScalarGemvPerToken() {
        float[][] tokens = new float[TOKENS][COLS];
        for (float[] x : tokens) {
            for (int k = 0; k < COLS; k++) {
                x[k] = (float) random.nextGaussian();
            }
        }
        Tl2Weights w2 = Tl2Packer.pack(t, 96);
        TmacWeights wt = TmacPacker.pack(t);
        float[][] expected20 = new float[TOKENS][ROWS];
        float[][] expectedT = new float[TOKENS][ROWS];
        for (int i = 0; i < TOKENS; i++) {
            new ScalarTl20Gemv().gemv(w2, tokens[i], expected20[i]);
            new ScalarTmacGemv().gemv(wt, tokens[i], expectedT[i]);
        }
        for (int bits : LutFixtures.BITS) {
            float[][] y20 = new float[TOKENS][ROWS];
            new PanamaTl20Gemv(bits).gemm(w2, tokens, y20);
            float[][] yt = new float[TOKENS][ROWS];
            PanamaTmacGemv.forBits(bits).gemm(wt, tokens, yt);
            for (int i = 0; i < TOKENS; i++) {
                assertArrayEquals(expected20[i], y20[i], "TL2_0 token " + i + " at " + bits);
                assertArrayEquals(expectedT[i], yt[i], "T-MAC token " + i + " at " + bits);
            }
        }
    }
}
