// `ternsim bench native`: runs the simulator's own x86 kernel programs on this CPU (bit-checked, timed) beside their
// simulated time on a hardware config, so model and machine are compared on exactly the same instructions.
package org.ternsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ternsim.cli.bench.NativeProgram;
import org.ternsim.isa.lower.GemvLowering;
import org.ternsim.isa.lower.GemvLowerings;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.run.CacheState;
import org.ternsim.sim.run.GemvSimulation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "native", mixinStandardHelpOptions = true,
    description = "Assemble the simulator's x86 kernel programs (the lowerings `validate` checks), run them on this CPU "
        + "with their operands at the programs' own addresses, check the outputs bit for bit against the "
        + "functional engine, and time them (N threads = N processes on row chunks, released together per "
        + "call). With the simulated time of the same program on --hw beside it. Needs Linux on x86-64, a C "
        + "compiler and the ISA's CPU flags.")
final class BenchNativeCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--kernel", split = ",", defaultValue = "i2_s,tl2,f16",
        description = "Lowered kernels (default: ${DEFAULT-VALUE}).")
    List<String> kernels;

    @Option(names = "--isa", defaultValue = "avx2", description = "avx2 or avx512 (default: ${DEFAULT-VALUE}).")
    String isa;

    @Option(names = "--shape", split = ",", converter = SimulateCommand.ShapeConverter.class,
        defaultValue = "2560x2560,640x2560,6912x2560,2560x6912",
        description = "MxK shapes (default: the 2B4T linears ${DEFAULT-VALUE}).")
    List<Shape> shapes;

    @Option(names = "--threads", split = ",", defaultValue = "1,2", paramLabel = "<n>",
        description = "Thread counts (default: ${DEFAULT-VALUE}).")
    List<Integer> threads;

    @Option(names = "--reps", defaultValue = "51", description = "Timed calls per point, median reported (default: ${DEFAULT-VALUE}).")
    int reps;

    @Option(names = "--hw", paramLabel = "<yaml>", description = "Config to simulate beside the measurement (default: configs/hw/zen5-2c.yaml).")
    Path hw;

    @Option(names = "--no-sim", description = "Measure only.")
    boolean noSim;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the random data (default: ${DEFAULT-VALUE}).")
    long seed;

    private boolean anyDiffer;

    @Override
    public Integer call() throws Exception {
        String why = NativeProgram.unavailableReason(isa);
        if (why != null) {
            throw new UserError("bench native: " + why);
        }
        List<GemvLowering> lowerings = new ArrayList<>();
        for (String k : kernels) {
            lowerings.add(GemvLowerings.find(k, isa).orElseThrow(() -> new UserError("--kernel " + k + ": no " + isa
                + " lowering; lowered: " + GemvLowerings.describeAll())));
        }
        for (int t : threads) {
            if (t < 1 || t > Runtime.getRuntime().availableProcessors()) {
                throw new UserError("--threads " + t + ": this machine has " + Runtime.getRuntime().availableProcessors()
                    + " CPUs");
            }
        }
        if (reps < 1) {
            throw new UserError("--reps must be >= 1, got " + reps);
        }
        for (GemvLowering l : lowerings) {
            for (Shape s : shapes) {
                try {
                    l.checkShape(s.rows(), s.cols());
                } catch (IllegalArgumentException e) {
                    throw new UserError("--shape " + s + ": " + e.getMessage());
                }
            }
        }
        HardwareConfig config = noSim ? null : SimulateStream.load(hw);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%-10s %-7s %-10s %3s %10s %9s %7s %6s %10s %-7s%s%n", "kernel", "isa", "shape", "thr",
            "native us", "best us", "spread", "GHz", "kcycles", "bits", config == null ? ""
                : String.format(Locale.ROOT, " %10s %8s %10s %8s  (%s at %.2f GHz)", "sim us", "error", "sim kcyc",
                    "cyc err", config.name(), config.core().freqHz() / 1e9));
        for (GemvLowering l : lowerings) {
            for (Shape s : shapes) {
                for (int t : threads) {
                    point(out, l, s, t, config);
                }
            }
        }
        out.println("native: " + reps + " timed calls after a checked and a warm-up call; median and fastest call; "
            + "spread = (max - min) / median; GHz = core clock probed right after the calls (dependent adds), kcycles ="
            + " median x GHz; error = (simulated - native) / native, in time at the config's clock and in cycles");
        out.flush();
        if (anyDiffer) {
            spec.commandLine().getErr().println("bench native: outputs differ from the functional engine (see bits)");
            return TernSim.MISMATCH;
        }
        return TernSim.OK;
    }

    private void point(PrintWriter out, GemvLowering l, Shape s, int t, HardwareConfig config)
            throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("ternsim-native");
        NativeProgram.Result r;
        try {
            r = NativeProgram.run(l, s.rows(), s.cols(), t, reps, seed, work);
        } catch (IllegalArgumentException e) {
            throw new UserError("--threads " + t + " at " + s + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UserError("bench native: " + e.getMessage() + " (files kept in " + work + ")");
        }
        deleteTree(work);
        String sim = "";
        if (config != null) {
            try {
                GemvSimulation.Request req = new GemvSimulation.Request(config, l, s.rows(), s.cols(), seed,
                    CacheState.WARM);
                var run = GemvSimulation.run(req, t);
                double simUs = run.seconds() * 1e6;
                double nativeUs = r.medianNs() / 1e3;
                double simCycles = run.seconds() * config.core().freqHz();
                sim = String.format(Locale.ROOT, " %10.1f %+7.1f%% %10.1f %+7.1f%%", simUs,
                    100 * (simUs - nativeUs) / nativeUs, simCycles / 1e3,
                    100 * (simCycles - r.medianCycles()) / r.medianCycles());
            } catch (IllegalArgumentException e) {
                sim = " " + e.getMessage();
            }
        }
        anyDiffer |= r.mismatches() != 0;
        String bits = r.mismatches() == 0 ? "exact" : r.mismatches() + "/" + r.outputs() + " DIFFER";
        out.printf(Locale.ROOT, "%-10s %-7s %-10s %3d %10.1f %9.1f %6.1f%% %6.2f %10.1f %-7s%s%n", l.kernel(), l.isa(),
            s.toString(), t, r.medianNs() / 1e3, r.bestNs() / 1e3, 100 * r.spread(), r.clockGHz(),
            r.medianCycles() / 1e3, bits, sim);
        out.flush();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
