/**
 * llama.cpp's block formats and baseline GEMV kernels, byte-exact with ggml: F32, F16, BF16, Q8_0, Q4_0, Q6_K, TQ2_0,
 * TQ1_0 (weights) and Q8_0, Q8_K (activations).
 *
 * <p>Sources, read for this package: {@code ggml/src/ggml-common.h} (block structs), {@code ggml/src/ggml-quants.c}
 * ({@code quantize_row_*_ref}, {@code dequantize_row_*}), {@code ggml/src/ggml-impl.h} (fp16/bf16 conversion) and the
 * generic {@code ggml_vec_dot_*} of {@code ggml-cpu/quants.c}, as vendored in ollama/ollama at commit
 * {@code 0ee5ff70c998fcb05d38242919ab3ef9f7ef0999} ({@code ml/backend/ggml/ggml/src/}).
 *
 * <p>Every tensor is a {@link org.ternsim.kernels.baseline.BlockTensor}: rows of whole blocks in ggml's exact byte
 * layout, little-endian, rows contiguous, so the bytes can be written into a GGUF file or compared with ggml output.
 *
 * <p>Float order of the GEMV kernels (ours; ggml's differs per SIMD backend):
 * <ul>
 *   <li>F32 and F16 weights: the canonical 16-lane {@code Math.fma} order of {@link org.ternsim.kernels}.</li>
 *   <li>Block formats: each block's integer dot product is exact int32; blocks are combined in block order as
 *       {@code sumf = sumf + (float) isum * (dw * da)}, unfused ({@link org.ternsim.kernels.baseline.BlockSum}).</li>
 * </ul>
 *
 * <p>The GEMM ({@link org.ternsim.kernels.baseline.BaselineGemm}, prefill: N tokens, {@code y[token][row]}) keeps
 * that order per token, so each token's output is the GEMV's, bit for bit; it only reuses each decoded weight block
 * across {@value org.ternsim.kernels.baseline.PanamaBaselineGemm#TOKENS_PER_PASS} tokens, in blocks of weight rows
 * ({@link org.ternsim.kernels.baseline.PanamaBaselineGemm}).
 */
package org.ternsim.kernels.baseline;
