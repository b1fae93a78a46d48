// The dataflow schedule of rows RowMemo replays: run at the row's end, as a max-plus map once a row recurs often.
package org.ternsim.sim.core;

import java.util.Arrays;
import java.util.HashMap;

/**
 * A replayed memo row ({@link RowMemo}) still has to advance the core's dataflow schedule (the critical-path bound,
 * {@link OutOfOrderCore#dataflow}), which reads nothing of the real schedule. Here it is deferred: a row replayed to
 * its end runs it in one go, and a replay that stops part-way runs it over the instructions it replayed. The rows of a
 * GEMV whose weights stream from DRAM start from many timing states but run the same instructions, so the map of a
 * row's schedule ({@link DataflowMap}) is kept per instruction sequence and accumulate groups, not per memo row: it is
 * built once the sequence has been replayed to its end {@value #BUILD_AFTER} times (building costs about ten passes),
 * and used where it has fewer than two terms per instruction of the row. Same numbers as running the schedule per
 * instruction ({@code LoopReplayTest} compares the bound).
 */
final class RowDataflow {

    private static final int BUILD_AFTER = 16;
    /** Shorter rows are not worth a map: its terms would cost more than their few instructions. */
    private static final int MIN_LENGTH = 32;

    /** One instruction sequence from one set of accumulate groups, and its map once built (null: none yet or none). */
    static final class Shape {
        final char[] pcs;
        final short[] access;
        final int length;
        final int[] groups;
        int fullReplays;
        DataflowMap map;

        Shape(MemoRow r, int[] groups) {
            this.pcs = r.pcs;
            this.access = r.access;
            this.length = r.length;
            this.groups = groups;
        }

        boolean matches(MemoRow r, int[] groupsNow) {
            return length == r.length && Arrays.equals(pcs, 0, length, r.pcs, 0, length)
                && Arrays.equals(access, 0, length, r.access, 0, length) && Arrays.equals(groups, groupsNow);
        }
    }

    private final OutOfOrderCore core;
    private final long[] state;
    private final HashMap<Long, Shape> shapes = new HashMap<>();
    private DataflowRules rules;
    /** Instructions of the row in hand whose schedule has run. */
    private int done;

    RowDataflow(OutOfOrderCore core) {
        this.core = core;
        this.state = new long[core.dataflowSize()];
    }

    /** A row starts replaying. */
    void begin() {
        done = 0;
    }

    /** A row goes on replaying at {@code position}: the instructions before it were timed, their schedule run. */
    void resumeAt(int position) {
        done = position;
    }

    /** Runs the schedule over the replayed instructions of {@code r} before {@code position} not run yet. */
    void upTo(MemoRow r, int position) {
        for (int j = done; j < position; j++) {
            int a = r.access[j];
            core.dataflow(r.pcs[j], MemoRow.width(a) > 0 && !MemoRow.store(a));
        }
        done = Math.max(done, position);
    }

    /** Row {@code r} was replayed to its end. */
    void ended(MemoRow r) {
        if (done > 0) {
            upTo(r, r.length);
            done = 0;
            return;
        }
        Shape s = r.dataflowShape;
        if (s == null) {
            s = r.dataflowShape = shapeOf(r);
        }
        if (s.map != null) {
            core.saveDataflow(state);
            s.map.apply(state);
            core.restoreDataflow(state);
        } else {
            upTo(r, r.length);
            if (++s.fullReplays == BUILD_AFTER && s.length >= MIN_LENGTH) {
                s.map = mapOf(s);
            }
        }
        done = 0;
    }

    private Shape shapeOf(MemoRow r) {
        int[] groups = core.accumulateGroups();
        long hash = Arrays.hashCode(groups);
        for (int j = 0; j < r.length; j++) {
            hash = 31 * hash + (r.pcs[j] << 16 | r.access[j] & 0xFFFF);
        }
        hash = hash * 31 + r.length;
        Shape s = shapes.get(hash);
        if (s == null || !s.matches(r, groups)) {
            s = new Shape(r, groups); // a colliding sequence replaces the kept one: it only loses its map
            shapes.put(hash, s);
        }
        return s;
    }

    private DataflowMap mapOf(Shape s) {
        if (rules == null) {
            rules = core.dataflowRules();
        }
        int n = s.length;
        int[] pcs = new int[n];
        int[] widths = new int[n];
        boolean[] stores = new boolean[n];
        for (int j = 0; j < n; j++) {
            pcs[j] = s.pcs[j];
            widths[j] = MemoRow.width(s.access[j]);
            stores[j] = MemoRow.store(s.access[j]);
        }
        DataflowMap map = DataflowMap.ofSequence(rules, pcs, widths, stores, n, s.groups);
        // A term (a load, an add, a max) costs a fraction of an instruction's schedule (its sources, its accumulator,
        // three stores per destination), so a map of up to two terms per instruction still runs faster.
        return map != null && map.cost() < 2L * n ? map : null;
    }
}
