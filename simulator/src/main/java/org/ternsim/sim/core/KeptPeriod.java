// A proved loop period kept after its replay stopped, so that a later row in the same state replays it without a new proof.
package org.ternsim.sim.core;

/**
 * Everything {@link LoopReplay} needs to replay a period it has proved, copied out of its recording buffers (which the
 * next search reuses). A GEMV whose rows come in blocks (TL2's outer loop over row blocks) reaches the proved state
 * again a few rows into every block; without this, each block spent some ten rows of timed instructions proving the
 * same period again.
 *
 * @param pcs per instruction of the period, its pc; likewise its memory width, whether it stores, and its issue,
 *        answer and retire cycles relative to the period's start
 * @param reference the state at the period's start; its base, counters and ranks are set anew at each resume
 * @param startRanks the port usage ranks at the start of the proved period, and {@code decided} the rank differences
 *        at the port choices made in it ({@link PortTable#keepsChoices})
 * @param rowPosition inner-loop visits since the latest row visit at the period's start: the only visits where the
 *        state is compared, so that a row costs one comparison
 */
record KeptPeriod(int[] pcs, int[] widths, boolean[] stores, long[] issues, long[] answers, long[] retires,
                  long periodCycles, long[] counterGrowth, long[] rankGrowth, Waypoints waypoints,
                  LoopReplay.Mark reference, DataflowMap dataflow, PeriodSummary summary,
                  long[] startRanks, long[] decided, long rowPosition) {

    int length() {
        return pcs.length;
    }
}
