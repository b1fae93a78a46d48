/**
 * Quantizers with pinned precision: absmean ternary weights, per-token absmax int8 and absmean int4 activations,
 * a4.8 Top-K sparsification, the 3/4-bit KV cache, and the blocked Hadamard transform of BitNet v2.
 */
package org.ternsim.kernels.quant;
