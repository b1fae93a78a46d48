// Low-bit KV cache of BitNet a4.8 / v2: per token, per head, unsigned absmax codes; [BOS] heads at higher precision.
package org.ternsim.kernels.quant;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Quantizes K and V (after RoPE, as in a4.8 §3.1 and v2 §3.1: "post-RoPE ... unsigned integers ... absmax, no
 * calibration data"; workloads.md §5.3, §6) to 3- or 4-bit unsigned codes. The papers leave grouping and zero point
 * open (workloads.md §11); our choices:
 * <ul>
 *   <li>Grouping: one step (scale) per head per token (head_dim values, 128 for 2B4T), the grouping workloads.md §11
 *       suggests; a token's K or V is {@code heads} consecutive groups.</li>
 *   <li>Rule, for b bits with Qp = 2^(b-1) - 1 and z = 2^(b-1): the int8 absmax of the i2_s path
 *       ({@link Int8Quantizer}) carried to b bits, stored offset-binary to make it unsigned:
 *       <ol>
 *         <li>amax = max(1e-5, max_i |x_i|), accumulated in double from the floor;</li>
 *         <li>s = (float) (Qp / amax), the division in double;</li>
 *         <li>u_i = clamp(rint(x_i * s), -Qp - 1, Qp) + z, the product in float, so u_i in [0, 2^b);</li>
 *         <li>stored step d = (float) (amax / Qp), the division in double;</li>
 *         <li>dequantized x_i ~ (float) (u_i - z) * d, in float: one multiply per value, the (gamma/Qp) factor of
 *             the papers' Q(X) = (gamma/Qp) * RoundClip(Qp X / gamma) (a4.8 Eq.3), and what a datapath does.</li>
 *       </ol>
 *       The zero point is fixed (no min/max calibration, as the papers state), 0.0 is restored exactly and the
 *       range is symmetric; as with int8, the lowest code (u = 0) never occurs, so 3 bits use 7 levels. Error per
 *       value: at most d / 2 = amax / (2 Qp) plus float rounding. Inputs must satisfy |x| <= {@link #MAX_ABS}, which
 *       keeps s and d normal floats and (u - z) * d finite (at Float.MAX_VALUE, 127 * d rounds to infinity).</li>
 *   <li>[BOS]: the papers keep the [BOS] token's heads at higher precision because of outliers: 4 bits with a 3-bit
 *       cache in a4.8, 8 bits in v2. {@code bosBits} selects which; 8-bit heads use the same rule with Qp = 127,
 *       z = 128 (unsigned int8).</li>
 *   <li>Packing: {@link KvCodePacking}; each head block also stores its fp32 step (3.25 bits per value at 3 bits and
 *       head_dim 128).</li>
 * </ul>
 */
public final class KvCacheQuantizer {

    /** a4.8: 3-bit cache, [BOS] heads at 4 bits. */
    public static final KvCacheQuantizer A48 = new KvCacheQuantizer(3, 4);
    /** BitNet v2: 3-bit cache, [BOS] heads at 8 bits. */
    public static final KvCacheQuantizer V2 = new KvCacheQuantizer(3, 8);
    /** Starting value of the double amax accumulator, as in {@link Int8Quantizer#AMAX_FLOOR}. */
    public static final double AMAX_FLOOR = 1e-5;
    /** Largest accepted |x|, 2^64: far beyond any K or V (fp16 tops out at 65 504) and safe for the float math. */
    public static final float MAX_ABS = 0x1p64f;

    private final int bits;
    private final int bosBits;

    /**
     * @param bits    3 or 4, the precision of ordinary tokens
     * @param bosBits 3, 4 or 8 and at least {@code bits}, the precision of the [BOS] token's heads
     */
    public KvCacheQuantizer(int bits, int bosBits) {
        if (bits != 3 && bits != 4) {
            throw new IllegalArgumentException("KV cache bits must be 3 or 4, got " + bits);
        }
        KvCodePacking.checkBits(bosBits);
        if (bosBits < bits) {
            throw new IllegalArgumentException("[BOS] heads need at least the cache precision " + bits
                    + " bits, got " + bosBits);
        }
        this.bits = bits;
        this.bosBits = bosBits;
    }

    /** Bits of ordinary tokens' codes. */
    public int bits() {
        return bits;
    }

    /** Bits of the [BOS] token's codes. */
    public int bosBits() {
        return bosBits;
    }

    /**
     * Quantizes one token's K or V, {@code heads * headDim} values from {@code x[offset]}, head-major; K must already
     * carry RoPE. {@code bos} marks the [BOS] token.
     */
    public KvTokenBlock quantizeToken(float[] x, int offset, int heads, int headDim, boolean bos) {
        Objects.requireNonNull(x, "x");
        if (heads < 1 || headDim < 1) {
            throw new IllegalArgumentException("KV token needs heads, headDim >= 1, got " + heads + " x " + headDim);
        }
        Objects.checkFromIndexSize(offset, heads * headDim, x.length);
        List<KvHeadBlock> blocks = new ArrayList<>(heads);
        for (int h = 0; h < heads; h++) {
            blocks.add(quantize(x, offset + h * headDim, headDim, bos ? bosBits : bits));
        }
        return new KvTokenBlock(blocks);
    }

    /** The rule at one width: quantizes {@code x[offset, offset + length)} to one {@code bits}-bit block. */
    public static KvHeadBlock quantize(float[] x, int offset, int length, int bits) {
        Objects.requireNonNull(x, "x");
        KvCodePacking.checkBits(bits);
        if (length < 1) {
            throw new IllegalArgumentException("KV head length must be >= 1, got " + length);
        }
        Objects.checkFromIndexSize(offset, length, x.length);
        double amax = AMAX_FLOOR;
        for (int i = offset; i < offset + length; i++) {
            if (!(Math.abs(x[i]) <= MAX_ABS)) { // also rejects NaN
                throw new IllegalArgumentException("KV value at index " + i + " is " + x[i] + "; |x| must be <= 2^64");
            }
            amax = Math.max(amax, Math.abs((double) x[i]));
        }
        int qp = (1 << (bits - 1)) - 1;
        int z = qp + 1;
        float s = (float) (qp / amax);
        int[] codes = new int[length];
        for (int i = 0; i < length; i++) {
            codes[i] = (int) Math.max(-qp - 1, Math.min(qp, Math.rint(x[offset + i] * s))) + z;
        }
        return new KvHeadBlock(bits, length, KvCodePacking.pack(codes, bits), (float) (amax / qp));
    }
}
