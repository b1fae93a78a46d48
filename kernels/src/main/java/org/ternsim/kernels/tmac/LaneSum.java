// The package-wide canonical float reduction: 16 lanes of fused multiply-adds, then a fixed pairwise tree.
package org.ternsim.kernels.tmac;

/**
 * Accumulates terms a_k * b_k in the order fixed by {@code org.ternsim.kernels} package-info: term k goes to lane
 * k mod 16 via {@code Math.fma(a, b, lane)}, lanes in increasing k; the result folds lanes i and i + 8, then i + 4,
 * i + 2, i + 1. Used by every T-MAC implementation for its per-row reductions, so they agree bit for bit.
 */
final class LaneSum {

    static final int LANES = 16;

    private final float[] lanes = new float[LANES];
    private int next;

    /** Starts a new sum. */
    LaneSum reset() {
        java.util.Arrays.fill(lanes, 0f);
        next = 0;
        return this;
    }

    /** Adds a * b as the next term. */
    void addProduct(float a, float b) {
        lanes[next] = Math.fma(a, b, lanes[next]);
        next = (next + 1) & (LANES - 1);
    }

    /** The pairwise fold of the 16 lanes. */
    float result() {
        float[] l = lanes.clone();
        for (int half = LANES / 2; half >= 1; half /= 2) {
            for (int i = 0; i < half; i++) {
                l[i] = l[i] + l[i + half];
            }
        }
        return l[0];
    }
}
