// The baseline GEMM family (prefill): a llama.cpp weight type times N activation rows of its ggml dot-product type.
package org.ternsim.kernels.baseline;

import java.util.List;

/**
 * Y = X W^T for W in F32, F16, Q8_0, Q4_0, Q6_K, TQ2_0 or TQ1_0 and N tokens of {@link BlockFormat#activationType()}
 * (F32, Q8_0 or Q8_K), as {@code y[token][row]}. For every token t, {@code y[t]} is bit for bit what
 * {@link BaselineGemv#gemv} gives for that token alone (NaNs: same places, any payload): each token keeps the GEMV's
 * float order (canonical 16-lane fma for F32/F16, exact int32 block sums combined by {@link BlockSum} in block order).
 * The point of a GEMM is reuse: an implementation decodes each weight block once and uses the decoded codes against
 * several tokens, which changes speed only, never a bit.
 */
public interface BaselineGemm {

    /** Identifies the implementation in run metadata, e.g. {@code scalar} or {@code panama/256-bit/t4-r32}. */
    String name();

    /**
     * Sets {@code y[t][r]} = row r of {@code w} dotted with token t, for every token and weight row.
     *
     * @param tokens N single-row activations of K = {@code w.cols()} values, each of {@code w}'s activation type
     * @param y      N rows of M = {@code w.rows()} floats
     */
    void gemm(BlockTensor w, List<BlockTensor> tokens, float[][] y);
}
