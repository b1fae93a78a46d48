// Hand-checked bytes of one block of every format, derived from ggml's quantize_row_*_ref by hand.
package org.ternsim.kernels.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BlockBytesTest {

    private static byte[] quantize(BlockFormat type, float[] x) {
        return BlockTensor.quantize(type, 1, x.length, x).data();
    }

    @Test
    void floatTypesAreLittleEndian() {
        assertArrayEquals(new byte[] {0, 0, (byte) 0x80, 0x3F}, quantize(BlockFormat.F32, new float[] {1f}));
        assertArrayEquals(new byte[] {0, 0x3C}, quantize(BlockFormat.F16, new float[] {1f}));
        assertArrayEquals(new byte[] {(byte) 0x80, 0x3F}, quantize(BlockFormat.BF16, new float[] {1f}));
    }

    @Test
    void q8_0RoundsHalfAwayFromZero() {
        // amax 127 makes d = 1 (fp16 0x3C00) and id = 1, so q = roundf(x)
        float[] x = new float[32];
        float[] v = {0.5f, -0.5f, 2.5f, -2.5f, 127f, -127f, 1.49f, -3.51f};
        System.arraycopy(v, 0, x, 0, v.length);
        byte[] b = quantize(BlockFormat.Q8_0, x);
        assertEquals(34, b.length);
        assertEquals(0x00, b[0]);
        assertEquals(0x3C, b[1]);
        byte[] q = {1, -1, 3, -3, 127, -127, 1, -4};
        for (int i = 0; i < q.length; i++) {
            assertEquals(q[i], b[2 + i], "value " + v[i]);
        }
    }

    @Test
    void q4_0NibbleOrderAndTruncation() {
        // max = -8 (first largest magnitude) gives d = 1, id = 1: code = min(15, (int) (x + 8.5))
        float[] x = new float[32];
        x[0] = -8f;   // 0
        x[1] = 0.5f;  // 9 (9.0 truncated)
        x[2] = -0.5f; // 8
        x[16] = 7f;   // 15
        x[17] = 7.9f; // min(15, 16)
        x[18] = 8f;   // +8 clamps to 15
        byte[] b = quantize(BlockFormat.Q4_0, x);
        assertEquals(18, b.length);
        assertEquals(0x00, b[0]);
        assertEquals(0x3C, b[1]);
        assertEquals((byte) 0xF0, b[2]);
        assertEquals((byte) 0xF9, b[3]);
        assertEquals((byte) 0xF8, b[4]);
        assertEquals((byte) 0x88, b[5], "zeros are code 8 in both nibbles");
        float[] y = BlockTensor.quantize(BlockFormat.Q4_0, 1, 32, x).dequantize();
        assertEquals(-8f, y[0]);
        assertEquals(1f, y[1]);
        assertEquals(7f, y[16]);
        assertEquals(7f, y[18]);
    }

    @Test
    void q6KDequantizesFromHandWrittenBytes() {
        byte[] b = new byte[210];
        b[208] = 0x00;
        b[209] = 0x40; // d = 2
        b[192] = 3;    // scale of values 0..15
        b[192 + 2] = -1; // values 32..47
        b[192 + 4] = 5;  // values 64..79
        b[192 + 14] = 7; // values 224..239 (half 1, value 96 + l, l >= 0 -> sub-block 8 + 6)
        b[0] = 0x21;         // value 0 low nibble 1, value 64 low nibble 2
        b[128] = (byte) 0xE4; // qh[0]: value 0 high 0, value 32 high 1, value 64 high 2, value 96 high 3
        b[32] = 0x0F;        // value 32 low nibble 15
        b[64 + 32 + 1] = (byte) 0xA0; // half 1: ql[33] high nibble -> value 128 + 96 + 1
        b[128 + 32 + 1] = (byte) 0xC0; // half 1: qh[1] bits 6-7 = 3 -> value 225 high bits
        float[] y = new BlockTensor(BlockFormat.Q6_K, 1, 256, b).dequantize();
        assertEquals(2f * 3 * (1 - 32), y[0]);
        assertEquals(2f * -1 * ((15 | 1 << 4) - 32), y[32]);
        assertEquals(2f * 5 * ((2 | 2 << 4) - 32), y[64]);
        assertEquals(0f, y[96], "scale 0");
        assertEquals(2f * 7 * ((0xA | 3 << 4) - 32), y[225]);
        assertEquals(2f * 3 * -32, y[1]);
    }

    @Test
    void q6KOfZerosIsAllZeroBytes() {
        assertArrayEquals(new byte[210], quantize(BlockFormat.Q6_K, new float[256]));
    }

    @Test
    void tq2_0PacksCodesAtShift2n() {
        float[] x = new float[256];
        x[0] = 1f;
        x[64] = -1f;
        x[96] = 1f;
        x[128 + 33] = -1f; // j = 32, n = 1, m = 1 -> qs[33] bits 2-3
        byte[] b = quantize(BlockFormat.TQ2_0, x);
        assertEquals(66, b.length);
        assertEquals((byte) (2 | 1 << 2 | 0 << 4 | 2 << 6), b[0]);
        assertEquals((byte) 0x55, b[1], "zeros are code 1 everywhere");
        assertEquals((byte) (1 | 0 << 2 | 1 << 4 | 1 << 6), b[33]);
        assertEquals(0x00, b[64]);
        assertEquals(0x3C, b[65]);
    }

    @Test
    void tq1_0PacksFiveTritsBaseThree() {
        float[] x = new float[256];
        x[0] = 1f;   // digits of qs[0]: values 0, 32, 64, 96, 128 = +1, 0, -1, +1, 0 -> 2,1,0,2,1 -> q = 196
        x[64] = -1f;
        x[96] = 1f;
        x[240] = 1f; // qh[0]: values 240, 244, 248, 252 = +1, -1, 0, +1 -> 2,0,1,2 -> q = 59, x3 = 177
        x[244] = -1f;
        x[252] = 1f;
        byte[] b = quantize(BlockFormat.TQ1_0, x);
        assertEquals(54, b.length);
        assertEquals((byte) 207, b[0], "ceil(196 * 256 / 243)");
        assertEquals((byte) 128, b[1], "all zeros: q = 121 -> 128");
        assertEquals((byte) 128, b[40]);
        assertEquals((byte) 187, b[48], "ceil(177 * 256 / 243)");
        assertEquals((byte) 127, b[49], "four zeros: q = 40 * 3 -> 127");
        assertEquals(0x00, b[52]);
        assertEquals(0x3C, b[53]);
        float[] y = BlockTensor.quantize(BlockFormat.TQ1_0, 1, 256, x).dequantize();
        assertArrayEquals(x, y);
    }

    @Test
    void q8KUsesTheSignedMaxTiesToEvenAndBlockSums() {
        float[] x = new float[256];
        x[0] = -2f; // first largest magnitude: iscale = -127 / -2 = 63.5
        x[1] = 2f;
        x[2] = 1f;  // 63.5 -> 64 (even)
        x[3] = -1f; // -64
        x[17] = 0.5f; // 31.75 -> 32
        byte[] b = quantize(BlockFormat.Q8_K, x);
        assertEquals(292, b.length);
        assertEquals(1 / 63.5f, LittleEndian.f32(b, 0));
        assertEquals(-127, b[4]);
        assertEquals(127, b[5]);
        assertEquals(64, b[6]);
        assertEquals(-64, b[7]);
        assertEquals(32, b[4 + 17]);
        assertEquals(0, LittleEndian.i16(b, 260));
        assertEquals(32, LittleEndian.i16(b, 262));
    }

    @Test
    void invalidKNamesTheNearestValidSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BlockTensor.quantize(BlockFormat.Q6_K, 1, 257, new float[257]));
        assertTrue(e.getMessage().contains("multiple of 256"), e.getMessage());
        assertTrue(e.getMessage().contains("256 or 512"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BlockFormat.Q8_0.rowBytes(17));
        assertTrue(e.getMessage().contains("nearest valid: 32"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BlockTensor(BlockFormat.TQ1_0, 1, 256, new byte[53]));
    }
}
