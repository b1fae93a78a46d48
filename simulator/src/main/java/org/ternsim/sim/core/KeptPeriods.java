// The latest proved loop periods, and the check at a row's inner-loop visit whether the core is back in one's state.
package org.ternsim.sim.core;

/**
 * {@link LoopReplay} keeps the last few periods it proved. The same period is often proved again in every block of
 * rows, with the integer or vector ports handed out in another rotation each time (the block's end code leaves their
 * usage counts in another order), so one kept period matches only some blocks; a few cover them all.
 *
 * <p>A check costs one capture of the core's state, so it is made only where a kept period started: at its loop head
 * and its place in the row. After {@value #MISSES} checks in a row that found no match, the kept periods are dropped
 * until the next proof.
 */
final class KeptPeriods {

    /** Periods kept. */
    private static final int SIZE = 8;
    private static final int MISSES = 64;

    private final KeptPeriod[] periods = new KeptPeriod[SIZE];
    private int next;
    private int misses;
    private boolean any;
    private final StateImage scratch = new StateImage();

    void add(KeptPeriod period) {
        periods[next] = period;
        next = (next + 1) % SIZE;
        misses = 0;
        any = true;
    }

    void drop(KeptPeriod period) {
        for (int i = 0; i < SIZE; i++) {
            if (periods[i] == period) {
                periods[i] = null;
            }
        }
    }

    /**
     * The kept period that starts at loop head {@code pc}, {@code rowPosition} inner-loop visits into a row, whose
     * starting state the core is in now, with port ranks that make the same choices; null if none.
     */
    KeptPeriod match(int pc, long rowPosition, OutOfOrderCore core) {
        if (!any) {
            return null;
        }
        long[] ranks = null;
        for (KeptPeriod k : periods) {
            if (k == null || k.rowPosition() != rowPosition || k.pcs()[0] != pc) {
                continue;
            }
            if (ranks == null) {
                ranks = core.portRanks();
                scratch.clear();
                core.capture(scratch);
            }
            if (scratch.sameAs(k.reference().image) && core.portChoicesKept(k.startRanks(), ranks, k.decided())) {
                misses = 0;
                return k;
            }
        }
        if (ranks != null && ++misses > MISSES) {
            java.util.Arrays.fill(periods, null);
            any = false;
        }
        return null;
    }
}
