// `ternsim validate`: every lowered kernel program against the functional engine, bit for bit, on random and edge data.
package org.ternsim.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ternsim.isa.SemanticsTable;
import org.ternsim.isa.lower.GemvLowering;
import org.ternsim.isa.lower.GemvLowerings;
import org.ternsim.isa.lower.I2sAvx2Gemv;
import org.ternsim.isa.lower.I2s1xnAvx2Lowering;
import org.ternsim.isa.lower.I2sAvx2Lowering;
import org.ternsim.isa.Fault;
import org.ternsim.isa.Faults;
import org.ternsim.sim.accel.AccelValidation;
import org.ternsim.sim.run.LutValidation;
import org.ternsim.sim.run.Validation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true, subcommands = ValidatePublishedCommand.class,
    description = {"Run each kernel's instruction program functionally on random and edge-case data (all +1 / -1",
        "weights with int8 activations of 127 / -128) and compare every output with the functional engine bit for bit.",
        "Exit code 3 if any output differs."})
final class ValidateCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--shapes", split = ",", converter = SimulateCommand.ShapeConverter.class,
        defaultValue = "2560x2560,640x2560,2560x6912,6912x2560",
        description = "Comma-separated MxK shapes (default: ${DEFAULT-VALUE}).")
    List<Shape> shapes;

    /** Kernels checked on the functional engine only, until their ISA lowerings land. */
    static final List<String> ENGINE_ONLY = List.of("tl1", "tl2", "tl2_0", "tmac");
    /** The accelerator ISA and its kernels (org.ternsim.isa.accel). */
    static final String ACCEL = "accel";
    static final List<String> ACCEL_KERNELS = List.of("i2_s", "tl2", "i2_s-int4", "ternary-a16");

    @Option(names = "--kernel", split = ",", defaultValue = "all",
        description = {"Comma-separated kernels (default: all).",
            "Lowered kernels check their ISA programs; tl1, tl2, tl2_0 and tmac without a lowering check the functional",
            "engine's Vector API kernel against its scalar reference."})
    List<String> kernels;

    @Option(names = "--isa", split = ",", defaultValue = "all",
        description = "Comma-separated ISAs of the lowerings to check (default: all).")
    List<String> isas;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the random data set (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--widen-every", defaultValue = "16", paramLabel = "<blocks>",
        description = {"Widen the int16 accumulators every this many 128-value blocks (default: ${DEFAULT-VALUE}, exact",
            "for all inputs; bitnet.cpp uses 32, which wraps on adversarial data)."})
    int widenEvery;

    @Option(names = "--inject-fault", paramLabel = "<fault>", hidden = true,
        description = "Replace one instruction's semantics with a known-wrong variant, to show validation catches it.")
    String fault;

    @Option(names = {"-q", "--quiet"}, description = "No progress output on stderr.")
    boolean quiet;

    @Override
    public Integer call() {
        List<String> allKernels = new ArrayList<>(GemvLowerings.kernels());
        ENGINE_ONLY.stream().filter(k -> !allKernels.contains(k)).forEach(allKernels::add);
        ACCEL_KERNELS.stream().filter(k -> !allKernels.contains(k)).forEach(allKernels::add);
        java.util.Collections.sort(allKernels);
        List<String> allIsas = new ArrayList<>(GemvLowerings.all().stream().map(GemvLowering::isa).distinct().toList());
        allIsas.add(ACCEL);
        List<String> chosen = kernels.contains("all") ? allKernels : kernels;
        for (String k : chosen) {
            if (!allKernels.contains(k)) {
                throw new UserError("unknown kernel '" + k + "'; valid: all, " + String.join(", ", allKernels));
            }
        }
        List<String> chosenIsas = isas.contains("all") ? allIsas : isas;
        for (String i : chosenIsas) {
            if (!allIsas.contains(i)) {
                throw new UserError("unknown ISA '" + i + "'; valid: all, " + String.join(", ", allIsas));
            }
        }
        if (widenEvery < 1 || widenEvery > I2sAvx2Gemv.BITNET_GROUP_BLOCKS) {
            throw new UserError("--widen-every must be 1..32, got " + widenEvery);
        }
        if (fault != null) {
            faulty(GemvLowerings.all().get(0).semantics());
        }
        List<GemvLowering> lowerings = new ArrayList<>();
        for (GemvLowering l : GemvLowerings.all()) {
            if (chosen.contains(l.kernel()) && chosenIsas.contains(l.isa())) {
                lowerings.add(l instanceof I2sAvx2Lowering ? new I2sAvx2Lowering(widenEvery)
                    : l instanceof I2s1xnAvx2Lowering x ? new I2s1xnAvx2Lowering(x.rowsPerPass(), widenEvery) : l);
            }
        }
        List<String> engineOnly = chosen.stream().filter(ENGINE_ONLY::contains)
            .filter(k -> !GemvLowerings.kernels().contains(k)).toList();
        boolean accelCases = chosenIsas.contains(ACCEL) && fault == null
            && chosen.stream().anyMatch(ACCEL_KERNELS::contains);
        if (lowerings.isEmpty() && engineOnly.isEmpty() && !accelCases) {
            // Otherwise "0 passed, 0 failed" and exit 0 would read as a pass.
            throw new UserError("--kernel " + String.join(",", kernels) + " --isa " + String.join(",", isas)
                + ": no lowering of that kernel for that ISA; lowered: " + GemvLowerings.describeAll() + ", "
                + String.join(", ", ACCEL_KERNELS.stream().map(k -> k + "/" + ACCEL).toList()));
        }
        for (Shape s : shapes) {
            try {
                for (GemvLowering l : lowerings) {
                    l.checkShape(s.rows(), s.cols());
                }
                LutValidation.checkShape(engineOnly, s.cols());
            } catch (IllegalArgumentException e) {
                throw new UserError("--shapes " + s + ": " + e.getMessage());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        String format = "%-9s %-22s %-10s %-38s %7s %10s %10s  %-44s %s%n";
        out.printf(Locale.ROOT, format, "kernel", "implementation", "shape", "data", "outputs", "vs scalar",
            "vs vector", "vs exact", "result");
        int[] totals = new int[2];
        boolean accel = chosenIsas.contains(ACCEL) && fault == null;
        CliProgress progress = CliProgress.started("validate", (long) (lowerings.size() + engineOnly.size())
            * shapes.size() + (accel ? 1 : 0), quiet, spec.commandLine().getErr());
        try {
            check(out, format, lowerings, engineOnly, chosen, accel, totals, progress);
        } catch (RuntimeException | Error e) {
            progress.abandon();
            throw e;
        }
        progress.finish();
        out.printf(Locale.ROOT, "%d passed, %d failed (vector kernels: %s)%n", totals[0] - totals[1], totals[1],
            org.ternsim.kernels.gemv.I2sGemv.describe());
        return totals[1] == 0 ? TernSim.OK : TernSim.MISMATCH;
    }

    /** Runs the chosen cases, printing each and counting passed/failed into {@code totals}. */
    private void check(PrintWriter out, String format, List<GemvLowering> lowerings, List<String> engineOnly,
            List<String> chosen, boolean accel, int[] totals, CliProgress progress) {
        for (GemvLowering l : lowerings) {
            SemanticsTable semantics = faulty(l.semantics());
            for (Shape s : shapes) {
                print(out, format, s, Validation.check(l, s.rows(), s.cols(), seed, semantics), totals);
                progress.done();
            }
        }
        for (String k : engineOnly) {
            for (Shape s : shapes) {
                print(out, format, s, LutValidation.check(k, s.rows(), s.cols(), seed), totals);
                progress.done();
            }
        }
        if (accel) {
            // The accelerator's cases have their own shapes (2B4T GEMVs, FLUX and prefill GEMMs with few tokens).
            for (Validation.Case c : AccelValidation.validateAll(Home.dir().resolve("configs/hw"), seed)) {
                if (chosen.contains(c.kernel())) {
                    print(out, format, new Shape(c.rows(), c.cols()), List.of(c), totals);
                }
            }
            progress.done();
        }
    }

    /** The lowering's semantics, with the --inject-fault instruction replaced when the fault belongs to its ISA. */
    private SemanticsTable faulty(SemanticsTable semantics) {
        if (fault == null) {
            return semantics;
        }
        Fault f;
        try {
            f = Faults.require(fault);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        return f.appliesTo(semantics) ? f.inject(semantics) : semantics;
    }

    private static void print(PrintWriter out, String format, Shape s, List<Validation.Case> cases, int[] totals) {
        for (Validation.Case c : cases) {
            totals[0]++;
            totals[1] += c.passed() ? 0 : 1;
            out.printf(Locale.ROOT, format, c.kernel(), c.implementation(), s, c.data(), c.outputs(),
                mismatches(c.mismatchesVsScalar()), c.mismatchesVsVector() < 0 ? "-"
                    : mismatches(c.mismatchesVsVector()), c.vsExact(), c.passed() ? "PASS" : "FAIL");
            out.flush();
        }
    }

    private static String mismatches(int n) {
        return n == 0 ? "exact" : n + " differ";
    }
}
