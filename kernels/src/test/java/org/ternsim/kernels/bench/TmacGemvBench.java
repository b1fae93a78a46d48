// JMH benchmark of the T-MAC GEMV (bit-plane table lookup, act_group_size 64) on 2B4T shapes and the FLUX projection.
//
// Run as I2sGemvBench says, with the class name TmacGemvBench, e.g.
//   java --add-modules jdk.incubator.vector -cp ... org.openjdk.jmh.Main TmacGemvBench -f 1 -wi 5 -i 3 -w 1 -r 1
// The tables are built once in setup; their per-token cost is QuantBench.tmacTables. FLUX 3072x3072 is one token's
// GEMV (a 256-token block is 256 of them). -p bits=256 pins the Panama width.
// GMAC/s = rows * cols / (us per op) / 1000.
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
import org.ternsim.kernels.tmac.PanamaTmacGemv;
import org.ternsim.kernels.tmac.ScalarTmacGemv;
import org.ternsim.kernels.tmac.TmacGemv;
import org.ternsim.kernels.tmac.TmacKernels;
import org.ternsim.kernels.tmac.TmacLut;
import org.ternsim.kernels.tmac.TmacPacker;
import org.ternsim.kernels.tmac.TmacTables;
import org.ternsim.kernels.tmac.TmacWeights;

@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector"})
public class TmacGemvBench {

    /** rows x cols (M x K): the four 2B4T linears and FLUX img_attn.proj (3072 -> 3072). */
    @Param({"2560x2560", "640x2560", "6912x2560", "2560x6912", "3072x3072"})
    public String shape;

    /** {@code scalar} (ScalarTmacGemv), or {@code panama}: TmacKernels.tmac() (preferred width unless forced). */
    @Param({"scalar", "panama"})
    public String kernel;

    /** Panama width: 0 = what TmacKernels.tmac() selects (preferred), or 128 / 256 / 512 (PanamaTmacGemv.forBits). */
    @Param({"0"})
    public int bits;

    private TmacGemv gemv;
    private TmacWeights weights;
    private TmacLut lut;
    private float[] y;

    @Setup
    public void setUp() {
        int[] mk = BenchData.shape(shape);
        Random random = new Random(1);
        weights = TmacPacker.pack(SparseGemvBench.randomTrits(random, mk[0], mk[1]));
        float[] x = new float[mk[1]];
        for (int k = 0; k < x.length; k++) {
            x[k] = (float) random.nextGaussian();
        }
        lut = TmacTables.build(x);
        y = new float[mk[0]];
        gemv = kernel.equals("scalar") ? new ScalarTmacGemv() : bits == 0 ? TmacKernels.tmac()
            : PanamaTmacGemv.forBits(bits);
        if (!kernel.equals("scalar") && gemv.name().equals("scalar")) {
            throw new IllegalStateException("the Vector API kernel did not load");
        }
        System.out.println("kernel " + gemv.name());
    }

    @Benchmark
    public float[] gemv() {
        gemv.gemv(weights, lut, y);
        return y;
    }
}
