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
    private final long[] busyCycles;
    /**
     * Per port-set id: every cycle from the horizon up to (not including) this one has all ports of the set busy, so
     * a search for that set may start here. Busy bits only accumulate, so the hint stays valid until the horizon
     * passes it; skipping those cycles changes no result, it only avoids rescanning a saturated backlog.
     */
    private long[] firstMaybeFree = new long[8];
    private long horizon;
    /** Port index chosen by the latest {@link #reserve} call. */
    private int lastPort;

    PortTable(int ports) {
        if (ports > 64) {
            throw new IllegalArgumentException("at most 64 ports are supported, got " + ports);
        }
        busyCycles = new long[ports];
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
     * Reserves one of {@code ports} (a bit mask) for {@code occupancy} consecutive cycles starting no earlier than
     * {@code from}; returns the start cycle. {@code setId} is a small dense id of this port set (the same mask must
     * always come with the same id).
     */
    long reserve(int setId, long portMask, long from, int occupancy) {
        if (setId >= firstMaybeFree.length) {
            firstMaybeFree = java.util.Arrays.copyOf(firstMaybeFree, Math.max(setId + 1, 2 * firstMaybeFree.length));
        }
        long start = Math.max(from, horizon);
        long hint = firstMaybeFree[setId];
        // Cycles [hint, c) are known to be full for this set while we scan on from the hint.
        boolean extendHint = start <= hint;
        long c = Math.max(start, hint);
        while (true) {
            if (c - horizon + occupancy >= busy.length) {
                if (busy.length >= WINDOW) {
                    throw new IllegalStateException("a uop waits more than " + WINDOW + " cycles beyond dispatch");
                }
                grow();
            }
            // Among the ports free in this cycle take the least used so far, as schedulers balance their queues.
            long free = portMask & ~busy[(int) (c & mask)];
            if (free == 0) {
                if (extendHint) {
                    firstMaybeFree[setId] = c + 1;
                }
                c++;
                continue;
            }
            extendHint = false;
            int best = -1;
            while (free != 0) {
                int port = Long.numberOfTrailingZeros(free);
                long bit = 1L << port;
                if (freeFor(bit, c, occupancy) && (best < 0 || busyCycles[port] < busyCycles[best])) {
                    best = port;
                }
                free &= ~bit;
            }
            if (best >= 0) {
                for (int k = 0; k < occupancy; k++) {
                    busy[(int) ((c + k) & mask)] |= 1L << best;
                }
                busyCycles[best] += occupancy;
                lastPort = best;
                return c;
            }
            c++;
        }
    }

    /** Doubles the ring, keeping every booking of the cycles from the horizon on at its cycle's new slot. */
    private void grow() {
        long[] bigger = new long[busy.length * 2];
        int biggerMask = bigger.length - 1;
        for (long c = horizon; c < horizon + busy.length; c++) {
            bigger[(int) (c & biggerMask)] = busy[(int) (c & mask)];
        }
        busy = bigger;
        mask = biggerMask;
    }

    private boolean freeFor(long bit, long start, int occupancy) {
        for (int k = 1; k < occupancy; k++) {
            if ((busy[(int) ((start + k) & mask)] & bit) != 0) {
                return false;
            }
        }
        return true;
    }

    /** The port index the latest {@link #reserve} took. */
    int lastPort() {
        return lastPort;
    }

    long[] busyCycles() {
        return busyCycles.clone();
    }
}
