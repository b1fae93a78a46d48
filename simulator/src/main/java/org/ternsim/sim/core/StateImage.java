// The core's timing state as a flat list of numbers, written and read back in one fixed order.
package org.ternsim.sim.core;

import java.util.Arrays;

/**
 * A snapshot of everything that decides the timing of the instructions still to come, with every cycle written
 * relative to a base cycle (the dispatch cycle at the snapshot) and every cycle that can no longer delay anything
 * raised to the earliest value that still could. Two images are then equal exactly when the core, fed the same
 * instructions and the same memory answers, would time them the same way up to a constant shift ({@link LoopReplay}).
 * Components write themselves with {@link #put} and read themselves back, in the same order, with {@link #next}.
 */
final class StateImage {
    private long[] values = new long[1024];
    private int size;
    private int cursor;

    void put(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    /** {@code cycle} relative to {@code base}, raised to {@code floor} (relative) when below it. */
    void putCycle(long cycle, long base, long floor) {
        put(Math.max(cycle - base, floor));
    }

    /** A ring's entries from its oldest slot on, so that images do not depend on where the ring started. */
    void putRing(long[] ring, int oldest, long base, long floor) {
        put(ring.length);
        for (int i = oldest; i < ring.length; i++) {
            putCycle(ring[i], base, floor);
        }
        for (int i = 0; i < oldest; i++) {
            putCycle(ring[i], base, floor);
        }
    }

    /** Reads a ring written by {@link #putRing} back, oldest entry first in slot 0, cycles shifted to {@code base}. */
    void readRing(long[] ring, long base) {
        int n = (int) next();
        if (n != ring.length) {
            throw new IllegalStateException("ring of " + ring.length + " entries read from an image of " + n);
        }
        for (int i = 0; i < n; i++) {
            ring[i] = next() + base;
        }
    }

    long next() {
        return values[cursor++];
    }

    void clear() {
        size = 0;
        cursor = 0;
    }

    void rewind() {
        cursor = 0;
    }

    /** A hash of the values, to compare many images cheaply before comparing them in full. */
    long hash() {
        long h = size;
        for (int i = 0; i < size; i++) {
            h = h * 0x9E3779B97F4A7C15L + values[i];
        }
        return h ^ (h >>> 29);
    }

    /** A copy holding just this image's values, to keep. */
    StateImage copy() {
        StateImage c = new StateImage();
        c.values = Arrays.copyOf(values, size);
        c.size = size;
        return c;
    }

    int size() {
        return size;
    }

    boolean sameAs(StateImage other) {
        return Arrays.equals(values, 0, size, other.values, 0, other.size);
    }
}
