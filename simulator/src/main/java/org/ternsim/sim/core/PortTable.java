// Which execution ports are busy in which cycle, over a sliding window: uops take the earliest free port they may use.
package org.ternsim.sim.core;

final class PortTable {

    private static final int WINDOW = 1 << 18;
    private static final int MASK = WINDOW - 1;

    private final long[] busy = new long[WINDOW];
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
        if (cycle - horizon >= WINDOW) {
            java.util.Arrays.fill(busy, 0);
        } else {
            for (long c = horizon; c < cycle; c++) {
                busy[(int) (c & MASK)] = 0;
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
            if (c - horizon + occupancy >= WINDOW) {
                throw new IllegalStateException("a uop waits more than " + WINDOW + " cycles beyond dispatch");
            }
            // Among the ports free in this cycle take the least used so far, as schedulers balance their queues.
            long free = portMask & ~busy[(int) (c & MASK)];
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
                    busy[(int) ((c + k) & MASK)] |= 1L << best;
                }
                busyCycles[best] += occupancy;
                lastPort = best;
                return c;
            }
            c++;
        }
    }

    private boolean freeFor(long bit, long start, int occupancy) {
        for (int k = 1; k < occupancy; k++) {
            if ((busy[(int) ((start + k) & MASK)] & bit) != 0) {
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
