// Shape rules of the T-MAC kernel: g = 4, 2 (ternary) or 4 (int4) bit planes, K a multiple of the activation group.
package org.ternsim.kernels.tmac;

import java.util.function.IntPredicate;

/**
 * Constants and checks. T-MAC's preprocessor rejects {@code act_group_size % 32 != 0} ("TODO: modify partial_max to
 * support act_group_size % 32 != 0") and {@code K % act_group_size != 0} ({@code qgemm.py}); the same rules apply
 * here. M is free in the logical layout (the original's tiles need M * bits % bm == 0, not modelled).
 */
public final class TmacShapes {

    /** Weights per table index (T-MAC's g). */
    public static final int G = 4;
    /** Bit planes of a ternary weight (T-MAC runs BitNet as a 2-bit model): kernel {@code tmac}. */
    public static final int BITS = 2;
    /** Bit planes of an int4 weight (T-MAC's W4, e.g. Llama-2-7B W4 in its datasheet): kernel {@code tmac-w4}. */
    public static final int W4_BITS = 4;
    /** Entries per table: 2^g. */
    public static final int ENTRIES = 1 << G;
    /** T-MAC's default {@code act_group_size} (compile flag {@code -ags}, qgemm.py default 64). */
    public static final int DEFAULT_ACT_GROUP = 64;
    /** act_group_size must be a multiple of this ({@code partial_max_g4_int8_k8} handles 8 groups = 32 activations). */
    public static final int ACT_GROUP_QUANTUM = 32;
    /** Largest K: group sums stay below 2^24 (|S| <= 127 K / 4), so their int-to-float conversion is exact. */
    public static final int MAX_COLS = 1 << 16;

    private TmacShapes() {
    }

    /** Throws unless {@code bits} is {@value #BITS} or {@value #W4_BITS}, the plane counts TernSim's kernels use. */
    public static void checkBits(int bits) {
        if (bits != BITS && bits != W4_BITS) {
            throw new IllegalArgumentException("T-MAC is modelled with " + BITS + " bit planes (ternary, tmac) or "
                    + W4_BITS + " (int4, tmac-w4), got " + bits);
        }
    }

    /** The kernel name of {@code bits} planes: {@code tmac} for ternary weights, {@code tmac-w4} for int4. */
    public static String kernelName(int bits) {
        checkBits(bits);
        return bits == BITS ? "tmac" : "tmac-w" + bits;
    }

    /**
     * Weight of plane {@code plane} in the output: 2^(plane - 1), T-MAC's {@code get_bits_alphas} {1/2, 1, 2, 4}.
     * With s = 2 bit - 1 per plane, w = sum_i 2^(i-1) s_i - 1/2 = c - 2^(b-1) for every b, so the -1/2 is the same
     * plane-0 bias whatever the plane count.
     */
    public static float alpha(int plane) {
        return Math.scalb(1f, plane - 1);
    }

    /** Throws unless {@code actGroupSize} is a positive multiple of 32 and {@code cols} a positive multiple of it. */
    public static void check(int cols, int actGroupSize) {
        if (actGroupSize < ACT_GROUP_QUANTUM || actGroupSize % ACT_GROUP_QUANTUM != 0) {
            throw new IllegalArgumentException("T-MAC needs act_group_size to be a positive multiple of "
                    + ACT_GROUP_QUANTUM + " (T-MAC's partial_max works on 32 activations), got " + actGroupSize);
        }
        if (cols > MAX_COLS) {
            throw new IllegalArgumentException("T-MAC needs K <= " + MAX_COLS
                    + " so group sums convert to float exactly, got " + cols);
        }
        if (!valid(cols, actGroupSize)) {
            throw new IllegalArgumentException("T-MAC with act_group_size " + actGroupSize
                    + " needs K to be a positive multiple of it, got " + cols + "; nearest valid: "
                    + nearest(cols, k -> valid(k, actGroupSize)));
        }
    }

    /** Throws unless {@code cols} is a positive multiple of 8 (whole index bytes per plane), the weight format's rule. */
    public static void checkWeights(int cols) {
        if (cols < 8 || cols % 8 != 0 || cols > MAX_COLS) {
            throw new IllegalArgumentException("T-MAC weights need K to be a positive multiple of 8 (two 4-weight"
                    + " indices per byte) and at most " + MAX_COLS + ", got " + cols + "; nearest valid: "
                    + nearest(cols, k -> k >= 8 && k % 8 == 0 && k <= MAX_COLS));
        }
    }

    static boolean valid(int cols, int actGroupSize) {
        return cols >= actGroupSize && cols <= MAX_COLS && cols % actGroupSize == 0;
    }

    /** The valid K closest to {@code cols} (both when tied). */
    static String nearest(int cols, IntPredicate valid) {
        for (int d = 0; d <= MAX_COLS; d++) {
            boolean below = cols - d >= 1 && valid.test(cols - d);
            boolean above = valid.test(cols + d);
            if (below && above && d > 0) {
                return (cols - d) + " or " + (cols + d);
            }
            if (below) {
                return Integer.toString(cols - d);
            }
            if (above) {
                return Integer.toString(cols + d);
            }
        }
        return "none";
    }
}
