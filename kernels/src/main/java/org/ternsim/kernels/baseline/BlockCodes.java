// Reads the integer weight codes of one block where ggml's dequantize_row_* reads them.
package org.ternsim.kernels.baseline;

/**
 * Signed integer codes of one block, in value order. Shared by the dequantizers and the scalar GEMV, so both read
 * each value from the same bits. Offsets are of the block's first byte.
 */
final class BlockCodes {

    /** {@code pow3[n]} moves trit n of a TQ1_0 byte to the top: (uint8)(q * 3^n), then the trit is (that * 3) >> 8. */
    private static final int[] POW3 = {1, 3, 9, 27, 81, 243};

    private BlockCodes() {
    }

    /** Q4_0 (dequantize_row_q4_0): value j is the low nibble of qs[j] minus 8, value j + 16 its high nibble minus 8. */
    static void q4_0(byte[] src, int off, byte[] codes) {
        for (int j = 0; j < 16; j++) {
            int q = src[off + 2 + j] & 0xFF;
            codes[j] = (byte) ((q & 0x0F) - 8);
            codes[j + 16] = (byte) ((q >>> 4) - 8);
        }
    }

    /**
     * Q6_K (dequantize_row_q6_K): per half n of 128 values and l < 32, values n + l, + 32, + 64, + 96 take the low
     * nibble of ql[l], the low nibble of ql[l + 32], the high nibble of ql[l], the high nibble of ql[l + 32], with bits
     * 0-1, 2-3, 4-5, 6-7 of qh[l] on top, minus 32. ql advances 64 and qh 32 per half.
     */
    static void q6K(byte[] src, int off, byte[] codes) {
        for (int half = 0; half < 2; half++) {
            int ql = off + 64 * half;
            int qh = off + 128 + 32 * half;
            int y = 128 * half;
            for (int l = 0; l < 32; l++) {
                int lo = src[ql + l] & 0xFF;
                int hi = src[ql + l + 32] & 0xFF;
                int h = src[qh + l] & 0xFF;
                codes[y + l] = (byte) (((lo & 0xF) | (h & 3) << 4) - 32);
                codes[y + l + 32] = (byte) (((hi & 0xF) | ((h >>> 2) & 3) << 4) - 32);
                codes[y + l + 64] = (byte) (((lo >>> 4) | ((h >>> 4) & 3) << 4) - 32);
                codes[y + l + 96] = (byte) (((hi >>> 4) | ((h >>> 6) & 3) << 4) - 32);
            }
        }
    }

    /** Q6_K sub-block scale j (of 16), int8. */
    static int q6KScale(byte[] src, int off, int j) {
        return src[off + 192 + j];
    }

    /**
     * Q2_K (dequantize_row_q2_K): per half n of 128 values, value 128 n + 32 s + l (l < 32) is bits 2s..2s+1 of
     * qs[32 n + l], in [0, 3]; qs starts after the 16 scale bytes.
     */
    static void q2K(byte[] src, int off, byte[] codes) {
        for (int half = 0; half < 2; half++) {
            for (int s = 0; s < 4; s++) {
                for (int l = 0; l < 32; l++) {
                    codes[128 * half + 32 * s + l] = (byte) ((src[off + 16 + 32 * half + l] >>> (2 * s)) & 3);
                }
            }
        }
    }

    /** Q2_K sub-block byte j (of 16): the scale index in the low nibble, the min index in the high nibble. */
    static int q2KScales(byte[] src, int off, int j) {
        return src[off + j] & 0xFF;
    }

    /** Q2_K's mins term of block {@code blk}: per sub-block j, its min index times the activations' sum there. */
    static int q2KMins(byte[] src, int off, int[] sums, int blk) {
        int summs = 0;
        for (int j = 0; j < 16; j++) {
            summs += (q2KScales(src, off, j) >>> 4) * sums[16 * blk + j];
        }
        return summs;
    }

    /** TQ2_0 (dequantize_row_tq2_0): value 4j + 32l + m is bits 2l..2l+1 of qs[j + m] minus 1 (j in {0, 32}). */
    static void tq2_0(byte[] src, int off, byte[] codes) {
        for (int j = 0; j < 64; j += 32) {
            for (int l = 0; l < 4; l++) {
                for (int m = 0; m < 32; m++) {
                    codes[4 * j + 32 * l + m] = (byte) (((src[off + j + m] >>> (2 * l)) & 3) - 1);
                }
            }
        }
    }

    /**
     * TQ1_0 (dequantize_row_tq1_0): values 0..159 are trit n of qs[m] at 32n + m, values 160..239 trit n of
     * qs[32 + m] at 160 + 16n + m, values 240..255 trit n of qh[j] at 240 + 4n + j; each minus 1.
     */
    static void tq1_0(byte[] src, int off, byte[] codes) {
        for (int n = 0; n < 5; n++) {
            for (int m = 0; m < 32; m++) {
                codes[32 * n + m] = trit(src[off + m], n);
            }
            for (int m = 0; m < 16; m++) {
                codes[160 + 16 * n + m] = trit(src[off + 32 + m], n);
            }
        }
        for (int n = 0; n < 4; n++) {
            for (int j = 0; j < 4; j++) {
                codes[240 + 4 * n + j] = trit(src[off + 48 + j], n);
            }
        }
    }

    /** Trit n (0 = most significant) of a TQ1_0 byte, minus 1. */
    static byte trit(byte packed, int n) {
        int q = (packed * POW3[n]) & 0xFF;
        return (byte) (((q * 3) >>> 8) - 1);
    }
}
