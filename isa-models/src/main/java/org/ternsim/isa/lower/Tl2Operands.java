// Operands of a TL2 GEMV (logical TL2 weights, TL int8 activations) with the functional engine's outputs for them.
package org.ternsim.isa.lower;

import java.util.Arrays;
import java.util.List;
import org.ternsim.isa.Memory;
import org.ternsim.kernels.layer.SyntheticWeights;
import org.ternsim.kernels.lut.LutEpilogue;
import org.ternsim.kernels.lut.LutKernels;
import org.ternsim.kernels.lut.ScalarTl2Gemv;
import org.ternsim.kernels.lut.Tl2Packer;
import org.ternsim.kernels.lut.Tl2Weights;
import org.ternsim.kernels.quant.Int8Activations;
import org.ternsim.kernels.quant.Int8Quantizer;
import org.ternsim.kernels.quant.TernaryQuantizer;
import org.ternsim.kernels.quant.TernaryWeights;

/** TL2 keeps exact int16 tables, so within its limits (BK <= 258) the scalar reference equals the exact Σ t*q. */
public final class Tl2Operands implements GemvOperands {

    private final String description;
    private final TernaryWeights trits;
    private final Tl2Weights weights;
    private final Int8Activations activations;
    private final LazyOutput scalar;
    private final LazyOutput vector;
    private final Layout layout;

    /** How a lowering lays the packed weights, tables and scales out in its program's regions. */
    interface Layout {
        void bind(Memory memory, Tl2Weights weights, Int8Activations activations);
    }

    Tl2Operands(String description, TernaryWeights trits, int bk, Int8Activations activations, Layout layout) {
        this.description = description;
        this.layout = layout;
        this.trits = trits;
        this.weights = Tl2Packer.pack(trits, bk);
        this.activations = activations;
        this.scalar = new LazyOutput(weights.rows(),
            y -> new ScalarTl2Gemv().gemv(weights, activations, y));
        this.vector = new LazyOutput(weights.rows(),
            y -> LutKernels.tl2().gemv(weights, activations, y));
    }

    /** Gaussian weights (absmean ternary) and activations (bitnet.cpp's TL absmax: fp32, no floor). */
    static Tl2Operands random(int rows, int cols, long seed, int bk, Layout layout) {
        float[] x = SyntheticWeights.gaussian(cols, 1f, seed + 1);
        return new Tl2Operands("random (seed " + seed + ")", SyntheticWeights.absmeanTernary(rows, cols, seed), bk,
            Int8Quantizer.absmaxTl(x), layout);
    }

    /** Every weight {@code trit}, every activation code {@code code}: the largest table entries and block sums. */
    static Tl2Operands constant(int rows, int cols, int trit, int code, int bk, Layout layout) {
        byte[] t = new byte[Math.multiplyExact(rows, cols)];
        Arrays.fill(t, (byte) trit);
        byte[] codes = new byte[cols];
        Arrays.fill(codes, (byte) code);
        return new Tl2Operands("all weights " + (trit > 0 ? "+1" : "-1") + ", all activations " + code,
            TernaryQuantizer.fromTrits(t, rows, cols, 0.75f), bk, Int8Activations.of(codes, 127f / 3.5f), layout);
    }

    /** The random set, then the largest table entries with each sign combination. */
    static List<GemvOperands> dataSets(int rows, int cols, long seed, int bk, Layout layout) {
        return List.of(random(rows, cols, seed, bk, layout), constant(rows, cols, 1, 127, bk, layout),
            constant(rows, cols, -1, -128, bk, layout), constant(rows, cols, 1, -128, bk, layout));
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public long operandBytes() {
        // The program reads the packed weights and the tables built from the activations (32 bytes per triple / pair).
        return (long) weights.tripleIndices().length + weights.tripleSigns().length + weights.pairIndices().length
            + 32L * (weights.triples() + weights.twoK() / 2);
    }

    @Override
    public void bind(Memory memory) {
        layout.bind(memory, weights, activations);
    }

    @Override
    public float[] readOutput(Memory memory) {
        return Tl2Avx2Gemv.readOutput(memory, weights.rows());
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
        return LutKernels.tl2().name();
    }

    @Override
    public float[] exact() {
        float[] exact = new float[trits.rows()];
        for (int m = 0; m < trits.rows(); m++) {
            int acc = 0;
            for (int k = 0; k < trits.cols(); k++) {
                acc += trits.trits()[m * trits.cols() + k] * activations.codes()[k];
            }
            exact[m] = LutEpilogue.output(acc, activations.scale(), trits.scale());
        }
        return exact;
    }
}
