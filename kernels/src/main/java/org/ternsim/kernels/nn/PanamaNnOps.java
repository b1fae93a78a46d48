// NnOps on the incubator Vector API at 128, 256 or 512 bits, equal to ScalarNnOps bit for bit.
package org.ternsim.kernels.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API implementation of {@link NnOps}.
 *
 * <p>Why the bits match. Lanewise add, sub, mul, div, max and fma are IEEE operations with the same rounding as the
 * scalar ones, so elementwise formulas only need the same operation order (multiplication and addition are
 * commutative in IEEE, so {@code u.mul(c)} equals {@code c * u}). Reductions keep the canonical 16 partial sums:
 * a 512-bit body holds them in one vector, 256 in two, 128 in four, always stepping 16 elements, and the tail and
 * the tree are the scalar code. exp and tanh have no bit-exact vector form, so those lanes are stored to a small
 * buffer and evaluated with StrictMath, exactly as the reference does; the arithmetic around them is vectorised.
 *
 * <p>Each public method switches once on the width and calls a generic body with a constant species, which the JIT
 * inlines into straight SIMD code (the Vector API only compiles well when the species is a constant).
 */
public final class PanamaNnOps implements NnOps {

    private static final VectorSpecies<Float> F128 = FloatVector.SPECIES_128;
    private static final VectorSpecies<Float> F256 = FloatVector.SPECIES_256;
    private static final VectorSpecies<Float> F512 = FloatVector.SPECIES_512;
    private static final int LANES = ScalarNnOps.LANES;

    private final VectorSpecies<Float> species;

    /** Uses the given float species (128, 256 or 512 bits). */
    public PanamaNnOps(VectorSpecies<Float> species) {
        int bits = species.vectorBitSize();
        if (bits != 128 && bits != 256 && bits != 512) {
            throw new IllegalArgumentException("PanamaNnOps supports 128-, 256- and 512-bit species, got " + bits);
        }
        this.species = bits == 128 ? F128 : bits == 256 ? F256 : F512;
    }

    /** Uses the platform's preferred float species, or 256 bits if that is narrower than 128 bits. */
    public PanamaNnOps() {
        this(FloatVector.SPECIES_PREFERRED.vectorBitSize() < 128 ? F256 : FloatVector.SPECIES_PREFERRED);
    }

    /** Factory that {@link org.ternsim.kernels.KernelProvider} finds reflectively; 0 = preferred width. */
    public static NnOps forBits(int bits) {
        if (bits == 0) {
            return new PanamaNnOps();
        }
        return new PanamaNnOps(VectorSpecies.of(float.class, VectorShape.forBitSize(bits)));
    }

    @Override
    public String name() {
        return "panama/" + species.vectorBitSize() + "-bit";
    }

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        NnArgs.check("a", a, aOff, n);
        NnArgs.check("b", b, bOff, n);
        switch (species.vectorBitSize()) {
            case 128:
                return dot(F128, a, aOff, b, bOff, n);
            case 256:
                return dot(F256, a, aOff, b, bOff, n);
            default:
                return dot(F512, a, aOff, b, bOff, n);
        }
    }

    @Override
    public float sum(float[] x, int off, int n) {
        NnArgs.check("x", x, off, n);
        return centeredSum(species, x, off, n, Float.NaN, false);
    }

    @Override
    public void rmsNorm(float[] x, int off, float[] weight, int wOff, float eps, float[] out, int outOff, int n) {
        NnArgs.check("weight", weight, wOff, n);
        NnArgs.check("out", out, outOff, n);
        float r = ScalarNnOps.rmsFactor(dot(x, off, x, off, n), n, eps);
        VectorSpecies<Float> s = species;
        int body = s.loopBound(n);
        for (int i = 0; i < body; i += s.length()) {
            FloatVector.fromArray(s, x, off + i).mul(r).mul(FloatVector.fromArray(s, weight, wOff + i))
                    .intoArray(out, outOff + i);
        }
        for (int i = body; i < n; i++) {
            out[outOff + i] = (x[off + i] * r) * weight[wOff + i];
        }
    }

    @Override
    public void layerNorm(float[] x, int off, float eps, float[] out, int outOff, int n) {
        NnArgs.check("out", out, outOff, n);
        float mean = sum(x, off, n) / n;
        float r = ScalarNnOps.rmsFactor(centeredSum(species, x, off, n, mean, true), n, eps);
        VectorSpecies<Float> s = species;
        int body = s.loopBound(n);
        for (int i = 0; i < body; i += s.length()) {
            FloatVector.fromArray(s, x, off + i).sub(mean).mul(r).intoArray(out, outOff + i);
        }
        for (int i = body; i < n; i++) {
            out[outOff + i] = (x[off + i] - mean) * r;
        }
    }

    @Override
    public void reluSquaredGlu(float[] gate, int gOff, float[] up, int uOff, float[] out, int outOff, int n) {
        checkBinary(gate, gOff, up, uOff, out, outOff, n);
        VectorSpecies<Float> s = species;
        int body = s.loopBound(n);
        for (int i = 0; i < body; i += s.length()) {
            FloatVector r = FloatVector.fromArray(s, gate, gOff + i).lanewise(VectorOperators.MAX, 0f);
            r.mul(r).mul(FloatVector.fromArray(s, up, uOff + i)).intoArray(out, outOff + i);
        }
        for (int i = body; i < n; i++) {
            out[outOff + i] = ScalarNnOps.reluSquaredGlu(gate[gOff + i], up[uOff + i]);
        }
    }

    @Override
    public void swiGlu(float[] gate, int gOff, float[] up, int uOff, float[] out, int outOff, int n) {
        checkBinary(gate, gOff, up, uOff, out, outOff, n);
        VectorSpecies<Float> s = species;
        int body = s.loopBound(n);
        float[] e = new float[s.length()];
        for (int i = 0; i < body; i += s.length()) {
            for (int l = 0; l < e.length; l++) {
                e[l] = ScalarNnOps.exp(-gate[gOff + i + l]);
            }
            FloatVector g = FloatVector.fromArray(s, gate, gOff + i);
            g.div(FloatVector.fromArray(s, e, 0).add(1f)).mul(FloatVector.fromArray(s, up, uOff + i))
                    .intoArray(out, outOff + i);
        }
        for (int i = body; i < n; i++) {
            out[outOff + i] = ScalarNnOps.swiGlu(gate[gOff + i], up[uOff + i]);
        }
    }

    @Override
    public void gelu(float[] x, int off, float[] out, int outOff, int n) {
        NnArgs.check("x", x, off, n);
        NnArgs.check("out", out, outOff, n);
        VectorSpecies<Float> s = species;
        int body = s.loopBound(n);
        float[] t = new float[s.length()];
        for (int i = 0; i < body; i += s.length()) {
            FloatVector v = FloatVector.fromArray(s, x, off + i);
            v.add(v.mul(v).mul(v).mul(ScalarNnOps.GELU_CUBIC)).mul(ScalarNnOps.GELU_C).intoArray(t, 0);
            for (int l = 0; l < t.length; l++) {
                t[l] = ScalarNnOps.tanh(t[l]);
            }
            v.mul(0.5f).mul(FloatVector.fromArray(s, t, 0).add(1f)).intoArray(out, outOff + i);
        }
        for (int i = body; i < n; i++) {
            out[outOff + i] = ScalarNnOps.gelu(x[off + i]);
        }
    }

    @Override
    public void adaLnModulate(float[] x, int off, float[] scale, int scaleOff, float[] shift, int shiftOff,
                              float[] out, int outOff, int n) {
        checkBinary(x, off, scale, scaleOff, out, outOff, n);
        NnArgs.check("shift", shift, shiftOff, n);
        VectorSpecies<Float> s = species;
        int body = s.loopBound(n);
        for (int i = 0; i < body; i += s.length()) {
            FloatVector.fromArray(s, x, off + i).mul(FloatVector.fromArray(s, scale, scaleOff + i).add(1f))
                    .add(FloatVector.fromArray(s, shift, shiftOff + i)).intoArray(out, outOff + i);
        }
        for (int i = body; i < n; i++) {
            out[outOff + i] = ScalarNnOps.adaLn(x[off + i], scale[scaleOff + i], shift[shiftOff + i]);
        }
    }

    @Override
    public void softmax(float[] x, int off, int n) {
        NnArgs.checkSoftmax(x, off, n);
        VectorSpecies<Float> s = species;
        int body = s.loopBound(n);
        // Math.max is commutative and associative on floats (NaN absorbs, +0.0 beats -0.0), so any order is exact.
        float m = x[off];
        if (body > 0) {
            FloatVector mv = FloatVector.fromArray(s, x, off);
            for (int i = s.length(); i < body; i += s.length()) {
                mv = mv.lanewise(VectorOperators.MAX, FloatVector.fromArray(s, x, off + i));
            }
            m = Math.max(m, mv.reduceLanes(VectorOperators.MAX));
        }
        for (int i = body; i < n; i++) {
            m = Math.max(m, x[off + i]);
        }
        for (int i = 0; i < n; i++) {
            x[off + i] = ScalarNnOps.exp(x[off + i] - m);
        }
        float total = sum(x, off, n);
        for (int i = 0; i < body; i += s.length()) {
            FloatVector.fromArray(s, x, off + i).div(total).intoArray(x, off + i);
        }
        for (int i = body; i < n; i++) {
            x[off + i] = x[off + i] / total;
        }
    }

    @Override
    public void weightedRowSum(float[] p, int pOff, int rows, float[] v, int vOff, int vStride, float[] out,
                               int outOff, int dim) {
        NnArgs.checkRows(p, pOff, rows, v, vOff, vStride, out, outOff, dim);
        switch (species.vectorBitSize()) {
            case 128:
                weightedRowSum(F128, p, pOff, rows, v, vOff, vStride, out, outOff, dim);
                break;
            case 256:
                weightedRowSum(F256, p, pOff, rows, v, vOff, vStride, out, outOff, dim);
                break;
            default:
                weightedRowSum(F512, p, pOff, rows, v, vOff, vStride, out, outOff, dim);
        }
    }

    /** The AV product's body, called with a constant species because it is the hot loop of attention. */
    private static void weightedRowSum(VectorSpecies<Float> s, float[] p, int pOff, int rows, float[] v, int vOff,
                                       int vStride, float[] out, int outOff, int dim) {
        int body = s.loopBound(dim);
        // Lane d of the output only ever meets lane d of each row, so the row loop runs inside a register.
        for (int d = 0; d < body; d += s.length()) {
            FloatVector acc = FloatVector.fromArray(s, v, vOff + d).mul(p[pOff]);
            for (int j = 1; j < rows; j++) {
                acc = FloatVector.fromArray(s, v, vOff + j * vStride + d)
                        .fma(FloatVector.broadcast(s, p[pOff + j]), acc);
            }
            acc.intoArray(out, outOff + d);
        }
        for (int d = body; d < dim; d++) {
            float acc = p[pOff] * v[vOff + d];
            for (int j = 1; j < rows; j++) {
                acc = Math.fma(p[pOff + j], v[vOff + j * vStride + d], acc);
            }
            out[outOff + d] = acc;
        }
    }

    /** Canonical dot: 16 / lanes accumulators cover the 16 partial sums; tail and tree as in the reference. */
    private static float dot(VectorSpecies<Float> s, float[] a, int aOff, float[] b, int bOff, int n) {
        int lanes = s.length();
        int body = n - n % LANES;
        FloatVector acc0 = FloatVector.zero(s);
        FloatVector acc1 = acc0;
        FloatVector acc2 = acc0;
        FloatVector acc3 = acc0;
        for (int k = 0; k < body; k += LANES) {
            acc0 = FloatVector.fromArray(s, a, aOff + k).fma(FloatVector.fromArray(s, b, bOff + k), acc0);
            if (lanes <= 8) {
                acc1 = FloatVector.fromArray(s, a, aOff + k + lanes)
                        .fma(FloatVector.fromArray(s, b, bOff + k + lanes), acc1);
            }
            if (lanes <= 4) {
                acc2 = FloatVector.fromArray(s, a, aOff + k + 8).fma(FloatVector.fromArray(s, b, bOff + k + 8), acc2);
                acc3 = FloatVector.fromArray(s, a, aOff + k + 12)
                        .fma(FloatVector.fromArray(s, b, bOff + k + 12), acc3);
            }
        }
        float[] part = partials(lanes, acc0, acc1, acc2, acc3);
        for (int k = body; k < n; k++) {
            part[k - body] = Math.fma(a[aOff + k], b[bOff + k], part[k - body]);
        }
        return ScalarNnOps.tree(part);
    }

    /**
     * Canonical plain sum of x (centered = false), or canonical sum of squares of x - mean with the lane step
     * {@code fma(d, d, P)} (centered = true).
     */
    private static float centeredSum(VectorSpecies<Float> s, float[] x, int off, int n, float mean,
                                     boolean centered) {
        int lanes = s.length();
        int body = n - n % LANES;
        FloatVector[] acc = new FloatVector[LANES / lanes];
        for (int v = 0; v < acc.length; v++) {
            acc[v] = FloatVector.zero(s);
        }
        for (int k = 0; k < body; k += LANES) {
            for (int v = 0; v < acc.length; v++) {
                FloatVector xv = FloatVector.fromArray(s, x, off + k + v * lanes);
                if (centered) {
                    FloatVector d = xv.sub(mean);
                    acc[v] = d.fma(d, acc[v]);
                } else {
                    acc[v] = acc[v].add(xv);
                }
            }
        }
        float[] part = new float[LANES];
        for (int v = 0; v < acc.length; v++) {
            acc[v].intoArray(part, v * lanes);
        }
        for (int k = body; k < n; k++) {
            if (centered) {
                float d = x[off + k] - mean;
                part[k - body] = Math.fma(d, d, part[k - body]);
            } else {
                part[k - body] += x[off + k];
            }
        }
        return ScalarNnOps.tree(part);
    }

    private static float[] partials(int lanes, FloatVector acc0, FloatVector acc1, FloatVector acc2,
                                    FloatVector acc3) {
        float[] part = new float[LANES];
        acc0.intoArray(part, 0);
        if (lanes <= 8) {
            acc1.intoArray(part, lanes);
        }
        if (lanes <= 4) {
            acc2.intoArray(part, 8);
            acc3.intoArray(part, 12);
        }
        return part;
    }

    private static void checkBinary(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        NnArgs.check("a", a, aOff, n);
        NnArgs.check("b", b, bOff, n);
        NnArgs.check("out", out, outOff, n);
    }
}
