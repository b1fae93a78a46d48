/**
 * T-MAC (Wei et al., EuroSys 2025, arXiv 2407.00088): bit-serial table-lookup GEMV for integer weights held as
 * b-bit codes split into b bit planes, with int8-quantized activation tables (lossy by design): b = 2 for ternary
 * weights (kernel {@code tmac}), b = 4 for int4 weights (kernel {@code tmac-w4}, T-MAC's W4). The number of planes
 * is a property of the weights; tables, kernels and epilogue are the same for both.
 *
 * <p>Pieces: the bit-plane format ({@link org.ternsim.kernels.tmac.TmacWeights},
 * {@link org.ternsim.kernels.tmac.TmacPacker}), the quantized tables ({@link org.ternsim.kernels.tmac.TmacTables}
 * building a {@link org.ternsim.kernels.tmac.TmacLut}), the one float epilogue
 * ({@link org.ternsim.kernels.tmac.TmacEpilogue}), the scalar reference and Vector API kernels behind
 * {@link org.ternsim.kernels.tmac.TmacGemv} (selected by {@link org.ternsim.kernels.tmac.TmacKernels#tmac()}), and the
 * error measurement against the exact result ({@link org.ternsim.kernels.tmac.LutErrorReport},
 * {@link org.ternsim.kernels.tmac.TmacError}).
 *
 * <p>Sources (read in the code corpus, microsoft/T-MAC): {@code python/t_mac/intrins/lut_ctor.cc} (table build,
 * {@code partial_max_g4_int8_k8}, {@code lut_ctor_g4_int8_impl}), {@code python/t_mac/intrins/tbl.cc}
 * ({@code tbl_g4_int8_float_update_impl}: int16 aggregation, {@code lut_fma}), {@code python/t_mac/ops/qgemm.py}
 * (act_group_size, bit planes combined with alphas), {@code python/t_mac/utils.py} ({@code get_bits_alphas} =
 * {1/2, 1, 2, 4}), {@code python/t_mac/weights.py} ({@code preprocess_weights}: uint code = int + 2^(bits-1), bit
 * planes, g = 4 groups, offline permutation); kernels.md §7.
 *
 * <p>TL2_0, bitnet.cpp's other lossy LUT kernel, lives beside TL2 in {@code org.ternsim.kernels.lut}
 * ({@code Tl20Tables}, {@code Tl20Gemv}) because it shares TL2's weight format and integer loop.
 *
 * <p>Numerics contract: every implementation equals {@link org.ternsim.kernels.tmac.ScalarTmacGemv} bit for bit;
 * the error against the exact int32/double result is measured, not bounded by construction.
 */
package org.ternsim.kernels.tmac;
