// Which execution ports are busy in which cycle, over a sliding window: uops take the earliest free port they may use.
package org.ternsim.sim.core;

final class PortTable {

    /** Furthest a uop may be booked beyond the horizon (dispatch); beyond it the model has run away. */
    private static final int WINDOW = 1 << 18;
    /**
     * The ring starts small and doubles when a booking reaches past it, up to {@link #WINDOW}: a port-bound loop books
     * a few thousand cycles ahead, and a 2 MB ring swept cycle by cycle misses the caches on every line it clears.
     */
    private static final int INITIAL_RING = 1 << 12;

    private long[] busy = new long[INITIAL_RING];
    private int mask = INITIAL_RING - 1;
    /**
     * Per port, busy cycles so far times 64 plus the port index: the least used free port (lowest index on a tie) is
     * then the smallest rank, found without a branch per port.
     */
    private final long[] rank;
    /**
     * Per port-set id, one run of cycles [fullFrom, fullTo) in which every port of the set is known to be busy, so a
     * search for that set starting inside the run may continue at its end. Busy bits only accumulate until the horizon
     * passes a cycle (and no search starts below the horizon), so a run once full stays full: skipping it changes no
     * result, it only avoids rescanning cycles that other uops of the set (or of overlapping sets) filled.
     */
    private long[] fullFrom;
    private long[] fullTo;
    private long horizon;
    /** The latest cycle any uop has been booked in (bookings after it are all clear). */
    private long furthest;
    /** Per port, the group of ports it is ever weighed against (ports joined by a common set), see {@link #capture}. */
    private final int[] groupOf;
    /** Per port, the other ports of its group. */
    private final int[][] groupMates;
    /** Port index chosen by the latest {@link #reserve} call. */
    private int lastPort;
    /**
     * While logging ({@link #startChoiceLog}), each port choice in order: the chosen port plus 64 times its occupancy,
     * and the ports it was chosen among. The rank differences a proof needs ({@link #rankDifferenceRange}) follow
     * from the log and the ranks at its start; they are worked out only for the rare state that comes back, not for
     * every choice of every recorded period (most candidates are given up).
     */
    private int[] logChoice = new int[0];
    private long[] logAmong = new long[0];
    private int logLength;
    private boolean logging;

    /** {@code sets}: how many dense port-set ids the callers use (more are accepted, at a growth cost). */
    PortTable(int ports, int sets) {
        this(ports, sets, null);
    }

    /** Port sets by dense id: the sets' masks tell which ports' usage counts are ever compared. */
    PortTable(int ports, long[] setMasks) {
        this(ports, setMasks.length, setMasks);
    }

    private PortTable(int ports, int sets, long[] setMasks) {
        fullFrom = new long[Math.max(1, sets)];
        fullTo = new long[Math.max(1, sets)];
        if (ports > 64) {
            throw new IllegalArgumentException("at most 64 ports are supported, got " + ports);
        }
        rank = new long[ports];
        for (int p = 0; p < ports; p++) {
            rank[p] = p;
        }
        groupOf = portGroups(ports, setMasks);
        groupMates = new int[ports][];
        for (int p = 0; p < ports; p++) {
            final int port = p;
            groupMates[p] = java.util.stream.IntStream.range(0, ports)
                .filter(q -> q != port && groupOf[q] == groupOf[port]).toArray();
        }
    }

    /** Connected groups of ports, two ports joined when a set holds both; one group of all without the sets. */
    private static int[] portGroups(int ports, long[] setMasks) {
        int[] group = new int[ports];
        if (setMasks == null) {
            return group;
        }
        for (int p = 0; p < ports; p++) {
            group[p] = p;
        }
        boolean merged = true;
        while (merged) {
            merged = false;
            for (long m : setMasks) {
                int low = Integer.MAX_VALUE;
                for (long rest = m; rest != 0; rest &= rest - 1) {
                    low = Math.min(low, group[Long.numberOfTrailingZeros(rest)]);
                }
                for (long rest = m; rest != 0; rest &= rest - 1) {
                    int p = Long.numberOfTrailingZeros(rest);
                    if (p < ports && group[p] != low) {
                        group[p] = low;
                        merged = true;
                    }
                }
            }
        }
        return group;
    }

    /** No uop will ask for a cycle before {@code cycle} again: forget older reservations. */
    void advanceHorizon(long cycle) {
        if (cycle - horizon >= busy.length) {
            java.util.Arrays.fill(busy, 0);
        } else {
            for (long c = horizon; c < cycle; c++) {
                busy[(int) (c & mask)] = 0;
            }
        }
        horizon = Math.max(horizon, cycle);
    }

    /**
     * Reserves one of {@code ports} (a bit mask) for {@code occupancy} cycles starting no earlier than {@code from}
     * (more than one: see {@link #reservePasses}); returns the start cycle. {@code setId} is a small dense id of this
     * port set (the same mask must always come with the same id).
     */
    long reserve(int setId, long portMask, long from, int occupancy) {
        // Kept, with each method it calls on the common path, under C2's inlining limit for hot methods (325
        // bytecodes), so that all of it inlines into the core's per-instruction method. In one piece it was 322 bytes,
        // and a few more would have made it a call per uop (HotPathSizeTest). The rare paths (multi-cycle passes,
        // growing the tables) are separate methods.
        if (occupancy > 1) {
            return reservePasses(portMask, from, occupancy);
        }
        if (setId >= fullFrom.length) {
            growSets(setId);
        }
        long c = Math.max(from, horizon);
        // Start of the run of full cycles (for this set) that ends at c.
        long runFrom = c;
        long knownFrom = fullFrom[setId];
        long knownTo = fullTo[setId];
        if (c >= knownFrom && c < knownTo) {
            runFrom = knownFrom;
            c = knownTo;
        }
        c = firstFreeCycle(portMask, c);
        long free = portMask & ~busy[(int) (c & mask)];
        int best = takeLeastUsed(free, c);
        long runTo = free == 1L << best ? c + 1 : c; // the set is full in c once its last free port is taken
        if (runTo > runFrom) {
            fullFrom[setId] = runFrom;
            fullTo[setId] = runTo;
        }
        return c;
    }

    /** The first cycle from {@code from} on in which a port of {@code portMask} is free. */
    private long firstFreeCycle(long portMask, long from) {
        for (long c = from; ; c++) {
            if (c - horizon + 1 >= busy.length) {
                grow();
            }
            if ((portMask & ~busy[(int) (c & mask)]) != 0) {
                return c;
            }
        }
    }

    /**
     * Books, in cycle {@code c}, the least used so far of the {@code free} ports (lowest index on a tie), as
     * schedulers balance their queues; returns its index.
     */
    private int takeLeastUsed(long free, long c) {
        long bestRank = Long.MAX_VALUE;
        for (long rest = free; rest != 0; rest &= rest - 1) {
            bestRank = Math.min(bestRank, rank[Long.numberOfTrailingZeros(rest)]);
        }
        int best = (int) (bestRank & 63);
        rank[best] = bestRank + 64;
        if (logging) {
            logChoice(best, free, 1);
        }
        lastPort = best;
        busy[(int) (c & mask)] |= 1L << best;
        furthest = Math.max(furthest, c);
        return best;
    }

    private void growSets(int setId) {
        int n = Math.max(setId + 1, 2 * fullFrom.length);
        fullFrom = java.util.Arrays.copyOf(fullFrom, n);
        fullTo = java.util.Arrays.copyOf(fullTo, n);
    }

    /**
     * A uop that holds its port for several cycles (a double-pumped 512-bit op on a 256-bit pipe, a divider) as that
     * many one-cycle passes through one port, each in the earliest free cycle after the previous one. Bookings here are
     * made in program order into future cycles, so a younger op booked early can leave one-cycle holes on a port;
     * a real scheduler picks ops cycle by cycle and never creates such a hole while an op is ready, so demanding
     * consecutive cycles charged multi-cycle ops for gaps the hardware would fill (the TL2 AVX-512 loop on zen4 ran
     * 37% above its own port bound). Takes the port whose last pass comes first (least used on a tie) and returns
     * the last pass minus {@code occupancy - 1}: the start the consecutive booking would have had, so results are
     * ready {@code latency} after it as before (identical when the passes are consecutive).
     */
    private long reservePasses(long portMask, long from, int occupancy) {
        long start = Math.max(from, horizon);
        int best = -1;
        long bestLast = Long.MAX_VALUE;
        long tied = 0;
        for (long rest = portMask; rest != 0; rest &= rest - 1) {
            int port = Long.numberOfTrailingZeros(rest);
            long bit = 1L << port;
            long c = start;
            int found = 0;
            while (c <= bestLast) {
                if (c - horizon + 1 >= busy.length) {
                    grow();
                }
                if ((busy[(int) (c & mask)] & bit) == 0 && ++found == occupancy) {
                    break;
                }
                c++;
            }
            if (found == occupancy) {
                tied = c < bestLast ? 0 : tied; // the ports whose last pass comes first, which the ranks decide between
                tied |= bit;
            }
            if (found == occupancy && (c < bestLast || rank[port] < rank[best])) {
                // c <= bestLast here: earlier, or a tie that the less used port wins
                best = port;
                bestLast = c;
            }
        }
        long bit = 1L << best;
        int left = occupancy;
        for (long c = start; left > 0; c++) {
            int slot = (int) (c & mask);
            if ((busy[slot] & bit) == 0) {
                busy[slot] |= bit;
                left--;
                furthest = Math.max(furthest, c);
            }
        }
        rank[best] += 64L * occupancy;
        if (logging) {
            logChoice(best, tied, occupancy);
        }
        lastPort = best;
        return bestLast - (occupancy - 1);
    }

    /** Doubles the ring, keeping every booking of the cycles from the horizon on at its cycle's new slot. */
    private void grow() {
        if (busy.length >= WINDOW) {
            throw new IllegalStateException("a uop waits more than " + WINDOW + " cycles beyond dispatch");
        }
        long[] bigger = new long[busy.length * 2];
        int biggerMask = bigger.length - 1;
        for (long c = horizon; c < horizon + busy.length; c++) {
            bigger[(int) (c & biggerMask)] = busy[(int) (c & mask)];
        }
        busy = bigger;
        mask = biggerMask;
    }

    /** The port index the latest {@link #reserve} took. */
    int lastPort() {
        return lastPort;
    }

    long[] busyCycles() {
        long[] cycles = new long[rank.length];
        for (int p = 0; p < rank.length; p++) {
            cycles[p] = rank[p] >>> 6;
        }
        return cycles;
    }

    /** Writes the bookings from the horizon on, relative to {@code base} (usage ranks: {@link #repeatsChoices}). */
    void capture(StateImage image, long base) {
        image.put(horizon - base);
        long from = horizon;
        image.put(Math.max(0, furthest - from + 1));
        for (long c = from; c <= furthest; c++) {
            image.put(busy[(int) (c & mask)]);
        }
    }

    /** Starts logging the port choices, from an empty log. */
    void startChoiceLog() {
        logging = true;
        logLength = 0;
    }

    /** Starts logging if not logging yet (from an empty log); a log already on goes on. */
    void continueChoiceLog() {
        if (!logging) {
            startChoiceLog();
        }
    }

    /** Stops logging; a log grown by a long recording is let go (a core may record several periods of 2^18 ops). */
    void stopChoiceLog() {
        logging = false;
        if (logChoice.length > 1 << 16) {
            logChoice = new int[0];
            logAmong = new long[0];
        }
    }

    /** Choices logged so far: a position in the log for {@link #rankDifferenceRange}. */
    int choiceLogPosition() {
        return logLength;
    }

    private void logChoice(int port, long among, int occupancy) {
        if (logLength == logChoice.length) {
            int n = Math.max(1024, 2 * logLength);
            logChoice = java.util.Arrays.copyOf(logChoice, n);
            logAmong = java.util.Arrays.copyOf(logAmong, n);
        }
        logChoice[logLength] = port | occupancy << 6;
        logAmong[logLength] = among;
        logLength++;
    }

    /**
     * Over the logged choices {@code [from, to)}, made from usage ranks {@code startRanks}: per pair p < q of ports of
     * one group at p * ports + q, the least and the greatest value rank[p] - rank[q] took (from its value at the start
     * on); and per ordered pair at p * ports + q, the greatest rank[p] - rank[q] (always negative) at a choice in which
     * p won over q, {@link Long#MIN_VALUE} where p never did. A choice comes out the same as long as every such
     * difference stays negative ({@link #keepsChoices}). A difference changes only when one of its ports is chosen,
     * and then every pair of the chosen port's group is looked at, so no value it takes is missed.
     */
    long[][] rankDifferenceRange(long[] startRanks, int from, int to) {
        return walkChoiceLog(startRanks, from, to, true);
    }

    /**
     * The third array of {@link #rankDifferenceRange} alone (the margins {@link #keepsChoices} checks), for a row
     * kept to be replayed from other ranks, which is never proved to repeat: the per-pair extremes are not tracked.
     */
    long[] decidedMargins(long[] startRanks, int from, int to) {
        return walkChoiceLog(startRanks, from, to, false)[2];
    }

    private long[][] walkChoiceLog(long[] startRanks, int from, int to, boolean extremes) {
        int n = rank.length;
        long[] r = startRanks.clone();
        long[] low = extremes ? new long[n * n] : null;
        long[] high = extremes ? new long[n * n] : null;
        long[] decided = new long[n * n];
        java.util.Arrays.fill(decided, Long.MIN_VALUE);
        for (int p = 0; extremes && p < n; p++) {
            for (int q = p + 1; q < n; q++) {
                low[p * n + q] = r[p] - r[q];
                high[p * n + q] = r[p] - r[q];
            }
        }
        for (int i = from; i < to; i++) {
            int port = logChoice[i] & 63;
            long chosen = r[port];
            for (long rest = logAmong[i] & ~(1L << port); rest != 0; rest &= rest - 1) {
                int q = Long.numberOfTrailingZeros(rest);
                int at = port * n + q;
                decided[at] = Math.max(decided[at], chosen - r[q]);
            }
            r[port] += 64L * (logChoice[i] >>> 6);
            if (!extremes) {
                continue;
            }
            for (int q : groupMates[port]) {
                int a = Math.min(port, q);
                int b = Math.max(port, q);
                long d = r[a] - r[b];
                low[a * n + b] = Math.min(low[a * n + b], d);
                high[a * n + b] = Math.max(high[a * n + b], d);
            }
        }
        return new long[][] {low, high, decided};
    }

    /**
     * Whether, with the same bookings, usage ranks {@code now} taken one period after {@code then} lead every later
     * period to the same port choices as that period. Choices compare the ranks of two ports of one group (ports
     * joined by a common set), never of two groups. For each such pair, either the difference did not change over the
     * period, so it runs through the same values again, or it drifted (one port takes more uops per period) and kept
     * the sign of its drift throughout the period ({@code low}, {@code high}: the least and greatest difference seen
     * in it, as {@link #rankDifferenceRange}), so every later period only moves it further from zero and no
     * comparison of the two can come out differently. Ranks differ in their low bits, so no two are equal.
     */
    boolean repeatsChoices(long[] then, long[] now, long[] low, long[] high) {
        int n = rank.length;
        for (int p = 0; p < n; p++) {
            for (int q = p + 1; q < n; q++) {
                if (groupOf[p] != groupOf[q]) {
                    continue;
                }
                long drift = (now[p] - now[q]) - (then[p] - then[q]);
                if (drift > 0 ? low[p * n + q] <= 0 : drift < 0 && high[p * n + q] >= 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * A necessary condition of {@link #repeatsChoices}, from the ranks at the period's ends alone: a pair that drifted
     * must have the sign of its drift at both ends, since {@link #rankDifferenceRange}'s least and greatest difference
     * include both. Most states that come back fail here, before the choice log is walked.
     */
    boolean mayRepeatChoices(long[] then, long[] now) {
        int n = rank.length;
        for (int p = 0; p < n; p++) {
            for (int q = p + 1; q < n; q++) {
                if (groupOf[p] != groupOf[q]) {
                    continue;
                }
                long before = then[p] - then[q];
                long after = now[p] - now[q];
                long drift = after - before;
                if (drift > 0 ? before <= 0 || after <= 0 : drift < 0 && (before >= 0 || after >= 0)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Whether a period proved from usage ranks {@code then} ({@link #repeatsChoices}) makes the same choices again when
     * it starts from ranks {@code start}, taken at another time with the same bookings. Each difference of the new
     * start is the old one plus a shift that holds for the whole period, so every choice comes out the same as long as
     * each winner's difference to each port it beat ({@code decided}, over the period) stays negative. Later periods
     * keep it so: a pair whose difference grows from period to period never had its first port win ({@link
     * #repeatsChoices} required it to stay positive).
     */
    boolean keepsChoices(long[] then, long[] start, long[] decidedThen) {
        int n = rank.length;
        for (int p = 0; p < n; p++) {
            for (int q = 0; q < n; q++) {
                long margin = decidedThen[p * n + q];
                if (margin != Long.MIN_VALUE && margin + (start[p] - start[q]) - (then[p] - then[q]) >= 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Reads the bookings back at {@code base}; the usage counts are set to {@code ranks} (absolute, see
     * {@link #ranks}).
     */
    void restore(StateImage image, long base, long[] ranks) {
        java.util.Arrays.fill(busy, 0);
        horizon = image.next() + base;
        long n = image.next();
        furthest = horizon - 1;
        for (long i = 0; i < n; i++) {
            long c = horizon + i;
            busy[(int) (c & mask)] = image.next();
            furthest = c;
        }
        System.arraycopy(ranks, 0, rank, 0, rank.length);
        // the runs of full cycles are only a search shortcut: forgetting them changes no choice
        java.util.Arrays.fill(fullFrom, 0);
        java.util.Arrays.fill(fullTo, 0);
    }

    /** Each port's usage rank (busy cycles times 64 plus its index), a copy. */
    long[] ranks() {
        return rank.clone();
    }
}
