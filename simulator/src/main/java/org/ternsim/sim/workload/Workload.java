// A model as a workload: its family, tensor shapes, numerics and the kernels its operators default to.
package org.ternsim.sim.workload;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One entry of {@code configs/workloads/}. LLM fields are used when {@code family} is {@link Family#LLM}, DiT
 * fields when it is {@link Family#DIT}; the loader rejects fields of the other family.
 *
 * @param name         file name without .yaml, e.g. {@code bitnet-b1.58-2b4t}
 * @param description  one line for reports
 * @param family       LLM (decoder, per token) or DIT (diffusion transformer, per step)
 * @param llm          decoder shape, null for a DiT
 * @param dit          diffusion-transformer shape, null for an LLM
 * @param numerics     weight, activation and KV formats
 * @param linearKernel kernel of the weight matmuls, e.g. {@code i2_s}
 * @param lmHead       format of the LM head / tied embedding, e.g. {@code f16} (LLM only)
 * @param sparsity     activation sparsity of an a4.8 model, or {@link Sparsity#DENSE}
 * @param source       where the shapes come from (reference file and section)
 * @param file         the file it was loaded from, null when built in code
 */
public record Workload(String name, String description, Family family, LlmShape llm, DitShape dit, Numerics numerics,
        String linearKernel, String lmHead, Sparsity sparsity, String source, Path file) {

    public Workload {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(numerics, "numerics");
        if ((family == Family.LLM) != (llm != null) || (family == Family.DIT) != (dit != null)) {
            throw new IllegalArgumentException("workload " + name + ": shape does not match family " + family);
        }
        sparsity = sparsity == null ? Sparsity.DENSE : sparsity;
    }

    public enum Family { LLM, DIT }

    /** Activation function of the FFN. */
    public enum Activation { RELU2, SILU, GELU }

    /**
     * A LLaMA-style decoder.
     *
     * @param hidden   model width
     * @param ffn      FFN inner width
     * @param layers   decoder layers
     * @param heads    query heads
     * @param kvHeads  key/value heads (GQA when fewer than heads)
     * @param headDim  width of one head
     * @param vocab    vocabulary (rows of the embedding and LM head)
     * @param activation FFN activation (gated: act(gate) * up)
     * @param subNorms BitNet's attention and FFN sub-norms before o_proj and down_proj
     * @param tiedEmbedding embedding and LM head share one tensor
     */
    public record LlmShape(int hidden, int ffn, int layers, int heads, int kvHeads, int headDim, int vocab,
            Activation activation, boolean subNorms, boolean tiedEmbedding) {
        public int kvDim() {
            return kvHeads * headDim;
        }

        /** Weights of the matmuls of one layer (q, k, v, o, gate, up, down). */
        public long linearWeightsPerLayer() {
            return 2L * hidden * hidden + 2L * hidden * kvDim() + 3L * hidden * ffn;
        }
    }

    /**
     * A FLUX-style MMDiT.
     *
     * @param hidden        model width
     * @param heads         attention heads
     * @param headDim       width of one head
     * @param mlpHidden     MLP inner width
     * @param doubleBlocks  double-stream (image + text) blocks
     * @param singleBlocks  single-stream blocks
     * @param textTokens    text tokens (T5 padded length)
     * @param contextDim    T5 feature width (txt_in input)
     * @param vecDim        CLIP pooled width (vector_in input)
     * @param latentChannels packed latent channels per image token
     * @param patchPixels   pixels per image token along one side (VAE 8x times the 2x2 patch = 16)
     * @param resolution    default image side in pixels
     * @param steps         default denoising steps per image
     */
    public record DitShape(int hidden, int heads, int headDim, int mlpHidden, int doubleBlocks, int singleBlocks,
            int textTokens, int contextDim, int vecDim, int latentChannels, int patchPixels, int resolution,
            int steps) {
        /**
         * Image tokens of a {@code side} x {@code side} image: whole patches, rounded up as FLUX's {@code get_noise}
         * sizes the latent (2 ceil(H/16) latent rows, packed 2x2: workloads.md §9.1), so a side that is not a multiple
         * of the patch pays for its padded last row and column of tokens.
         */
        public int imageTokens(int side) {
            int perSide = (side + patchPixels - 1) / patchPixels;
            return perSide * perSide;
        }
    }

    /**
     * Formats of the numbers.
     *
     * @param weights     ternary, f16, q4_0 ...
     * @param activations int8 (absmax), int4 (absmean, a4.8/v2), f16
     * @param kvCache     f16, int8, int4, int3
     * @param hadamard    BitNet v2: Hadamard transform before the Wo and Wdown quantizers
     */
    public record Numerics(String weights, String activations, String kvCache, boolean hadamard) {
        public int kvBits() {
            return switch (kvCache) {
                case "int3" -> 3;
                case "int4" -> 4;
                case "int8" -> 8;
                case "f32" -> 32;
                default -> 16;
            };
        }
    }

    /**
     * Fraction of each projection's input entries that are zero (a4.8's Table 2 form), either given or to be measured
     * by running the functional layer on synthetic data.
     *
     * @param mode  "dense", "given" or "measured"
     * @param source where the given values come from, or how they were measured
     */
    public record Sparsity(String mode, double qkv, double out, double gate, double up, double down, String source) {
        public static final Sparsity DENSE = new Sparsity("dense", 0, 0, 0, 0, 0, "dense model");
    }
}
