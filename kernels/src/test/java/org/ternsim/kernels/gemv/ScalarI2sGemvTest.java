// The scalar reference against an independent computation from the unpacked trits, and the epilogue's formula.
package org.ternsim.kernels.gemv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ternsim.kernels.format.I2sLayout;
import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.quant.Int8Activations;
import org.ternsim.kernels.quant.TernaryWeights;

class ScalarI2sGemvTest {

    private final I2sGemv scalar = new ScalarI2sGemv();

    @ParameterizedTest
    @EnumSource(I2sLayout.class)
    void rawDotIsSignedDotPlusActivationSum(I2sLayout layout) {
        Random random = new Random(7);
        for (int rows : new int[] {1, 3, 17, 33}) {
            for (int cols : new int[] {128, 256, 384, 1024, 2560, 6912}) {
                TernaryWeights t = GemvFixtures.randomTrits(random, rows, cols);
                I2sWeights w = GemvFixtures.pack(t, layout);
                Int8Activations x = GemvFixtures.randomCodes(random, cols);
                float[] y = new float[rows];
                scalar.gemv(w, x, y);
                for (int row = 0; row < rows; row++) {
                    long signed = GemvFixtures.naiveSignedDot(t, row, x.codes());
                    assertEquals(signed + x.sum(), scalar.dotRaw(w, row, x.codes()), rows + "x" + cols + " row " + row);
                    // Both int-to-float conversions are exact below 2^24, so the epilogue equals (float) sum t*q.
                    assertEquals((float) signed / x.scale() * t.scale(), y[row], rows + "x" + cols + " row " + row);
                }
            }
        }
    }

    @Test
    void epilogueSubtractsTheOffsetThenDividesThenScales() {
        assertEquals(((float) 1000 - (float) 24) / 3f * 0.5f, I2sEpilogue.output(1000, 24, 3f, 0.5f));
        assertEquals(162.66667f, I2sEpilogue.output(1000, 24, 3f, 0.5f));
        assertEquals(-0.0f, I2sEpilogue.output(5, 5, -1f, 1f));
    }

    @Test
    void rejectsMismatchedShapes() {
        I2sWeights w = GemvFixtures.pack(GemvFixtures.constantTrits(2, 128, 1), I2sLayout.X86_128);
        assertThrows(IllegalArgumentException.class, () -> scalar.dotRaw(w, 0, new byte[64]));
        assertThrows(IndexOutOfBoundsException.class, () -> scalar.dotRaw(w, 2, new byte[128]));
        Int8Activations x = Int8Activations.of(new byte[128], 1f);
        assertThrows(IllegalArgumentException.class, () -> scalar.gemv(w, x, new float[3]));
    }
}
