// The RoPE configuration of a model: head size, base, per-axis dimensions and pairing.
package org.ternsim.kernels.nn;

import java.util.Arrays;

/**
 * RoPE of one attention head. The head's d/2 pairs are split over axes in order: axis a owns axesDims[a]/2
 * consecutive pairs and rotates them by its own position coordinate (1 axis for LLMs; 3 for FLUX, whose image
 * token at latent (row, col) has ids (0, row, col) and whose text tokens have ids (0, 0, 0)).
 *
 * @param headDim  elements per head, even
 * @param theta    frequency base
 * @param axesDims per-axis dimensions, each even, summing to headDim
 * @param pairing  which elements form a pair
 */
public record RopeSpec(int headDim, double theta, int[] axesDims, RopePairing pairing) {

    public RopeSpec {
        axesDims = axesDims.clone();
        if (headDim < 2 || headDim % 2 != 0) {
            throw new IllegalArgumentException("RoPE head dimension must be even and >= 2, got " + headDim);
        }
        if (!(theta > 1.0) || Double.isInfinite(theta)) {
            throw new IllegalArgumentException("RoPE theta must be finite and > 1, got " + theta);
        }
        int total = 0;
        for (int dim : axesDims) {
            if (dim < 2 || dim % 2 != 0) {
                throw new IllegalArgumentException("RoPE axis dimensions must be even and >= 2: "
                        + Arrays.toString(axesDims));
            }
            total += dim;
        }
        if (total != headDim) {
            throw new IllegalArgumentException("RoPE axis dimensions " + Arrays.toString(axesDims) + " sum to "
                    + total + ", not the head dimension " + headDim);
        }
    }

    /** BitNet b1.58 2B4T: head 128, theta 500000, one axis, HF rotate-half pairing (workloads.md §4.1). */
    public static RopeSpec bitnet2b4t() {
        return new RopeSpec(128, 500_000.0, new int[] {128}, RopePairing.HALF_SPLIT);
    }

    /** FLUX.1: head 128, theta 10000, axes 16/56/56, interleaved pairs (workloads.md §9.1; flux math.py). */
    public static RopeSpec flux() {
        return new RopeSpec(128, 10_000.0, new int[] {16, 56, 56}, RopePairing.INTERLEAVED);
    }

    @Override
    public int[] axesDims() {
        return axesDims.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RopeSpec && ((RopeSpec) o).headDim == headDim
                && Double.compare(((RopeSpec) o).theta, theta) == 0
                && Arrays.equals(((RopeSpec) o).axesDims, axesDims) && ((RopeSpec) o).pairing == pairing;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Double.hashCode(theta) + Arrays.hashCode(axesDims)) + pairing.hashCode() + headDim;
    }

    @Override
    public String toString() {
        return "RopeSpec[headDim=" + headDim + ", theta=" + theta + ", axesDims=" + Arrays.toString(axesDims)
                + ", pairing=" + pairing + "]";
    }
}
