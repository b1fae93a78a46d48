// The k latest cycles of a stream of cycles, kept as counts per cycle: the FP scheduler's "when does an entry free".
package org.ternsim.sim.core;

/**
 * Keeps the multiset of the {@code k} largest values added so far and answers its smallest, the same as a min-heap of
 * size k that replaces its root by any larger value, but in amortised constant time: counts per cycle in a ring
 * that covers [earliest, latest], and the smallest kept value only moves forward, so finding the next one after a
 * removal scans each cycle at most once over a run. (A heap of 114 entries sifted on every FP op was a tenth of the
 * detailed run's time.)
 */
final class LatestCycles {
    private final int k;
    private int size;
    /** count[c & mask]: how many kept values equal c, for c in [lo, hi]; zero elsewhere. */
    private int[] count = new int[1 << 10];
    private int mask = count.length - 1;
    /** Smallest and largest kept value (lo is the answer once full). */
    private long lo;
    private long hi;
    /** lo once full, else Long.MIN_VALUE: what {@link #bound()} returns, kept so that it needs no branch. */
    private long bound = Long.MIN_VALUE;

    LatestCycles(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1");
        }
        this.k = k;
    }

    /** Whether k values have been added (before that there is no k-th latest). */
    boolean full() {
        return size == k;
    }

    /** The smallest of the k latest values; meaningful once {@link #full()}. */
    long earliest() {
        return lo;
    }

    /** {@link #earliest()} once {@link #full()}, else Long.MIN_VALUE (no bound). */
    long bound() {
        return bound;
    }

    void add(long cycle) {
        if (size < k) {
            if (size == 0) {
                lo = cycle;
                hi = cycle;
            }
            cover(Math.min(lo, cycle), Math.max(hi, cycle));
            lo = Math.min(lo, cycle);
            hi = Math.max(hi, cycle);
            count[(int) (cycle & mask)]++;
            size++;
            bound = size == k ? lo : Long.MIN_VALUE;
            return;
        }
        if (cycle <= lo) {
            return; // not among the k latest (or replacing an equal value: the same multiset)
        }
        if (cycle - lo >= count.length) {
            cover(lo, cycle);
        }
        hi = Math.max(hi, cycle);
        count[(int) (cycle & mask)]++;
        if (--count[(int) (lo & mask)] == 0) {
            do {
                lo++;
            } while (count[(int) (lo & mask)] == 0);
            bound = lo;
        }
    }

    /** Grows the ring until it covers [from, to], keeping the counts of [lo, hi] at their cycles. */
    private void cover(long from, long to) {
        if (to - from < count.length) {
            return;
        }
        int length = count.length;
        while (to - from >= length) {
            length *= 2;
        }
        int[] bigger = new int[length];
        int biggerMask = length - 1;
        if (size > 0) {
            for (long c = lo; c <= hi; c++) {
                bigger[(int) (c & biggerMask)] = count[(int) (c & mask)];
            }
        }
        count = bigger;
        mask = biggerMask;
    }

    /**
     * Writes the kept values to {@code image} as (cycle, count) pairs in rising order, every value at or before
     * {@code base} as {@code base}: the answer only ever bounds cycles after it, and new values are later still.
     */
    void capture(StateImage image, long base) {
        image.put(size);
        if (size == 0) {
            return;
        }
        int atFloor = 0;
        for (long c = lo; c <= hi; c++) {
            int n = count[(int) (c & mask)];
            if (n == 0) {
                continue;
            }
            if (c <= base) {
                atFloor += n;
            } else {
                if (atFloor > 0) {
                    image.put(0);
                    image.put(atFloor);
                    atFloor = 0;
                }
                image.put(c - base);
                image.put(n);
            }
        }
        if (atFloor > 0) {
            image.put(0);
            image.put(atFloor);
        }
    }

    void restore(StateImage image, long base) {
        java.util.Arrays.fill(count, 0);
        int total = (int) image.next();
        size = 0;
        bound = Long.MIN_VALUE;
        while (size < total) {
            long cycle = image.next() + base;
            int n = (int) image.next();
            for (int i = 0; i < n; i++) {
                add(cycle);
            }
        }
    }
}
