// TQ1_0: 256 ternary values per block, 5 trits per byte in base 3 (1.6875 bits per value), fp16 scale d = amax.
package org.ternsim.kernels.baseline;

/**
 * {@code quantize_row_tq1_0_ref}: d = max |x|; trit t = lroundf(x / d); five digits t + 1 form q = sum 3^(4-n) (t_n + 1)
 * (digit 0 most significant), stored as ceil(q * 256 / 243) so that digit n is the top of (uint8)(byte * 3^n) * 3.
 * qs[m] (m < 32) holds values m + 32n, qs[32 + m] (m < 16) values 160 + m + 16n, qh[j] (j < 4) values 240 + j + 4n for
 * n < 4 with the fifth digit 0. {@code dequantize_row_tq1_0}: y = (float) (t) * fp16(d).
 */
final class Tq1_0Codec implements RowCodec {

    private final byte[] codes = new byte[256];

    @Override
    public void quantize(float[] x, int xOff, int k, byte[] dst, int dstOff) {
        for (int b = 0; b < k / 256; b++) {
            int in = xOff + 256 * b;
            int out = dstOff + 54 * b;
            float id = Tq2_0Codec.inverseAmax(x, in, dst, out + 52);
            for (int m = 0; m < 32; m++) {
                dst[out + m] = pack(x, in + m, 32, 5, id);
            }
            for (int m = 0; m < 16; m++) {
                dst[out + 32 + m] = pack(x, in + 160 + m, 16, 5, id);
            }
            for (int j = 0; j < 4; j++) {
                dst[out + 48 + j] = pack(x, in + 240 + j, 4, 4, id);
            }
        }
    }

    /** {@code digits} trits of x[first + stride * n], base 3, most significant first, padded to five digits. */
    private static byte pack(float[] x, int first, int stride, int digits, float id) {
        int q = 0;
        for (int n = 0; n < digits; n++) {
            q = q * 3 + CRounding.roundHalfAway(x[first + stride * n] * id) + 1;
        }
        for (int n = digits; n < 5; n++) {
            q *= 3;
        }
        q &= 0xFF; // C keeps q in a uint8_t; valid trits never exceed 242
        return (byte) ((q * 256 + 242) / 243);
    }

    @Override
    public void dequantize(byte[] src, int srcOff, int k, float[] y, int yOff) {
        for (int b = 0; b < k / 256; b++) {
            int in = srcOff + 54 * b;
            float d = LittleEndian.f16(src, in + 52);
            BlockCodes.tq1_0(src, in, codes);
            for (int i = 0; i < 256; i++) {
                y[yOff + 256 * b + i] = (float) codes[i] * d;
            }
        }
    }
}
