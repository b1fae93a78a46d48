// Where a stopped replay of a proved loop period can take up timing: the proof's marks, and states learned since.
package org.ternsim.sim.core;

import java.util.Arrays;

/**
 * A replay that stops part-way through its period sets the core to the state at the latest waypoint before the stop
 * and times the instructions from there again ({@link LoopReplay}); a catch-up resumes replay at a waypoint whose
 * state comes back. The proof leaves the marks it recorded between the period's ends. A replay of a kept period
 * often stops at the same position each time (a block of rows ends there, or a load meets a line that a prefetch
 * has not reached yet), so the state there, once timed again after a stop, is added as a waypoint
 * ({@link #learn}): the next stop at that position times nothing again. Such a state is exact, since the timing from
 * the period's start with the recorded memory answers is what the replay stands for.
 *
 * <p>Marks are kept in order of their offset in the period. Shared by a kept period and its replays, so a waypoint
 * learned in one block serves every later block.
 */
final class Waypoints {

    /** Waypoints learned per period at most: each holds a copy of the core's timing state. */
    static final int MAX_LEARNED = 16;
    /** A state is learned only where it saves timing at least this many instructions again at the next stop. */
    static final int MIN_GAP = 64;

    private LoopReplay.Mark[] marks;
    private int learned;

    Waypoints(LoopReplay.Mark[] marks) {
        this.marks = marks;
    }

    int size() {
        return marks.length;
    }

    LoopReplay.Mark get(int k) {
        return marks[k];
    }

    /** Index of the last waypoint at or before {@code position}, or -1 for none. */
    int latestAtOrBefore(int position) {
        int k = marks.length - 1;
        while (k >= 0 && marks[k].offset > position) {
            k--;
        }
        return k;
    }

    /** Index of the first waypoint at or after {@code position} ({@link #size()} for none). */
    int firstAtOrAfter(int position) {
        int k = 0;
        while (k < marks.length && marks[k].offset < position) {
            k++;
        }
        return k;
    }

    /**
     * Whether a state timed again up to {@code position}, from a waypoint or the start at {@code from}, is worth
     * keeping: far enough past it, not held already, and within {@link #MAX_LEARNED}.
     */
    boolean worthLearning(int from, int position) {
        return position - from >= MIN_GAP && learned < MAX_LEARNED;
    }

    /** Adds {@code mark} (offset, cycles, counters and ranks relative to the period's start) in order. */
    void learn(LoopReplay.Mark mark) {
        int at = firstAtOrAfter(mark.offset);
        LoopReplay.Mark[] more = Arrays.copyOf(marks, marks.length + 1);
        System.arraycopy(marks, at, more, at + 1, marks.length - at);
        more[at] = mark;
        marks = more;
        learned++;
    }
}
