// One functional-engine GEMV prepared for timing on the host: seeded random data split by rows into one slice per
// thread (as bitnet.cpp splits rows), so each thread runs the selected kernel on its own rows.
package org.ternsim.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ternsim.kernels.baseline.BaselineGemv;
import org.ternsim.kernels.baseline.BaselineKernels;
import org.ternsim.kernels.baseline.BlockFormat;
import org.ternsim.kernels.baseline.BlockTensor;
import org.ternsim.kernels.format.I2sLayout;
import org.ternsim.kernels.format.I2sPacker;
import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.gemv.I2sGemv;
import org.ternsim.kernels.lut.LutKernels;
import org.ternsim.kernels.lut.LutShapes;
import org.ternsim.kernels.lut.Tl2Gemv;
import org.ternsim.kernels.lut.Tl2Packer;
import org.ternsim.kernels.lut.Tl2Weights;
import org.ternsim.kernels.quant.Int8Activations;
import org.ternsim.kernels.quant.TernaryWeights;

/** The prepared work: one runnable per thread, the implementation name, and the bytes one call must read. */
record KernelWork(String kernel, String implementation, int rows, int cols, List<Runnable> slices, long weightBytes,
        long activationBytes) {

    static final List<String> KERNELS = List.of("i2_s", "tl2", "f16");

    /** Bytes of working memory needed to prepare the work (source values plus packed weights), for --max-memory. */
    static long bytesNeeded(String kernel, int rows, int cols) {
        long n = (long) rows * cols;
        return switch (kernel) {
            case "f16" -> n * 4 + n * 2; // float source values, plus the F16 data
            default -> n + n / 2; // trits, plus packed codes (<= 4 bits per weight)
        };
    }

    static KernelWork prepare(String kernel, int rows, int cols, int threads, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] codes = new byte[cols];
        float[] x = new float[cols];
        for (int k = 0; k < cols; k++) {
            codes[k] = (byte) (random.nextInt(255) - 127);
            x[k] = (float) random.nextDouble(-1, 1);
        }
        Int8Activations act = Int8Activations.of(codes, 20f);
        List<Runnable> slices = new ArrayList<>();
        long weightBytes = 0;
        String impl;
        switch (kernel) {
            case "i2_s" -> {
                I2sGemv gemv = I2sGemv.selected();
                impl = gemv.name();
                for (int[] r : split(rows, threads)) {
                    I2sWeights w = I2sPacker.pack(trits(random, r[1], cols), I2sLayout.X86_128);
                    float[] y = new float[r[1]];
                    weightBytes += w.packedBytes();
                    slices.add(() -> gemv.gemv(w, act, y));
                }
            }
            case "tl2" -> {
                LutShapes.checkTl2(cols, Tl2Packer.DEFAULT_BK);
                Tl2Gemv gemv = LutKernels.tl2();
                impl = gemv.name();
                for (int[] r : split(rows, threads)) {
                    Tl2Weights w = Tl2Packer.pack(trits(random, r[1], cols), Tl2Packer.DEFAULT_BK);
                    float[] y = new float[r[1]];
                    weightBytes += (long) w.tripleIndices().length + w.tripleSigns().length + w.pairIndices().length;
                    slices.add(() -> gemv.gemv(w, act, y));
                }
            }
            case "f16" -> {
                BaselineGemv gemv = BaselineKernels.gemv();
                impl = gemv.name();
                BlockTensor xt = BaselineKernels.quantizeActivations(BlockFormat.F16, x);
                for (int[] r : split(rows, threads)) {
                    float[] v = new float[r[1] * cols];
                    for (int i = 0; i < v.length; i++) v[i] = (float) random.nextGaussian() * 0.02f;
                    BlockTensor w = BlockTensor.quantize(BlockFormat.F16, r[1], cols, v);
                    float[] y = new float[r[1]];
                    weightBytes += w.data().length;
                    slices.add(() -> gemv.gemv(w, xt, y));
                }
                return new KernelWork(kernel, impl, rows, cols, slices, weightBytes, xt.data().length);
            }
            default -> throw new UserError("unknown kernel '" + kernel + "'; valid: " + String.join(", ", KERNELS));
        }
        return new KernelWork(kernel, impl, rows, cols, slices, weightBytes, cols);
    }

    /** {start, count} of each thread's rows: contiguous, sizes differing by at most one. */
    static List<int[]> split(int rows, int threads) {
        List<int[]> out = new ArrayList<>();
        for (int t = 0, start = 0; t < threads; t++) {
            int n = rows / threads + (t < rows % threads ? 1 : 0);
            if (n > 0) out.add(new int[] {start, n});
            start += n;
        }
        return out;
    }

    private static TernaryWeights trits(SplittableRandom random, int rows, int cols) {
        byte[] t = new byte[rows * cols];
        for (int i = 0; i < t.length; i++) t[i] = (byte) (random.nextInt(3) - 1);
        return new TernaryWeights(rows, cols, t, 0.75f);
    }

    long macs() {
        return (long) rows * cols;
    }
}
