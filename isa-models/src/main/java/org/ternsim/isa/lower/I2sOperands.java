// Operands of an I2_S GEMV (x86 128-value layout, int8 activations) with the functional engine's outputs for them.
package org.ternsim.isa.lower;

import java.util.Arrays;
import org.ternsim.isa.Memory;
import org.ternsim.kernels.format.I2sLayout;
import org.ternsim.kernels.format.I2sPacker;
import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.gemv.I2sGemv;
import org.ternsim.kernels.gemv.ScalarI2sGemv;
import org.ternsim.kernels.layer.SyntheticWeights;
import org.ternsim.kernels.quant.Int8Activations;
import org.ternsim.kernels.quant.Int8Quantizer;
import org.ternsim.kernels.quant.TernaryQuantizer;

/** The scalar reference sums exactly in int32 before the epilogue, so it is also the exact result. */
public final class I2sOperands implements GemvOperands {

    private final String description;
    private final I2sWeights weights;
    private final Int8Activations activations;
    private final LazyOutput scalar;
    private final LazyOutput vector;

    public I2sOperands(String description, I2sWeights weights, Int8Activations activations) {
        this.description = description;
        this.weights = weights;
        this.activations = activations;
        this.scalar = new LazyOutput(weights.rows(),
            y -> new ScalarI2sGemv().gemv(weights, activations, y));
        this.vector = new LazyOutput(weights.rows(),
            y -> I2sGemv.selected().gemv(weights, activations, y));
    }

    /** Gaussian weights and activations from a fixed seed, quantized by absmean (weights) and absmax (activations). */
    public static I2sOperands random(int rows, int cols, long seed, I2sLayout layout) {
        float[] x = SyntheticWeights.gaussian(cols, 1f, seed + 1);
        return new I2sOperands("random (seed " + seed + ")",
            I2sPacker.pack(SyntheticWeights.absmeanTernary(rows, cols, seed), layout), Int8Quantizer.absmaxI2s(x));
    }

    /** Every weight {@code trit} and every activation code {@code code}: the extremes of the int16 accumulation. */
    public static I2sOperands constant(int rows, int cols, int trit, int code, I2sLayout layout) {
        byte[] trits = new byte[Math.multiplyExact(rows, cols)];
        Arrays.fill(trits, (byte) trit);
        byte[] codes = new byte[cols];
        Arrays.fill(codes, (byte) code);
        return new I2sOperands("all weights " + (trit > 0 ? "+" + trit : Integer.toString(trit)) + ", all activations "
            + code, I2sPacker.pack(TernaryQuantizer.fromTrits(trits, rows, cols, 0.75f), layout),
            Int8Activations.of(codes, 127f / 3.5f));
    }

    public I2sWeights weights() {
        return weights;
    }

    public Int8Activations activations() {
        return activations;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public long operandBytes() {
        return (long) weights.data().length + activations.codes().length;
    }

    @Override
    public void bind(Memory memory) {
        I2sAvx2Gemv.bind(memory, weights, activations);
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
        return I2sGemv.describe();
    }
}
