// Hand-computed cases for bitnet.cpp's quantize_row_i8_s: double amax with its 1e-5 floor, half-even ties, the sum.
package org.ternsim.kernels.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class Int8QuantizerTest {

    @Test
    void tiesRoundHalfToEvenAndSumIsReturned() {
        // amax = 127, so s = 1 and q = rint(x).
        float[] x = {127f, 2.5f, -0.5f, 3.5f, -2.5f, 0.5f, -127f, 1.5f};
        Int8Activations a = Int8Quantizer.absmaxI2s(x);
        assertArrayEquals(new byte[] {127, 2, 0, 4, -2, 0, -127, 2}, a.codes());
        assertEquals(1.0f, a.scale());
        assertEquals(6, a.sum());
    }

    @Test
    void allZeroRowUsesTheAmaxFloor() {
        Int8Activations a = Int8Quantizer.absmaxI2s(new float[4]);
        assertEquals(12_700_000.0f, a.scale()); // (float) (127 / 1e-5)
        assertArrayEquals(new byte[4], a.codes());
        assertEquals(0, a.sum());
    }

    @Test
    void floorAppliesBelowTenMicro() {
        // amax = max(1e-5, 1e-6) = 1e-5; 1e-6f * 1.27e7f = 12.7 -> 13.
        Int8Activations a = Int8Quantizer.absmaxI2s(new float[] {1e-6f, -2e-6f});
        assertArrayEquals(new byte[] {13, -25}, a.codes());
        assertEquals(-12, a.sum());
    }

    @Test
    void scaleIsDoubleDivisionRoundedToFloat() {
        float[] x = {0.3f, -0.1f, 0.29f};
        Int8Activations a = Int8Quantizer.absmaxI2s(x);
        float s = (float) (127 / (double) 0.3f);
        assertEquals(s, a.scale());
        assertArrayEquals(new byte[] {127, (byte) Math.rint(-0.1f * s), (byte) Math.rint(0.29f * s)}, a.codes());
    }

    @Test
    void extremesMapToPlusMinus127() {
        Int8Activations a = Int8Quantizer.absmaxI2s(new float[] {-3.75f, 3.75f, 1e30f, -1e30f});
        assertArrayEquals(new byte[] {0, 0, 127, -127}, a.codes());
    }

    @Test
    void offsetOverloadQuantizesOnlyTheSlice() {
        float[] batch = {100f, 127f, -63.5f, 0f, 1000f};
        Int8Activations a = Int8Quantizer.absmaxI2s(batch, 1, 3);
        assertArrayEquals(new byte[] {127, -64, 0}, a.codes()); // rint(-63.5) = -64 (even)
        assertEquals(63, a.sum());
        assertThrows(IndexOutOfBoundsException.class, () -> Int8Quantizer.absmaxI2s(batch, 3, 3));
    }

    @Test
    void rejectsNonFiniteInputAndInconsistentSums() {
        assertThrows(IllegalArgumentException.class,
                () -> Int8Quantizer.absmaxI2s(new float[] {1f, Float.POSITIVE_INFINITY}));
        assertThrows(IllegalArgumentException.class, () -> new Int8Activations(new byte[] {1, 2}, 1f, 4));
        assertThrows(IllegalArgumentException.class, () -> new Int8Activations(new byte[] {1, 2}, 0f, 3));
    }
}
