// `ternsim validate`: every lowered kernel program against the functional engine, bit for bit, on random and edge data.
package org.ternsim.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ternsim.isa.SemanticsTable;
import org.ternsim.isa.lower.I2sAvx2Gemv;
import org.ternsim.isa.x86.X86Faults;
import org.ternsim.isa.x86.X86Semantics;
import org.ternsim.sim.run.GemvSimulation;
import org.ternsim.sim.run.LutValidation;
import org.ternsim.sim.run.Validation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true,
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

    static final List<String> KERNELS = List.of("i2_s", "tl1", "tl2", "tmac");

    @Option(names = "--kernel", split = ",", defaultValue = "all",
        description = {"Comma-separated kernels (default: all = ${COMPLETION-CANDIDATES}).",
            "i2_s checks its AVX2 program; tl1, tl2 and tmac check the functional engine's Vector API kernel."})
    List<String> kernels;

    @Option(names = "--isa", defaultValue = "avx2", description = "ISA of the i2_s lowering (default: ${DEFAULT-VALUE}; valid: avx2).")
    String isa;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the random data set (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--widen-every", defaultValue = "16", paramLabel = "<blocks>",
        description = {"Widen the int16 accumulators every this many 128-value blocks (default: ${DEFAULT-VALUE}, exact",
            "for all inputs; bitnet.cpp uses 32, which wraps on adversarial data)."})
    int widenEvery;

    @Option(names = "--inject-fault", paramLabel = "<fault>", hidden = true,
        description = "Replace one instruction's semantics with a known-wrong variant, to show validation catches it.")
    String fault;

    @Override
    public Integer call() {
        List<String> chosen = kernels.contains("all") ? KERNELS : kernels;
        for (String k : chosen) {
            if (!KERNELS.contains(k)) {
                throw new UserError("unknown kernel '" + k + "'; valid: all, " + String.join(", ", KERNELS));
            }
        }
        if (!isa.equals("avx2")) {
            throw new UserError("unknown ISA '" + isa + "' for i2_s; valid: avx2");
        }
        if (widenEvery < 1 || widenEvery > I2sAvx2Gemv.BITNET_GROUP_BLOCKS) {
            throw new UserError("--widen-every must be 1..32, got " + widenEvery);
        }
        for (Shape s : shapes) {
            try {
                GemvSimulation.checkShape(s.rows(), s.cols());
                LutValidation.checkShape(chosen, s.cols());
            } catch (IllegalArgumentException e) {
                throw new UserError("--shapes " + s + ": " + e.getMessage());
            }
        }
        SemanticsTable semantics = X86Semantics.table();
        if (fault != null) {
            try {
                semantics = X86Faults.inject(semantics, fault);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        String format = "%-6s %-16s %-10s %-38s %7s %10s %10s  %-44s %s%n";
        out.printf(Locale.ROOT, format, "kernel", "implementation", "shape", "data", "outputs", "vs scalar",
            "vs vector", "vs exact", "result");
        int total = 0;
        int failed = 0;
        for (String k : chosen) {
            for (Shape s : shapes) {
                List<Validation.Case> cases = k.equals("i2_s")
                    ? Validation.i2sAvx2(s.rows(), s.cols(), seed, semantics, widenEvery)
                    : LutValidation.check(k, s.rows(), s.cols(), seed);
                for (Validation.Case c : cases) {
                    total++;
                    failed += c.passed() ? 0 : 1;
                    out.printf(Locale.ROOT, format, c.kernel(), c.implementation(), s, c.data(), c.outputs(),
                        mismatches(c.mismatchesVsScalar()), c.mismatchesVsVector() < 0 ? "-"
                            : mismatches(c.mismatchesVsVector()), c.vsExact(), c.passed() ? "PASS" : "FAIL");
                    out.flush();
                }
            }
        }
        out.printf(Locale.ROOT, "%d passed, %d failed (semantics: %s; vector kernels: %s)%n", total - failed, failed,
            semantics.isa(), org.ternsim.kernels.gemv.I2sGemv.describe());
        return failed == 0 ? TernSim.OK : TernSim.MISMATCH;
    }

    private static String mismatches(int n) {
        return n == 0 ? "exact" : n + " differ";
    }
}
