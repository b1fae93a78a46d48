// A link that moves one cache line per slot of time (DRAM bus, a cache level's fill port): booking calendar of slots.
package org.ternsim.sim.mem;

import java.util.Arrays;

/**
 * Time is divided into slots of one line's transfer time (line / bandwidth). A request arriving at cycle t takes the
 * earliest free slot at or after t and is done at the end of that slot: a deterministic-service queue (M/D/1 for
 * random arrivals, D/D/1 for a steady stream). Below saturation a request waits only for the slots already booked
 * ahead of it; at saturation the wait grows with the backlog; the link never moves more than its bandwidth.
 *
 * <p>Why a calendar and not one "free at" pointer: out-of-order cores and several cores present requests slightly out
 * of time order; with a single pointer a request stamped earlier than the last booked one would wait behind it even
 * though the link was idle at its own time. The calendar lets it use that idle slot.
 */
public final class BandwidthServer {

    private static final int WINDOW_BITS = 22;
    private static final long WINDOW = 1L << WINDOW_BITS;

    private final double cyclesPerLine;
    /** Booked slots, a ring over [base, base + WINDOW); slots before base count as past. */
    private final long[] booked = new long[(int) (WINDOW >>> 6)];
    private long base;
    private long lines;
    private long queuedCycles;

    public BandwidthServer(double bytesPerCycle, int lineBytes) {
        if (!(bytesPerCycle > 0)) {
            throw new IllegalArgumentException("bandwidth must be positive");
        }
        this.cyclesPerLine = lineBytes / bytesPerCycle;
    }

    /** Moves one line requested at {@code cycle}; returns the cycle its transfer ends. */
    public long transfer(long cycle) {
        long slot = nextFree((long) Math.floor(cycle / cyclesPerLine));
        book(slot);
        double start = Math.max(cycle, slot * cyclesPerLine);
        queuedCycles += (long) (start - cycle);
        lines++;
        return (long) Math.ceil(start + cyclesPerLine);
    }

    /**
     * A line whose last byte could arrive at {@code arrival} if the link were idle: it occupies the slot ending there,
     * or the next free one; returns when it has crossed (never before {@code arrival}).
     */
    public long deliver(long arrival) {
        return Math.max(arrival, transfer((long) Math.floor(arrival - cyclesPerLine)));
    }

    public long lines() {
        return lines;
    }

    /** Total cycles requests waited for a free slot (the queueing delay under load). */
    public long queuedCycles() {
        return queuedCycles;
    }

    private long nextFree(long s) {
        s = Math.max(s, base);
        while (true) {
            slide(s);
            int i = (int) (s & (WINDOW - 1));
            long word = booked[i >>> 6];
            if (word == -1L && (i & 63) == 0) {
                s += 64;
                continue;
            }
            if ((word & (1L << i)) == 0) {
                return s;
            }
            s++;
        }
    }

    private void book(long s) {
        int i = (int) (s & (WINDOW - 1));
        booked[i >>> 6] |= 1L << i;
    }

    /** Moves the window forward so that it covers slot {@code s}, forgetting the oldest slots. */
    private void slide(long s) {
        if (s < base + WINDOW) {
            return;
        }
        long newBase = s - WINDOW / 2;
        if (newBase - base >= WINDOW) {
            Arrays.fill(booked, 0);
        } else {
            for (long t = base; t < newBase; t++) {
                int i = (int) (t & (WINDOW - 1));
                booked[i >>> 6] &= ~(1L << i);
            }
        }
        base = newBase;
    }
}
