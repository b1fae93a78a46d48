// Operands of the a4.8 ternary x INT4 GEMV in the ARM I2_S layout, with the functional engine's outputs for them.
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

/** Int4 codes are held one per byte (as the engine holds them), so the NEON I2_S program reads them as int8 codes. */
public final class Int4NeonOperands implements GemvOperands {

    private final String description;
    private final I2sWeights weights;
    private final Int4Activations activations;
    private final LazyOutput scalar;
    private final LazyOutput vector;

    Int4NeonOperands(String description, I2sWeights weights, Int4Activations activations) {
        this.description = description;
        this.weights = weights;
        this.activations = activations;
        this.scalar = new LazyOutput(weights.rows(), y -> new ScalarI2sInt4Gemv().gemv(weights, activations, y));
        this.vector = new LazyOutput(weights.rows(), y -> I2sInt4Gemv.selected().gemv(weights, activations, y));
    }

    /** Gaussian weights (absmean ternary) and activations (absmean int4, DESIGN.md) from a fixed seed. */
    static Int4NeonOperands random(int rows, int cols, long seed) {
        float[] w = SyntheticWeights.gaussian(Math.multiplyExact(rows, cols), 1f, seed);
        float[] x = SyntheticWeights.gaussian(cols, 1f, seed + 1);
        return new Int4NeonOperands("random (seed " + seed + ")",
            I2sPacker.pack(TernaryQuantizer.absmean(w, rows, cols), I2sLayout.ARM_64), Int4Quantizer.absmean(x));
    }

    /** Every weight {@code trit} and every activation {@code code}: the extremes of the int16 accumulation. */
    static Int4NeonOperands constant(int rows, int cols, int trit, int code) {
        byte[] trits = new byte[Math.multiplyExact(rows, cols)];
        Arrays.fill(trits, (byte) trit);
        byte[] codes = new byte[cols];
        Arrays.fill(codes, (byte) code);
        return new Int4NeonOperands("all weights " + (trit > 0 ? "+" : "") + trit + ", all activations " + code,
            I2sPacker.pack(TernaryQuantizer.fromTrits(trits, rows, cols, 0.75f), I2sLayout.ARM_64),
            Int4Activations.of(codes, 2.5f));
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
        // Same bytes, scale and sum as int8 activations of the same codes: the program cannot tell them apart.
        I2sNeonGemv.bind(memory, weights, new Int8Activations(activations.codes(), activations.scale(), activations.sum()));
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
