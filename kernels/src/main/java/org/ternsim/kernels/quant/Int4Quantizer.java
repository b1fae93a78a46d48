// Per-token absmean int4 quantization (BitNet a4.8 Eq.7, BitNet v2 Eq.6), with its floating-point precision pinned down.
package org.ternsim.kernels.quant;

import java.util.Objects;

/**
 * Quantizes one activation row to {@link Int4Activations}: beta = mean|x|; s = sqrt(7) / (beta + eps);
 * q_k = clamp(rint(x_k * s), -8, 7). Source: BitNet a4.8 (arXiv 2411.04965) Eq.7,
 * Q_INT4(X) = (beta/sqrt 7) * RoundClip(sqrt 7 * X / (beta + eps), -8, 7), beta = mean|X| per token; the same formula
 * is BitNet v2 (arXiv 2504.18415) Eq.6. Neither paper gives eps or a reference implementation (workloads.md §5.1, §11).
 *
 * <p>Precision, fixed by us so that every run gives the same codes:
 * <ol>
 *   <li>sum |x_k| in {@code double}, in index order;</li>
 *   <li>beta = (float) (sum / n), the division in double;</li>
 *   <li>s = {@link #SQRT7} / (beta + {@link #EPS}), both operations in float. eps is additive, as in the papers
 *       (not a clamp floor as in the ternary and int8 code paths);</li>
 *   <li>product x_k * s in float, rounded with {@link Math#rint} (half to even, like {@code torch.round}), clamped
 *       to [-8, 7]. Unlike int8 absmax, both clip ends occur: |x_k| above about 3 beta saturates;</li>
 *   <li>sum = sum of q_k in int32.</li>
 * </ol>
 *
 * <p>All-zero row: beta = 0, so s = sqrt(7) / eps = 264 575.12 (finite), every code is 0 and the sum is 0; a kernel
 * output divided by s is then exactly 0, which is the right answer. An empty row gets the same scale.
 */
public final class Int4Quantizer {

    /** The additive eps of the a4.8 formula; unpublished, 1e-5 matches the floor the other BitNet quantizers use. */
    public static final float EPS = 1e-5f;
    /** sqrt(7) rounded to float: the absmean maps to about sqrt(7) ~ 2.65 code steps, inside the [-8, 7] range. */
    public static final float SQRT7 = (float) Math.sqrt(7);
    /** Smallest int4 code. */
    public static final int MIN_CODE = -8;
    /** Largest int4 code. */
    public static final int MAX_CODE = 7;

    private Int4Quantizer() {
    }

    /** Quantizes the whole of {@code x}; inputs must be finite. */
    public static Int4Activations absmean(float[] x) {
        Objects.requireNonNull(x, "x");
        return absmean(x, 0, x.length);
    }

    /** Quantizes {@code x[offset, offset + length)}, e.g. one token of a row-major batch; inputs must be finite. */
    public static Int4Activations absmean(float[] x, int offset, int length) {
        Objects.requireNonNull(x, "x");
        Objects.checkFromIndexSize(offset, length, x.length);
        double sumAbs = 0;
        for (int k = offset; k < offset + length; k++) {
            if (!Float.isFinite(x[k])) {
                throw new IllegalArgumentException("activation at index " + k + " is " + x[k]);
            }
            sumAbs += Math.abs(x[k]);
        }
        // mean|x| <= max|x| <= Float.MAX_VALUE, so beta is finite; s may be subnormal for huge rows but stays > 0.
        float beta = length == 0 ? 0f : (float) (sumAbs / length);
        float s = SQRT7 / (beta + EPS);
        byte[] codes = new byte[length];
        int sum = 0;
        for (int k = 0; k < length; k++) {
            int q = (int) Math.max(MIN_CODE, Math.min(MAX_CODE, Math.rint(x[offset + k] * s)));
            codes[k] = (byte) q;
            sum += q;
        }
        return new Int4Activations(codes, s, sum);
    }
}
