// JMH benchmark of the I2_S GEMM (prefill, N tokens) on 2B4T shapes: scalar, or Vector API with a chosen tiling.
//
// Run as I2sGemvBench says, with the class name I2sGemmBench, e.g.
//   java --add-modules jdk.incubator.vector -cp ... org.openjdk.jmh.Main I2sGemmBench -f 1 -wi 2 -i 3
// GMAC/s = rows * cols * tokens / (us per op) / 1000.
package org.ternsim.kernels.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.ByteVector;
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
import org.ternsim.kernels.gemm.GemmTiling;
import org.ternsim.kernels.gemm.I2sGemm;
import org.ternsim.kernels.gemm.PanamaI2sGemm;
import org.ternsim.kernels.gemm.ScalarI2sGemm;
import org.ternsim.kernels.quant.Int8Activations;

@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector"})
public class I2sGemmBench {

    /** rows x cols (M x K): 2B4T Wq/Wo and Wgate/Wup. */
    @Param({"2560x2560", "6912x2560"})
    public String shape;

    /** Tokens per GEMM (prefill chunk). */
    @Param({"128"})
    public int tokens;

    /** {@code scalar}, or {@code rowBlock/colBlock/parallel} for the Vector API kernel at the preferred width. */
    @Param({"4/128/4", "8/128/8"})
    public String kernel;

    private I2sGemm gemm;
    private I2sWeights weights;
    private Int8Activations[] activations;
    private float[][] y;

    @Setup
    public void setUp() {
        int[] mk = BenchData.shape(shape);
        Random random = new Random(1);
        weights = BenchData.weights(random, mk[0], mk[1]);
        activations = BenchData.int8(random, tokens, mk[1]);
        y = new float[tokens][mk[0]];
        if (kernel.equals("scalar")) {
            gemm = new ScalarI2sGemm();
        } else {
            String[] t = kernel.split("/");
            gemm = new PanamaI2sGemm(ByteVector.SPECIES_PREFERRED, new GemmTiling(Integer.parseInt(t[0]),
                    Integer.parseInt(t[1]), Integer.parseInt(t[2])));
        }
    }

    @Benchmark
    public float[][] gemm() {
        gemm.gemm(weights, activations, y);
        return y;
    }
}
