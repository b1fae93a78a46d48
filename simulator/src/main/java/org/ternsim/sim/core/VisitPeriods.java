// The shortest period that the latest loop-head visits have repeated over, in constant time for most visits.
package org.ternsim.sim.core;

/**
 * Loop-head visits arrive as 32-bit signatures. A period p is found at a visit once the latest
 * {@code max(p, minRun)} visits each equal the visit p before them, counting only visits since the latest
 * {@link #restart} (and none before visit p). {@link LoopReplay} asks at every inner-loop visit outside a replay, so
 * the answer must be cheap when there is none, which is almost always: counting a run per candidate p cost a pass over
 * all of them per visit, a tenth of a detailed run for loops of a few instructions (docs/performance.md).
 *
 * <p>How: a run of at least {@code minRun} visits at distance p means the window of the latest {@code minRun}
 * signatures equals the window p visits earlier. Each visit keeps a rolling hash of its window, and a direct-mapped
 * table gives the latest earlier visit with the same hash (the ring is rescanned when the table's slot holds another
 * window still in reach). With none within {@code maxPeriod}, which is the rule outside a steady loop, the visit costs
 * a few operations. Otherwise the candidates from that distance on are those whose window hashes alike, and each is
 * checked signature by signature, so a hash collision can cost time but never gives a wrong period. The checks are
 * incremental, like a run counter per distance: the latest visit known to differ and how far the visits after it are
 * known to be equal; and until the first visit at which some run could be long enough, none is looked at.
 *
 * <p>A visit that was not searched ({@link #skip}: the visits of a recorded candidate) stands for the visit
 * {@code maxPeriod + 1} before it, as when visits were kept in a ring of that many slots: a search restarted after
 * a recording then finds a period that went on through it as soon as the new visits repeat it, without waiting for
 * a whole period of new visits first.
 */
final class VisitPeriods {

    private static final int RING = 512;
    private static final int MASK = RING - 1;
    private static final int TABLE_BITS = 12;
    private static final long BASE = 0x9E3779B97F4A7C15L;

    private final int maxPeriod;
    private final int minRun;
    /** BASE^minRun: what the signature leaving the window weighs in the rolling hash. */
    private final long leaving;

    /* Per visit, at slot visit & MASK: its signature + 1 (the one it stands for when not searched, 1 before the first
     * visits) and the hash of the window it ends. */
    private final long[] value = new long[RING];
    private final long[] windowHash = new long[RING];
    /*
     * Per distance p, what earlier checks found: the visits after differsAt[p] up to equalTo[p] each equal the visit p
     * before them. Values never change once written, so these stay true.
     */
    private final long[] differsAt;
    private final long[] equalTo;
    private final long[] tableHash = new long[1 << TABLE_BITS];
    private final long[] tableVisit = new long[1 << TABLE_BITS];
    private long visits;
    private long countFrom;
    private long hash;
    /**
     * No period of at least the last {@code shortest} can be found before this visit: each one's run reaches back past
     * a visit known to differ, or past the first one counted. Neither moves back, so a visit before it needs no look
     * at the periods, unless shortest is lower than when it was set ({@link #wakeShortest}).
     */
    private long wake;
    private int wakeShortest;

    VisitPeriods(int maxPeriod, int minRun) {
        if (2 * maxPeriod + minRun > RING || minRun < 1) {
            throw new IllegalArgumentException("periods up to " + maxPeriod + " with runs of " + minRun
                + " need a longer ring than " + RING);
        }
        this.maxPeriod = maxPeriod;
        this.minRun = minRun;
        long power = 1;
        long window = 0;
        for (int i = 0; i < minRun; i++) {
            window += power; // the window before the first visit: minRun visits of value 1
            power *= BASE;
        }
        this.leaving = power;
        this.hash = window;
        java.util.Arrays.fill(value, 1);
        this.differsAt = new long[maxPeriod + 1];
        this.equalTo = new long[maxPeriod + 1];
        java.util.Arrays.fill(differsAt, -1);
        java.util.Arrays.fill(equalTo, -1);
        java.util.Arrays.fill(tableVisit, -1);
    }

    /** Runs count only the visits from the next one on (the visits before were not all searched). */
    void restart() {
        countFrom = visits;
    }

    /** A visit that is not searched: it takes its place in the order as the visit maxPeriod + 1 before it. */
    void skip() {
        long v = visits++;
        int s = (int) (v & MASK);
        long x = value[(int) ((v - maxPeriod - 1) & MASK)];
        roll(v, x);
        sameWindowBefore(v);
        value[s] = x;
        windowHash[s] = hash;
    }

    /**
     * Adds a visit; returns the shortest period p of at least {@code shortest} that the latest max(p, minRun) counted
     * visits repeat, or 0 for none or when no period is {@code wanted}.
     */
    int add(int signature, boolean wanted, int shortest) {
        long v = visits++;
        int s = (int) (v & MASK);
        long x = (signature & 0xFFFFFFFFL) + 1;
        roll(v, x);
        long before = sameWindowBefore(v);
        value[s] = x;
        windowHash[s] = hash;
        if (!wanted || before < 0 || v - before > maxPeriod || (v < wake && shortest >= wakeShortest)) {
            return 0;
        }
        long nextWake = Long.MAX_VALUE;
        for (int p = shortest; p <= maxPeriod; p++) {
            int run = Math.max(p, minRun);
            long counted = run - 1 + Math.max(countFrom, p); // the first visit whose run may count this far back
            if (v < counted) {
                nextWake = Math.min(nextWake, counted); // and so for every longer period: its run is no shorter
                break;
            }
            if (windowHash[(int) ((v - p) & MASK)] != hash) {
                // some visit of the window differs from the one p before it, the oldest of them at the earliest
                differsAt[p] = Math.max(differsAt[p], v - minRun + 1);
            } else if (repeats(v, p, run)) {
                wake = 0;
                return p;
            }
            nextWake = Math.min(nextWake, differsAt[p] + run);
        }
        wake = nextWake;
        wakeShortest = shortest;
        return 0;
    }

    private void roll(long v, long x) {
        hash = hash * BASE + x - leaving * value[(int) ((v - minRun) & MASK)];
    }

    /** The latest visit before v whose window hashes as v's, within reach of a period; -1 for none. */
    private long sameWindowBefore(long v) {
        int t = (int) ((hash * 0xC2B2AE3D27D4EB4FL) >>> (64 - TABLE_BITS));
        long then = tableVisit[t];
        long found = -1;
        if (then >= 0 && tableHash[t] == hash) {
            found = then;
        } else if (then >= 0 && v - then <= maxPeriod) {
            // another window still in reach holds the slot: look for this one in the ring
            for (int p = 1; p <= maxPeriod && p <= v; p++) {
                int slot = (int) ((v - p) & MASK);
                if (windowHash[slot] == hash) {
                    found = v - p;
                    break;
                }
            }
        }
        tableHash[t] = hash;
        tableVisit[t] = v;
        return found;
    }

    /**
     * Whether each of the {@code run} visits ending at v equals the visit p before it. Checks only the visits that
     * earlier checks at distance p did not cover, newest first, so that a difference found is the latest one.
     */
    private boolean repeats(long v, int p, int run) {
        long oldest = v - run + 1;
        if (differsAt[p] >= oldest) {
            return false;
        }
        // for a fixed p the run's length is fixed and its end only moves on, so no later check reaches before oldest
        long from = Math.max(oldest, equalTo[p] + 1);
        for (long i = v; i >= from; i--) {
            if (value[(int) (i & MASK)] != value[(int) ((i - p) & MASK)]) {
                differsAt[p] = i;
                equalTo[p] = v;
                return false;
            }
        }
        if (from > equalTo[p] + 1) {
            differsAt[p] = oldest - 1; // not known to differ, but no check will look there again
        }
        equalTo[p] = v;
        return true;
    }
}
