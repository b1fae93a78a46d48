// The reference implementation of NnOps: plain loops that read like the javadoc formulas they implement.
package org.ternsim.kernels.nn;

/**
 * Scalar reference for {@link NnOps}. The per-element formulas are package-private static methods, so the Vector
 * API implementation computes its tails, and its transcendental lanes, with the very same code.
 */
public final class ScalarNnOps implements NnOps {

    /** Partial sums of the canonical reduction order. */
    static final int LANES = 16;
    /** sqrt(2 / pi) rounded to float, the GELU tanh-approximation constant. */
    static final float GELU_C = (float) Math.sqrt(2.0 / Math.PI);
    static final float GELU_CUBIC = 0.044715f;

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        NnArgs.check("a", a, aOff, n);
        NnArgs.check("b", b, bOff, n);
        float[] lanes = new float[LANES];
        for (int k = 0; k < n; k++) {
            lanes[k % LANES] = Math.fma(a[aOff + k], b[bOff + k], lanes[k % LANES]);
        }
        return tree(lanes);
    }

    @Override
    public float sum(float[] x, int off, int n) {
        NnArgs.check("x", x, off, n);
        float[] lanes = new float[LANES];
        for (int k = 0; k < n; k++) {
            lanes[k % LANES] += x[off + k];
        }
        return tree(lanes);
    }

    @Override
    public void rmsNorm(float[] x, int off, float[] weight, int wOff, float eps, float[] out, int outOff, int n) {
        NnArgs.check("weight", weight, wOff, n);
        NnArgs.check("out", out, outOff, n);
        float r = rmsFactor(dot(x, off, x, off, n), n, eps);
        for (int i = 0; i < n; i++) {
            out[outOff + i] = (x[off + i] * r) * weight[wOff + i];
        }
    }

    @Override
    public void layerNorm(float[] x, int off, float eps, float[] out, int outOff, int n) {
        NnArgs.check("out", out, outOff, n);
        float mean = sum(x, off, n) / n;
        float[] lanes = new float[LANES];
        for (int k = 0; k < n; k++) {
            float d = x[off + k] - mean;
            lanes[k % LANES] = Math.fma(d, d, lanes[k % LANES]);
        }
        float r = rmsFactor(tree(lanes), n, eps);
        for (int i = 0; i < n; i++) {
            out[outOff + i] = (x[off + i] - mean) * r;
        }
    }

    @Override
    public void reluSquaredGlu(float[] gate, int gOff, float[] up, int uOff, float[] out, int outOff, int n) {
        checkBinary(gate, gOff, up, uOff, out, outOff, n);
        for (int i = 0; i < n; i++) {
            out[outOff + i] = reluSquaredGlu(gate[gOff + i], up[uOff + i]);
        }
    }

    @Override
    public void swiGlu(float[] gate, int gOff, float[] up, int uOff, float[] out, int outOff, int n) {
        checkBinary(gate, gOff, up, uOff, out, outOff, n);
        for (int i = 0; i < n; i++) {
            out[outOff + i] = swiGlu(gate[gOff + i], up[uOff + i]);
        }
    }

    @Override
    public void gelu(float[] x, int off, float[] out, int outOff, int n) {
        NnArgs.check("x", x, off, n);
        NnArgs.check("out", out, outOff, n);
        for (int i = 0; i < n; i++) {
            out[outOff + i] = gelu(x[off + i]);
        }
    }

    @Override
    public void adaLnModulate(float[] x, int off, float[] scale, int scaleOff, float[] shift, int shiftOff,
                              float[] out, int outOff, int n) {
        checkBinary(x, off, scale, scaleOff, out, outOff, n);
        NnArgs.check("shift", shift, shiftOff, n);
        for (int i = 0; i < n; i++) {
            out[outOff + i] = adaLn(x[off + i], scale[scaleOff + i], shift[shiftOff + i]);
        }
    }

    @Override
    public void softmax(float[] x, int off, int n) {
        NnArgs.checkSoftmax(x, off, n);
        float m = x[off];
        for (int i = 1; i < n; i++) {
            m = Math.max(m, x[off + i]);
        }
        for (int i = 0; i < n; i++) {
            x[off + i] = exp(x[off + i] - m);
        }
        float s = sum(x, off, n);
        for (int i = 0; i < n; i++) {
            x[off + i] = x[off + i] / s;
        }
    }

    @Override
    public void weightedRowSum(float[] p, int pOff, int rows, float[] v, int vOff, int vStride, float[] out,
                               int outOff, int dim) {
        NnArgs.checkRows(p, pOff, rows, v, vOff, vStride, out, outOff, dim);
        for (int d = 0; d < dim; d++) {
            out[outOff + d] = p[pOff] * v[vOff + d];
        }
        for (int j = 1; j < rows; j++) {
            float pj = p[pOff + j];
            int row = vOff + j * vStride;
            for (int d = 0; d < dim; d++) {
                out[outOff + d] = Math.fma(pj, v[row + d], out[outOff + d]);
            }
        }
    }

    /** The fixed pairwise tree over the 16 partial sums; consumes {@code lanes}. */
    static float tree(float[] lanes) {
        for (int width = LANES / 2; width >= 1; width /= 2) {
            for (int i = 0; i < width; i++) {
                lanes[i] += lanes[i + width];
            }
        }
        return lanes[0];
    }

    /** 1 / sqrt(squares / n + eps), the shared scale of RMSNorm and LayerNorm. */
    static float rmsFactor(float squares, int n, float eps) {
        return 1f / (float) Math.sqrt(squares / n + eps);
    }

    static float exp(float x) {
        return (float) StrictMath.exp(x);
    }

    static float tanh(float x) {
        return (float) StrictMath.tanh(x);
    }

    static float reluSquaredGlu(float g, float u) {
        float r = Math.max(g, 0f);
        return (r * r) * u;
    }

    static float swiGlu(float g, float u) {
        return g / (1f + exp(-g)) * u;
    }

    /** The argument of tanh in {@link #gelu(float)}. */
    static float geluInner(float x) {
        return GELU_C * (x + GELU_CUBIC * ((x * x) * x));
    }

    static float gelu(float x) {
        return (0.5f * x) * (1f + tanh(geluInner(x)));
    }

    static float adaLn(float x, float scale, float shift) {
        return x * (1f + scale) + shift;
    }

    private static void checkBinary(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        NnArgs.check("a", a, aOff, n);
        NnArgs.check("b", b, bOff, n);
        NnArgs.check("out", out, outOff, n);
    }
}
