// The canonical float reduction of org.ternsim.kernels: 16 lanes, element k in lane k mod 16, a fixed pairwise tree.
package org.ternsim.kernels.baseline;

final class Lanes16 {

    static final int LANES = 16;

    private Lanes16() {
    }

    /** lanes[i] += lanes[i + 8], then + 4, + 2, + 1; returns lanes[0]. Overwrites {@code lanes}. */
    static float sum(float[] lanes) {
        for (int width = LANES / 2; width >= 1; width /= 2) {
            for (int i = 0; i < width; i++) {
                lanes[i] = lanes[i] + lanes[i + width];
            }
        }
        return lanes[0];
    }
}
