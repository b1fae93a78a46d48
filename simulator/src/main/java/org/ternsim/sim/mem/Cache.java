// A set-associative cache level: tags, LRU order, dirty bits, fill times of lines in flight, and its MSHRs.
package org.ternsim.sim.mem;

import java.util.Arrays;

public final class Cache {

    private final String name;
    private final int sets;
    private final int ways;
    private final int lineShift;
    private final long hitLatency;
    private final long[] tags;
    private final ReplacementPolicy policy;
    private final long[] fillCycle;
    private final boolean[] dirty;
    private final long[] mshrBusyUntil;
    /** Slot of the earliest busy-until cycle in {@link #mshrBusyUntil}, a ring sorted from there on. */
    private int mshrOldest;
    /** Slot of the latest lookup hit or install: checked before scanning the set. */
    private int lastSlot;
    /**
     * A slot that held each line recently, indexed by the line's low bits: checked before scanning the set (a kernel's
     * loads alternate between a few lines, such as weights and activations). Only a hint: a slot counts only if its tag
     * is still the line. 1024 entries: a streaming kernel's line comes back to a level a hundred lines after its
     * prefetch installed it (the L2 stream runs 96 ahead), which 16 entries had long forgotten, so most L2 hits scanned
     * the set.
     */
    private final int[] recentSlot = new int[RECENT];
    private static final int RECENT = 1024;
    /** Empty ways per set, so that installing into a full set does not look for one. */
    private final int[] emptyWays;
    /**
     * Whether a line was ever invalidated here. Until then a set's empty ways are its last ones (each install takes
     * the first empty way), so the first of them is found from the count, without a scan whose end varies from set
     * to set (warming a level fills every set this way).
     */
    private boolean everInvalidated;
    /**
     * How many held lines share each value of a line's low bits ({@link #presentMask}): a lookup that finds 0 there
     * knows the line is absent without scanning its set. Streaming kernels miss at every level for every new line
     * (demand, next-line and stream prefetches), and those scans were a quarter of the memory model's time. The low
     * bits include the set index, so at most {@code ways} lines share a count; a count that reaches
     * {@link Byte#MAX_VALUE} (more ways than that) stays there, so its lines are always looked for in the set.
     */
    private final byte[] present;
    private final int presentMask;

    final CacheStats stats;
    /** The port that fills this level from the next one; null = unlimited (only latency and MSHRs limit fills). */
    BandwidthServer fillPort;
    /** Whether any line was ever dirty here (else every victim is clean). */
    boolean everDirty;
    /** Line evicted by the latest {@link #install}, or -1 if it filled an empty way. */
    long lastVictim = -1;
    boolean lastVictimDirty;

    public Cache(String name, long sizeBytes, int ways, int lineBytes, long hitLatency, int mshrs) {
        this(name, sizeBytes, ways, lineBytes, hitLatency, mshrs, ReplacementPolicy.Kind.LRU);
    }

    public Cache(String name, long sizeBytes, int ways, int lineBytes, long hitLatency, int mshrs,
            ReplacementPolicy.Kind replacement) {
        if (Integer.bitCount(lineBytes) != 1 || sizeBytes % ((long) ways * lineBytes) != 0) {
            throw new IllegalArgumentException(name + ": size must be sets x ways x line");
        }
        this.name = name;
        this.sets = (int) (sizeBytes / ((long) ways * lineBytes));
        if (Integer.bitCount(sets) != 1) {
            throw new IllegalArgumentException(name + ": set count must be a power of two, got " + sets);
        }
        this.ways = ways;
        this.lineShift = Integer.numberOfTrailingZeros(lineBytes);
        this.hitLatency = hitLatency;
        this.tags = new long[sets * ways];
        Arrays.fill(tags, -1);
        this.policy = ReplacementPolicy.of(replacement, sets, ways, name.hashCode());
        this.fillCycle = new long[sets * ways];
        this.dirty = new boolean[sets * ways];
        this.mshrBusyUntil = new long[Math.max(1, mshrs)];
        this.stats = new CacheStats(name);
        this.emptyWays = new int[sets];
        Arrays.fill(emptyWays, ways);
        // four counts per line held: sparse enough that most absent lines find a 0
        int counts = Integer.highestOneBit(sets * ways) * 4;
        this.present = new byte[counts];
        this.presentMask = counts - 1;
    }

    public String name() {
        return name;
    }

    public long hitLatency() {
        return hitLatency;
    }

    /** Limits fills into this level to {@code bytesPerCycle}; shared levels share the returned port's object. */
    public Cache withFillBandwidth(double bytesPerCycle) {
        fillPort = bytesPerCycle > 0 ? new BandwidthServer(bytesPerCycle, 1 << lineShift) : null;
        return this;
    }

    public CacheStats stats() {
        return stats;
    }

    long lineOf(long address) {
        return address >>> lineShift;
    }

    /** Way slot holding {@code line}, or -1. Marks it most recently used when found. */
    int lookup(long line) {
        int set = (int) (line & (sets - 1));
        int base = set * ways;
        // A line sits in at most one way of its own set, so if the slot found last still holds it, that is the slot
        // the scan would find (consecutive loads often fall in one line). Empty ways hold -1; lines are >= 0.
        // The slot found last was also the last one touched (only lookups and installs touch, and both set it), so
        // touching it again leaves the order within every set as it is: skipped.
        int last = lastSlot;
        if (tags[last] == line && line >= 0) {
            return last;
        }
        if (present[(int) line & presentMask] == 0) {
            return -1;
        }
        int hint = (int) line & (RECENT - 1);
        int recent = recentSlot[hint];
        if (tags[recent] == line && line >= 0) {
            policy.touch(set, recent - base);
            lastSlot = recent;
            return recent;
        }
        for (int w = 0; w < ways; w++) {
            if (tags[base + w] == line) {
                policy.touch(set, w);
                lastSlot = base + w;
                recentSlot[hint] = base + w;
                return base + w;
            }
        }
        return -1;
    }

    /**
     * Looks up lines {@code first..last} and installs each absent one, filled at cycle 0, as doing so line by line
     * would: the same lines in the same ways, and the same replacement order within every set. A set's future depends
     * only on the order of its own lines, so the range goes set by set, each set's lines in ascending order. A set's
     * tags and replacement state are then read and written while in the host's caches; line by line, every set of a
     * large level is swept once per {@code sets} lines (a zen5-2c L3 warmed with 1.6 MB of weights: six sweeps of
     * 1.2 MB). Only hints differ: {@link #lastSlot}, {@link #recentSlot} and the LRU stamps' values, not their order
     * within a set. Random replacement draws its victims in the order of the evictions, so it goes line by line.
     */
    void readAll(long first, long last) {
        boolean setBySet = last - first >= sets && !(policy instanceof ReplacementPolicy.Random);
        long mask = sets - 1;
        for (long set = 0; set < (setBySet ? sets : 1); set++) {
            long start = setBySet ? first + ((set - first) & mask) : first;
            for (long line = start; line <= last; line += setBySet ? sets : 1) {
                if (lookup(line) < 0) {
                    install(line, 0, false);
                }
            }
        }
    }

    /** {@code line} left the cache: one fewer held line shares its count, unless the count saturated. */
    private void forget(long line) {
        int count = (int) line & presentMask;
        if (present[count] != Byte.MAX_VALUE) {
            present[count]--;
        }
    }

    /** Lines this level holds when full. */
    long capacityLines() {
        return (long) sets * ways;
    }

    /** Whether a full set evicts its least recently used line (then the latest lines touched are the ones kept). */
    boolean evictsLeastRecentlyUsed() {
        return policy instanceof ReplacementPolicy.Lru;
    }

    /** Cycle from which the line in {@code slot} can be read (later than now while its fill is in flight). */
    long readyAt(int slot) {
        return fillCycle[slot];
    }

    void markDirty(int slot) {
        dirty[slot] = true;
        everDirty = true;
    }

    /**
     * Installs {@code line}, filled at {@code fillAt}, in an empty way or else the replacement policy's victim.
     * The evicted line, clean or dirty, is left in {@link #lastVictim} / {@link #lastVictimDirty} for the callers that
     * move victims down (exclusive levels) or back-invalidate (inclusive levels).
     *
     * @return the evicted line if it was dirty (to be written back), else -1
     */
    long install(long line, long fillAt, boolean makeDirty) {
        int set = (int) (line & (sets - 1));
        int base = set * ways;
        int way = -1;
        if (emptyWays[set] > 0) {
            if (!everInvalidated) {
                way = ways - emptyWays[set];
            }
            for (int w = 0; w < ways && way < 0; w++) {
                if (tags[base + w] == -1) {
                    way = w;
                }
            }
            emptyWays[set]--;
        } else {
            way = policy.victim(set);
        }
        int victim = base + way;
        long writeBack = tags[victim] != -1 && dirty[victim] ? tags[victim] : -1;
        lastVictim = tags[victim];
        lastVictimDirty = writeBack >= 0;
        if (tags[victim] != -1) {
            stats.evictions++;
            forget(tags[victim]);
        }
        int count = (int) line & presentMask;
        if (present[count] != Byte.MAX_VALUE) {
            present[count]++;
        }
        tags[victim] = line;
        lastSlot = victim;
        recentSlot[(int) line & (RECENT - 1)] = victim;
        policy.touch(set, way);
        fillCycle[victim] = fillAt;
        dirty[victim] = makeDirty;
        everDirty |= makeDirty;
        return writeBack;
    }

    /**
     * Removes {@code line} if present (back-invalidation from an inclusive level below, or a hit moving the line up
     * out of an exclusive level).
     *
     * @return 1 if the removed line was dirty, 0 if clean, -1 if absent
     */
    int invalidate(long line) {
        int base = (int) (line & (sets - 1)) * ways;
        for (int w = 0; w < ways; w++) {
            if (tags[base + w] == line) {
                tags[base + w] = -1;
                everInvalidated = true;
                forget(line);
                emptyWays[base / ways]++;
                boolean d = dirty[base + w];
                dirty[base + w] = false;
                return d ? 1 : 0;
            }
        }
        return -1;
    }

    /** Whether {@code line} is present, without touching the replacement state. */
    boolean holds(long line) {
        if (present[(int) line & presentMask] == 0) {
            return false;
        }
        int base = (int) (line & (sets - 1)) * ways;
        for (int w = 0; w < ways; w++) {
            if (tags[base + w] == line) {
                return true;
            }
        }
        return false;
    }

    /** Earliest cycle at or after {@code cycle} when an MSHR is free; -1 if {@code dropIfBusy} and none is free now. */
    long acquireMshr(long cycle, boolean dropIfBusy) {
        long free = mshrBusyUntil[mshrOldest];
        if (free <= cycle) {
            return cycle;
        }
        if (dropIfBusy) {
            return -1;
        }
        stats.mshrStallCycles += free - cycle;
        return free;
    }

    /**
     * Holds the MSHR that became free earliest until {@code until}. Only the multiset of busy-until cycles matters
     * (which entry holds which cycle is never observed), so the entries are kept sorted in a ring from
     * {@link #mshrOldest}: the earliest is read in place, and the new cycle is inserted from the far end, where a
     * streaming kernel's fills (each later than the last) land without moving any entry.
     */
    void occupyMshr(long until) {
        long[] ring = mshrBusyUntil;
        int n = ring.length;
        int oldest = mshrOldest;
        // the earliest entry's slot becomes the ring's far end once the start moves past it
        int at = oldest;
        int start = oldest + 1 == n ? 0 : oldest + 1;
        for (int moved = 1; moved < n; moved++) {
            int before = at == 0 ? n - 1 : at - 1;
            if (ring[before] <= until) {
                break;
            }
            ring[at] = ring[before];
            at = before;
        }
        ring[at] = until;
        mshrOldest = start;
    }
}
