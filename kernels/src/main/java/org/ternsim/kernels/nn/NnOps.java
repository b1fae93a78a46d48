// The float operators around the ternary GEMVs of a transformer layer: norms, gated activations, softmax, dot products.
package org.ternsim.kernels.nn;

import org.ternsim.kernels.KernelProvider;

/**
 * Elementwise, norm and reduction operators of BitNet b1.58 2B4T and FLUX.1 layers, each defined to the bit. Every
 * implementation ({@link ScalarNnOps}, {@link PanamaNnOps} at 128/256/512 bits) returns identical bits for every
 * input, infinities and signed zeros included, with one exception: a NaN output is NaN in every implementation but
 * its sign and payload are not specified. Java does not define NaN bit patterns, and on x86 an operation on two NaN
 * operands returns the payload of one of them, while the JIT may swap the operands of a commutative operation
 * (measured: LayerNorm of a row holding both infinities gave 0xFFC00000 scalar and 0x7FC00000 vector). Tests
 * therefore compare raw bits and treat all NaNs as equal.
 *
 * <p>Definitions common to all operators:
 * <ul>
 *   <li><b>Canonical sum</b> {@code csum(f)} of a sequence f_0..f_{n-1}: 16 partial sums P_0..P_15 start at +0.0f;
 *       element k is added into lane k mod 16 in increasing k; then the fixed tree P_i += P_{i+8} (i &lt; 8),
 *       P_i += P_{i+4} (i &lt; 4), P_i += P_{i+2}, P_0 += P_1; the result is P_0. For a dot product the lane step is
 *       {@code P = Math.fma(a_k, b_k, P)}; for a plain sum it is {@code P = P + f_k}.</li>
 *   <li>All arithmetic is float (binary32) with round-to-nearest-even; a formula written {@code a * b + c} is two
 *       roundings, never a fused multiply-add, unless it says {@code fma}.</li>
 *   <li>exp and tanh are {@code (float) StrictMath.f((double) arg)}: the argument is rounded to float first, the
 *       function is evaluated in double by fdlibm and rounded to float once.</li>
 *   <li>Every operator reads {@code n} values from {@code off} in each input and writes {@code n} values from
 *       {@code outOff}; an output may be the same array range as an input (in place).</li>
 * </ul>
 */
public interface NnOps {

    /** RMSNorm epsilon of BitNet b1.58 2B4T ({@code rms_norm_eps}, workloads.md §4.1). */
    float RMS_EPS_2B4T = 1e-5f;
    /** LayerNorm epsilon of FLUX.1 (no affine, workloads.md §9.1); also its QK-RMSNorm epsilon. */
    float LAYER_NORM_EPS_FLUX = 1e-6f;

    /** The selected implementation for this JVM (see {@link KernelProvider}), shared and stateless. */
    static NnOps selected() {
        return KernelProvider.select(NnOps.class, "org.ternsim.kernels.nn.PanamaNnOps", ScalarNnOps::new);
    }

    /** Identifies the implementation, e.g. {@code scalar} or {@code panama/256-bit}. */
    String name();

    /** Canonical dot product: csum with lane step {@code fma(a_k, b_k, P)}. n = 0 gives +0.0f. */
    float dot(float[] a, int aOff, float[] b, int bOff, int n);

    /** Canonical sum: csum with lane step {@code P + x_k}. n = 0 gives +0.0f. */
    float sum(float[] x, int off, int n);

    /**
     * RMSNorm with weight (HF {@code BitNetRMSNorm}, computed in float):
     * ss = dot(x, x); ms = ss / n; r = 1f / (float) Math.sqrt(ms + eps); out_i = (x_i * r) * w_i.
     * Math.sqrt is correctly rounded, so it is exact to specify. Zero input gives signed zeros; |x| above ~1.8e19
     * overflows ss to infinity, r to 0, and the output to zeros (NaN where x_i is infinite), as in float32 PyTorch.
     */
    void rmsNorm(float[] x, int off, float[] weight, int wOff, float eps, float[] out, int outOff, int n);

    /**
     * LayerNorm without affine (FLUX {@code nn.LayerNorm(elementwise_affine=False)}), two passes:
     * mean = sum(x) / n; d_i = x_i - mean; var = csum with lane step {@code fma(d_k, d_k, P)}, divided by n;
     * r = 1f / (float) Math.sqrt(var + eps); out_i = (x_i - mean) * r.
     */
    void layerNorm(float[] x, int off, float eps, float[] out, int outOff, int n);

    /**
     * ReLU²-GLU of 2B4T: r = Math.max(g_i, 0f); out_i = (r * r) * u_i. Math.max maps -0.0 to +0.0 and keeps NaN;
     * a zero gate times an infinite up value is NaN.
     */
    void reluSquaredGlu(float[] gate, int gOff, float[] up, int uOff, float[] out, int outOff, int n);

    /**
     * SwiGLU: e = exp(-g_i); s = g_i / (1f + e); out_i = s * u_i. For g below about -88.7, e overflows to infinity
     * and s is -0.0; g = -infinity gives NaN (-inf / inf), as PyTorch's {@code x / (1 + exp(-x))}.
     */
    void swiGlu(float[] gate, int gOff, float[] up, int uOff, float[] out, int outOff, int n);

    /**
     * GELU, tanh approximation (FLUX {@code GELU(approximate="tanh")}): x3 = (x * x) * x;
     * a = C * (x + 0.044715f * x3) with C = (float) Math.sqrt(2 / pi) = 0.7978846f; t = tanh(a);
     * out = (0.5f * x) * (1f + t). Overflow of x3 saturates t to ±1, so large x gives x and large -x gives -0.0.
     */
    void gelu(float[] x, int off, float[] out, int outOff, int n);

    /**
     * adaLN modulation (FLUX): out_i = x_i * (1f + scale_i) + shift_i, two roundings (no fma), scale and shift
     * per channel, read from their own offsets.
     */
    void adaLnModulate(float[] x, int off, float[] scale, int scaleOff, float[] shift, int shiftOff,
                       float[] out, int outOff, int n);

    /**
     * Softmax in place over x[off .. off+n): m = max_i x_i (Math.max semantics: NaN wins, +0.0 above -0.0);
     * e_i = exp(x_i - m); s = sum(e); x_i = e_i / s. A +infinity or NaN entry, or a row of all -infinity, gives
     * NaN everywhere; -infinity entries beside a finite maximum give +0.0. n must be at least 1.
     */
    void softmax(float[] x, int off, int n);

    /**
     * Probability-weighted sum of rows, the AV product of attention: for each d &lt; dim,
     * out_d = p_0 * v_{0,d}, then out_d = fma(p_j, v_{j,d}, out_d) for j = 1 .. rows-1 in increasing j, where row j
     * starts at {@code vOff + j * vStride}. Each output lane accumulates alone, so no reduction order arises.
     * Starting from the first product (not from zero) keeps a single row exact, -0.0 included.
     */
    void weightedRowSum(float[] p, int pOff, int rows, float[] v, int vOff, int vStride, float[] out, int outOff,
                        int dim);
}
