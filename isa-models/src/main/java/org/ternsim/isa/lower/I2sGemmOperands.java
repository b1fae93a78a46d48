// Operands of an I2_S GEMM (N int8 activation columns, x86 or ARM layout) with the functional engine's outputs.
package org.ternsim.isa.lower;

import java.util.Arrays;
import java.util.List;
import org.ternsim.isa.Memory;
import org.ternsim.kernels.format.I2sLayout;
import org.ternsim.kernels.format.I2sPacker;
import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.gemm.I2sGemm;
import org.ternsim.kernels.gemm.ScalarI2sGemm;
import org.ternsim.kernels.layer.SyntheticWeights;
import org.ternsim.kernels.quant.Int8Activations;
import org.ternsim.kernels.quant.Int8Quantizer;
import org.ternsim.kernels.quant.TernaryQuantizer;

/** Outputs are N x M, token-major; the scalar reference sums exactly in int32, so it is also the exact result. */
public final class I2sGemmOperands implements GemvOperands {

    /** Writes weights and the N token vectors into a GEMM program's regions, in that program's byte layout. */
    @FunctionalInterface
    interface Binder {
        void bind(Memory memory, I2sWeights weights, Int8Activations[] tokens);
    }

    private final String description;
    private final Binder binder;
    private final I2sWeights weights;
    private final Int8Activations[] tokens;
    private final LazyOutput scalar;
    private final LazyOutput vector;

    I2sGemmOperands(String description, I2sWeights weights, Int8Activations[] tokens) {
        this(description, weights, tokens, I2sNx1VnniGemm::bind);
    }

    I2sGemmOperands(String description, I2sWeights weights, Int8Activations[] tokens, Binder binder) {
        this.description = description;
        this.binder = binder;
        this.weights = weights;
        this.tokens = tokens.clone();
        int n = Math.multiplyExact(tokens.length, weights.rows());
        this.scalar = new LazyOutput(n, y -> flatten(new ScalarI2sGemm(), y));
        this.vector = new LazyOutput(n, y -> flatten(I2sGemm.selected(), y));
    }

    private void flatten(I2sGemm gemm, float[] out) {
        float[][] y = new float[tokens.length][weights.rows()];
        gemm.gemm(weights, tokens, y);
        for (int t = 0; t < tokens.length; t++) {
            System.arraycopy(y[t], 0, out, t * weights.rows(), weights.rows());
        }
    }

    /** Gaussian weights (absmean) and N Gaussian token vectors (absmax, seeds seed + 1 + t). */
    static I2sGemmOperands random(int rows, int cols, int n, long seed) {
        return random(rows, cols, n, seed, I2sLayout.X86_128, I2sNx1VnniGemm::bind);
    }

    /** As {@link #random(int, int, int, long)} in {@code layout}, bound by {@code binder}. */
    static I2sGemmOperands random(int rows, int cols, int n, long seed, I2sLayout layout, Binder binder) {
        Int8Activations[] tokens = new Int8Activations[n];
        for (int t = 0; t < n; t++) {
            tokens[t] = Int8Quantizer.absmaxI2s(SyntheticWeights.gaussian(cols, 1f, seed + 1 + t));
        }
        return new I2sGemmOperands("random (seed " + seed + ", " + n + " tokens)",
            I2sPacker.pack(SyntheticWeights.absmeanTernary(rows, cols, seed), layout), tokens, binder);
    }

    /** Every weight {@code trit}; token t's codes all {@code codes[t % codes.length]}. */
    static I2sGemmOperands constant(int rows, int cols, int n, int trit, int... codes) {
        return constant(I2sLayout.X86_128, I2sNx1VnniGemm::bind, rows, cols, n, trit, codes);
    }

    /** As {@link #constant(int, int, int, int, int...)} in {@code layout}, bound by {@code binder}. */
    static I2sGemmOperands constant(I2sLayout layout, Binder binder, int rows, int cols, int n, int trit,
            int... codes) {
        byte[] trits = new byte[Math.multiplyExact(rows, cols)];
        Arrays.fill(trits, (byte) trit);
        Int8Activations[] tokens = new Int8Activations[n];
        for (int t = 0; t < n; t++) {
            byte[] c = new byte[cols];
            Arrays.fill(c, (byte) codes[t % codes.length]);
            tokens[t] = Int8Activations.of(c, 127f / 3.5f);
        }
        return new I2sGemmOperands("all weights " + (trit > 0 ? "+1" : "-1") + ", token activations "
            + Arrays.toString(codes), I2sPacker.pack(TernaryQuantizer.fromTrits(trits, rows, cols, 0.75f),
            layout), tokens, binder);
    }

    /** Random; all +1 weights with tokens alternating 127 / -128; all -1 with -128 / 127. */
    static List<GemvOperands> dataSets(int rows, int cols, int n, long seed, I2sLayout layout, Binder binder) {
        return List.of(random(rows, cols, n, seed, layout, binder),
            constant(layout, binder, rows, cols, n, 1, 127, -128),
            constant(layout, binder, rows, cols, n, -1, -128, 127));
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public long operandBytes() {
        return (long) weights.data().length + (long) tokens.length * weights.cols();
    }

    @Override
    public void bind(Memory memory) {
        binder.bind(memory, weights, tokens);
    }

    @Override
    public float[] readOutput(Memory memory) {
        return I2sAvx2Gemv.readOutput(memory);
    }

    @Override
    public float[] scalar() {
        return scalar.get();
    }

    @Override
    public float[] vector() {
        return vector.get();
    }

    @Override
    public String vectorName() {
        return I2sGemm.selected().name();
    }
}
