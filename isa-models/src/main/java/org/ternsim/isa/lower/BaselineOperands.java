// Operands of a llama.cpp-format GEMV (ggml byte layout) with the functional engine's outputs for them.
package org.ternsim.isa.lower;

import java.util.function.IntToDoubleFunction;
import org.ternsim.isa.Memory;
import org.ternsim.kernels.baseline.BaselineKernels;
import org.ternsim.kernels.baseline.BlockFormat;
import org.ternsim.kernels.baseline.BlockTensor;
import org.ternsim.kernels.baseline.ScalarBaselineGemv;
import org.ternsim.kernels.layer.SyntheticWeights;

/** The baseline kernels define their float order, so the scalar reference is also the "exact" result. */
public final class BaselineOperands implements GemvOperands {

    private final String description;
    private final BlockTensor weights;
    private final BlockTensor activations;
    private final LazyOutput scalar;
    private final LazyOutput vector;

    BaselineOperands(String description, BlockFormat format, int rows, int cols, float[] w, float[] x) {
        this.description = description;
        this.weights = BlockTensor.quantize(format, rows, cols, w);
        this.activations = BaselineKernels.quantizeActivations(format, x);
        this.scalar = new LazyOutput(weights.rows(),
            y -> new ScalarBaselineGemv().gemv(weights, activations, y));
        this.vector = new LazyOutput(weights.rows(),
            y -> BaselineKernels.gemv().gemv(weights, activations, y));
    }

    static BaselineOperands random(BlockFormat f, int rows, int cols, long seed) {
        return new BaselineOperands("random (seed " + seed + ")", f, rows, cols,
            SyntheticWeights.gaussian(Math.multiplyExact(rows, cols), 1f, seed),
            SyntheticWeights.gaussian(cols, 1f, seed + 1));
    }

    /** Weights {@code w(i)} for flat index i, activations {@code x(k)}. */
    static BaselineOperands of(String description, BlockFormat f, int rows, int cols, IntToDoubleFunction w,
            IntToDoubleFunction x) {
        float[] wv = new float[Math.multiplyExact(rows, cols)];
        for (int i = 0; i < wv.length; i++) {
            wv[i] = (float) w.applyAsDouble(i);
        }
        float[] xv = new float[cols];
        for (int k = 0; k < cols; k++) {
            xv[k] = (float) x.applyAsDouble(k);
        }
        return new BaselineOperands(description, f, rows, cols, wv, xv);
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public long operandBytes() {
        return (long) weights.data().length + activations.data().length;
    }

    @Override
    public void bind(Memory memory) {
        BaselineAvx2Gemv.bind(memory, weights, activations);
    }

    @Override
    public float[] readOutput(Memory memory) {
        return BaselineAvx2Gemv.readOutput(memory);
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
        return BaselineKernels.gemv().name();
    }
}
