// Caches from L1D outwards plus DRAM: answers "when is this load's data ready" and counts the traffic it causes.
package org.ternsim.sim.mem;

import java.util.ArrayList;
import java.util.List;

/**
 * Levels fill on the way in (non-inclusive, no back-invalidation); dirty victims are written to the next level.
 * Hit latencies are load-to-use totals, as measured by pointer chasing. Not modelled: TLBs and page walks, bank
 * conflicts, coherence traffic between cores, the L1I (the kernels are small loops that live in the op cache).
 */
public final class MemoryHierarchy {

    private final List<Cache> levels;
    private final List<Prefetcher> prefetchers;
    private final Dram dram;
    private final int lineBytes;
    private long dramReadLines;
    private long dramWriteLines;

    /** {@code prefetchers} has one entry per level, null where a level has none. */
    public MemoryHierarchy(List<Cache> levels, List<Prefetcher> prefetchers, Dram dram, int lineBytes) {
        if (prefetchers.size() != levels.size()) {
            throw new IllegalArgumentException("one prefetcher entry per cache level expected");
        }
        this.levels = List.copyOf(levels);
        this.prefetchers = new ArrayList<>(prefetchers);
        this.dram = dram;
        this.lineBytes = lineBytes;
    }

    public List<Cache> levels() {
        return levels;
    }

    /** Installs the lines of {@code [address, address + bytes)} in every level without timing or statistics. */
    public void warm(long address, long bytes) {
        for (long line = address / lineBytes; line <= (address + bytes - 1) / lineBytes; line++) {
            for (Cache c : levels) {
                if (c.lookup(line) < 0) {
                    c.install(line, 0, false);
                }
            }
        }
        for (Cache c : levels) {
            c.stats().clearEvictions();
        }
    }

    public long dramReadBytes() {
        return dramReadLines * lineBytes;
    }

    public long dramWriteBytes() {
        return dramWriteLines * lineBytes;
    }

    /** A load or store of {@code bytes} at {@code address} issued at {@code cycle}; returns when its data is ready. */
    public long access(long address, int bytes, boolean store, long cycle) {
        long first = address / lineBytes;
        long last = (address + bytes - 1) / lineBytes;
        long ready = cycle;
        for (long line = first; line <= last; line++) {
            ready = Math.max(ready, accessLine(0, line, cycle, store, false));
        }
        return ready;
    }

    private long accessLine(int level, long line, long cycle, boolean store, boolean prefetch) {
        if (level == levels.size()) {
            if (store) {
                dramWriteLines++;
            } else {
                dramReadLines++;
            }
            return dram.transfer(cycle);
        }
        Cache c = levels.get(level);
        CacheStats st = c.stats;
        if (!prefetch) {
            if (store) {
                st.writes++;
            } else {
                st.reads++;
            }
        }
        int slot = c.lookup(line);
        long ready;
        if (slot >= 0) {
            if (prefetch) {
                return -1;
            }
            long fill = c.readyAt(slot);
            if (fill > cycle) {
                st.inFlightHits++;
            } else {
                st.hits++;
            }
            ready = Math.max(cycle + c.hitLatency(), fill);
            if (store) {
                c.markDirty(slot);
            }
            triggerPrefetch(level, line, cycle, false);
            return ready;
        }
        long start = c.acquireMshr(cycle, prefetch);
        if (start < 0) {
            st.prefetchesDropped++;
            return -1;
        }
        if (prefetch) {
            st.prefetchesIssued++;
        } else {
            st.misses++;
        }
        ready = Math.max(start + c.hitLatency(), accessLine(level + 1, line, start, false, false));
        c.occupyMshr(ready);
        long victim = c.install(line, ready, store);
        if (victim >= 0) {
            st.writeBacks++;
            writeBack(level + 1, victim, start);
        }
        if (!prefetch) {
            triggerPrefetch(level, line, cycle, true);
        }
        return ready;
    }

    private void triggerPrefetch(int level, long line, long cycle, boolean miss) {
        Prefetcher p = prefetchers.get(level);
        long[] range = p == null ? null : p.observe(line, miss);
        if (range == null) {
            return;
        }
        for (long l = range[0]; l <= range[1]; l++) {
            accessLine(level, l, cycle, false, true);
        }
    }

    private void writeBack(int level, long line, long cycle) {
        if (level == levels.size()) {
            dramWriteLines++;
            dram.transfer(cycle);
            return;
        }
        Cache c = levels.get(level);
        c.stats.writes++;
        int slot = c.lookup(line);
        if (slot >= 0) {
            c.markDirty(slot);
            return;
        }
        long victim = c.install(line, cycle, true);
        if (victim >= 0) {
            c.stats.writeBacks++;
            writeBack(level + 1, victim, cycle);
        }
    }
}
