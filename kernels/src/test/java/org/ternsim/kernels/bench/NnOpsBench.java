// JMH benchmark of the float operators around the GEMVs: RMSNorm (2B4T), softmax and LayerNorm (FLUX); scalar vs
// Vector API.
//
// Run as I2sGemvBench says, with the class name NnOpsBench, e.g.
//   java --add-modules jdk.incubator.vector -cp ... org.openjdk.jmh.Main NnOpsBench -f 1 -wi 5 -i 3 -w 1 -r 1
// rmsNorm reads x and the weight and writes out: 12 bytes per element. softmax works in place on a copy of a fixed
// Gaussian row (the copy, 2 x 16 KiB, is part of the time; without it repeated softmax would drift to a uniform row).
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
import org.ternsim.kernels.nn.NnOps;
import org.ternsim.kernels.nn.ScalarNnOps;

@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector"})
public class NnOpsBench {

    /** {@code scalar} (ScalarNnOps), or {@code panama}: NnOps.selected() (preferred width unless forced). */
    @Param({"scalar", "panama"})
    public String kernel;

    private NnOps ops;
    private float[] x2560;
    private float[] w2560;
    private float[] out2560;
    private float[] x6912;
    private float[] w6912;
    private float[] out6912;
    private float[] scores;
    private float[] work4096;
    private float[] x3072;
    private float[] out3072;

    @Setup
    public void setUp() {
        Random random = new Random(1);
        x2560 = gaussian(random, 2560, 1f);
        w2560 = gaussian(random, 2560, 0.1f);
        out2560 = new float[2560];
        x6912 = gaussian(random, 6912, 1f);
        w6912 = gaussian(random, 6912, 0.1f);
        out6912 = new float[6912];
        scores = gaussian(random, 4096, 3f);
        work4096 = new float[4096];
        x3072 = gaussian(random, 3072, 1f);
        out3072 = new float[3072];
        ops = kernel.equals("scalar") ? new ScalarNnOps() : NnOps.selected();
        if (!kernel.equals("scalar") && ops.name().equals("scalar")) {
            throw new IllegalStateException("the Vector API kernel did not load");
        }
        System.out.println("kernel " + ops.name());
    }

    private static float[] gaussian(Random random, int n, float sigma) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (sigma * random.nextGaussian());
        }
        return v;
    }

    @Benchmark
    public float[] rmsNorm2560() {
        ops.rmsNorm(x2560, 0, w2560, 0, NnOps.RMS_EPS_2B4T, out2560, 0, 2560);
        return out2560;
    }

    @Benchmark
    public float[] rmsNorm6912() {
        ops.rmsNorm(x6912, 0, w6912, 0, NnOps.RMS_EPS_2B4T, out6912, 0, 6912);
        return out6912;
    }

    @Benchmark
    public float[] softmax4096() {
        System.arraycopy(scores, 0, work4096, 0, 4096);
        ops.softmax(work4096, 0, 4096);
        return work4096;
    }

    /** FLUX LayerNorm (no affine) of one 3072-wide token. */
    @Benchmark
    public float[] layerNorm3072() {
        ops.layerNorm(x3072, 0, NnOps.LAYER_NORM_EPS_FLUX, out3072, 0, 3072);
        return out3072;
    }
}
