// JMH benchmark of the per-token activation preprocessing: Hadamard (scalar vs Vector API), the int4 / int8
// quantizers, the a4.8 Top-K 50% of the Wo input, and T-MAC's table build. Only Hadamard has a vector version.
//
// Run as I2sGemvBench says, with the class name QuantBench, e.g.
//   java --add-modules jdk.incubator.vector -cp ... org.openjdk.jmh.Main QuantBench -f 1 -wi 5 -i 3 -w 1 -r 1
// Widths: 2560 (hidden; Hadamard block 512) and 6912 (FFN; Hadamard block 256). Each op reads a float row of
// 4 * width bytes; Hadamard works in place on a row that stays in L1/L2 (H H = I, so repeated calls stay bounded).
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
import org.ternsim.kernels.quant.Hadamard;
import org.ternsim.kernels.quant.Int4Activations;
import org.ternsim.kernels.quant.Int4Quantizer;
import org.ternsim.kernels.quant.Int8Activations;
import org.ternsim.kernels.quant.Int8Quantizer;
import org.ternsim.kernels.quant.ScalarHadamard;
import org.ternsim.kernels.quant.TopKSelection;
import org.ternsim.kernels.quant.TopKSparsifier;
import org.ternsim.kernels.tmac.TmacLut;
import org.ternsim.kernels.tmac.TmacTables;

@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector"})
public class QuantBench {

    /** Row width: 2B4T hidden (2560) or FFN (6912). */
    @Param({"2560", "6912"})
    public int width;

    private float[] x;
    private float[] work;
    private Hadamard scalarHadamard;
    private Hadamard vectorHadamard;

    @Setup
    public void setUp() {
        Random random = new Random(1);
        x = new float[width];
        for (int k = 0; k < width; k++) {
            x[k] = (float) random.nextGaussian();
        }
        work = x.clone();
        scalarHadamard = new ScalarHadamard();
        vectorHadamard = Hadamard.instance();
        if (vectorHadamard.name().equals("scalar")) {
            throw new IllegalStateException("the Vector API kernel did not load");
        }
        System.out.println("hadamard " + vectorHadamard.name() + ", block " + Hadamard.blockSize(width));
    }

    @Benchmark
    public float[] hadamardScalar() {
        scalarHadamard.transform(work);
        return work;
    }

    @Benchmark
    public float[] hadamardPanama() {
        vectorHadamard.transform(work);
        return work;
    }

    @Benchmark
    public Int4Activations int4Absmean() {
        return Int4Quantizer.absmean(x);
    }

    @Benchmark
    public Int8Activations int8AbsmaxI2s() {
        return Int8Quantizer.absmaxI2s(x);
    }

    @Benchmark
    public TopKSelection topKA48WoInput() {
        return TopKSparsifier.a48WoInput(x, 0, width);
    }

    @Benchmark
    public TmacLut tmacTables() {
        return TmacTables.build(x);
    }
}
