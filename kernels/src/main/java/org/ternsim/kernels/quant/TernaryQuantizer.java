// Per-tensor absmean ternary quantization (BitNet b1.58), with its floating-point precision pinned down.
package org.ternsim.kernels.quant;

import java.util.Objects;

/**
 * Quantizes float weights to {@link TernaryWeights}: s = 1 / max(mean|W|, 1e-5); t = clamp(rint(W*s), -1, 1);
 * scale = 1/s.
 *
 * <p>Precision, fixed so that every run gives the same trits (bitnet.cpp's converter does this in torch fp32,
 * whose reduction order is unspecified, so it cannot be matched bit for bit anyway):
 * <ol>
 *   <li>sum |W| over the whole tensor in {@code double}, in index order;</li>
 *   <li>mean = (float) (sum / (rows * cols)), the division in double;</li>
 *   <li>s = 1.0f / Math.max(mean, 1e-5f), in float;</li>
 *   <li>product W*s in float, rounded with {@link Math#rint} (half to even), clamped to [-1, 1];</li>
 *   <li>scale = 1.0f / s, in float.</li>
 * </ol>
 */
public final class TernaryQuantizer {

    /** Floor of mean|W|, so an all-zero tensor gets a finite s. */
    public static final float MEAN_FLOOR = 1e-5f;

    private TernaryQuantizer() {
    }

    /** Absmean-quantizes the row-major {@code rows x cols} matrix {@code w}; inputs must be finite. */
    public static TernaryWeights absmean(float[] w, int rows, int cols) {
        Objects.requireNonNull(w, "w");
        if (rows < 1 || cols < 1 || (long) rows * cols != w.length) {
            throw new IllegalArgumentException("absmean needs a " + rows + "x" + cols + " matrix (rows, cols >= 1), got "
                    + w.length + " values");
        }
        double sumAbs = 0;
        for (int i = 0; i < w.length; i++) {
            if (!Float.isFinite(w[i])) {
                throw new IllegalArgumentException("weight at row " + i / cols + ", col " + i % cols + " is " + w[i]);
            }
            sumAbs += Math.abs(w[i]);
        }
        float s = inverseScale(sumAbs, w.length);
        byte[] trits = new byte[w.length];
        for (int i = 0; i < w.length; i++) {
            trits[i] = trit(w[i] * s);
        }
        return new TernaryWeights(rows, cols, trits, 1.0f / s);
    }

    /** s = 1 / max(mean |W|, floor), from the sum of |W| in double over {@code count} weights (steps 2-3 above). */
    public static float inverseScale(double sumAbs, long count) {
        float mean = (float) (sumAbs / count);
        if (!Float.isFinite(mean)) {
            throw new IllegalArgumentException("mean |W| overflows float: " + sumAbs / count);
        }
        return 1.0f / Math.max(mean, MEAN_FLOOR);
    }

    /**
     * clamp(rint(x), -1, 1) of x = W * s (step 4): |x| <= 0.5 rounds to 0 (half to even), beyond it the clamp gives
     * +-1. Two comparisons subtracted, not a branch: the signs of random weights defeat one (3x slower).
     */
    public static byte trit(float x) {
        return (byte) ((x > 0.5f ? 1 : 0) - (x < -0.5f ? 1 : 0));
    }

    /** Wraps trits that are already ternary (offline-quantized checkpoints such as BitNet b1.58 2B4T). */
    public static TernaryWeights fromTrits(byte[] trits, int rows, int cols, float scale) {
        return new TernaryWeights(rows, cols, trits, scale);
    }
}
