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
    private static final int INITIAL_RING = 1 << 12;

    private final double cyclesPerLine;
    /**
     * log2(cyclesPerLine) when that is a whole power of two (a cache fill port of a line per cycle or per two), else
     * -1. Then the slot arithmetic below is exact in longs, and the double division, floor and ceil of each transfer
     * (a few hundred thousand per simulated GEMV) are shifts giving the same numbers.
     */
    private final int slotShift;
    /**
     * Booked slots of the window [base, base + WINDOW); slots before base count as past. Stored as a bit ring of
     * {@code booked.length * 64} slots that covers [base, base + ring) and doubles (up to WINDOW) when a slot beyond
     * it is asked for: a short run then allocates a few hundred bytes per link instead of 512 KiB (three links per
     * core, allocated for every simulated call). Every slot beyond the ring is free, as it was in the full window.
     */
    private long[] booked = new long[INITIAL_RING >>> 6];
    private long ringMask = INITIAL_RING - 1;
    private long base;
    private long lines;
    private long queuedCycles;

    public BandwidthServer(double bytesPerCycle, int lineBytes) {
        if (!(bytesPerCycle > 0)) {
            throw new IllegalArgumentException("bandwidth must be positive");
        }
        this.cyclesPerLine = lineBytes / bytesPerCycle;
        long whole = (long) cyclesPerLine;
        this.slotShift = whole >= 1 && whole == cyclesPerLine && whole <= 1 << 20 && Long.bitCount(whole) == 1
            ? Long.numberOfTrailingZeros(whole) : -1;
    }

    /** Moves one line requested at {@code cycle}; returns the cycle its transfer ends. */
    public long transfer(long cycle) {
        if (slotShift >= 0) {
            // as below with cyclesPerLine = 2^slotShift: the shift is the floor of the division, products are exact
            long slot = nextFree(cycle >> slotShift);
            book(slot);
            long start = Math.max(cycle, slot << slotShift);
            queuedCycles += start - cycle;
            lines++;
            return start + (1L << slotShift);
        }
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
        if (slotShift >= 0) {
            return Math.max(arrival, transfer(arrival - (1L << slotShift)));
        }
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
            if (s - base + 63 > ringMask && ringMask < WINDOW - 1) {
                // the ring must hold s and the rest of its 64-slot word (the skip below tests the whole word); at
                // WINDOW size the ring is the full window, wrapping as it always did
                grow(Math.min(s + 63, base + WINDOW - 1));
            }
            int i = (int) (s & ringMask);
            int bit = i & 63;
            // the free slots of s's word from s on; a saturated link books hundreds of slots ahead of a request
            long free = ~booked[i >>> 6] & (-1L << bit);
            if (free != 0) {
                return s + Long.numberOfTrailingZeros(free) - bit;
            }
            s += 64 - bit;
        }
    }

    private void book(long s) {
        int i = (int) (s & ringMask);
        booked[i >>> 6] |= 1L << i;
    }

    /** Doubles the ring until it covers slot {@code s} (s < base + WINDOW), keeping every booking at its slot. */
    private void grow(long s) {
        long ring = ringMask + 1;
        long bigger = ring;
        while (s - base >= bigger) {
            bigger *= 2;
        }
        long[] next = new long[(int) (bigger >>> 6)];
        long nextMask = bigger - 1;
        // The ring's words hold 64 consecutive slots each, starting at a multiple of 64, and move whole; only the word
        // where the window wraps (base's own, when base is not a multiple of 64) holds slots of both ends. (A slide
        // while the ring is below the window's size empties it, so that word holds no booking today: kept general.)
        int wraps = (base & 63) == 0 ? -1 : (int) ((base & ringMask) >>> 6);
        for (int w = 0; w < booked.length; w++) {
            if (w != wraps) {
                if (booked[w] != 0) {
                    long first = base + ((64L * w - base) & ringMask);
                    next[(int) ((first & nextMask) >>> 6)] |= booked[w];
                }
                continue;
            }
            for (long bits = booked[w]; bits != 0; bits &= bits - 1) {
                long physical = 64L * w + Long.numberOfTrailingZeros(bits);
                long slot = base + ((physical - base) & ringMask); // the one slot of [base, base + ring) stored there
                int i = (int) (slot & nextMask);
                next[i >>> 6] |= 1L << i;
            }
        }
        booked = next;
        ringMask = nextMask;
    }

    /** Moves the window forward so that it covers slot {@code s}, forgetting the oldest slots. */
    private void slide(long s) {
        if (s < base + WINDOW) {
            return;
        }
        long newBase = s - WINDOW / 2;
        if (newBase - base > ringMask) {
            Arrays.fill(booked, 0);
        } else {
            for (long t = base; t < newBase; t++) {
                int i = (int) (t & ringMask);
                booked[i >>> 6] &= ~(1L << i);
            }
        }
        base = newBase;
    }
}
