// JMH benchmark of one I2_S GEMV (scalar reference vs Vector API) on BitNet b1.58 2B4T layer shapes.
//
// Run from the repository root:
//   mvn -B -q -pl kernels test-compile
//   mvn -B -q -pl kernels dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test
//   java --add-modules jdk.incubator.vector \
//     -cp kernels/target/test-classes:kernels/target/classes:$(cat kernels/cp.txt) \
//     org.openjdk.jmh.Main I2sGemvBench -f 1 -wi 3 -i 5
// Add -jvmArgsAppend -Dternsim.vectorBits=256 to pin the Panama width. GMAC/s = rows * cols / (us per op) / 1000.
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
import org.ternsim.kernels.format.I2sLayout;
import org.ternsim.kernels.format.I2sPacker;
import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.gemv.I2sGemv;
import org.ternsim.kernels.KernelProvider;
import org.ternsim.kernels.gemv.ScalarI2sGemv;
import org.ternsim.kernels.quant.Int8Activations;
import org.ternsim.kernels.quant.Int8Quantizer;
import org.ternsim.kernels.quant.TernaryQuantizer;

@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector"})
public class I2sGemvBench {

    /**
     * rows x cols (M outputs x K inputs) of the four BitNet b1.58 2B4T linears: Wq/Wo 2560x2560, Wk/Wv 640x2560 (GQA,
     * 5 KV heads x 128), Wgate/Wup 6912x2560, Wdown 2560x6912.
     */
    @Param({"2560x2560", "640x2560", "6912x2560", "2560x6912"})
    public String shape;

    /** {@code scalar}, or {@code panama}: whatever KernelProvider selects (preferred width unless forced). */
    @Param({"scalar", "panama"})
    public String kernel;

    private I2sGemv gemv;
    private I2sWeights weights;
    private Int8Activations activations;
    private float[] y;

    @Setup
    public void setUp() {
        String[] dims = shape.split("x");
        int rows = Integer.parseInt(dims[0]);
        int cols = Integer.parseInt(dims[1]);
        Random random = new Random(1);
        float[] w = new float[rows * cols];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextGaussian();
        }
        float[] x = new float[cols];
        for (int k = 0; k < cols; k++) {
            x[k] = (float) random.nextGaussian();
        }
        weights = I2sPacker.pack(TernaryQuantizer.absmean(w, rows, cols), I2sLayout.X86_128);
        activations = Int8Quantizer.absmaxI2s(x);
        y = new float[rows];
        gemv = kernel.equals("scalar") ? new ScalarI2sGemv() : I2sGemv.selected();
    }

    @Benchmark
    public float[] gemv() {
        gemv.gemv(weights, activations, y);
        return y;
    }
}
