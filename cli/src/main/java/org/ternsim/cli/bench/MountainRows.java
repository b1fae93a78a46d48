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
            if (ws > max / 2) {
                break; // the next doubling would pass max, or overflow for a max near 2^63
            }
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

    /**
     * Measures every working set at every thread count: the best overlapping window's read bandwidth, and (1 thread)
     * the latency of a chase in {@code order}.
     */
    public static List<MemoryMountain.Row> measured(String machine, List<Long> sets, List<Integer> threads,
            int windows, ChaseOrder order, java.io.PrintWriter progress) throws InterruptedException {
        List<MemoryMountain.Row> rows = new ArrayList<>();
        for (int t : threads) {
            for (long ws : sets) {
                ReadWindows.Score s = HostMemory.readBandwidth(ws, t, windows);
                // 10 M dependent loads at ~150 ns is 1.5 s per run in DRAM; fewer steps for the far sets.
                double lat = t == 1 ? HostMemory.latencyNs(ws, ws > (64L << 20) ? 2_000_000 : 10_000_000, order)
                    : Double.NaN;
                rows.add(new MemoryMountain.Row("measured", machine, t, ws, s.gbPerSecond(), lat));
                progress.printf(java.util.Locale.ROOT, "  measured %d thread(s) %,d KiB: %.1f GB/s%s%s%n", t,
                    ws >> 10, s.gbPerSecond(), t == 1 ? "" : String.format(java.util.Locale.ROOT,
                        " (%d of %d windows overlapped%s)", s.overlapping(), s.windows(),
                        s.overlapping() == 0 ? ": none, a lower bound of all windows" : ""),
                    Double.isNaN(lat) ? "" : String.format(java.util.Locale.ROOT, ", %.1f ns", lat));
                progress.flush();
            }
        }
        return rows;
    }

    /** Refuses a largest working set the JVM's heap cannot hold (each point allocates it, plus chase indices). */
    public static void checkHeap(List<Long> sets, long maxHeapBytes) {
        long largest = sets.isEmpty() ? 0 : sets.get(sets.size() - 1);
        if (largest > maxHeapBytes * 3 / 4) {
            throw new IllegalArgumentException("--max " + (largest >> 20) + " MiB: the JVM heap holds at most "
                + (maxHeapBytes >> 20) + " MiB; lower --max or raise the heap (TERNSIM_JAVA_OPTS=-Xmx...)");
        }
        if (largest > HostMemory.maxBytesPerThread()) {
            throw new IllegalArgumentException("--max " + (largest >> 20) + " MiB: at most "
                + (HostMemory.maxBytesPerThread() >> 20) + " MiB (one Java array per thread)");
        }
    }
}
