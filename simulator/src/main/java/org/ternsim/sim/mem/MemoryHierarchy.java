// Caches from L1D outwards plus DRAM: answers "when is this load's data ready" and counts the traffic it causes.
package org.ternsim.sim.mem;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongUnaryOperator;
import org.ternsim.sim.config.Inclusion;

/**
 * Write-back, write-allocate caches (a store miss reads the line, installs it dirty; dirty victims are written to the
 * next level). Each level's {@link Inclusion} says how it relates to the levels above: non-inclusive (fill on the way
 * in, no back-invalidation), inclusive (its evictions invalidate the levels above) or exclusive (a victim cache).
 * Hit latencies are load-to-use totals, as measured by pointer chasing.
 *
 * <p>Multi-core: several hierarchies may hold the same {@link Cache} and {@link Dram} objects for the shared levels;
 * {@code sharedFrom} is the first shared level and the {@link SharedGate} is awaited before any shared state is
 * touched, so that accesses of different cores reach it in simulated-time order.
 *
 * <p>Not modelled: TLBs and page walks, bank conflicts, coherence traffic between cores (the cores of a GEMV share
 * only read-only inputs), the L1I (the kernels are small loops that live in the op cache).
 */
public final class MemoryHierarchy {

    /** accessLine's answer to a prefetch that found no free MSHR. */
    private static final long DROPPED = -2;

    private final List<Cache> levels;
    private final List<Inclusion> inclusion;
    private final List<Prefetcher> prefetchers;
    private final Dram dram;
    private final int lineBytes;
    private final int sharedFrom;
    private final SharedGate gate;
    private final LongUnaryOperator relocate;
    /*
     * The hot path (every load and store of a detailed run) reads these arrays rather than the lists: levelAt[i] =
     * levels.get(i), prefetcherAt likewise, exclusiveAt[i] = exclusive(i), inclusiveAt[i] = level i is inclusive.
     */
    private final Cache[] levelAt;
    private final Prefetcher[] prefetcherAt;
    /** Per level, where its prefetcher writes the lines of one access (per hierarchy: shared prefetchers too). */
    private final long[][] prefetchLines;
    private final boolean[] exclusiveAt;
    private final boolean[] inclusiveAt;
    /** log2(lineBytes) when it is a power of two (then a shift replaces the long division), else -1. */
    private final int lineShift;
    private long dramReadLines;
    private long dramWriteLines;
    private long backInvalidations;
    /** Set by an exclusive level's hit: the line moving up was dirty there, so the copy above must be dirty. */
    private boolean fillDirty;

    /** {@code prefetchers} has one entry per level, null where a level has none; all levels non-inclusive, unshared. */
    public MemoryHierarchy(List<Cache> levels, List<Prefetcher> prefetchers, Dram dram, int lineBytes) {
        this(levels, Collections.nCopies(levels.size(), Inclusion.NON_INCLUSIVE), prefetchers, dram, lineBytes,
            levels.size() + 1, null, a -> a);
    }

    /**
     * @param inclusion  one entry per level: its relation to the levels above (ignored for the first level)
     * @param sharedFrom index of the first level shared with other cores ({@code levels.size()} = only DRAM shared,
     *                   larger = nothing shared)
     * @param gate       awaited before shared state is touched; null when nothing is shared
     * @param relocate   maps the program's addresses to machine addresses (cores' private data must not alias)
     */
    public MemoryHierarchy(List<Cache> levels, List<Inclusion> inclusion, List<Prefetcher> prefetchers, Dram dram,
            int lineBytes, int sharedFrom, SharedGate gate, LongUnaryOperator relocate) {
        if (prefetchers.size() != levels.size() || inclusion.size() != levels.size()) {
            throw new IllegalArgumentException("one prefetcher and one inclusion entry per cache level expected");
        }
        this.levels = List.copyOf(levels);
        this.inclusion = List.copyOf(inclusion);
        this.prefetchers = new ArrayList<>(prefetchers);
        this.dram = dram;
        this.lineBytes = lineBytes;
        this.sharedFrom = sharedFrom;
        this.gate = gate;
        this.relocate = relocate;
        int n = this.levels.size();
        this.levelAt = this.levels.toArray(new Cache[0]);
        this.prefetcherAt = this.prefetchers.toArray(new Prefetcher[0]);
        this.prefetchLines = new long[n][];
        for (int level = 0; level < n; level++) {
            prefetchLines[level] = new long[prefetcherAt[level] == null ? 0 : prefetcherAt[level].degree()];
        }
        this.exclusiveAt = new boolean[n + 1];
        this.inclusiveAt = new boolean[n];
        for (int level = 0; level < n; level++) {
            exclusiveAt[level] = level > 0 && this.inclusion.get(level) == Inclusion.EXCLUSIVE;
            inclusiveAt[level] = this.inclusion.get(level) == Inclusion.INCLUSIVE;
        }
        this.lineShift = Integer.bitCount(lineBytes) == 1 ? Integer.numberOfTrailingZeros(lineBytes) : -1;
    }

    public List<Cache> levels() {
        return levels;
    }

    /** Bytes per cache line, the unit every access is split into. */
    public int lineBytes() {
        return lineBytes;
    }

    public Dram dram() {
        return dram;
    }

    /** Installs the lines of {@code [address, address + bytes)} as reads would, without timing; then zeroes the stats. */
    public void warm(long address, long bytes) {
        long from = relocate.applyAsLong(address) / lineBytes;
        long to = (relocate.applyAsLong(address) + bytes - 1) / lineBytes;
        if (levelsWarmAlone()) {
            for (int level = levelAt.length - 1; level >= 0; level--) {
                Cache c = levelAt[level];
                // Each of the range's last capacity lines is touched or filled after every line an LRU level holds
                // now, so they are exactly what it keeps, in that order: the earlier lines would all be evicted.
                long first = c.evictsLeastRecentlyUsed() ? Math.max(from, to - c.capacityLines() + 1) : from;
                // Alone, a level's installs and lookups only move lines in and out of their own sets
                c.readAll(first, to);
            }
        } else {
            warmLines(from, to);
        }
        resetCounts();
    }

    /** {@link #warm} line by line, every level in turn: the reference the shortcut must equal (tests). */
    void warmEveryLine(long address, long bytes) {
        warmLines(relocate.applyAsLong(address) / lineBytes, (relocate.applyAsLong(address) + bytes - 1) / lineBytes);
        resetCounts();
    }

    private void resetCounts() {
        for (Cache c : levels) {
            c.stats.reset();
        }
        dramReadLines = 0;
        dramWriteLines = 0;
        backInvalidations = 0;
    }

    /**
     * Whether warming one level leaves the others alone: no level is exclusive (victims would move down) or inclusive
     * (its evictions would invalidate above), and none ever held a dirty line (a victim would be written back).
     */
    private boolean levelsWarmAlone() {
        for (int level = 0; level < levelAt.length; level++) {
            if (exclusiveAt[level] || inclusiveAt[level] && level > 0 || levelAt[level].everDirty) {
                return false;
            }
        }
        return true;
    }

    private void warmLines(long from, long to) {
        for (long line = from; line <= to; line++) {
            for (int level = levelAt.length - 1; level >= 0; level--) {
                Cache c = levelAt[level];
                if (!exclusive(level) && c.lookup(line) < 0) {
                    install(level, line, 0, false, 0);
                } else if (c.lookup(line) >= 0 && exclusive(level)) {
                    c.invalidate(line); // it moves up, as a read hit would
                }
            }
        }
    }

    /**
     * The machine-wide event counts of several cores' hierarchies, for the energy model and the stats listing: private
     * levels summed over cores, shared levels (the same {@link Cache} object) counted once, DRAM traffic summed.
     * The result holds statistics only; it is not meant to be accessed.
     */
    public static MemoryHierarchy aggregate(List<MemoryHierarchy> cores) {
        MemoryHierarchy first = cores.get(0);
        List<Cache> sums = new ArrayList<>();
        for (int level = 0; level < first.levels.size(); level++) {
            Cache proto = first.levels.get(level);
            Cache sum = new Cache(proto.name(), 64, 1, 64, proto.hitLatency(), 1);
            java.util.Set<Cache> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (MemoryHierarchy h : cores) {
                if (seen.add(h.levels.get(level))) {
                    sum.stats.add(h.levels.get(level).stats);
                }
            }
            sums.add(sum);
        }
        MemoryHierarchy out = new MemoryHierarchy(sums, Collections.nCopies(sums.size(), null), first.dram,
            first.lineBytes);
        for (MemoryHierarchy h : cores) {
            out.dramReadLines += h.dramReadLines;
            out.dramWriteLines += h.dramWriteLines;
            out.backInvalidations += h.backInvalidations;
        }
        return out;
    }

    public long dramReadBytes() {
        return dramReadLines * lineBytes;
    }

    public long dramWriteBytes() {
        return dramWriteLines * lineBytes;
    }

    /** Lines the inclusive levels removed from the levels above when evicting them. */
    public long backInvalidations() {
        return backInvalidations;
    }

    /** A load or store of {@code bytes} at {@code address} issued at {@code cycle}; returns when its data is ready. */
    public long access(long address, int bytes, boolean store, long cycle) {
        long at = relocate.applyAsLong(address);
        long end = at + bytes - 1;
        // A shift equals the division for non-negative addresses (the division truncates towards zero).
        long first = lineShift >= 0 && at >= 0 ? at >>> lineShift : at / lineBytes;
        long last = lineShift >= 0 && end >= 0 ? end >>> lineShift : end / lineBytes;
        long ready = Math.max(cycle, accessLine(0, first, cycle, store, false));
        // Most accesses stay in one line; with the loop below entered only for the others, C2 no longer compiles
        // the core's per-instruction method with a loop-limit trap here (it deoptimised it once per JVM).
        for (long line = first + 1; line <= last; line++) {
            ready = Math.max(ready, accessLine(0, line, cycle, store, false));
        }
        return ready;
    }

    private boolean exclusive(int level) {
        return exclusiveAt[level];
    }

    private void enter(int level, long cycle) {
        if (gate != null && level >= sharedFrom) {
            gate.await(cycle);
        }
    }

    private long accessLine(int level, long line, long cycle, boolean store, boolean prefetch) {
        enter(level, cycle);
        if (level == levelAt.length) {
            if (store) {
                dramWriteLines++;
            } else {
                dramReadLines++;
            }
            return dram.transfer(cycle);
        }
        Cache c = levelAt[level];
        CacheStats st = c.stats;
        if (!prefetch) {
            if (store) {
                st.writes++;
            } else {
                st.reads++;
            }
        }
        int slot = c.lookup(line);
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
            long ready = Math.max(cycle + c.hitLatency(), fill);
            boolean movedDirty = false;
            if (exclusive(level)) {
                movedDirty = c.invalidate(line) == 1; // the line moves up to the level that asked for it
            } else if (store) {
                c.markDirty(slot);
            }
            triggerPrefetch(level, line, cycle, false);
            fillDirty = movedDirty;
            return ready;
        }
        long start = c.acquireMshr(cycle, prefetch);
        if (start < 0) {
            st.prefetchesDropped++;
            return DROPPED;
        }
        if (prefetch) {
            st.prefetchesIssued++;
        } else {
            st.misses++;
        }
        fillDirty = false;
        long below = accessLine(level + 1, line, start, false, false);
        if (c.fillPort != null) {
            // The line crosses this level's fill port once it has arrived from below (dropped prefetches: -1).
            below = below < 0 ? below : c.fillPort.deliver(below);
        }
        long ready = Math.max(start + c.hitLatency(), below);
        boolean dirty = store || fillDirty;
        c.occupyMshr(ready);
        boolean passUp = exclusive(level) && !prefetch; // demand fills pass through a victim cache to the level above
        if (!passUp) {
            install(level, line, ready, dirty, start);
        }
        if (!prefetch) {
            triggerPrefetch(level, line, cycle, true);
        }
        fillDirty = passUp && dirty;
        return ready;
    }

    /** Installs {@code line} in {@code level} and sends its victim where the inclusion policies say. */
    private void install(int level, long line, long fillAt, boolean dirty, long cycle) {
        Cache c = levelAt[level];
        c.install(line, fillAt, dirty);
        long victim = c.lastVictim;
        boolean victimDirty = c.lastVictimDirty;
        if (victim < 0) {
            return;
        }
        if (inclusiveAt[level] && level > 0) {
            for (int up = 0; up < level; up++) {
                int was = levelAt[up].invalidate(victim);
                if (was >= 0) {
                    backInvalidations++;
                    victimDirty |= was == 1;
                }
            }
        }
        if (exclusive(level + 1)) {
            c.stats.writeBacks += victimDirty ? 1 : 0;
            receiveVictim(level + 1, victim, victimDirty, cycle);
        } else if (victimDirty) {
            c.stats.writeBacks++;
            receiveVictim(level + 1, victim, true, cycle);
        }
    }

    /** A victim of the level above arrives: dirty write-backs everywhere, clean victims only into exclusive levels. */
    private void receiveVictim(int level, long line, boolean dirty, long cycle) {
        enter(level, cycle);
        if (level == levelAt.length) {
            dramWriteLines++;
            dram.transfer(cycle);
            return;
        }
        Cache c = levelAt[level];
        c.stats.writes++;
        int slot = c.lookup(line);
        if (slot >= 0) {
            if (dirty) {
                c.markDirty(slot);
            }
            return;
        }
        install(level, line, cycle, dirty, cycle);
    }

    private void triggerPrefetch(int level, long line, long cycle, boolean miss) {
        Prefetcher p = prefetcherAt[level];
        if (p == null) {
            return;
        }
        // A prefetch access at this level triggers no prefetch here, so nothing overwrites the buffer in the loop.
        long[] lines = prefetchLines[level];
        int n = p.observe(line, miss, lines);
        for (int i = 0; i < n; i++) {
            long l = lines[i];
            if (accessLine(level, l, cycle, false, true) == DROPPED) {
                p.dropped(l);
                return;
            }
        }
    }
}
