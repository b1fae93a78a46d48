// JMH benchmark of the ternary x INT4 GEMV (BitNet a4.8 decode) on the 2B4T linears that take INT4 inputs.
//
// Run as I2sGemvBench says, with the class name I2sInt4GemvBench. GMAC/s = rows * cols / (us per op) / 1000.
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
import org.ternsim.kernels.gemv.I2sInt4Gemv;
import org.ternsim.kernels.gemv.ScalarI2sInt4Gemv;
import org.ternsim.kernels.quant.Int4Activations;

@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector"})
public class I2sInt4GemvBench {

    /** rows x cols (M x K): Wq (2560x2560) and Wgate/Wup (6912x2560), whose inputs a4.8 quantizes to INT4. */
    @Param({"2560x2560", "6912x2560"})
    public String shape;

    /** {@code scalar}, or {@code panama}: the selected kernel (preferred width unless forced). */
    @Param({"panama"})
    public String kernel;

    private I2sInt4Gemv gemv;
    private I2sWeights weights;
    private Int4Activations activations;
    private float[] y;

    @Setup
    public void setUp() {
        int[] mk = BenchData.shape(shape);
        Random random = new Random(1);
        weights = BenchData.weights(random, mk[0], mk[1]);
        activations = BenchData.int4(random, 1, mk[1])[0];
        y = new float[mk[0]];
        gemv = kernel.equals("scalar") ? new ScalarI2sInt4Gemv() : I2sInt4Gemv.selected();
    }

    @Benchmark
    public float[] gemv() {
        gemv.gemv(weights, activations, y);
        return y;
    }
}
