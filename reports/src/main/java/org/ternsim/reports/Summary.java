// The short human summary `ternsim simulate` prints: time, rates, bound, energy by component, functional check.
package org.ternsim.reports;

import java.util.Locale;
import java.util.Map;
import org.ternsim.sim.run.MissWindowBound;
import org.ternsim.sim.run.RunResult;

public final class Summary {

    private Summary() {
    }

    public static String text(RunResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s %s/%s %dx%d on %s (%s @ %.2f GHz, %d thread%s, %s caches)%n",
            r.op(), r.kernel(), r.isa(), r.rows(), r.cols(), r.hardware(), r.uarch(), r.freqHz() / 1e9, r.threads(),
            r.threads() == 1 ? "" : "s",
            r.cacheState().name().toLowerCase(Locale.ROOT)));
        sb.append(String.format(Locale.ROOT, "  cycles        %,d  (%.3f us)%n", r.cycles(), r.seconds() * 1e6));
        sb.append(String.format(Locale.ROOT, "  instructions  %,d  (IPC %.2f, %,d uops)%n", r.core().instructions(),
            r.core().ipc(), r.core().uops()));
        sb.append(String.format(Locale.ROOT, "  throughput    %.1f GMAC/s, %.1f GB/s effective (%,d operand bytes)%n",
            r.gmacPerSecond(), r.effectiveGBPerSecond(), r.operandBytes()));
        sb.append(String.format(Locale.ROOT,
            "  bounds        dram %,d%s | ports %,d (%s) | dispatch %,d | dataflow %,d cycles -> %s-bound, simulated %.2fx the tightest%n",
            r.dramBoundCycles(), missWindow(r), r.core().portBoundCycles(), r.core().busiestPort(),
            r.core().dispatchBoundCycles(),
            r.core().dataflowBoundCycles(), r.dominantBound(), (double) r.cycles() / Math.max(1, r.tightestBoundCycles())));
        sb.append(String.format(Locale.ROOT, "  DRAM traffic  %,d B read, %,d B written%n", r.dramReadBytes(),
            r.dramWriteBytes()));
        double total = r.energy().totalPj();
        sb.append(String.format(Locale.ROOT, "  energy        %.2f uJ (%.2f pJ/MAC):", total * 1e-6, total / r.macs()));
        for (Map.Entry<String, Double> e : r.energy().byComponent().entrySet()) {
            sb.append(String.format(Locale.ROOT, " %s %.1f%%", e.getKey(), 100 * e.getValue() / total));
        }
        sb.append(System.lineSeparator());
        sb.append(String.format(Locale.ROOT, "  functional    %s (%d outputs vs %s)%n",
            r.check().bitExact() ? "bit-exact" : r.check().mismatches() + " MISMATCHES", r.check().outputs(),
            r.check().reference()));
        return sb.toString();
    }

    /** The DRAM-latency estimate where it applies (no prefetcher in the config): " | miss window N (M lines, limit)". */
    private static String missWindow(RunResult r) {
        MissWindowBound w = r.missWindow();
        return w.cycles() == 0 ? "" : String.format(Locale.ROOT, " | miss window %,d (%.1f lines in flight, %s)",
            w.cycles(), w.linesInFlight(), w.limit());
    }
}
