// The core's timing state part-way through a kept memo row, where a stopped replay re-times from and catches up at.
package org.ternsim.sim.core;

/**
 * Taken while a row is recorded ({@link RowRecording}), every 512 instructions or more. A
 * replay that stops at a later position sets the core to the latest snapshot before the stop and re-times only the
 * instructions after it; the row's timing after a stop, once it reaches a snapshot's position in the same state, goes
 * on replaying from there ({@link RowMemo}). Exact, as a row's start state is: the image holds the whole timing state
 * relative to the dispatch cycle.
 *
 * @param position instructions of the row before the snapshot
 * @param image the core's timing state after them
 * @param cycle the dispatch cycle then, relative to the row's start
 * @param memoryOps memory accesses among those instructions
 * @param counterGrowth the core's counters ({@link OutOfOrderCore#counters}) gained since the row's start
 * @param rankGrowth the port usage ranks gained since the row's start
 */
record RowSnapshot(int position, StateImage image, long cycle, int memoryOps, long[] counterGrowth,
                   long[] rankGrowth) {

    /** The latest of {@code snapshots} (by position) at or before {@code position} and at or after {@code from}. */
    static RowSnapshot latest(RowSnapshot[] snapshots, int from, int position) {
        RowSnapshot best = null;
        for (RowSnapshot s : snapshots) {
            if (s.position > position) {
                break;
            }
            if (s.position >= from) {
                best = s;
            }
        }
        return best;
    }

    /** The snapshot of {@code snapshots} at exactly {@code position}, or null. */
    static RowSnapshot at(RowSnapshot[] snapshots, int position) {
        for (RowSnapshot s : snapshots) {
            if (s.position >= position) {
                return s.position == position ? s : null;
            }
        }
        return null;
    }
}
