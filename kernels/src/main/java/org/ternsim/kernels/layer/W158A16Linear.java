// Runs a FluxLinear over rows of float activations as W1.58A16: bf16 activations, ternary GEMM, float bias.
package org.ternsim.kernels.layer;

import org.ternsim.kernels.numeric.Bf16;
import org.ternsim.kernels.gemm.TernaryA16Gemm;
import org.ternsim.kernels.gemv.A16Activations;
import org.ternsim.kernels.gemv.A16Format;

/**
 * y[t] = TernaryA16Gemm(W, bf16(x[t])) + b, for all rows t in one GEMM call (the weights are read once per tile, not
 * once per token, as on a real W1.58A16 datapath).
 *
 * <p>Rounding: each activation is rounded to bfloat16 by {@link Bf16#fromFloat}, round to nearest even on the raw
 * bits, which is also PyTorch's float -> bf16 rule for every non-NaN value (a NaN stays NaN; only its payload may
 * differ). The 1.58-bit FLUX model keeps activations 16-bit (workloads.md §8), so this is the only quantization of a
 * Linear input. The GEMM accumulates in float ({@link org.ternsim.kernels.gemv.TernaryA16Gemv}); the bias is added
 * in float afterwards, one rounding. Everything outside the Linears stays float32.
 */
public final class W158A16Linear {

    private final TernaryA16Gemm gemm;

    public W158A16Linear(TernaryA16Gemm gemm) {
        this.gemm = gemm;
    }

    public TernaryA16Gemm gemm() {
        return gemm;
    }

    /** The Linear applied to each row of x (rows of {@code linear.in()} floats); returns rows of out() floats. */
    public float[][] apply(FluxLinear linear, float[][] x) {
        A16Activations[] tokens = new A16Activations[x.length];
        for (int t = 0; t < x.length; t++) {
            if (x[t].length != linear.in()) {
                throw new IllegalArgumentException("row " + t + " needs " + linear.in() + " values, got "
                        + x[t].length);
            }
            tokens[t] = toBf16(x[t]);
        }
        float[][] y = new float[x.length][linear.out()];
        gemm.gemm(linear.weight(), tokens, y);
        float[] bias = linear.bias();
        for (float[] row : y) {
            for (int i = 0; i < row.length; i++) {
                row[i] += bias[i];
            }
        }
        return y;
    }

    /** One row rounded to bfloat16. */
    public static A16Activations toBf16(float[] x) {
        short[] bits = new short[x.length];
        for (int k = 0; k < x.length; k++) {
            bits[k] = Bf16.fromFloat(x[k]);
        }
        return new A16Activations(bits, A16Format.BF16);
    }
}
