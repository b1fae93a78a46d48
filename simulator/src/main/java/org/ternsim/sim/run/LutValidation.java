// Checks the functional engine's LUT kernels (TL1, TL2, T-MAC): Vector API against scalar, and against the exact result.
package org.ternsim.sim.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ternsim.kernels.layer.SyntheticWeights;
import org.ternsim.kernels.lut.LutEpilogue;
import org.ternsim.kernels.lut.LutKernels;
import org.ternsim.kernels.lut.LutShapes;
import org.ternsim.kernels.lut.ScalarTl1Gemv;
import org.ternsim.kernels.lut.ScalarTl20Gemv;
import org.ternsim.kernels.lut.ScalarTl2Gemv;
import org.ternsim.kernels.lut.Tl20Gemv;
import org.ternsim.kernels.lut.Tl1Gemv;
import org.ternsim.kernels.lut.Tl1Packer;
import org.ternsim.kernels.lut.Tl1Weights;
import org.ternsim.kernels.lut.Tl2Gemv;
import org.ternsim.kernels.lut.Tl2Packer;
import org.ternsim.kernels.lut.Tl2Weights;
import org.ternsim.kernels.quant.Int8Activations;
import org.ternsim.kernels.quant.Int8Quantizer;
import org.ternsim.kernels.quant.TernaryQuantizer;
import org.ternsim.kernels.quant.TernaryWeights;
import org.ternsim.kernels.tmac.LutErrorReport;
import org.ternsim.kernels.tmac.ScalarTmacGemv;
import org.ternsim.kernels.tmac.TmacError;
import org.ternsim.kernels.tmac.TmacGemv;
import org.ternsim.kernels.tmac.TmacKernels;
import org.ternsim.kernels.tmac.TmacPacker;
import org.ternsim.kernels.tmac.TmacShapes;
import org.ternsim.kernels.tmac.TmacWeights;

/**
 * TL1 and TL2 keep exact int16 tables, so within their documented limits they must equal the exact int32 Σ t·q
 * through their epilogue, bit for bit. T-MAC and TL2_0 quantize their tables to int8: each must equal its own scalar reference
 * bit for bit, and its error against the exact result (in double) is reported, not judged.
 */
public final class LutValidation {

    public static final int TL1_BK = 64;
    public static final int TL2_BK = 96;

    private LutValidation() {
    }

    /** A named ternary matrix with float activations (for T-MAC) and their TL int8 quantization. */
    private record Data(String description, TernaryWeights weights, float[] x, Int8Activations codes) {
    }

    private static List<Data> dataSets(int rows, int cols, long seed) {
        float[] x = SyntheticWeights.gaussian(cols, 1f, seed + 1);
        List<Data> sets = new ArrayList<>();
        sets.add(new Data("random (seed " + seed + ")", SyntheticWeights.absmeanTernary(rows, cols, seed), x,
            Int8Quantizer.absmaxTl(x)));
        for (int[] tc : new int[][] {{1, 127}, {-1, -127}, {1, -127}}) {
            byte[] trits = new byte[rows * cols];
            java.util.Arrays.fill(trits, (byte) tc[0]);
            float[] xs = new float[cols];
            java.util.Arrays.fill(xs, tc[1]);
            sets.add(new Data("all weights " + (tc[0] > 0 ? "+1" : "-1") + ", all activations " + tc[1],
                TernaryQuantizer.fromTrits(trits, rows, cols, 0.75f), xs, Int8Quantizer.absmaxTl(xs)));
        }
        return sets;
    }

    /** Rejects a K that one of the chosen LUT kernels cannot take, with that kernel's own message. */
    public static void checkShape(List<String> kernels, int cols) {
        if (kernels.contains("tl1")) {
            LutShapes.checkTl1(cols, TL1_BK);
        }
        if (kernels.contains("tl2") || kernels.contains("tl2_0")) {
            LutShapes.checkTl2(cols, TL2_BK);
        }
        if (kernels.contains("tmac")) {
            TmacShapes.check(cols, TmacShapes.DEFAULT_ACT_GROUP);
        }
    }

    public static List<Validation.Case> check(String kernel, int rows, int cols, long seed) {
        List<Validation.Case> cases = new ArrayList<>();
        for (Data d : dataSets(rows, cols, seed)) {
            switch (kernel) {
                case "tl1" -> cases.add(tl1(d, rows, cols));
                case "tl2" -> cases.add(tl2(d, rows, cols));
                case "tmac" -> cases.add(tmac(d, rows, cols));
                case "tl2_0" -> cases.add(tl20(d, rows, cols));
                default -> throw new IllegalArgumentException("no LUT kernel '" + kernel + "'; valid: tl1, tl2, tl2_0, tmac");
            }
        }
        return cases;
    }

    private static Validation.Case tl1(Data d, int rows, int cols) {
        Tl1Weights w = Tl1Packer.pack(d.weights(), TL1_BK);
        float[] scalar = new float[rows];
        new ScalarTl1Gemv().gemv(w, d.codes(), scalar);
        Tl1Gemv vector = LutKernels.tl1();
        float[] fast = new float[rows];
        vector.gemv(w, d.codes(), fast);
        return lossless("tl1", vector.name(), d, scalar, fast);
    }

    private static Validation.Case tl2(Data d, int rows, int cols) {
        Tl2Weights w = Tl2Packer.pack(d.weights(), TL2_BK);
        float[] scalar = new float[rows];
        new ScalarTl2Gemv().gemv(w, d.codes(), scalar);
        Tl2Gemv vector = LutKernels.tl2();
        float[] fast = new float[rows];
        vector.gemv(w, d.codes(), fast);
        return lossless("tl2", vector.name(), d, scalar, fast);
    }

    private static Validation.Case lossless(String kernel, String implementation, Data d, float[] scalar, float[] fast) {
        TernaryWeights t = d.weights();
        float[] exact = new float[t.rows()];
        for (int m = 0; m < t.rows(); m++) {
            int acc = 0;
            for (int k = 0; k < t.cols(); k++) {
                acc += t.trits()[m * t.cols() + k] * d.codes().codes()[k];
            }
            exact[m] = LutEpilogue.output(acc, d.codes().scale(), t.scale());
        }
        int vsExact = GemvSimulation.compare(exact, scalar, "exact").mismatches();
        return new Validation.Case(kernel, implementation, t.rows(), t.cols(), d.description(), t.rows(),
            GemvSimulation.compare(scalar, fast, "scalar").mismatches(), -1,
            vsExact == 0 ? "exact" : vsExact + " differ", true, vsExact);
    }

    private static Validation.Case tl20(Data d, int rows, int cols) {
        Tl2Weights w = Tl2Packer.pack(d.weights(), TL2_BK);
        float[] scalar = new float[rows];
        new ScalarTl20Gemv().gemv(w, d.x(), scalar);
        Tl20Gemv vector = LutKernels.tl20();
        float[] fast = new float[rows];
        vector.gemv(w, d.x(), fast);
        return new Validation.Case("tl2_0", vector.name(), rows, cols, d.description(), rows,
            GemvSimulation.compare(scalar, fast, "scalar").mismatches(), -1, lossyError(d, scalar), false, 0);
    }

    private static String lossyError(Data d, float[] y) {
        return errorSummary(LutErrorReport.of(TmacError.exact(d.weights(), d.x()), y));
    }

    /** The vs-exact column of a lossy kernel: its error against the exact result. */
    static String errorSummary(LutErrorReport e) {
        return String.format(Locale.ROOT, "max|err| %.3g (%.2f%% of max|y|), mean rel %.2f%%",
            e.maxAbsError(), e.maxAbsExact() == 0 ? 0 : 100 * e.maxAbsError() / e.maxAbsExact(), 100 * e.meanRelError());
    }

    private static Validation.Case tmac(Data d, int rows, int cols) {
        TmacWeights w = TmacPacker.pack(d.weights());
        float[] scalar = new float[rows];
        new ScalarTmacGemv().gemv(w, d.x(), scalar);
        TmacGemv vector = TmacKernels.tmac();
        float[] fast = new float[rows];
        vector.gemv(w, d.x(), fast);
        return new Validation.Case("tmac", vector.name(), rows, cols, d.description(), rows,
            GemvSimulation.compare(scalar, fast, "scalar").mismatches(), -1, lossyError(d, scalar), false, 0);
    }
}
