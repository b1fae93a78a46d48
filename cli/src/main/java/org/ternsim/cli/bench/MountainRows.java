// Produces memory-mountain rows: measured on this host (HostMemory) or simulated for a hardware config (StreamSimulation).
package org.ternsim.cli.bench;

import java.util.ArrayList;
import java.util.List;
import org.ternsim.reports.memory.MemoryMountain;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.stream.StreamSimulation;

public final class MountainRows {

    /** Timed bytes per simulated thread: past the caches the stream is in steady state long before this. */
    static final long SIM_BYTES_PER_THREAD = 4L << 20;
    static final int SIM_LATENCY_STEPS = 100_000;

    private MountainRows() {
    }

    /** Powers of two from {@code min} to {@code max}, written as sizes ("4KiB", "1GiB"). */
    public static List<Long> workingSets(String min, String max) {
        long lo = size("--min", min);
        long hi = size("--max", max);
        if (lo > hi) {
            throw new IllegalArgumentException("--min " + min + " is larger than --max " + max);
        }
        return workingSets(lo, hi);
    }

    private static long size(String option, String value) {
        try {
            long v = org.ternsim.sim.config.Units.bytes(value);
            if (v < 64) {
                throw new IllegalArgumentException(option + " must be at least 64B, got " + value);
            }
            return v;
        } catch (org.ternsim.sim.config.ConfigException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
    }

    public static void checkThreads(List<Integer> threads, int available, String where) {
        for (int t : threads) {
            if (t < 1 || t > available) {
                throw new IllegalArgumentException("--threads " + t + ": " + where + " has " + available + " cores");
            }
        }
    }

    /** Powers of two from {@code min} to {@code max} bytes. */
    public static List<Long> workingSets(long min, long max) {
        List<Long> out = new ArrayList<>();
        for (long ws = Long.highestOneBit(Math.max(1, min)); ws <= max; ws *= 2) {
            out.add(ws);
        }
        return out;
    }

    public static List<MemoryMountain.Row> simulated(HardwareConfig hw, List<Long> sets, List<Integer> threads) {
        List<MemoryMountain.Row> rows = new ArrayList<>();
        for (int t : threads) {
            for (long ws : sets) {
                StreamSimulation.Point p = StreamSimulation.run(hw, ws, t, SIM_BYTES_PER_THREAD);
                double lat = t == 1 ? StreamSimulation.latencyNs(hw, ws, SIM_LATENCY_STEPS) : Double.NaN;
                rows.add(new MemoryMountain.Row("simulated", hw.name(), t, ws, p.gbPerSecond(), lat));
            }
        }
        return rows;
    }

    public static List<MemoryMountain.Row> measured(String machine, List<Long> sets, List<Integer> threads, int reps,
            java.io.PrintWriter progress) throws InterruptedException {
        List<MemoryMountain.Row> rows = new ArrayList<>();
        for (int t : threads) {
            for (long ws : sets) {
                double gbs = HostMemory.readGBps(ws, t, reps);
                // 20 M dependent loads at ~150 ns is 3 s per point in DRAM; fewer steps for the far sets.
                double lat = t == 1 ? HostMemory.latencyNs(ws, ws > (64L << 20) ? 2_000_000 : 10_000_000) : Double.NaN;
                rows.add(new MemoryMountain.Row("measured", machine, t, ws, gbs, lat));
                progress.printf("  measured %d thread(s) %,d KiB: %.1f GB/s%s%n", t, ws >> 10, gbs,
                    Double.isNaN(lat) ? "" : String.format(java.util.Locale.ROOT, ", %.1f ns", lat));
                progress.flush();
            }
        }
        return rows;
    }
}
