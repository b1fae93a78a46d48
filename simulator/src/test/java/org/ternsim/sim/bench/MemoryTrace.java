// One detailed call's memory accesses, in order and at the cycles the core issued them, to replay into a hierarchy.
package org.ternsim.sim.bench;

import java.util.Arrays;
import java.util.function.Consumer;
import org.ternsim.isa.Interpreter;
import org.ternsim.sim.core.OutOfOrderCore;
import org.ternsim.sim.mem.Cache;
import org.ternsim.sim.mem.MemoryHierarchy;

/**
 * Replayed into a fresh hierarchy warmed as the recorded one was, the trace makes the same accesses at the same
 * cycles, so the hierarchy ends with the same counts ({@link #counts}) and only the memory model's own time is spent:
 * {@link SpeedCeilingMain} and {@code PairedTimingMain --memory} time it so.
 */
final class MemoryTrace {
    private long[] addresses = new long[1 << 16];
    private int[] widths = new int[1 << 16];
    private boolean[] stores = new boolean[1 << 16];
    private long[] cycles = new long[1 << 16];
    private int length;
    /** The recorded hierarchy's counts after the call, which a replay of the trace must reproduce. */
    private String counts;

    private MemoryTrace() {
    }

    /**
     * Times every instruction {@code drive} hands its listener on {@code core} with an observer attached (which keeps
     * the replay off: its accesses are the same, at the same cycles), taking each access's issue cycle from the
     * observer.
     */
    static MemoryTrace record(OutOfOrderCore core, MemoryHierarchy hierarchy, Consumer<Interpreter.Listener> drive) {
        MemoryTrace trace = new MemoryTrace();
        long[] pending = new long[3];
        core.observe((pc, dispatch, issue, complete, retire, ports, portCount) -> {
            if (pending[1] > 0) {
                trace.add(pending[0], (int) pending[1], pending[2] != 0, issue);
            }
        });
        drive.accept((pc, address, bytes, store) -> {
            pending[0] = address;
            pending[1] = bytes;
            pending[2] = store ? 1 : 0;
            core.retired(pc, address, bytes, store);
        });
        trace.counts = counts(hierarchy);
        return trace;
    }

    private void add(long address, int width, boolean store, long cycle) {
        if (length == addresses.length) {
            addresses = Arrays.copyOf(addresses, 2 * length);
            widths = Arrays.copyOf(widths, 2 * length);
            stores = Arrays.copyOf(stores, 2 * length);
            cycles = Arrays.copyOf(cycles, 2 * length);
        }
        addresses[length] = address;
        widths[length] = width;
        stores[length] = store;
        cycles[length] = cycle;
        length++;
    }

    /** Makes the trace's accesses on {@code hierarchy}; returns the sum of its answers. */
    long replay(MemoryHierarchy hierarchy) {
        long answers = 0;
        for (int i = 0; i < length; i++) {
            answers += hierarchy.access(addresses[i], widths[i], stores[i], cycles[i]);
        }
        return answers;
    }

    /** Throws unless {@code hierarchy}, after a replay, counted what the recorded one did. */
    void checkCounts(MemoryHierarchy hierarchy) {
        if (!counts.equals(counts(hierarchy))) {
            throw new IllegalStateException("the replayed accesses counted " + counts(hierarchy) + ", the call "
                + counts);
        }
    }

    int length() {
        return length;
    }

    /** Per level its counts ({@link CacheSeriesMain#levelCounts}); then the DRAM bytes read and written. */
    private static String counts(MemoryHierarchy hierarchy) {
        StringBuilder s = new StringBuilder();
        for (Cache c : hierarchy.levels()) {
            s.append(c.name()).append(' ').append(Arrays.toString(CacheSeriesMain.levelCounts(c))).append("; ");
        }
        return s.append(hierarchy.dramReadBytes()).append(' ').append(hierarchy.dramWriteBytes()).toString();
    }
}
