// Watches one loop's back edges and decides when its per-iteration cycle count has converged (loop-carried steady state).
package org.ternsim.sim.core;

/**
 * An iteration's cost is the distance between the retire cycles of the loop's closing branch in two consecutive
 * iterations (retirement is in order, so this is the loop's throughput once the pipeline is full). When the loop is
 * re-entered from outside (an inner loop of fixed trip count inside an outer loop), the distance across the re-entry
 * carries the outer loop's overhead, so the rate is cycles per inner iteration with that overhead amortised, which is
 * what extrapolating a long run needs. Deltas are grouped in windows; a window is at least {@code window} iterations
 * and, once the loop has been left and re-entered, a whole number of trips, so periodic schedules average out. The
 * loop is in steady state once two consecutive windows have means within {@code tolerance} (relative) of each other;
 * the reported rate averages the
 * later of the two agreeing windows and every delta after it.
 */
public final class SteadyStateDetector {

    public static final int DEFAULT_WINDOW = 16;
    public static final double DEFAULT_TOLERANCE = 0.01;

    private final Loop loop;
    private final int window;
    private final double tolerance;

    private long iterations;
    private long measured;
    private long lastBranchRetire = -1;
    private int effectiveWindow;
    private long tripStart = -1;
    private boolean windowFixed;

    private long windowSum;
    private int windowFill;
    private long previousWindowSum = -1;
    private long convergedAfter = -1;
    private long sumSinceConvergence;
    private long countSinceConvergence;
    private long sumAll;

    public SteadyStateDetector(Loop loop) {
        this(loop, DEFAULT_WINDOW, DEFAULT_TOLERANCE);
    }

    public SteadyStateDetector(Loop loop, int window, double tolerance) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1, got " + window);
        }
        this.loop = loop;
        this.window = window;
        this.effectiveWindow = window;
        this.tolerance = tolerance;
    }

    public Loop loop() {
        return loop;
    }

    /**
     * Feed the loop's head and closing branch as they are timed (other instructions may be skipped).
     *
     * @param previousPc the instruction executed just before {@code pc} (-1 for the first)
     */
    public void timed(int pc, int previousPc, long retire) {
        if (pc == loop.startPc() && previousPc != loop.branchPc()) {
            enteredFromOutside();
        }
        if (pc == loop.branchPc()) {
            iterations++;
            if (lastBranchRetire >= 0) {
                delta(retire - lastBranchRetire);
            }
            lastBranchRetire = retire;
        }
    }

    /** A new trip starts: the first completed trip fixes the window to a whole number of trips. */
    private void enteredFromOutside() {
        if (tripStart >= 0 && !windowFixed && convergedAfter < 0) {
            long trip = iterations - tripStart;
            if (trip > 0) {
                effectiveWindow = (int) Math.min(Integer.MAX_VALUE, trip * ((window + trip - 1) / trip));
                windowFixed = true;
                previousWindowSum = -1;
                windowSum = 0;
                windowFill = 0;
            }
        }
        tripStart = iterations;
    }

    private void delta(long cycles) {
        measured++;
        sumAll += cycles;
        if (convergedAfter >= 0) {
            sumSinceConvergence += cycles;
            countSinceConvergence++;
            return;
        }
        windowSum += cycles;
        if (++windowFill < effectiveWindow) {
            return;
        }
        if (previousWindowSum >= 0
            && Math.abs(windowSum - previousWindowSum) <= tolerance * Math.max(windowSum, previousWindowSum)) {
            // The earlier window may still hold pipeline fill: count from the later one.
            convergedAfter = measured - effectiveWindow;
            sumSinceConvergence = windowSum;
            countSinceConvergence = effectiveWindow;
        }
        previousWindowSum = windowSum;
        windowSum = 0;
        windowFill = 0;
    }

    public long iterations() {
        return iterations;
    }

    /** The state so far; cycles per iteration is NaN before any back-to-back iteration was seen. */
    public SteadyState result() {
        double rate = convergedAfter >= 0 ? (double) sumSinceConvergence / countSinceConvergence
            : measured == 0 ? Double.NaN : (double) sumAll / measured;
        return new SteadyState(loop, rate, iterations, measured, convergedAfter);
    }
}
