// Operands of an activation-sparse ternary GEMV (column-major codes, int8 activations with zeros) and the engine's outputs.
package org.ternsim.isa.lower;

import java.util.Arrays;
import org.ternsim.isa.Memory;
import org.ternsim.kernels.layer.SyntheticWeights;
import org.ternsim.kernels.quant.Int8Activations;
import org.ternsim.kernels.quant.Int8Quantizer;
import org.ternsim.kernels.quant.TernaryQuantizer;
import org.ternsim.kernels.sparse.ColumnTernaryWeights;
import org.ternsim.kernels.sparse.ScalarSparseGemv;
import org.ternsim.kernels.sparse.SparseGemv;

/** Integer sums: the scalar reference is exact. The binding is the lowering's memory layout (AVX2 by default). */
public final class SparseOperands implements GemvOperands {

    /** How one lowering lays the operands out in its memory and reads its outputs back. */
    public interface Binding {
        void bind(Memory memory, ColumnTernaryWeights w, Int8Activations x);

        float[] readOutput(Memory memory, int rows);
    }

    /** The AVX2 program's layout (planes padded to 8 bytes). */
    public static final Binding AVX2 = new Binding() {
        @Override
        public void bind(Memory memory, ColumnTernaryWeights w, Int8Activations x) {
            SparseAvx2Gemv.bind(memory, w, x);
        }

        @Override
        public float[] readOutput(Memory memory, int rows) {
            return SparseAvx2Gemv.readOutput(memory, rows);
        }
    };

    private final String description;
    private final ColumnTernaryWeights weights;
    private final Int8Activations activations;
    private final Binding binding;
    private final LazyOutput scalar;
    private final LazyOutput vector;

    public SparseOperands(String description, ColumnTernaryWeights weights, Int8Activations activations) {
        this(description, weights, activations, AVX2,
            new LazyOutput(weights.rows(), y -> new ScalarSparseGemv().gemv(weights, activations, y)),
            new LazyOutput(weights.rows(), y -> SparseGemv.selected().gemv(weights, activations, y)));
    }

    private SparseOperands(String description, ColumnTernaryWeights weights, Int8Activations activations,
            Binding binding, LazyOutput scalar, LazyOutput vector) {
        this.description = description;
        this.weights = weights;
        this.activations = activations;
        this.binding = binding;
        this.scalar = scalar;
        this.vector = vector;
    }

    /** The same operands (and engine outputs) in another lowering's layout. */
    public SparseOperands boundAs(Binding other) {
        return new SparseOperands(description, weights, activations, other, scalar, vector);
    }

    /**
     * Gaussian weights and activations, int8 absmax codes, then every activation with |x| below the median zeroed
     * (a4.8's Top-K 50% of the Wo input) and a run of 40 more zeros from K / 3: isolated and consecutive skips.
     */
    public static SparseOperands random(int rows, int cols, long seed) {
        float[] x = SyntheticWeights.gaussian(cols, 1f, seed + 1);
        float[] mags = new float[cols];
        for (int k = 0; k < cols; k++) {
            mags[k] = Math.abs(x[k]);
        }
        Arrays.sort(mags);
        float median = mags[cols / 2];
        for (int k = 0; k < cols; k++) {
            if (Math.abs(x[k]) < median || k >= cols / 3 && k < cols / 3 + 40) {
                x[k] = 0f;
            }
        }
        return new SparseOperands("random, half the activations zero (seed " + seed + ")",
            ColumnTernaryWeights.pack(SyntheticWeights.absmeanTernary(rows, cols, seed)), Int8Quantizer.absmaxI2s(x));
    }

    /**
     * Gaussian weights and activations with the {@code zeroFraction} of smallest magnitude zeroed (ties by index), then
     * int8 absmax codes: the data of a simulated operator whose input has that sparsity (a4.8's Top-K on the Wo input,
     * the zeros of ReLU^2 on the Wdown input). Values the quantizer rounds to code 0 are zero as well, as in a real layer.
     */
    public static SparseOperands random(int rows, int cols, long seed, double zeroFraction) {
        if (!(zeroFraction >= 0 && zeroFraction <= 1)) {
            throw new IllegalArgumentException("zero fraction must be in [0, 1], got " + zeroFraction);
        }
        float[] x = SyntheticWeights.gaussian(cols, 1f, seed + 1);
        Integer[] bySize = new Integer[cols];
        for (int k = 0; k < cols; k++) {
            bySize[k] = k;
        }
        Arrays.sort(bySize, (a, b) -> Float.compare(Math.abs(x[a]), Math.abs(x[b])));
        int zeros = (int) Math.round(zeroFraction * cols);
        for (int i = 0; i < zeros; i++) {
            x[bySize[i]] = 0f;
        }
        return new SparseOperands(String.format(java.util.Locale.ROOT, "random, %.1f%% of the activations zeroed (seed %d)",
            100 * zeroFraction, seed), ColumnTernaryWeights.pack(SyntheticWeights.absmeanTernary(rows, cols, seed)),
            Int8Quantizer.absmaxI2s(x));
    }

    /** The share of zero activation codes. */
    public double zeroCodeFraction() {
        byte[] codes = activations.codes();
        int zeros = 0;
        for (byte c : codes) {
            zeros += c == 0 ? 1 : 0;
        }
        return (double) zeros / codes.length;
    }

    /** Every weight {@code trit}; activations {@code code} at even k and 0 at odd k. */
    public static SparseOperands constant(int rows, int cols, int trit, int code) {
        byte[] trits = new byte[Math.multiplyExact(rows, cols)];
        Arrays.fill(trits, (byte) trit);
        byte[] codes = new byte[cols];
        for (int k = 0; k < cols; k += 2) {
            codes[k] = (byte) code;
        }
        return new SparseOperands("all weights " + (trit > 0 ? "+1" : "-1") + ", activations " + code
            + " at even k, 0 at odd k", ColumnTernaryWeights.pack(TernaryQuantizer.fromTrits(trits, rows, cols, 0.75f)),
            Int8Activations.of(codes, 127f / 3.5f));
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
        binding.bind(memory, weights, activations);
    }

    @Override
    public float[] readOutput(Memory memory) {
        return binding.readOutput(memory, weights.rows());
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
        return SparseGemv.selected().name();
    }
}
