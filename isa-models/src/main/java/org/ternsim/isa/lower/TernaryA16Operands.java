// Operands of a W1.58A16 GEMV (x86 I2_S weights, F16 or BF16 activations) with the functional engine's outputs.
package org.ternsim.isa.lower;

import java.util.Arrays;
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
import org.ternsim.kernels.quant.TernaryQuantizer;

/**
 * Float accumulation in the engine's fixed order: the scalar reference is the defined result (lossless in the sense
 * of the contract: every implementation gives its bits); exact() is that same reference.
 */
public final class TernaryA16Operands implements GemvOperands {

    private final String description;
    private final I2sWeights weights;
    private final A16Activations activations;
    private final LazyOutput scalar;
    private final LazyOutput vector;

    public TernaryA16Operands(String description, I2sWeights weights, A16Activations activations) {
        this.description = description;
        this.weights = weights;
        this.activations = activations;
        this.scalar = new LazyOutput(weights.rows(), y -> new ScalarTernaryA16Gemv().gemv(weights, activations, y));
        this.vector = new LazyOutput(weights.rows(), y -> TernaryA16Gemv.selected().gemv(weights, activations, y));
    }

    static short encode(float v, A16Format format) {
        return format == A16Format.F16 ? Fp16.fromFloat(v) : Bf16.fromFloat(v);
    }

    public static TernaryA16Operands random(int rows, int cols, long seed, A16Format format) {
        float[] x = SyntheticWeights.gaussian(cols, 1f, seed + 1);
        short[] bits = new short[cols];
        for (int k = 0; k < cols; k++) {
            bits[k] = encode(x[k], format);
        }
        return new TernaryA16Operands("random " + format + " (seed " + seed + ")",
            I2sPacker.pack(SyntheticWeights.absmeanTernary(rows, cols, seed), I2sLayout.X86_128),
            new A16Activations(bits, format));
    }

    /** Every weight {@code trit}, every activation {@code value} (rounded to the format). */
    public static TernaryA16Operands constant(int rows, int cols, int trit, float value, A16Format format) {
        short[] bits = new short[cols];
        Arrays.fill(bits, encode(value, format));
        return new TernaryA16Operands("all weights " + (trit > 0 ? "+1" : "-1") + ", all activations " + value,
            ternary(rows, cols, trit), new A16Activations(bits, format));
    }

    /**
     * Random weights (zeros among them) and random activations with +inf at k = 0 and -inf at k = 17: rows give
     * +-inf, and NaN where 0 x inf or inf - inf occurs, which the program must canonicalise as the engine does.
     */
    public static TernaryA16Operands infinities(int rows, int cols, long seed, A16Format format) {
        TernaryA16Operands r = random(rows, cols, seed, format);
        short[] bits = r.activations.bits().clone();
        bits[0] = encode(Float.POSITIVE_INFINITY, format);
        if (cols > 17) {
            bits[17] = encode(Float.NEGATIVE_INFINITY, format);
        }
        return new TernaryA16Operands("random with +inf / -inf activations (seed " + seed + ")", r.weights,
            new A16Activations(bits, format));
    }

    private static I2sWeights ternary(int rows, int cols, int trit) {
        byte[] trits = new byte[Math.multiplyExact(rows, cols)];
        Arrays.fill(trits, (byte) trit);
        return I2sPacker.pack(TernaryQuantizer.fromTrits(trits, rows, cols, 0.75f), I2sLayout.X86_128);
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
        TernaryA16Avx2Gemv.bind(memory, weights, activations);
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
