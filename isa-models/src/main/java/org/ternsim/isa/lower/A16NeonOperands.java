// Operands of the W1.58A16 GEMV (ARM I2_S weights, F16 or BF16 activations) with the functional engine's outputs.
package org.ternsim.isa.lower;

import java.util.function.IntToDoubleFunction;
import org.ternsim.isa.Memory;
import org.ternsim.kernels.format.I2sLayout;
import org.ternsim.kernels.format.I2sPacker;
import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.gemv.A16Activations;
import org.ternsim.kernels.gemv.A16Format;
import org.ternsim.kernels.gemv.ScalarTernaryA16Gemv;
import org.ternsim.kernels.gemv.TernaryA16Gemv;
import org.ternsim.kernels.layer.SyntheticWeights;
import org.ternsim.kernels.numeric.Bf16;
import org.ternsim.kernels.numeric.Fp16;

/** The engine fixes the float order, so the scalar reference is also the exact result. */
public final class A16NeonOperands implements GemvOperands {

    private final String description;
    private final I2sWeights weights;
    private final A16Activations activations;
    private final LazyOutput scalar;
    private final LazyOutput vector;

    A16NeonOperands(String description, I2sWeights weights, A16Activations activations) {
        this.description = description;
        this.weights = weights;
        this.activations = activations;
        this.scalar = new LazyOutput(weights.rows(), y -> new ScalarTernaryA16Gemv().gemv(weights, activations, y));
        this.vector = new LazyOutput(weights.rows(), y -> TernaryA16Gemv.selected().gemv(weights, activations, y));
    }

    /** Absmean-ternary Gaussian weights and activations {@code x(k)} rounded to the format. */
    static A16NeonOperands of(String description, A16Format format, int rows, int cols, long seed,
            IntToDoubleFunction x) {
        short[] bits = new short[cols];
        for (int k = 0; k < cols; k++) {
            float v = (float) x.applyAsDouble(k);
            bits[k] = format == A16Format.BF16 ? Bf16.fromFloat(v) : Fp16.fromFloat(v);
        }
        return new A16NeonOperands(description, I2sPacker.pack(SyntheticWeights.absmeanTernary(rows, cols, seed),
            I2sLayout.ARM_64), new A16Activations(bits, format));
    }

    /** As {@link #random}, with the raw bits {@code bits(k)} wherever that is not null (e.g. NaN payloads). */
    static A16NeonOperands withBits(String description, A16Format format, int rows, int cols, long seed,
            java.util.function.IntFunction<Short> bits) {
        A16NeonOperands r = random(format, rows, cols, seed);
        short[] b = r.activations.bits().clone();
        for (int k = 0; k < cols; k++) {
            Short v = bits.apply(k);
            if (v != null) {
                b[k] = v;
            }
        }
        return new A16NeonOperands(description, r.weights, new A16Activations(b, format));
    }

    static A16NeonOperands random(A16Format format, int rows, int cols, long seed) {
        float[] x = SyntheticWeights.gaussian(cols, 1f, seed + 1);
        return of("random (seed " + seed + ")", format, rows, cols, seed, k -> x[k]);
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public long operandBytes() {
        return (long) weights.data().length + 2L * activations.bits().length;
    }

    @Override
    public void bind(Memory memory) {
        TernaryA16NeonGemv.bind(memory, weights, activations);
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
        return TernaryA16Gemv.selected().name();
    }
}
