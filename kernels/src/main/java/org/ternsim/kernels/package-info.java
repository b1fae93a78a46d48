/**
 * Functional engine: bit-exact weight formats, quantizers and kernels; the numeric ground truth of TernSim.
 *
 * <p>Conventions every kernel family follows:
 * <ul>
 *   <li>A scalar reference ({@code Scalar*}) and a Vector API implementation ({@code Panama*}) with identical output
 *       bits at every vector width. The Panama class has {@code public static <Family> forBits(int bits)} (0 = the
 *       preferred width) and the family's accessor calls
 *       {@link org.ternsim.kernels.KernelProvider#select(Class, String, java.util.function.Supplier)}.</li>
 *   <li>Integer accumulation is exact int32 unless a format's original defines a narrower wrap (documented there).</li>
 *   <li>Float accumulation has ONE defined order, independent of the vector width: 16
 *       independent partial sums, element k going to lane k mod 16, each lane accumulated in increasing k with
 *       {@code Math.fma(a, b, acc)} (fused, so scalar and vector agree), then a fixed pairwise tree
 *       (lanes i and i+8, then i and i+4, i+2, i+1). A 128-bit body therefore holds four vectors of partial sums,
 *       a 256-bit body two, a 512-bit body one.</li>
 *   <li>Transcendental functions (exp, tanh, sin, cos) use {@code StrictMath} in both implementations, since
 *       {@code Math} may be intrinsified differently by the interpreter and the JIT.</li>
 *   <li>"Identical bits" holds for every non-NaN output. Where an output is NaN, every implementation returns NaN in
 *       the same place, but its sign and payload may differ: when both operands of an x86 operation are NaN the
 *       result copies one of them, the JIT may swap the operands of a commutative operation, and Java does not
 *       define NaN bits. Tests compare raw bits and treat any NaN as equal to any NaN.</li>
 * </ul>
 */
package org.ternsim.kernels;
