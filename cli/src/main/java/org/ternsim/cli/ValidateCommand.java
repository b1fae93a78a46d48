// `ternsim validate`: every lowered kernel program against the functional engine, bit for bit, on random and edge data.
package org.ternsim.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ternsim.isa.SemanticsTable;
import org.ternsim.isa.lower.I2sAvx2Gemv;
import org.ternsim.isa.x86.X86Faults;
import org.ternsim.isa.x86.X86Semantics;
import org.ternsim.sim.run.GemvSimulation;
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

    @Option(names = "--kernel", defaultValue = "i2_s", description = "Kernel (default: ${DEFAULT-VALUE}; valid: i2_s).")
    String kernel;

    @Option(names = "--isa", defaultValue = "avx2", description = "ISA of the lowering (default: ${DEFAULT-VALUE}; valid: avx2).")
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
        if (!kernel.equals("i2_s")) {
            throw new UserError("unknown kernel '" + kernel + "'; valid: i2_s");
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
        out.printf(Locale.ROOT, "%-8s %-5s %-10s %-38s %7s %10s %10s  %s%n", "kernel", "isa", "shape", "data", "outputs",
            "vs scalar", "vs vector", "result");
        List<Validation.Case> failed = new ArrayList<>();
        int total = 0;
        for (Shape s : shapes) {
            for (Validation.Case c : Validation.i2sAvx2(s.rows(), s.cols(), seed, semantics, widenEvery)) {
                total++;
                if (!c.passed()) {
                    failed.add(c);
                }
                out.printf(Locale.ROOT, "%-8s %-5s %-10s %-38s %7d %10s %10s  %s%n", c.kernel(), c.isa(), s, c.data(),
                    c.outputs(), mismatches(c.mismatchesVsScalar()), mismatches(c.mismatchesVsProvider()),
                    c.passed() ? "PASS" : "FAIL");
                out.flush();
            }
        }
        out.printf(Locale.ROOT, "%d passed, %d failed (semantics: %s; vector reference: %s)%n", total - failed.size(),
            failed.size(), semantics.isa(), org.ternsim.kernels.gemv.KernelProvider.describe());
        return failed.isEmpty() ? TernSim.OK : TernSim.MISMATCH;
    }

    private static String mismatches(int n) {
        return n == 0 ? "exact" : n + " differ";
    }
}
