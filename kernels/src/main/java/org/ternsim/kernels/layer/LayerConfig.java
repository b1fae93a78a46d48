// The shape and numerics of one BitNet-style decoder layer (widths, heads, norm eps, RoPE).
package org.ternsim.kernels.layer;

import org.ternsim.kernels.nn.AttentionShape;
import org.ternsim.kernels.nn.NnOps;
import org.ternsim.kernels.nn.RopePairing;
import org.ternsim.kernels.nn.RopeSpec;

/**
 * @param hidden  model width (2560 for 2B4T)
 * @param ffn     FFN inner width (6912 for 2B4T)
 * @param normEps RMSNorm eps of every norm in the layer
 */
public record LayerConfig(int hidden, int ffn, AttentionShape attention, float normEps, RopeSpec rope) {

    public LayerConfig {
        if (attention.queryWidth() != hidden) {
            throw new IllegalArgumentException("heads x head_dim must equal hidden: " + attention + " vs " + hidden);
        }
        if (hidden % 128 != 0 || ffn % 128 != 0) {
            throw new IllegalArgumentException("I2_S (x86) needs hidden and ffn to be multiples of 128, got "
                + hidden + " and " + ffn);
        }
    }

    /** BitNet b1.58 2B4T (workloads.md §4.1): 2560 / 6912, 20 heads and 5 KV heads of 128, eps 1e-5, θ 500000. */
    public static LayerConfig bitnet2b4t() {
        return new LayerConfig(2560, 6912, AttentionShape.bitnet2b4t(), NnOps.RMS_EPS_2B4T, RopeSpec.bitnet2b4t());
    }

    /**
     * BitNet v2 400M (workloads.md §6, Table 8): hidden 1024, GLU 4096, 16 heads (head dim 64, MHA). Not given in the
     * reference, so assumed: RMSNorm eps 1e-5 and LLaMA-style RoPE (rotate-half, θ 10000).
     */
    public static LayerConfig bitnetV2_400m() {
        return new LayerConfig(1024, 4096, new AttentionShape(16, 16, 64), 1e-5f,
            new RopeSpec(64, 10_000.0, new int[] {64}, RopePairing.HALF_SPLIT));
    }

    public int kvWidth() {
        return attention.kvWidth();
    }
}
