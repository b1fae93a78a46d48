// The accelerator cases of `ternsim validate`: every lowering on the 2B4T GEMV shapes and a FLUX GEMM, bit for bit.
package org.ternsim.sim.accel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ternsim.isa.accel.AccelCheck;
import org.ternsim.isa.accel.AccelKernel;
import org.ternsim.isa.accel.AccelShape;
import org.ternsim.isa.accel.ActType;
import org.ternsim.isa.accel.TileMapping;
import org.ternsim.sim.config.AcceleratorConfigLoader;
import org.ternsim.sim.run.Validation;

/**
 * Lists and runs the accelerator validation cases. Each kernel runs on the first design that supports it, with the
 * mapping the mapper picks for that design, on seeded random data and on both accumulation extremes.
 */
public final class AccelValidation {

    /** BitNet b1.58 2B4T GEMV shapes (M x K): q/o, k/v, gate/up, down (workloads.md). */
    public static final List<int[]> GEMV_SHAPES = List.of(new int[] {2560, 2560}, new int[] {640, 2560},
            new int[] {6912, 2560}, new int[] {2560, 6912});
    /** FLUX double-block projection M x K x N with the token count reduced from 4608 to 8 (W1.58A16). */
    public static final int[] FLUX_GEMM = {3072, 3072, 8};
    /** An I2_S prefill GEMM: 2B4T q projection over 8 tokens. */
    public static final int[] PREFILL_GEMM = {2560, 2560, 8};

    /** Top-K zero fraction of the zero-skipping cases (a4.8's Wo input keeps 50%). */
    public static final double SKIP_ZEROS = 0.5;

    /**
     * Kernel, activation, M, K, N of one case; {@code zeroFraction} > 0: the random data has that many zeros per token
     * and the case runs on a design that skips zero activations (its skip group).
     */
    public record Spec(AccelKernel kernel, ActType act, int rows, int cols, int tokens, double zeroFraction) {
        public Spec(AccelKernel kernel, ActType act, int rows, int cols, int tokens) {
            this(kernel, act, rows, cols, tokens, 0);
        }
    }

    private AccelValidation() {
    }

    /**
     * Every case: four kernels (W1.58A16 in F16 and BF16) on the GEMV shapes, the two GEMMs, and the integer MAC
     * kernels with zero skipping on Top-K 50% data (the 2B4T Wo shape, as a GEMV and an 8-token GEMM).
     */
    public static List<Spec> specs() {
        List<Spec> out = new ArrayList<>();
        for (AccelKernel k : AccelKernel.values()) {
            List<ActType> acts = k == AccelKernel.TERNARY_A16 ? List.of(ActType.F16, ActType.BF16) : List.of(k.defaultAct());
            for (ActType a : acts) {
                for (int[] s : GEMV_SHAPES) {
                    out.add(new Spec(k, a, s[0], s[1], 1));
                }
            }
        }
        out.add(new Spec(AccelKernel.I2S, ActType.INT8, PREFILL_GEMM[0], PREFILL_GEMM[1], PREFILL_GEMM[2]));
        out.add(new Spec(AccelKernel.TERNARY_A16, ActType.F16, FLUX_GEMM[0], FLUX_GEMM[1], FLUX_GEMM[2]));
        out.add(new Spec(AccelKernel.TERNARY_A16, ActType.BF16, FLUX_GEMM[0], FLUX_GEMM[1], FLUX_GEMM[2]));
        for (AccelKernel k : List.of(AccelKernel.I2S, AccelKernel.I2S_INT4)) {
            out.add(new Spec(k, k.defaultAct(), 2560, 2560, 1, SKIP_ZEROS));
            out.add(new Spec(k, k.defaultAct(), 2560, 2560, 8, SKIP_ZEROS));
        }
        return out;
    }

    /** Runs every case on the accelerator configs ({@code kind: accelerator}) found in {@code hwDir}. */
    public static List<Validation.Case> validateAll(Path hwDir, long seed) {
        List<AcceleratorConfig> designs = new ArrayList<>();
        try (Stream<Path> files = Files.list(hwDir)) {
            files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted()
                    .filter(AcceleratorConfigLoader::isAccelerator)
                    .forEach(p -> designs.add(AcceleratorConfigLoader.load(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return validateAll(designs, specs(), seed);
    }

    /** Runs {@code specs}, each on the first of {@code designs} that supports it; a spec no design supports fails. */
    public static List<Validation.Case> validateAll(List<AcceleratorConfig> designs, List<Spec> specs, long seed) {
        List<Validation.Case> cases = new ArrayList<>();
        for (Spec spec : specs) {
            boolean sparse = spec.zeroFraction() > 0;
            AcceleratorConfig design = designs.stream().filter(d -> !sparse || d.sparsity().skipZeroActivations())
                    .filter(d -> supports(d, shape(d, spec))).findFirst().orElse(null);
            String kernel = spec.kernel().id() + (spec.act() == ActType.BF16 ? "/bf16" : "");
            if (design == null) {
                cases.add(new Validation.Case(kernel, "accel (no design supports it)", spec.rows(), spec.cols(),
                        "-", 0, 1, -1, "not run", true, 1));
                continue;
            }
            AccelShape s = shape(design, spec);
            TileMapping map = AcceleratorSimulation.map(design, s);
            for (AccelCheck.Data data : AccelCheck.Data.values()) {
                AccelCheck.Result r = AccelCheck.run(s, map, design.slots(spec.kernel().accumulatorBytes()), data, seed,
                        spec.zeroFraction(), (in, m) -> { });
                String what = data == AccelCheck.Data.RANDOM ? "random (seed " + seed + ")" + (sparse ? ", Top-K "
                        + Math.round(100 * (1 - spec.zeroFraction())) + "% kept" : "") : data.description();
                cases.add(new Validation.Case(kernel, "accel program on " + design.name() + " (" + map
                        + (sparse ? ", zero skip /" + s.skipGroup() : "") + ")",
                        spec.rows(), spec.cols(), what + (spec.tokens() > 1 ? ", " + spec.tokens() + " tokens" : ""),
                        (int) r.outputs(), (int) r.mismatchesVsScalar(), (int) r.mismatches(),
                        r.mismatchesVsScalar() == 0 ? "exact" : r.mismatchesVsScalar() + " differ", true,
                        (int) r.mismatchesVsScalar()));
            }
        }
        return cases;
    }

    /** The spec's problem on design {@code d}: with d's skip group for a sparse spec. */
    private static AccelShape shape(AcceleratorConfig d, Spec spec) {
        int group = spec.zeroFraction() > 0 && d.sparsity().skipZeroActivations() ? d.sparsity().skipGroup() : 0;
        return new AccelShape(spec.kernel(), spec.act(), spec.rows(), spec.cols(), spec.tokens(), group);
    }

    static boolean supports(AcceleratorConfig d, AccelShape s) {
        try {
            AcceleratorSimulation.checkSupported(d, s);
            AcceleratorSimulation.map(d, s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
