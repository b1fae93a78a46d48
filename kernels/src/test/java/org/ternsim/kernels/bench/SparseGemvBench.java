// JMH benchmark of the activation-sparse ternary GEMV (column layout, BitNet a4.8 Wo / Wdown) on 2B4T shapes.
//
// Run as I2sGemvBench says, with the class name SparseGemvBench, e.g.
//   java --add-modules jdk.incubator.vector -cp ... org.openjdk.jmh.Main SparseGemvBench -f 1 -wi 5 -i 3 -w 1 -r 1
// Narrow with e.g. -p zeros=0.5 -p shape=2560x6912; -p bits=256 pins the Panama width. The dense I2_S GEMV of the
// same shape is I2sGemvBench.
// Dense-equivalent GMAC/s = rows * cols / (us per op) / 1000 (skipped columns counted as done, so the figure shows
// what the skipping buys); useful GMAC/s multiplies that by (1 - zeros).
package org.ternsim.kernels.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.ternsim.kernels.quant.Int8Activations;
import org.ternsim.kernels.quant.TernaryWeights;
import org.ternsim.kernels.sparse.ColumnTernaryWeights;
import org.ternsim.kernels.sparse.PanamaSparseGemv;
import org.ternsim.kernels.sparse.ScalarSparseGemv;
import org.ternsim.kernels.sparse.SparseGemv;

@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector"})
public class SparseGemvBench {

    /** rows x cols (M x K) of the four 2B4T linears; a4.8 runs Wo (2560x2560) and Wdown (2560x6912) sparse. */
    @Param({"2560x2560", "640x2560", "6912x2560", "2560x6912"})
    public String shape;

    /** Fraction of zero activation codes (exact count, random positions): dense, a4.8 Top-K 50%, 90%. */
    @Param({"0", "0.5", "0.9"})
    public double zeros;

    /** {@code scalar}, or {@code panama}: what SparseGemv.selected() picks (preferred width unless forced). */
    @Param({"scalar", "panama"})
    public String kernel;

    /** Panama width: 0 = whatever SparseGemv.selected() picks (preferred), or 128 / 256 / 512 (forBits). */
    @Param({"0"})
    public int bits;

    private SparseGemv gemv;
    private ColumnTernaryWeights weights;
    private Int8Activations activations;
    private float[] y;

    @Setup
    public void setUp() {
        int[] mk = BenchData.shape(shape);
        int rows = mk[0];
        int cols = mk[1];
        Random random = new Random(1);
        weights = ColumnTernaryWeights.pack(randomTrits(random, rows, cols));
        activations = sparseCodes(random, cols, zeros);
        y = new float[rows];
        gemv = kernel.equals("scalar") ? new ScalarSparseGemv() : bits == 0 ? SparseGemv.selected()
            : PanamaSparseGemv.forBits(bits);
        if (!kernel.equals("scalar") && gemv.name().equals("scalar")) {
            throw new IllegalStateException("the Vector API kernel did not load");
        }
        SparseGemv.Skipped skipped = gemv.gemv(weights, activations, y);
        System.out.println("kernel " + gemv.name() + ", skipped " + skipped.skipped() + " of " + skipped.total());
    }

    /** Uniform random trits (about 1/3 zeros), per-tensor scale 0.75. */
    static TernaryWeights randomTrits(Random random, int rows, int cols) {
        byte[] trits = new byte[rows * cols];
        for (int i = 0; i < trits.length; i++) {
            trits[i] = (byte) (random.nextInt(3) - 1);
        }
        return new TernaryWeights(rows, cols, trits, 0.75f);
    }

    /** int8 codes, non-zero in [-127, 127], with exactly round(zeros * n) zeros at random positions. */
    static Int8Activations sparseCodes(Random random, int n, double zeros) {
        byte[] codes = new byte[n];
        for (int k = 0; k < n; k++) {
            int c = random.nextInt(254) - 127; // -127 .. 126
            codes[k] = (byte) (c >= 0 ? c + 1 : c); // -127 .. -1, 1 .. 127
        }
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        for (int k = n - 1; k > 0; k--) {
            int j = random.nextInt(k + 1);
            int t = order[k];
            order[k] = order[j];
            order[j] = t;
        }
        int count = (int) Math.round(zeros * n);
        for (int k = 0; k < count; k++) {
            codes[order[k]] = 0;
        }
        return Int8Activations.of(codes, 20f);
    }

    @Benchmark
    public float[] gemv() {
        gemv.gemv(weights, activations, y);
        return y;
    }
}
