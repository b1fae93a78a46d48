// A ternary weight matrix: row-major trits in {-1, 0, +1} and the one per-tensor scale that restores magnitude.
package org.ternsim.kernels.quant;

import java.util.Objects;

/**
 * Ternary weights of an M x K matrix (M = {@code rows} outputs, K = {@code cols} inputs).
 *
 * @param rows  M, at least 1
 * @param cols  K, at least 1
 * @param trits row-major, {@code trits[row * cols + col]} in {-1, 0, +1}; shared, not copied
 * @param scale the multiplier that restores magnitude (1/s of the absmean contract): W ~ t * scale
 */
public record TernaryWeights(int rows, int cols, byte[] trits, float scale) {

    public TernaryWeights {
        Objects.requireNonNull(trits, "trits");
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("ternary weights need rows, cols >= 1, got " + rows + "x" + cols);
        }
        if ((long) rows * cols != trits.length) {
            throw new IllegalArgumentException("ternary weights " + rows + "x" + cols + " need " + (long) rows * cols
                    + " trits, got " + trits.length);
        }
        if (!Float.isFinite(scale)) {
            throw new IllegalArgumentException("ternary weight scale must be finite, got " + scale);
        }
        for (int i = 0; i < trits.length; i++) {
            if (trits[i] < -1 || trits[i] > 1) {
                throw new IllegalArgumentException("trit at row " + i / cols + ", col " + i % cols + " is " + trits[i]
                        + "; expected -1, 0 or +1");
            }
        }
    }
}
