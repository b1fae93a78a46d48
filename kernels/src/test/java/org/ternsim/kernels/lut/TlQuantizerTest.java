// Hand-computed cases for the TL1/TL2 activation quantizer: fp32 lut_scale without floor, half-even, zero row.
package org.ternsim.kernels.lut;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.ternsim.kernels.quant.Int8Activations;
import org.ternsim.kernels.quant.Int8Quantizer;

class TlQuantizerTest {

    @Test
    void tiesRoundHalfToEven() {
        float[] x = {127f, 2.5f, -0.5f, 3.5f, -2.5f, 0.5f, -127f, 1.5f};
        Int8Activations a = Int8Quantizer.absmaxTl(x);
        assertArrayEquals(new byte[] {127, 2, 0, 4, -2, 0, -127, 2}, a.codes());
        assertEquals(1.0f, a.scale());
        assertEquals(6, a.sum());
    }

    @Test
    void scaleIsFloatDivisionWithoutFloor() {
        float[] x = {0.3f, -0.1f, 0.29f};
        Int8Activations a = Int8Quantizer.absmaxTl(x);
        float s = 127f / 0.3f;
        assertEquals(Float.floatToRawIntBits(s), Float.floatToRawIntBits(a.scale()));
        assertArrayEquals(new byte[] {127, (byte) Math.rint(-0.1f * s), (byte) Math.rint(0.29f * s)}, a.codes());
        // Below the I2_S path's 1e-5 floor the TL path still scales to 127.
        assertArrayEquals(new byte[] {64, -127}, Int8Quantizer.absmaxTl(new float[] {1e-6f, -2e-6f}).codes());
    }

    @Test
    void matchesTheI2sPathAboveItsFloor() {
        // kernels.md §1 [D] expects the fp32 and the double-then-float divisions to differ. They cannot: 53 >= 2*24+2
        // bits, so rounding 127/amax to double and then to float equals rounding it to float once. The two paths
        // differ only by the I2_S floor of 1e-5 (and its clamp, which |q| <= 127 never hits).
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 2000; i++) {
            float[] x = new float[16];
            for (int k = 0; k < x.length; k++) {
                x[k] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(8) - 3));
            }
            Int8Activations tl = Int8Quantizer.absmaxTl(x);
            Int8Activations i2s = Int8Quantizer.absmaxI2s(x);
            assertEquals(Float.floatToRawIntBits(i2s.scale()), Float.floatToRawIntBits(tl.scale()));
            assertArrayEquals(i2s.codes(), tl.codes());
        }
    }

    @Test
    void zeroRowGetsZeroCodesAndScale127() {
        Int8Activations a = Int8Quantizer.absmaxTl(new float[] {0f, -0f, 0f});
        assertArrayEquals(new byte[3], a.codes());
        assertEquals(Int8Quantizer.ZERO_ROW_SCALE, a.scale());
        assertEquals(0, a.sum());
        // A row too small for a finite 127 / amax is treated the same way.
        Int8Activations tiny = Int8Quantizer.absmaxTl(new float[] {Float.MIN_VALUE, -Float.MIN_VALUE});
        assertArrayEquals(new byte[2], tiny.codes());
        assertEquals(127f, tiny.scale());
    }

    @Test
    void extremesStayWithin127() {
        Int8Activations a = Int8Quantizer.absmaxTl(new float[] {-3.75f, Float.MAX_VALUE, -Float.MAX_VALUE, 1e38f});
        assertArrayEquals(new byte[] {0, 127, -127, 37}, a.codes());
    }

    @Test
    void offsetOverloadAndErrors() {
        float[] batch = {100f, 127f, -63.5f, 0f, 1000f};
        Int8Activations a = Int8Quantizer.absmaxTl(batch, 1, 3);
        assertArrayEquals(new byte[] {127, -64, 0}, a.codes());
        assertThrows(IndexOutOfBoundsException.class, () -> Int8Quantizer.absmaxTl(batch, 3, 3));
        assertThrows(IllegalArgumentException.class, () -> Int8Quantizer.absmaxTl(new float[] {1f, Float.NaN}));
    }
}
