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
    /** Port index chosen by the latest {@link #reserve} call. */
    private int lastPort;

    /** {@code sets}: how many dense port-set ids the callers use (more are accepted, at a growth cost). */
    PortTable(int ports, int sets) {
        fullFrom = new long[Math.max(1, sets)];
        fullTo = new long[Math.max(1, sets)];
        if (ports > 64) {
            throw new IllegalArgumentException("at most 64 ports are supported, got " + ports);
        }
        rank = new long[ports];
        for (int p = 0; p < ports; p++) {
            rank[p] = p;
        }
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
     * (more than one: see {@link #reservePasses}); returns the start cycle. {@code setId} is a small dense id of this port set (the same mask must
     * always come with the same id).
     */
    long reserve(int setId, long portMask, long from, int occupancy) {
        // Kept under C2's inlining limit for hot methods (325 bytecodes), so that it inlines into the core's
        // per-instruction method: the rare paths (multi-cycle passes, growing the tables) are separate methods.
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
        long free;
        while (true) {
            if (c - horizon + 1 >= busy.length) {
                grow();
            }
            free = portMask & ~busy[(int) (c & mask)];
            if (free != 0) {
                break;
            }
            c++;
        }
        // Among the ports free in this cycle take the least used so far (lowest index on a tie), as schedulers
        // balance their queues.
        long bestRank = Long.MAX_VALUE;
        for (long rest = free; rest != 0; rest &= rest - 1) {
            bestRank = Math.min(bestRank, rank[Long.numberOfTrailingZeros(rest)]);
        }
        int best = (int) (bestRank & 63);
        long bit = 1L << best;
        rank[best] = bestRank + 64;
        lastPort = best;
        busy[(int) (c & mask)] |= bit;
        long runTo = free == bit ? c + 1 : c; // the set is full in c once its last free port is taken
        if (runTo > runFrom) {
            fullFrom[setId] = runFrom;
            fullTo[setId] = runTo;
        }
        return c;
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
            }
        }
        rank[best] += 64L * occupancy;
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
}
