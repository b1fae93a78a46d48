// JMH benchmark of the ternary x F16/BF16 GEMM (1.58-bit FLUX, W1.58A16) at a FLUX attention-projection shape.
//
// Run as I2sGemvBench says, with the class name TernaryA16GemmBench.
// GMAC/s = rows * cols * tokens / (us per op) / 1000 (3072 x 3072 x 256 = 2.416 GMAC per op).
package org.ternsim.kernels.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
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
import org.ternsim.kernels.gemm.PanamaTernaryA16Gemm;
import org.ternsim.kernels.gemm.ScalarTernaryA16Gemm;
import org.ternsim.kernels.gemm.TernaryA16Gemm;
import org.ternsim.kernels.gemv.A16Activations;
import org.ternsim.kernels.gemv.A16Format;

@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector"})
public class TernaryA16GemmBench {

    /** rows x cols (M x K): FLUX img_attn.proj (3072 -> 3072). */
    @Param({"3072x3072"})
    public String shape;

    /** Tokens per GEMM. */
    @Param({"256"})
    public int tokens;

    @Param({"F16"})
    public A16Format format;

    /** {@code scalar}, or {@code rowBlock/colBlock/parallel} for the Vector API kernel at the preferred width. */
    @Param({"4/128/4", "8/128/8"})
    public String kernel;

    private TernaryA16Gemm gemm;
    private I2sWeights weights;
    private A16Activations[] activations;
    private float[][] y;

    @Setup
    public void setUp() {
        int[] mk = BenchData.shape(shape);
        Random random = new Random(1);
        weights = BenchData.weights(random, mk[0], mk[1]);
        activations = BenchData.a16(random, tokens, mk[1], format);
        y = new float[tokens][mk[0]];
        if (kernel.equals("scalar")) {
            gemm = new ScalarTernaryA16Gemm();
        } else {
            String[] t = kernel.split("/");
            gemm = new PanamaTernaryA16Gemm(FloatVector.SPECIES_PREFERRED, new GemmTiling(Integer.parseInt(t[0]),
                    Integer.parseInt(t[1]), Integer.parseInt(t[2])));
        }
    }

    @Benchmark
    public float[][] gemm() {
        gemm.gemm(weights, activations, y);
        return y;
    }
}
