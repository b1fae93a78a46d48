// One timed row kept by RowMemo: what its instructions did, relative to the row's start, and what it did to the core.
package org.ternsim.sim.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A row (the instructions from one visit to a row loop's head to the next) as it was timed from a known state. Cycles
 * are relative to the dispatch cycle at the row's start; a row that took another turn at some instruction (another
 * memory answer, another branch) than a row from the same state is kept as a child of that row, sharing its
 * instructions up to the turn ({@link #branch}). Kept compactly (a few bytes per instruction): per instruction its pc
 * and memory access, per memory access its issue cycle and answer, per loop edge event its retire cycle.
 */
final class MemoRow {
    final int length;
    final char[] pcs;
    /** Per instruction, its memory width times two, plus one for a store ({@link #access(int, boolean)}). */
    final short[] access;
    /** Per memory access in order: its issue cycle, and for a load the cycle its data was ready (0 for a store). */
    final int[] issues;
    final int[] answers;
    /** Per loop edge event ({@link PeriodSummary#edges}), the retire cycle of its instruction. */
    final int[] edgeRetires;
    final RowMemo.Known start;
    final RowMemo.Known end;
    final long cycles;
    final long[] counterGrowth;
    final long[] rankGrowth;
    /**
     * The port usage ranks at the recorded start, and the port pairs p, q (at p * ports + q) where p won a choice over
     * q, with the greatest rank difference it won by ({@link PortTable#keepsChoices}, kept sparse).
     */
    final long[] startRanks;
    final int[] decidedPairs;
    final long[] decidedMargins;
    final PeriodSummary summary;
    /** The pc timed before the row, which the first loop edge event names. */
    final int previousPc;
    /** Where this row turned away from its parent; 0 for a root. */
    final int branch;
    /** Timing states part-way through the row, in order of position ({@link RowSnapshot}). */
    final RowSnapshot[] snapshots;
    /**
     * For a detour (a child whose timing came back to a row it turned from): that row, which the replay goes on with
     * at this row's end, from its snapshot {@link #rejoinAt} (at position {@link #length}); null for a whole row.
     */
    final MemoRow rejoinRow;
    final RowSnapshot rejoinAt;
    /** The root of this row's family: itself, or its parent's root. */
    final MemoRow root;
    /** On a root: rows of its family replayed to their end, and replays that stopped in a row no child followed. */
    int completions;
    int failures;
    /** This row's instruction sequence for the deferred dataflow schedule ({@link RowDataflow}), once looked up. */
    RowDataflow.Shape dataflowShape;
    /**
     * The instructions before this position are its root's, from the same start state: a root's whole length, else
     * the shortest turn on the way from the root.
     */
    final int sameAsRoot;
    /** This row's segments for the deferred dataflow schedule ({@link RowDataflow}), each once looked up. */
    RowDataflow.SegmentShape[] dataflowSegments;
    private List<MemoRow> children;
    /** Turns taken in replays of this row whose timing caught up with it again ({@link #turnSeenBefore}). */
    private Set<Long> turnsTaken;

    MemoRow(int length, char[] pcs, short[] access, int[] issues, int[] answers, int[] edgeRetires,
            RowMemo.Known start, RowMemo.Known end, long cycles, long[] counterGrowth, long[] rankGrowth,
            long[] startRanks, long[] decided, PeriodSummary summary, int previousPc, MemoRow parent, int branch,
            RowSnapshot[] snapshots, MemoRow rejoinRow, RowSnapshot rejoinAt) {
        this.length = length;
        this.pcs = pcs;
        this.access = access;
        this.issues = issues;
        this.answers = answers;
        this.edgeRetires = edgeRetires;
        this.start = start;
        this.end = end;
        this.cycles = cycles;
        this.counterGrowth = counterGrowth;
        this.rankGrowth = rankGrowth;
        this.startRanks = startRanks;
        int pairs = 0;
        for (long margin : decided) {
            pairs += margin != Long.MIN_VALUE ? 1 : 0;
        }
        decidedPairs = new int[pairs];
        decidedMargins = new long[pairs];
        for (int k = 0, j = 0; k < decided.length; k++) {
            if (decided[k] != Long.MIN_VALUE) {
                decidedPairs[j] = k;
                decidedMargins[j++] = decided[k];
            }
        }
        this.summary = summary;
        this.previousPc = previousPc;
        this.branch = branch;
        this.snapshots = snapshots;
        this.rejoinRow = rejoinRow;
        this.rejoinAt = rejoinAt;
        this.root = parent == null ? this : parent.root;
        this.sameAsRoot = parent == null ? length : Math.min(branch, parent.sameAsRoot);
    }

    /**
     * Whether, replayed from port usage ranks {@code ranks}, the row makes the port choices it was recorded with: as
     * {@link PortTable#keepsChoices}, over the pairs that decided a choice only.
     */
    boolean keepsChoices(long[] ranks) {
        int n = ranks.length;
        for (int j = 0; j < decidedPairs.length; j++) {
            int p = decidedPairs[j] / n;
            int q = decidedPairs[j] % n;
            if (decidedMargins[j] + (ranks[p] - ranks[q]) - (startRanks[p] - startRanks[q]) >= 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a replay of this row took turn {@code turn} ({@link RowRecording#turn}) before and caught up with the
     * row after it; notes it if not.
     */
    boolean turnSeenBefore(long turn) {
        if (turnsTaken == null) {
            turnsTaken = new HashSet<>();
        }
        return !turnsTaken.add(turn);
    }

    /** The row whose instruction {@code position} of this one is: this row, or for a detour the row it rejoins. */
    MemoRow holding(int position) {
        MemoRow r = this;
        while (position >= r.length && r.rejoinRow != null) {
            r = r.rejoinRow;
        }
        return r;
    }

    /**
     * Whether this family's replays mostly stop part-way (each stop times the row's start again): a state whose rows
     * take another turn nearly every time (loads from DRAM answering otherwise) is then timed, not replayed.
     */
    boolean failing() {
        return failures >= 3 && failures * 4 > completions;
    }

    void addChild(MemoRow child) {
        if (children == null) {
            children = new ArrayList<>(2);
        }
        children.add(child);
    }

    List<MemoRow> children() {
        return children == null ? List.of() : children;
    }

    static int access(int width, boolean store) {
        return width << 1 | (store ? 1 : 0);
    }

    static int width(int access) {
        return access >>> 1;
    }

    static boolean store(int access) {
        return (access & 1) != 0;
    }
}
