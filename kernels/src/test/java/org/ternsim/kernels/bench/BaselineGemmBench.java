// JMH benchmark of the baseline GEMM (prefill, N tokens; llama.cpp formats): scalar vs Vector API, per weight type.
//
// Run from the repository root (classpath as in BaselineGemvBench):
//   mvn -B -q -o -pl kernels test-compile
//   mvn -B -q -o -pl kernels dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test
//   java --add-modules jdk.incubator.vector \
//     -cp kernels/target/test-classes:kernels/target/classes:$(cat kernels/cp.txt) \
//     org.openjdk.jmh.Main BaselineGemmBench -f 1 -wi 2 -i 3
// kernel: scalar (ScalarBaselineGemm), panama (PanamaBaselineGemm, 4 tokens per weight decode), or gemv (N calls of
// the Vector API GEMV, the no-reuse baseline). Narrow with e.g. -p type=Q4_0; -p bits=256 pins the width (0 =
// preferred); -p rowBlock=64 changes the GEMM's weight-row block.
// GMAC/s = rows * cols * tokens / (us per op) / 1000.
package org.ternsim.kernels.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.IntVector;
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
import org.ternsim.kernels.baseline.BaselineGemm;
import org.ternsim.kernels.baseline.BaselineGemv;
import org.ternsim.kernels.baseline.BaselineKernels;
import org.ternsim.kernels.baseline.BlockFormat;
import org.ternsim.kernels.baseline.BlockTensor;
import org.ternsim.kernels.baseline.PanamaBaselineGemm;
import org.ternsim.kernels.baseline.PanamaBaselineGemv;
import org.ternsim.kernels.baseline.ScalarBaselineGemm;

@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector", "-Xmx3g"})
public class BaselineGemmBench {

    /** rows x cols (M x K). */
    @Param({"2560x2560"})
    public String shape;

    /** Tokens per GEMM (prefill chunk). */
    @Param({"128"})
    public int tokens;

    @Param({"F32", "F16", "Q8_0", "Q4_0", "Q2_K", "Q6_K", "TQ2_0", "TQ1_0"})
    public String type;

    @Param({"scalar", "panama", "gemv"})
    public String kernel;

    /** Panama width: 0 = preferred, or 128 / 256 / 512. */
    @Param({"0"})
    public int bits;

    /** Weight rows per block of the Panama GEMM. */
    @Param({"32"})
    public int rowBlock;

    private BaselineGemm gemm;
    private BaselineGemv gemv;
    private BlockTensor weights;
    private List<BlockTensor> activations;
    private float[][] y;

    @Setup
    public void setUp() {
        int[] mk = BenchData.shape(shape);
        BlockFormat t = BlockFormat.valueOf(type);
        Random random = new Random(1);
        float[] w = new float[mk[0] * mk[1]];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextGaussian();
        }
        weights = BlockTensor.quantize(t, mk[0], mk[1], w);
        activations = new ArrayList<>();
        for (int n = 0; n < tokens; n++) {
            float[] x = new float[mk[1]];
            for (int k = 0; k < x.length; k++) {
                x[k] = (float) random.nextGaussian();
            }
            activations.add(BaselineKernels.quantizeActivations(t, x));
        }
        y = new float[tokens][mk[0]];
        int b = bits != 0 ? bits : Math.min(512, IntVector.SPECIES_PREFERRED.vectorBitSize());
        switch (kernel) {
            case "scalar":
                gemm = new ScalarBaselineGemm();
                break;
            case "panama":
                gemm = new PanamaBaselineGemm(b, rowBlock);
                break;
            case "gemv":
                gemv = PanamaBaselineGemv.forBits(b);
                break;
            default:
                throw new IllegalArgumentException("kernel must be scalar, panama or gemv, got " + kernel);
        }
    }

    @Benchmark
    public float[][] gemm() {
        if (gemv != null) {
            for (int n = 0; n < activations.size(); n++) {
                gemv.gemv(weights, activations.get(n), y[n]);
            }
        } else {
            gemm.gemm(weights, activations, y);
        }
        return y;
    }
}
