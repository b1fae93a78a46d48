// JMH benchmark of BitNet a4.8's gate-skipped up-projection (rows where relu(g)^2 == 0 are not computed).
//
// Run as I2sGemvBench says, with the class name GatedUpProjectionBench, e.g.
//   java --add-modules jdk.incubator.vector -cp ... org.openjdk.jmh.Main GatedUpProjectionBench \
//     -f 1 -wi 5 -i 3 -w 1 -r 1
// Shape: 2B4T Wup (6912 x 2560), int4 activations (a4.8 quantizes the FFN input to int4). gateZeros = 0 is the
// same work as a dense GEMV done row by row through dotRaw, to compare with I2sInt4GemvBench / I2sGemvBench.
// Dense-equivalent GMAC/s = rows * cols / (us per op) / 1000.
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
import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.gemv.I2sGemv;
import org.ternsim.kernels.gemv.ScalarI2sGemv;
import org.ternsim.kernels.quant.Int4Activations;
import org.ternsim.kernels.sparse.GatedUpProjection;
import org.ternsim.kernels.sparse.SparseGemv;

@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector"})
public class GatedUpProjectionBench {

    /** rows x cols (M x K): 2B4T Wup. */
    @Param({"6912x2560"})
    public String shape;

    /** Fraction of rows whose gate is exactly zero (exact count, random positions). a4.8 on synthetic data: ~0.5. */
    @Param({"0", "0.5"})
    public double gateZeros;

    /** {@code scalar} (ScalarI2sGemv.dotRaw per row), or {@code panama}: I2sGemv.selected(). */
    @Param({"scalar", "panama"})
    public String kernel;

    private I2sGemv gemv;
    private I2sWeights up;
    private Int4Activations activations;
    private float[] gate;
    private float[] y;

    @Setup
    public void setUp() {
        int[] mk = BenchData.shape(shape);
        Random random = new Random(1);
        up = BenchData.weights(random, mk[0], mk[1]);
        activations = BenchData.int4(random, 1, mk[1])[0];
        gate = new float[mk[0]];
        for (int m = 0; m < gate.length; m++) {
            gate[m] = 0.01f + random.nextFloat();
        }
        int count = (int) Math.round(gateZeros * gate.length);
        for (int placed = 0; placed < count; ) {
            int m = random.nextInt(gate.length);
            if (gate[m] != 0f) {
                gate[m] = 0f;
                placed++;
            }
        }
        y = new float[mk[0]];
        gemv = kernel.equals("scalar") ? new ScalarI2sGemv() : I2sGemv.selected();
        if (!kernel.equals("scalar") && gemv.name().equals("scalar")) {
            throw new IllegalStateException("the Vector API kernel did not load");
        }
        SparseGemv.Skipped skipped = GatedUpProjection.apply(gemv, up, activations, gate, y);
        System.out.println("kernel " + gemv.name() + ", skipped " + skipped.skipped() + " of " + skipped.total());
    }

    @Benchmark
    public float[] apply() {
        GatedUpProjection.apply(gemv, up, activations, gate, y);
        return y;
    }
}
