// `ternsim simulate --op stream`: the simulated memory mountain of one hardware config, as CSV and chart.
package org.ternsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.ternsim.cli.bench.MountainRows;
import org.ternsim.reports.memory.MemoryMountain;
import org.ternsim.reports.memory.MountainFiles;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.config.HardwareConfigLoader;

final class SimulateStream {

    private SimulateStream() {
    }

    /** The config at {@code hw} (resolved like simulate's --hw), or the default one. */
    static HardwareConfig load(Path hw) {
        Path p = hw == null ? Home.defaultHardware() : Home.resolve(hw);
        InputFile.require(p, "hardware config");
        return HardwareConfigLoader.load(p);
    }

    /** Simulates 4 KiB..1 GiB at 1 thread and at 2 (if the config has 2 cores) and writes them under {@code out}. */
    static int run(HardwareConfig hw, Path out, PrintWriter w) {
        try {
            return write(hw, out, w);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int write(HardwareConfig hw, Path out, PrintWriter w) throws IOException {
        Path dir = out.resolve(hw.name() + "-stream");
        OutputPaths.checkDirectory("--out", dir); // before minutes of simulation, not after
        List<Integer> threads = hw.cores() >= 2 ? List.of(1, 2) : List.of(1);
        List<Long> sets = MountainRows.workingSets(4L << 10, 1L << 30);
        List<MemoryMountain.Row> rows;
        try {
            rows = MountainRows.simulated(hw, sets, threads);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        Path png = MountainFiles.write(dir, "Simulated memory mountain: " + hw.name(), rows);
        w.println("stream read bandwidth on " + hw.name() + " (simulated):");
        for (MemoryMountain.Row r : rows) {
            w.println(String.format(Locale.ROOT, "  %d thread(s) %,10d KiB  %7.1f GB/s%s", r.threads(),
                r.workingSet() >> 10, r.readGBps(), Double.isNaN(r.latencyNs()) ? ""
                    : String.format(Locale.ROOT, "  %6.1f ns", r.latencyNs())));
        }
        w.println("  csv    " + dir.resolve("memory-mountain.csv"));
        w.println("  chart  " + png + " (+ .svg)");
        w.flush();
        return 0;
    }
}
