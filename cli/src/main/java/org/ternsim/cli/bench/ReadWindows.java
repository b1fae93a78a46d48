// How `bench memory` cuts a read-bandwidth measurement into short timed windows, and how it scores them.
package org.ternsim.cli.bench;

/**
 * A window is what one thread reads between two clock readings. Working sets up to {@link #TARGET_BYTES} are read
 * whole, as many passes as fit in the target; larger ones a chunk of the target size at a time, the next window
 * going on with the next chunk, so a window lasts about a millisecond in cache and a few in DRAM whatever the working
 * set. Short windows matter on a shared machine: the best of many short windows is one that nobody preempted, where
 * a long window always includes someone else's time slice.
 *
 * <p>With several threads a window only counts when the threads really ran at the same time: its overlap (the time
 * all of them were reading, over the time from the first start to the last end) must reach {@link #MIN_OVERLAP}.
 * Otherwise two threads that took turns on one CPU would pass for a machine with twice the bandwidth, or, if their
 * rates were added up per thread, for one that scales perfectly. Threads that took turns in slices shorter than a
 * window (both "reading" from start to end, each on the CPU half of the time) pass that test, so where the JVM gives
 * thread CPU time a window also needs every thread on a CPU for {@link #MIN_OVERLAP} of its own span.
 */
public final class ReadWindows {

    /** Bytes one thread reads per window (before rounding to whole passes or chunks). */
    public static final long TARGET_BYTES = 32L << 20;
    /** Fraction of a window's span during which every thread must have been reading. */
    public static final double MIN_OVERLAP = 0.9;
    /** Longs per loop iteration of the reading loop (4 × 512 bit); slices and chunks are multiples of it. */
    public static final int STEP_LONGS = 32;

    private ReadWindows() {
    }

    /**
     * One thread's windows over a slice of {@code sliceLongs} longs.
     *
     * @param passes     full reads of the chunk per window
     * @param chunkLongs longs read per pass (the whole slice when it fits the target)
     * @param chunks     chunks the slice is cut into, read one per window in turn
     */
    public record Plan(int passes, int chunkLongs, int chunks) {

        public static Plan of(long sliceLongs, long targetBytes) {
            if (sliceLongs < STEP_LONGS || sliceLongs % STEP_LONGS != 0) {
                throw new IllegalArgumentException("slice must be a positive multiple of " + STEP_LONGS
                    + " longs, got " + sliceLongs);
            }
            long targetLongs = Math.max(STEP_LONGS, targetBytes / 8 / STEP_LONGS * STEP_LONGS);
            if (sliceLongs <= targetLongs) {
                return new Plan((int) (targetLongs / sliceLongs), (int) sliceLongs, 1);
            }
            return new Plan(1, (int) targetLongs, (int) (sliceLongs / targetLongs));
        }

        /** First long (relative to the slice) of chunk number {@code k} (taken cyclically). */
        public int chunkStart(int k) {
            return (k % chunks) * chunkLongs;
        }

        /**
         * First long (relative to the slice) that window {@code w} of batch {@code batch} reads, {@code w = -1} being
         * the batch's untimed warm-up: every window reads the chunk after the previous one's, the warm-up's
         * included, so the windows see a cyclic stream and none re-reads data its predecessor left in the cache.
         */
        public int windowStart(int batch, int windowsPerBatch, int w) {
            return chunkStart(batch * windowsPerBatch + w + 1);
        }

        public long bytesPerWindow() {
            return (long) passes * chunkLongs * 8;
        }
    }

    /**
     * The best aggregate rate over windows in which all threads overlapped.
     *
     * @param gbPerSecond best aggregate GB/s (all threads' bytes over first start to last end) among overlapping
     *                    windows, or among all windows when none overlapped
     * @param overlapping windows that met {@link #MIN_OVERLAP}
     * @param windows     windows timed
     */
    public record Score(double gbPerSecond, int overlapping, int windows) {
    }

    /** Scores windows from per-thread clock readings {@code start[thread][window]}, {@code end[thread][window]}. */
    public static Score score(long[][] start, long[][] end, long bytesPerThreadWindow) {
        return score(start, end, null, bytesPerThreadWindow);
    }

    /**
     * As {@link #score(long[][], long[][], long)}, where {@code onCpu[thread][window]} (nanoseconds of thread CPU time
     * in the window, or {@code null} when the JVM cannot tell) must also reach {@link #MIN_OVERLAP} of each thread's
     * own span for the window to count.
     */
    public static Score score(long[][] start, long[][] end, long[][] onCpu, long bytesPerThreadWindow) {
        int threads = start.length;
        int windows = start[0].length;
        double bestOverlapping = 0;
        double bestAny = 0;
        int overlapping = 0;
        for (int w = 0; w < windows; w++) {
            long first = Long.MAX_VALUE;
            long lastStart = Long.MIN_VALUE;
            long firstEnd = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            boolean ranThrough = true;
            for (int t = 0; t < threads; t++) {
                ranThrough &= onCpu == null || onCpu[t][w] >= MIN_OVERLAP * (end[t][w] - start[t][w]);
                first = Math.min(first, start[t][w]);
                lastStart = Math.max(lastStart, start[t][w]);
                firstEnd = Math.min(firstEnd, end[t][w]);
                last = Math.max(last, end[t][w]);
            }
            long span = Math.max(1, last - first);
            double gbs = (double) bytesPerThreadWindow * threads / span;
            bestAny = Math.max(bestAny, gbs);
            if (ranThrough && (double) (firstEnd - lastStart) / span >= MIN_OVERLAP) {
                overlapping++;
                bestOverlapping = Math.max(bestOverlapping, gbs);
            }
        }
        return new Score(overlapping > 0 ? bestOverlapping : bestAny, overlapping, windows);
    }
}
