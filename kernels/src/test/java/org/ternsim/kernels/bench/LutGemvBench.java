// JMH benchmark of the TL1 / TL2 / TL2_0 LUT GEMVs: scalar reference vs Vector API on BitNet b1.58 2B4T layer shapes.
//
// Run from the repository root (build the classpath as in I2sGemvBench):
//   mvn -B -q -o -pl kernels test-compile
//   mvn -B -q -o -pl kernels dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test
//   java --add-modules jdk.incubator.vector \
//     -cp kernels/target/test-classes:kernels/target/classes:$(cat kernels/cp.txt) \
//     org.openjdk.jmh.Main LutGemvBench -f 1 -wi 3 -i 5
// -p bits=256 pins the Panama width (0 = preferred). GMAC/s = rows * cols / (us per op) / 1000.
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
import org.ternsim.kernels.lut.PanamaTl1Gemv;
import org.ternsim.kernels.lut.PanamaTl2Gemv;
import org.ternsim.kernels.lut.PanamaTl20Gemv;
import org.ternsim.kernels.lut.ScalarTl1Gemv;
import org.ternsim.kernels.lut.ScalarTl20Gemv;
import org.ternsim.kernels.lut.ScalarTl2Gemv;
import org.ternsim.kernels.lut.Tl1Gemv;
import org.ternsim.kernels.lut.Tl1Packer;
import org.ternsim.kernels.lut.Tl1Weights;
import org.ternsim.kernels.lut.Tl20Gemv;
import org.ternsim.kernels.lut.Tl2Gemv;
import org.ternsim.kernels.lut.Tl2Packer;
import org.ternsim.kernels.lut.Tl2Weights;
import org.ternsim.kernels.quant.Int8Activations;
import org.ternsim.kernels.quant.Int8Quantizer;
import org.ternsim.kernels.quant.TernaryQuantizer;
import org.ternsim.kernels.quant.TernaryWeights;

@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector"})
public class LutGemvBench {

    /** rows x cols (K = cols): attention (2560 x 2560) and FFN (2560 outputs x 6912 inputs). */
    @Param({"2560x2560", "2560x6912"})
    public String shape;

    /** {@code tl1} (BK = 64), {@code tl2} (BK = 96), the codegen's smaller block sizes, or the lossy {@code tl2_0}. */
    @Param({"tl1", "tl2", "tl2_0"})
    public String format;

    @Param({"scalar", "panama"})
    public String kernel;

    /** Panama width: 0 = preferred, or 128 / 256 / 512. */
    @Param({"0"})
    public int bits;

    private Tl1Gemv tl1;
    private Tl2Gemv tl2;
    private Tl20Gemv tl20;
    private float[] floats;
    private Tl1Weights w1;
    private Tl2Weights w2;
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
        TernaryWeights t = TernaryQuantizer.absmean(w, rows, cols);
        activations = Int8Quantizer.absmaxTl(x);
        y = new float[rows];
        boolean scalar = kernel.equals("scalar");
        if (format.equals("tl1")) {
            w1 = Tl1Packer.pack(t, 64);
            tl1 = scalar ? new ScalarTl1Gemv() : PanamaTl1Gemv.forBits(bits);
        } else if (format.equals("tl2")) {
            w2 = Tl2Packer.pack(t, 96);
            tl2 = scalar ? new ScalarTl2Gemv() : PanamaTl2Gemv.forBits(bits);
        } else {
            w2 = Tl2Packer.pack(t, 96);
            floats = x;
            tl20 = scalar ? new ScalarTl20Gemv() : PanamaTl20Gemv.forBits(bits);
        }
    }

    @Benchmark
    public float[] gemv() {
        if (tl1 != null) {
            tl1.gemv(w1, activations, y);
        } else if (tl2 != null) {
            tl2.gemv(w2, activations, y);
        } else {
            tl20.gemv(w2, floats, y);
        }
        return y;
    }
}
