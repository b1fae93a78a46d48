// Top-K activation sparsification of BitNet a4.8 (Q-Sparse): keep the K entries of largest magnitude, zero the rest.
package org.ternsim.kernels.quant;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Objects;

/**
 * Per-token Top-K masking of an int8 activation row, as BitNet a4.8 applies it to the input of the attention output
 * projection Wo (arXiv 2411.04965 §2.1; Q-Sparse, arXiv 2407.10969): Y = (Q_INT8(X) ⊙ M) · Q_w(W)^T with
 * M = Top_k(|X|), K = 50% of the entries, the int8 scale taken from the unmasked X (workloads.md §5.1).
 *
 * <p>Two selection rules, both applied to the int8 codes:
 * <ul>
 *   <li>{@link #byValue} selects on |x| of the float row before quantization. This is the a4.8 rule as written
 *       (M = Top_k(|X|)) and the one the a4.8 workload uses ({@link #a48WoInput}).</li>
 *   <li>{@link #byCode} selects on |q| of the codes, for a datapath that only sees the quantized row. It differs
 *       from {@code byValue} only where distinct |x| round to the same |q| at the selection boundary.</li>
 * </ul>
 *
 * <p>K = ceil(fraction * n), with {@code fraction} read as its shortest decimal form ({@link Double#toString}) and the
 * product taken exactly, so 0.1 of 30 entries is 3, not the 4 that the binary double 0.1 * 30 would give. The
 * fraction must lie in (0, 1]; for n >= 1 at least one entry is kept.
 *
 * <p>Ties are broken deterministically: larger magnitude first, then lower index. Magnitudes compare exactly
 * (-0.0 equals 0.0).
 */
public final class TopKSparsifier {

    /** The a4.8 Wo-input keep fraction: Top-K 50%. */
    public static final double A48_FRACTION = 0.5;

    private TopKSparsifier() {
    }

    /** K = ceil(fraction * n), fraction in (0, 1] taken as its shortest decimal; see the class comment. */
    public static int keepCount(double fraction, int n) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("Top-K fraction must be in (0, 1], got " + fraction);
        }
        if (n < 0) {
            throw new IllegalArgumentException("row length must be >= 0, got " + n);
        }
        return BigDecimal.valueOf(fraction).multiply(BigDecimal.valueOf(n))
                .setScale(0, RoundingMode.CEILING).intValueExact();
    }

    /**
     * Quantizes the Wo input {@code x[offset, offset + length)} with {@link Int8Quantizer#absmaxI2s} and keeps the
     * 50% of entries with largest |x|: the a4.8 attention-output path.
     */
    public static TopKSelection a48WoInput(float[] x, int offset, int length) {
        return byValue(x, offset, Int8Quantizer.absmaxI2s(x, offset, length), A48_FRACTION);
    }

    /**
     * Keeps the codes of the K entries with largest |x|, where {@code codes} were quantized from
     * {@code x[offset, offset + n)} (n = the number of codes); x must be finite.
     */
    public static TopKSelection byValue(float[] x, int offset, Int8Activations codes, double fraction) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(codes, "codes");
        int n = codes.codes().length;
        Objects.checkFromIndexSize(offset, n, x.length);
        int k = keepCount(fraction, n);
        // One sortable key per entry: high word descends with |x| (finite magnitudes are ordered like their bit
        // patterns), low word is the index, so ascending order is "larger first, then lower index".
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            float v = x[offset + i];
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("activation at index " + (offset + i) + " is " + v);
            }
            int magnitude = Float.floatToRawIntBits(v) & 0x7FFF_FFFF;
            keys[i] = ((long) (Integer.MAX_VALUE - magnitude) << 32) | i;
        }
        Arrays.sort(keys);
        boolean[] kept = new boolean[n];
        for (int j = 0; j < k; j++) {
            kept[(int) keys[j]] = true;
        }
        return mask(codes, kept, k);
    }

    /** Keeps the K codes with largest |q|, ties to the lower index; O(n) by a histogram of |q| in [0, 128]. */
    public static TopKSelection byCode(Int8Activations codes, double fraction) {
        Objects.requireNonNull(codes, "codes");
        byte[] q = codes.codes();
        int k = keepCount(fraction, q.length);
        int[] count = new int[129];
        for (byte c : q) {
            count[Math.abs(c)]++;
        }
        // Threshold t: every |q| > t is kept, and the first (k - above) entries with |q| == t in index order.
        int t = 128;
        int above = 0;
        while (t > 0 && above + count[t] < k) {
            above += count[t];
            t--;
        }
        int atThreshold = k - above;
        boolean[] kept = new boolean[q.length];
        for (int i = 0; i < q.length; i++) {
            int m = Math.abs(q[i]);
            if (m > t || (m == t && atThreshold-- > 0)) {
                kept[i] = true;
            }
        }
        return mask(codes, kept, k);
    }

    private static TopKSelection mask(Int8Activations codes, boolean[] kept, int k) {
        byte[] q = codes.codes();
        byte[] masked = new byte[q.length];
        for (int i = 0; i < q.length; i++) {
            if (kept[i]) {
                masked[i] = q[i];
            }
        }
        return new TopKSelection(Int8Activations.of(masked, codes.scale()), kept, k);
    }
}
