// Operands of an I2_S GEMM (x86 128-value layout, N int8 activation columns) with the functional engine's outputs.
package org.ternsim.isa.lower;

import java.util.Arrays;
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

    private final String description;
    private final I2sWeights weights;
    private final Int8Activations[] tokens;
    private final LazyOutput scalar;
    private final LazyOutput vector;

    I2sGemmOperands(String description, I2sWeights weights, Int8Activations[] tokens) {
        this.description = description;
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
        float[] w = SyntheticWeights.gaussian(Math.multiplyExact(rows, cols), 1f, seed);
        Int8Activations[] tokens = new Int8Activations[n];
        for (int t = 0; t < n; t++) {
            tokens[t] = Int8Quantizer.absmaxI2s(SyntheticWeights.gaussian(cols, 1f, seed + 1 + t));
        }
        return new I2sGemmOperands("random (seed " + seed + ", " + n + " tokens)",
            I2sPacker.pack(TernaryQuantizer.absmean(w, rows, cols), I2sLayout.X86_128), tokens);
    }

    /** Every weight {@code trit}; token t's codes all {@code codes[t % codes.length]}. */
    static I2sGemmOperands constant(int rows, int cols, int n, int trit, int... codes) {
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
            I2sLayout.X86_128), tokens);
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
        I2sNx1VnniGemm.bind(memory, weights, tokens);
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

    @Override
    public float[] exact() {
        return scalar();
    }

    @Override
    public boolean lossless() {
        return true;
    }
}
