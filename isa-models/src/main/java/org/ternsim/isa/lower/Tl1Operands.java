// Operands of a TL1 GEMV (pair-index weights, TL-path int8 activations) with the functional engine's outputs.
package org.ternsim.isa.lower;

import java.util.Arrays;
import org.ternsim.isa.Memory;
import org.ternsim.kernels.layer.SyntheticWeights;
import org.ternsim.kernels.lut.LutKernels;
import org.ternsim.kernels.lut.ScalarTl1Gemv;
import org.ternsim.kernels.lut.Tl1Packer;
import org.ternsim.kernels.lut.Tl1Weights;
import org.ternsim.kernels.quant.Int8Activations;
import org.ternsim.kernels.quant.Int8Quantizer;
import org.ternsim.kernels.quant.TernaryQuantizer;

/** TL1's int16 tables are exact and BK <= 256 cannot wrap with |q| <= 127, so the scalar reference is exact. */
public final class Tl1Operands implements GemvOperands {

    /** How one ISA's program wants the indices and tables in memory, and where its outputs are. */
    public interface Layout {
        void bind(Memory memory, Tl1Weights weights, Int8Activations activations);

        float[] readOutput(Memory memory, int rows);
    }

    /** The NEON lowering's layout (16 rows interleaved per index byte load). */
    public static final Layout NEON = new Layout() {
        @Override
        public void bind(Memory memory, Tl1Weights weights, Int8Activations activations) {
            Tl1NeonGemv.bind(memory, weights, activations);
        }

        @Override
        public float[] readOutput(Memory memory, int rows) {
            return Tl1NeonGemv.readOutput(memory, rows);
        }
    };

    private final String description;
    private final Layout layout;
    private final Tl1Weights weights;
    private final Int8Activations activations;
    private final LazyOutput scalar;
    private final LazyOutput vector;

    public Tl1Operands(String description, Tl1Weights weights, Int8Activations activations) {
        this(description, weights, activations, NEON);
    }

    public Tl1Operands(String description, Tl1Weights weights, Int8Activations activations, Layout layout) {
        this.description = description;
        this.layout = layout;
        this.weights = weights;
        this.activations = activations;
        this.scalar = new LazyOutput(weights.rows(),
            y -> new ScalarTl1Gemv().gemv(weights, activations, y));
        this.vector = new LazyOutput(weights.rows(),
            y -> LutKernels.tl1().gemv(weights, activations, y));
    }

    /** Gaussian data quantized by absmean (weights) and the TL path's fp32 absmax (activations), as LutValidation. */
    public static Tl1Operands random(int rows, int cols, int bk, long seed) {
        return random(rows, cols, bk, seed, NEON);
    }

    public static Tl1Operands random(int rows, int cols, int bk, long seed, Layout layout) {
        float[] x = SyntheticWeights.gaussian(cols, 1f, seed + 1);
        return new Tl1Operands("random (seed " + seed + ")",
            Tl1Packer.pack(SyntheticWeights.absmeanTernary(rows, cols, seed), bk), Int8Quantizer.absmaxTl(x), layout);
    }

    /** Every weight {@code trit}, every activation {@code value} (quantized to +-127). */
    public static Tl1Operands constant(int rows, int cols, int bk, int trit, int value) {
        return constant(rows, cols, bk, trit, value, NEON);
    }

    public static Tl1Operands constant(int rows, int cols, int bk, int trit, int value, Layout layout) {
        byte[] trits = new byte[Math.multiplyExact(rows, cols)];
        Arrays.fill(trits, (byte) trit);
        float[] x = new float[cols];
        Arrays.fill(x, value);
        return new Tl1Operands("all weights " + (trit > 0 ? "+1" : "-1") + ", all activations " + value,
            Tl1Packer.pack(TernaryQuantizer.fromTrits(trits, rows, cols, 0.75f), bk), Int8Quantizer.absmaxTl(x), layout);
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public long operandBytes() {
        return (long) weights.indices().length + activations.codes().length;
    }

    @Override
    public void bind(Memory memory) {
        layout.bind(memory, weights, activations);
    }

    @Override
    public float[] readOutput(Memory memory) {
        return layout.readOutput(memory, weights.rows());
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
        return LutKernels.tl1().name();
    }
}
