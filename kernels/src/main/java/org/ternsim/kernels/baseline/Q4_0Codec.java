// Q4_0: 32 values per block, fp16 scale d = max / -8 (signed max), 4-bit codes q + 8.
package org.ternsim.kernels.baseline;

/**
 * {@code quantize_row_q4_0_ref}: max = the first value of largest magnitude (signed); d = max / -8;
 * id = d != 0 ? 1 / d : 0; code = min(15, (int8)(x * id + 8.5f)) (truncation, float arithmetic); code of value j in
 * the low nibble of qs[j], of value j + 16 in its high nibble. {@code dequantize_row_q4_0}: y = (code - 8) * fp16(d).
 */
final class Q4_0Codec implements RowCodec {

    private final byte[] codes = new byte[32];

    @Override
    public void quantize(float[] x, int xOff, int k, byte[] dst, int dstOff) {
        for (int b = 0; b < k / 32; b++) {
            int in = xOff + 32 * b;
            int out = dstOff + 18 * b;
            float amax = 0f;
            float max = 0f;
            for (int j = 0; j < 32; j++) {
                float v = x[in + j];
                if (amax < Math.abs(v)) {
                    amax = Math.abs(v);
                    max = v;
                }
            }
            float d = max / -8;
            float id = d != 0f ? 1.0f / d : 0f;
            LittleEndian.putF16(dst, out, d);
            for (int j = 0; j < 16; j++) {
                int lo = Math.min(15, (byte) (int) (x[in + j] * id + 8.5f));
                int hi = Math.min(15, (byte) (int) (x[in + 16 + j] * id + 8.5f));
                dst[out + 2 + j] = (byte) ((lo & 0xFF) | (hi & 0xFF) << 4); // uint8_t in C, only NaN gets here negative
            }
        }
    }

    @Override
    public void dequantize(byte[] src, int srcOff, int k, float[] y, int yOff) {
        for (int b = 0; b < k / 32; b++) {
            int in = srcOff + 18 * b;
            float d = LittleEndian.f16(src, in);
            BlockCodes.q4_0(src, in, codes);
            for (int j = 0; j < 32; j++) {
                y[yOff + 32 * b + j] = codes[j] * d;
            }
        }
    }
}
