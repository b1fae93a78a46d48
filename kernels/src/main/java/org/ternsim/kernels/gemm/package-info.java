/**
 * GEMM kernels for prefill (N tokens at once): I2_S x int8, ternary x int4 (a4.8) and ternary x F16/BF16 (FLUX
 * W1.58A16). Each output equals the corresponding GEMV of {@link org.ternsim.kernels.gemv} bit for bit; the Vector
 * API versions only reorder the loops (activation parallel, kernels.md §2.5), never the arithmetic of one output.
 */
package org.ternsim.kernels.gemm;
