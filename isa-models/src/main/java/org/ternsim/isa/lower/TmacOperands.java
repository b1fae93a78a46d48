// Operands of a T-MAC GEMV (bit-plane weights, float activations turned into int8 tables) with the engine's outputs.
package org.ternsim.isa.lower;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.ternsim.isa.Memory;
import org.ternsim.kernels.layer.SyntheticWeights;
import org.ternsim.kernels.quant.IntWeights;
import org.ternsim.kernels.quant.TernaryWeights;
import org.ternsim.kernels.tmac.ScalarTmacGemv;
import org.ternsim.kernels.tmac.TmacError;
import org.ternsim.kernels.tmac.TmacKernels;
import org.ternsim.kernels.tmac.TmacLut;
import org.ternsim.kernels.tmac.TmacPacker;
import org.ternsim.kernels.tmac.TmacShapes;
import org.ternsim.kernels.tmac.TmacTables;
import org.ternsim.kernels.tmac.TmacWeights;

/** T-MAC quantizes its tables: lossy; the program must equal the engine's scalar T-MAC, the exact result is reported. */
public final class TmacOperands implements GemvOperands {

    /** How one ISA's program wants the packed indices, tables and scales in memory, and where its outputs are. */
    public interface Layout {
        void bind(Memory memory, TmacWeights weights, TmacLut lut);

        float[] readOutput(Memory memory, int rows);
    }

    /** The NEON lowering's layout (16 rows per index byte load). */
    public static final Layout NEON = new Layout() {
        @Override
        public void bind(Memory memory, TmacWeights weights, TmacLut lut) {
            TmacNeonGemv.bind(memory, weights, lut);
        }

        @Override
        public float[] readOutput(Memory memory, int rows) {
            return TmacNeonGemv.readOutput(memory, rows);
        }
    };

    private final String description;
    private final Layout layout;
    private final IntWeights ints;
    private final float[] x;
    private final TmacWeights weights;
    private final TmacLut lut;
    private final LazyOutput scalar;
    private final LazyOutput vector;

    public TmacOperands(String description, TernaryWeights ternary, float[] x, int actGroupSize) {
        this(description, ternary, x, actGroupSize, NEON);
    }

    public TmacOperands(String description, TernaryWeights ternary, float[] x, int actGroupSize, Layout layout) {
        this(description, IntWeights.of(ternary), x, actGroupSize, layout);
    }

    /** Weights of {@code ints.bits()} planes: 2 (trits, tmac) or 4 (int4, tmac-w4). */
    public TmacOperands(String description, IntWeights ints, float[] x, int actGroupSize, Layout layout) {
        this.description = description;
        this.layout = layout;
        this.ints = ints;
        this.x = x;
        this.weights = TmacPacker.pack(ints);
        this.lut = TmacTables.build(x, actGroupSize);
        this.scalar = new LazyOutput(weights.rows(),
            y -> new ScalarTmacGemv().gemv(weights, lut, y));
        this.vector = new LazyOutput(weights.rows(),
            y -> TmacKernels.tmac().gemv(weights, lut, y));
    }

    public static TmacOperands random(int rows, int cols, int actGroupSize, long seed) {
        return random(rows, cols, actGroupSize, seed, NEON);
    }

    public static TmacOperands random(int rows, int cols, int actGroupSize, long seed, Layout layout) {
        return random(rows, cols, actGroupSize, TmacShapes.BITS, seed, layout);
    }

    /**
     * Gaussian activations with absmean-ternary weights (2 planes) or uniform int4 weights (4 planes: every code
     * equally likely, so all 16 index patterns of each plane occur).
     */
    public static TmacOperands random(int rows, int cols, int actGroupSize, int bits, long seed, Layout layout) {
        TmacShapes.checkBits(bits);
        float[] x = SyntheticWeights.gaussian(cols, 1f, seed + 1);
        if (bits == TmacShapes.BITS) {
            return new TmacOperands("random (seed " + seed + ")", SyntheticWeights.absmeanTernary(rows, cols, seed), x,
                actGroupSize, layout);
        }
        byte[] values = new byte[Math.multiplyExact(rows, cols)];
        SplittableRandom random = new SplittableRandom(seed);
        int min = IntWeights.min(bits);
        for (int i = 0; i < values.length; i++) {
            values[i] = (byte) (min + random.nextInt(-2 * min));
        }
        return new TmacOperands("random int" + bits + " (seed " + seed + ")",
            new IntWeights(rows, cols, bits, values, 0.125f), x, actGroupSize, layout);
    }

    /** Every weight {@code trit}, every activation {@code value}, as LutValidation's edge sets. */
    public static TmacOperands constant(int rows, int cols, int actGroupSize, int trit, float value) {
        return constant(rows, cols, actGroupSize, trit, value, NEON);
    }

    public static TmacOperands constant(int rows, int cols, int actGroupSize, int trit, float value, Layout layout) {
        return constant(rows, cols, actGroupSize, TmacShapes.BITS, trit, value, layout);
    }

    /** Every weight the int{@code bits} {@code weight}, every activation {@code value}. */
    public static TmacOperands constant(int rows, int cols, int actGroupSize, int bits, int weight, float value,
            Layout layout) {
        byte[] values = new byte[Math.multiplyExact(rows, cols)];
        Arrays.fill(values, (byte) weight);
        float[] x = new float[cols];
        Arrays.fill(x, value);
        return new TmacOperands("all weights " + (weight > 0 ? "+" : "") + weight + ", all activations " + (int) value,
            new IntWeights(rows, cols, bits, values, 0.75f), x, actGroupSize, layout);
    }

    /**
     * The random set and the edge sets of a T-MAC lowering of {@code bits} planes: the extreme weights (+-1 trits;
     * int4 +7 and -8) times activations of +-127 (every table entry at +-127 or a .5 tie).
     */
    public static List<GemvOperands> dataSets(int rows, int cols, int actGroupSize, int bits, long seed,
            Layout layout) {
        int max = bits == TmacShapes.BITS ? 1 : -IntWeights.min(bits) - 1;
        int min = bits == TmacShapes.BITS ? -1 : IntWeights.min(bits);
        return List.of(random(rows, cols, actGroupSize, bits, seed, layout),
            constant(rows, cols, actGroupSize, bits, max, 127, layout),
            constant(rows, cols, actGroupSize, bits, min, -127, layout),
            constant(rows, cols, actGroupSize, bits, max, -127, layout));
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public long operandBytes() {
        return (long) weights.indices().length + lut.entries().length;
    }

    @Override
    public void bind(Memory memory) {
        layout.bind(memory, weights, lut);
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
        return TmacKernels.tmac().name();
    }

    /** The exact sum of w * x per row (in double, rounded to float once), which the lossy tables approximate. */
    @Override
    public float[] exact() {
        double[] e = TmacError.exact(ints, x);
        float[] out = new float[e.length];
        for (int i = 0; i < e.length; i++) {
            out[i] = (float) e[i];
        }
        return out;
    }

    @Override
    public boolean lossless() {
        return false;
    }
}
