/**
 * GEMV kernels (decode, one token) and their shared pieces: I2_S x int8 ({@link org.ternsim.kernels.gemv.I2sGemv}),
 * ternary x int4 for BitNet a4.8 ({@link org.ternsim.kernels.gemv.I2sInt4Gemv}) and ternary x F16/BF16 for FLUX
 * W1.58A16 ({@link org.ternsim.kernels.gemv.TernaryA16Gemv}), each as a scalar reference and a Vector API kernel with
 * identical output bits; the I2_S epilogue, the telescoped 16-bit I2_S form, the canonical float tree and the exact
 * 16-bit float conversions; start-up selection ({@link org.ternsim.kernels.KernelProvider}).
 */
package org.ternsim.kernels.gemv;

import org.ternsim.kernels.KernelProvider;
