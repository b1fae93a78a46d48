// `ternsim bench memory`: this host's memory mountain (read bandwidth and latency over working sets, 1 and 2 threads) beside a config's simulated one.
package org.ternsim.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ternsim.cli.bench.ChaseOrder;
import org.ternsim.cli.bench.MountainRows;
import org.ternsim.reports.memory.MemoryMountain;
import org.ternsim.reports.memory.MountainFiles;
import org.ternsim.sim.config.HardwareConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "memory", mixinStandardHelpOptions = true,
    description = {"Measure this machine's read bandwidth and load-to-use latency over working sets (a memory",
        "mountain, in Java with the Vector API), simulate the same loop on a hardware config, and write both to one",
        "CSV and one chart (PNG + SVG)."})
final class BenchMemoryCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--hw", paramLabel = "<yaml>", description = "Config to simulate beside the measurement (default: configs/hw/zen5-2c.yaml).")
    Path hw;

    @Option(names = "--min", defaultValue = "4KiB", description = "Smallest working set (default: ${DEFAULT-VALUE}).")
    String min;

    @Option(names = "--max", defaultValue = "1GiB", description = "Largest working set (default: ${DEFAULT-VALUE}).")
    String max;

    @Option(names = "--threads", split = ",", defaultValue = "1,2", description = "Thread counts (default: ${DEFAULT-VALUE}).")
    List<Integer> threads;

    @Option(names = {"--windows", "--reps"}, defaultValue = "100", description = {"Timed windows per batch (each",
        "~1-10 ms); the best window in which all threads overlapped is reported, and more batches run when a loaded",
        "machine leaves too few overlapping (default: ${DEFAULT-VALUE})."})
    int windows;

    @Option(names = "--chase", defaultValue = "pages", paramLabel = "pages|random", description = {"Latency chase",
        "order: pages = the lines of 32 pages (128 KiB) at a time in random order (one TLB miss per 64 loads: cache",
        "capacity), random = every load anywhere (adds TLB misses and page walks) (default: ${DEFAULT-VALUE})."})
    String chase;

    @Option(names = "--no-sim", description = "Measure only.")
    boolean noSim;

    @Option(names = "--out", defaultValue = "out/bench-memory", paramLabel = "<dir>", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        List<Long> sets;
        ChaseOrder order;
        try {
            sets = MountainRows.workingSets(min, max);
            MountainRows.checkThreads(threads, Runtime.getRuntime().availableProcessors(), "this machine");
            MountainRows.checkHeap(sets, Runtime.getRuntime().maxMemory());
            if (windows < 1) {
                throw new IllegalArgumentException("--windows " + windows + ": expected at least 1");
            }
            order = chaseOrder(chase);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        OutputPaths.checkDirectory("--out", out);
        var w = spec.commandLine().getOut();
        List<MemoryMountain.Row> rows = new ArrayList<>();
        HardwareConfig config = null;
        if (!noSim) {
            config = SimulateStream.load(hw);
            try {
                MountainRows.checkThreads(threads, config.cores(), config.name());
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
        }
        w.println("measuring " + sets.size() + " working sets x threads " + threads + " on this host ...");
        w.flush();
        rows.addAll(MountainRows.measured("host", sets, threads, windows, order, w));
        if (config != null) {
            w.println("simulating the same loop on " + config.name() + " ...");
            w.flush();
            rows.addAll(MountainRows.simulated(config, sets, threads));
        }
        Path png = MountainFiles.write(out,
            "Memory mountain: host" + (config == null ? "" : " vs simulated " + config.name()), rows);
        w.println("  csv    " + out.resolve("memory-mountain.csv"));
        w.println("  chart  " + png + " (+ .svg)");
        w.flush();
        return 0;
    }

    static ChaseOrder chaseOrder(String name) {
        for (ChaseOrder o : ChaseOrder.values()) {
            if (o.name().equalsIgnoreCase(name)) {
                return o;
            }
        }
        throw new IllegalArgumentException("--chase " + name + ": expected pages or random");
    }
}
