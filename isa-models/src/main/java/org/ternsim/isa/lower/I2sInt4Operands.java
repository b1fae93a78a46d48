// Operands of a ternary x INT4 GEMV (BitNet a4.8: I2_S x86 weights, int4 codes one per byte) with the engine's outputs.
package org.ternsim.isa.lower;

import java.util.Arrays;
import org.ternsim.isa.Memory;
import org.ternsim.kernels.format.I2sLayout;
import org.ternsim.kernels.format.I2sPacker;
import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.gemv.I2sInt4Gemv;
import org.ternsim.kernels.gemv.ScalarI2sInt4Gemv;
import org.ternsim.kernels.layer.SyntheticWeights;
import org.ternsim.kernels.quant.Int4Activations;
import org.ternsim.kernels.quant.Int4Quantizer;
import org.ternsim.kernels.quant.Int8Activations;
import org.ternsim.kernels.quant.TernaryQuantizer;

/** The scalar reference sums exactly in int32 before the epilogue, so it is also the exact result. */
public final class I2sInt4Operands implements GemvOperands {

    private final String description;
    private final I2sWeights weights;
    private final Int4Activations activations;
    private final LazyOutput scalar;
    private final LazyOutput vector;

    public I2sInt4Operands(String description, I2sWeights weights, Int4Activations activations) {
        this.description = description;
        this.weights = weights;
        this.activations = activations;
        this.scalar = new LazyOutput(weights.rows(), y -> new ScalarI2sInt4Gemv().gemv(weights, activations, y));
        this.vector = new LazyOutput(weights.rows(), y -> I2sInt4Gemv.selected().gemv(weights, activations, y));
    }

    /** Gaussian weights and activations from a fixed seed, quantized by absmean (weights and int4 activations). */
    public static I2sInt4Operands random(int rows, int cols, long seed) {
        float[] x = SyntheticWeights.gaussian(cols, 1f, seed + 1);
        return new I2sInt4Operands("random (seed " + seed + ")",
            I2sPacker.pack(SyntheticWeights.absmeanTernary(rows, cols, seed), I2sLayout.X86_128), Int4Quantizer.absmean(x));
    }

    /** Every weight {@code trit} and every int4 code {@code code}: the extremes of the int16 accumulation. */
    public static I2sInt4Operands constant(int rows, int cols, int trit, int code) {
        byte[] trits = new byte[Math.multiplyExact(rows, cols)];
        Arrays.fill(trits, (byte) trit);
        byte[] codes = new byte[cols];
        Arrays.fill(codes, (byte) code);
        return new I2sInt4Operands("all weights " + (trit > 0 ? "+" + trit : Integer.toString(trit))
            + ", all int4 codes " + code, I2sPacker.pack(TernaryQuantizer.fromTrits(trits, rows, cols, 0.75f),
                I2sLayout.X86_128), Int4Activations.of(codes, Int4Quantizer.SQRT7 / 3.5f));
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public long operandBytes() {
        return (long) weights.data().length + activations.codes().length;
    }

    /** Int4 codes are stored one per byte, so the I2_S program's int8 activation region takes them unchanged. */
    @Override
    public void bind(Memory memory) {
        I2sAvx2Gemv.bind(memory, weights,
            new Int8Activations(activations.codes(), activations.scale(), activations.sum()));
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
        return I2sInt4Gemv.selected().name();
    }
}
