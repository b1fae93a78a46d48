// The activation row of a baseline GEMV, prepared once for the Vector API bodies.
package org.ternsim.kernels.baseline;

/**
 * The activation row prepared once per GEMV: F32 values, or int16 codes in the kernel's read order with the
 * block scales as floats ({@code natural}: codes in value order, for the scalar fallback blocks).
 */
final class BaselineActivations {
    final float[] floats;
    final short[] codes;
    final short[] natural;
    final float[] scales;
    /** Q8_K's stored bsums (sums of the codes per 16 values), for Q2_K's mins term; null for other weights. */
    final int[] sums;

    private BaselineActivations(float[] floats, short[] codes, short[] natural, float[] scales, int[] sums) {
        this.floats = floats;
        this.codes = codes;
        this.natural = natural;
        this.scales = scales;
        this.sums = sums;
    }

    /** {@code lanes}: int16 lanes of the width (8, 16 or 32); only TQ1_0's order depends on it. */
    static BaselineActivations of(BlockFormat weights, BlockTensor x, int lanes) {
        if (weights == BlockFormat.F32 || weights == BlockFormat.F16) {
            return new BaselineActivations(x.dequantize(), null, null, null, null);
        }
        byte[] ad = x.data();
        int nb = x.cols() / x.type().blockSize();
        int bs = x.type().blockSize();
        int bb = x.type().blockBytes();
        int head = bb == 34 ? 2 : 4;
        short[] natural = new short[x.cols()];
        float[] scales = new float[nb];
        for (int blk = 0; blk < nb; blk++) {
            int ao = blk * bb;
            scales[blk] = bb == 34 ? LittleEndian.f16(ad, ao) : LittleEndian.f32(ad, ao);
            for (int k = 0; k < bs; k++) {
                natural[blk * bs + k] = ad[ao + head + k];
            }
        }
        if (weights == BlockFormat.Q2_K) {
            int[] sums = new int[x.cols() / 16];
            for (int j = 0; j < sums.length; j++) {
                sums[j] = LittleEndian.i16(ad, j / 16 * bb + 260 + 2 * (j % 16));
            }
            return new BaselineActivations(null, natural, natural, scales, sums);
        }
        if (weights != BlockFormat.TQ1_0) {
            return new BaselineActivations(null, natural, natural, scales, null);
        }
        int span = tq1Span(lanes);
        short[] codes = new short[5 * span * nb];
        for (int blk = 0; blk < nb; blk++) {
            for (int c = 0; c < span; c += lanes) {
                for (int n = 0; n < 5; n++) {
                    for (int l = 0; l < lanes; l++) {
                        int value = tq1Value(c + l, n);
                        codes[5 * span * blk + 5 * c + n * lanes + l] =
                                value < 0 ? 0 : natural[256 * blk + value];
                    }
                }
            }
        }
        return new BaselineActivations(null, codes, natural, scales, null);
    }

    /** The value index that digit n of TQ1_0 code byte {@code b} holds, or -1 (padding digit, not a code byte). */
    private static int tq1Value(int b, int n) {
        if (b < 32) {
            return 32 * n + b;
        }
        if (b < 48) {
            return 160 + 16 * n + b - 32;
        }
        if (b < 52 && n < 4) {
            return 240 + 4 * n + b - 48;
        }
        return -1;
    }

    /** TQ1_0 code bytes read per block at {@code lanes} int16 lanes: 52 rounded up to whole vectors. */
    static int tq1Span(int lanes) {
        return (52 + lanes - 1) / lanes * lanes;
    }
}
