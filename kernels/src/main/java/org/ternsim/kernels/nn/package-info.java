/**
 * Transformer float operators around the ternary GEMVs: {@link org.ternsim.kernels.nn.NnOps} (RMSNorm, LayerNorm,
 * ReLU²-GLU, SwiGLU, GELU, adaLN modulation, softmax, canonical dot/sum; scalar and Vector API, identical bits),
 * {@link org.ternsim.kernels.nn.Rope} (2B4T rotate-half and FLUX 3-axis interleaved), and
 * {@link org.ternsim.kernels.nn.Attention} over a {@link org.ternsim.kernels.nn.KvCache} whose rows are stored by a
 * {@link org.ternsim.kernels.nn.KvRowCodec} (F32, F16, INT8; 4-/3-bit KV plugs in as another codec).
 */
package org.ternsim.kernels.nn;
