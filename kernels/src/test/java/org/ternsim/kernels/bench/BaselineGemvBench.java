// JMH benchmark of the baseline GEMV family (llama.cpp formats): scalar reference vs Vector API, per weight type.
//
// Run from the repository root (build the classpath as in I2sGemvBench):
//   mvn -B -q -o -pl kernels test-compile
//   mvn -B -q -o -pl kernels dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test
//   java --add-modules jdk.incubator.vector \
//     -cp kernels/target/test-classes:kernels/target/classes:$(cat kernels/cp.txt) \
//     org.openjdk.jmh.Main BaselineGemvBench -f 1 -wi 3 -i 5
// Narrow with e.g. -p type=Q4_0 -p shape=2560x2560; -p bits=256 pins the Panama width (0 = preferred).
// GMAC/s = rows * cols / (us per op) / 1000; weight GB/s = rows * rowBytes / (us per op) / 1000.
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
import org.ternsim.kernels.baseline.BaselineGemv;
import org.ternsim.kernels.baseline.BaselineKernels;
import org.ternsim.kernels.baseline.BlockTensor;
import org.ternsim.kernels.baseline.BlockFormat;
import org.ternsim.kernels.baseline.PanamaBaselineGemv;
import org.ternsim.kernels.baseline.ScalarBaselineGemv;

@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector", "-Xmx3g"})
public class BaselineGemvBench {

    /** rows x cols (K = cols): attention (2560 x 2560) and FFN (2560 outputs x 6912 inputs). */
    @Param({"2560x2560", "2560x6912"})
    public String shape;

    @Param({"F32", "F16", "Q8_0", "Q4_0", "Q2_K", "Q6_K", "TQ2_0", "TQ1_0"})
    public String type;

    @Param({"scalar", "panama"})
    public String kernel;

    /** Panama width: 0 = preferred, or 128 / 256 / 512. */
    @Param({"0"})
    public int bits;

    private BaselineGemv gemv;
    private BlockTensor weights;
    private BlockTensor activations;
    private float[] y;

    @Setup
    public void setUp() {
        String[] dims = shape.split("x");
        int rows = Integer.parseInt(dims[0]);
        int cols = Integer.parseInt(dims[1]);
        BlockFormat t = BlockFormat.valueOf(type);
        Random random = new Random(1);
        float[] w = new float[rows * cols];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextGaussian();
        }
        float[] x = new float[cols];
        for (int k = 0; k < cols; k++) {
            x[k] = (float) random.nextGaussian();
        }
        weights = BlockTensor.quantize(t, rows, cols, w);
        activations = BaselineKernels.quantizeActivations(t, x);
        y = new float[rows];
        gemv = kernel.equals("scalar") ? new ScalarBaselineGemv() : PanamaBaselineGemv.forBits(bits);
    }

    @Benchmark
    public float[] gemv() {
        gemv.gemv(weights, activations, y);
        return y;
    }
}
