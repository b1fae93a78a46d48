// A signed b-bit integer weight matrix (e.g. int4 for T-MAC's W4): row-major values and one per-tensor scale.
package org.ternsim.kernels.quant;

import java.util.Objects;

/**
 * Integer weights of an M x K matrix, each in [-2^(bits-1), 2^(bits-1) - 1], W ~ value * scale. Ternary weights are
 * the 2-bit case restricted to {-1, 0, +1} ({@link #of(TernaryWeights)}).
 *
 * @param rows   M, at least 1
 * @param cols   K, at least 1
 * @param bits   2 to 8
 * @param values row-major, {@code values[row * cols + col]}; shared, not copied
 * @param scale  per-tensor scale, finite
 */
public record IntWeights(int rows, int cols, int bits, byte[] values, float scale) {

    public IntWeights {
        Objects.requireNonNull(values, "values");
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("integer weights need rows, cols >= 1, got " + rows + "x" + cols);
        }
        if (bits < 2 || bits > 8) {
            throw new IllegalArgumentException("integer weights need 2 to 8 bits, got " + bits);
        }
        if ((long) rows * cols != values.length) {
            throw new IllegalArgumentException("integer weights " + rows + "x" + cols + " need " + (long) rows * cols
                    + " values, got " + values.length);
        }
        if (!Float.isFinite(scale)) {
            throw new IllegalArgumentException("integer weight scale must be finite, got " + scale);
        }
        int min = min(bits);
        int max = -min - 1;
        for (int i = 0; i < values.length; i++) {
            if (values[i] < min || values[i] > max) {
                throw new IllegalArgumentException("int" + bits + " weight at row " + i / cols + ", col " + i % cols
                        + " is " + values[i] + "; expected " + min + ".." + max);
            }
        }
    }

    /** The trits of {@code t} as 2-bit integers (shared array). */
    public static IntWeights of(TernaryWeights t) {
        Objects.requireNonNull(t, "t");
        return new IntWeights(t.rows(), t.cols(), 2, t.trits(), t.scale());
    }

    /** Smallest value of a signed {@code bits}-bit integer: -2^(bits-1). */
    public static int min(int bits) {
        return -(1 << (bits - 1));
    }
}
