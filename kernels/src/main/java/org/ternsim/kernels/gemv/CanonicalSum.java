// The fixed pairwise tree over 16 float partial sums and the W1.58A16 output formula, shared by every float kernel.
package org.ternsim.kernels.gemv;

/**
 * End of the canonical float accumulation order ({@link org.ternsim.kernels} conventions): 16 lane sums, lane L holding
 * element k = L mod 16 accumulated in increasing k, are combined by lanes i + i+8, then i + i+4, i + i+2, i + i+1.
 */
public final class CanonicalSum {

    /** Partial sums per accumulation. */
    public static final int LANES = 16;

    private CanonicalSum() {
    }

    /** The tree sum of {@code lanes[off .. off+15]}; overwrites that range. */
    public static float tree(float[] lanes, int off) {
        for (int width = LANES / 2; width >= 1; width /= 2) {
            for (int i = 0; i < width; i++) {
                lanes[off + i] = lanes[off + i] + lanes[off + i + width];
            }
        }
        return lanes[off];
    }

    /**
     * y = sum * weightScale. A NaN result is returned as the canonical quiet NaN ({@link Float#NaN}), because NaN
     * payloads and signs differ between the JIT's FMA, the interpreter's {@code Math.fma} and the hardware default NaN
     * of invalid operations (inf - inf); canonicalising makes the output bits one function of the inputs.
     */
    public static float output(float sum, float weightScale) {
        float y = sum * weightScale;
        return y != y ? Float.NaN : y;
    }
}
