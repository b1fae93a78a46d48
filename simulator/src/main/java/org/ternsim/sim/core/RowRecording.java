// The row RowMemo is recording: per instruction what the core did, relative to the row's start, until the row ends.
package org.ternsim.sim.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Records one row as the core times it, from a row head's state (or from a turn in a kept row, whose instructions
 * before the turn it starts with) to the next row head, and then makes a {@link MemoRow} of it. A row longer than
 * {@value #MAX_ROW} instructions, or with a cycle out of int range, is dropped, and its start state marked so that
 * no row is recorded from it again. Every {@link #snapshotEvery} instructions it keeps the core's state
 * ({@link RowSnapshot}); after a turn, it compares the state there with the kept row's at the same position, and
 * reports the first that is the same: the row can go on replaying from there.
 */
final class RowRecording {

    /** Longest row kept, in instructions. */
    static final int MAX_ROW = 1 << 16;
    /**
     * Instructions between snapshots. After a turn (a load answering another cycle), cobalt-100's NEON T-MAC-W4 rows
     * came back to their kept row's state within 50 to 310 instructions, in all 132 turns of a 2560 x 2560 GEMV.
     */
    static final int SNAPSHOT_EVERY = 512;
    /** State values kept in snapshots per core, at most (32 MiB): 2,600 to 7,000 states of 600 to 1,600 values. */
    private static final long SNAPSHOT_BUDGET = 1 << 22;
    /**
     * Rows shorter than this take no snapshots. A stop re-times a row from its start and times the rest, about a row's
     * length, which snapshots bring down to their spacing: worth their copies in long rows only. zen5-2c's Q4_0 rows
     * (1,900 instructions) spared 3 instructions per snapshot and ran 0.97x with them, 1.02x without (paired against
     * the build before them); cobalt-100's NEON T-MAC-W4 rows (17,553) spared 2,000.
     */
    static final int LONG_ROW = 8 * SNAPSHOT_EVERY;

    private final OutOfOrderCore core;
    private boolean on;
    private RowMemo.Known start;
    private MemoRow parent;
    private int branch;
    private long base;
    private long[] counters;
    private long[] ranks;
    private int logFrom;
    private int previousPc;
    private int length;
    private int[] pcs = new int[256];
    private int[] access = new int[256];
    private int[] issues = new int[256];
    private int[] answers = new int[256];
    private int[] retires = new int[256];
    private final List<RowSnapshot> snapshots = new ArrayList<>();
    /**
     * Instructions between snapshots on this core: {@link #SNAPSHOT_EVERY}, or a multiple of it no smaller than half
     * the values of one state, so that copying states costs at most two values per instruction recorded (a zen5-2c
     * state holds about 1,500 values: every 1,024; a cobalt-100 one 600: every 512). Set by the first snapshot.
     */
    private int snapshotEvery = SNAPSHOT_EVERY;
    private boolean spacingSet;
    private int memoryOps;
    private long snapshotValues;
    private final StateImage scratch = new StateImage();
    /** After a turn: whether the instructions so far are the parent's, so that its snapshots may come back. */
    private boolean catchingUp;
    /** A child's memory accesses among the instructions it shares with its parent. */
    private int sharedMemoryOps;
    /** Whether this row takes snapshots (it is expected to be {@link #LONG_ROW} long or more). */
    private boolean withSnapshots;

    RowRecording(OutOfOrderCore core) {
        this.core = core;
    }

    boolean on() {
        return on;
    }

    void drop() {
        on = false;
    }

    /**
     * Starts a row from state {@code start} at dispatch cycle {@code base}, with these counters and port usage ranks;
     * the port choices it makes are logged from {@code logFrom} on. A child of {@code parent} (null for a root) shares
     * its first {@code branch} instructions, {@code sharedMemoryOps} of them memory accesses, which are taken from the
     * parent when the row is kept (most children are dropped once their timing catches up with the parent). Snapshots
     * are taken if {@code longRow}: the row is expected to be {@link #LONG_ROW} instructions or more.
     */
    void start(RowMemo.Known start, MemoRow parent, int branch, int sharedMemoryOps, long base, long[] counters,
               long[] ranks, int previousPc, int logFrom, boolean longRow) {
        on = true;
        this.start = start;
        this.parent = parent;
        this.branch = branch;
        this.base = base;
        this.counters = counters.clone();
        this.ranks = ranks.clone();
        this.logFrom = logFrom;
        this.previousPc = previousPc;
        length = 0;
        memoryOps = 0;
        snapshots.clear();
        withSnapshots = longRow;
        catchingUp = parent != null && longRow;
        this.sharedMemoryOps = parent == null ? 0 : sharedMemoryOps;
        if (parent != null) {
            grow(branch + 1);
            length = branch;
            memoryOps = sharedMemoryOps;
            for (RowSnapshot snapshot : parent.snapshots) {
                if (snapshot.position() <= branch) {
                    snapshots.add(snapshot); // the shared start was timed the same way
                }
            }
        }
    }

    int length() {
        return length;
    }

    /** The turn this row started with, a child's: its position in the row and the answer the load got there. */
    long turn() {
        return (long) branch << 32 | answers[branch] & 0xFFFF_FFFFL;
    }

    /** The row this one turned away from, or null for a root. */
    MemoRow parent() {
        return parent;
    }

    /**
     * The core timed an instruction: adds it, with its issue, data-ready and retire cycles. Returns the parent's
     * snapshot that the core's state is now the same as, with the port ranks grown as the parent's (so that the rest
     * of the parent makes the same port choices), or null.
     */
    RowSnapshot timed(int pc, int width, boolean store) {
        if (!on) {
            return null;
        }
        if (length == pcs.length) {
            if (length == MAX_ROW) {
                start.tooLong = true;
                on = false;
                return null;
            }
            grow(2 * length);
        }
        long issue = core.lastIssue - base;
        long answer = width > 0 && !store ? core.lastDataReady - base : 0;
        long retire = core.lastRetired - base;
        int kind = MemoRow.access(width, store);
        if ((int) issue != issue || (int) answer != answer || (int) retire != retire || pc > Character.MAX_VALUE
                || kind > Short.MAX_VALUE) {
            start.tooLong = true;
            on = false;
            return null;
        }
        int i = length++;
        pcs[i] = pc;
        access[i] = kind;
        issues[i] = (int) issue;
        answers[i] = (int) answer;
        retires[i] = (int) retire;
        memoryOps += kind != 0 ? 1 : 0;
        if (catchingUp) {
            MemoRow then = parent.holding(i);
            catchingUp = i < then.length && then.pcs[i] == pc && then.access[i] == kind;
        }
        return withSnapshots && length % snapshotEvery == 0 ? snapshot() : null;
    }

    /** Keeps the state after {@link #length} instructions, budget allowing; compares it with the parent's there. */
    private RowSnapshot snapshot() {
        boolean keep = snapshotValues < SNAPSHOT_BUDGET;
        if (!keep && !catchingUp) {
            return null;
        }
        scratch.clear();
        core.capture(scratch);
        if (!spacingSet) {
            spacingSet = true;
            snapshotEvery = SNAPSHOT_EVERY * Math.max(1, (scratch.size() + 2 * SNAPSHOT_EVERY - 1)
                / (2 * SNAPSHOT_EVERY));
        }
        long[] rankGrowth = LoopReplay.minus(core.portRanks(), ranks);
        if (keep) {
            snapshots.add(new RowSnapshot(length, scratch.copy(), core.dispatchCycle() - base, memoryOps,
                LoopReplay.minus(core.counters(), counters), rankGrowth));
            snapshotValues += scratch.size();
        }
        MemoRow holder = catchingUp ? parent.holding(length) : null;
        if (holder == null || length >= holder.length) {
            return null;
        }
        RowSnapshot then = RowSnapshot.at(holder.snapshots, length);
        return then != null && then.image().sameAs(scratch) && Arrays.equals(then.rankGrowth(), rankGrowth)
            ? then : null;
    }

    /**
     * The row ended in state {@code end}, which the core is in now: returns it as a kept row, added to its start
     * state's roots or to its parent's children; null if {@code end} is null (not kept) or the row is empty.
     */
    MemoRow finish(RowMemo.Known end) {
        on = false;
        if (end == null || length == 0) {
            return null;
        }
        return build(end, null, null);
    }

    /**
     * The row, timed since a turn, came back to the state of snapshot {@code at} of the row holding that position:
     * returns it as a detour child, which a replay follows up to here and then goes on with that row.
     */
    MemoRow finishDetour(RowSnapshot at) {
        on = false;
        return build(null, parent.holding(length), at);
    }

    private MemoRow build(RowMemo.Known end, MemoRow rejoinRow, RowSnapshot rejoinAt) {
        int n = length;
        long[] decided = core.portDecidedMargins(ranks, logFrom, core.portChoiceLogPosition());
        // a child's first instructions are its parent's, not recorded here
        int shared = parent == null ? 0 : branch;
        char[] rowPcs = new char[n];
        short[] rowAccess = new short[n];
        if (shared > 0) {
            System.arraycopy(parent.pcs, 0, rowPcs, 0, shared);
            System.arraycopy(parent.access, 0, rowAccess, 0, shared);
        }
        int memoryOps = sharedMemoryOps;
        for (int j = shared; j < n; j++) {
            rowPcs[j] = (char) pcs[j];
            rowAccess[j] = (short) access[j];
            memoryOps += access[j] != 0 ? 1 : 0;
        }
        int[] rowIssues = new int[memoryOps];
        int[] rowAnswers = new int[memoryOps];
        System.arraycopy(parent == null ? rowIssues : parent.issues, 0, rowIssues, 0, sharedMemoryOps);
        System.arraycopy(parent == null ? rowAnswers : parent.answers, 0, rowAnswers, 0, sharedMemoryOps);
        for (int j = shared, m = sharedMemoryOps; j < n; j++) {
            if (access[j] != 0) {
                rowIssues[m] = issues[j];
                rowAnswers[m++] = answers[j];
            }
        }
        PeriodSummary summary = PeriodSummary.ofRow(core, pcs, rowPcs, n, parent == null ? null : parent.summary,
            shared);
        int[] edges = summary.edges();
        int[] edgeRetires = new int[edges.length];
        for (int e = 0; e < edges.length; e++) {
            edgeRetires[e] = edges[e] < shared ? parent.edgeRetires[e] : retires[edges[e]];
        }
        long[] counterGrowth = LoopReplay.minus(core.counters(), counters);
        long[] rankGrowth = LoopReplay.minus(core.portRanks(), ranks);
        MemoRow r = new MemoRow(n, rowPcs, rowAccess, rowIssues, rowAnswers, edgeRetires, start, end,
            core.dispatchCycle() - base, counterGrowth, rankGrowth, ranks, decided, summary, previousPc, parent,
            branch, snapshots.toArray(new RowSnapshot[0]), rejoinRow, rejoinAt);
        if (parent == null) {
            start.roots.add(r);
        } else {
            parent.addChild(r);
        }
        return r;
    }

    private void grow(int n) {
        if (n <= pcs.length) {
            return;
        }
        pcs = Arrays.copyOf(pcs, n);
        access = Arrays.copyOf(access, n);
        issues = Arrays.copyOf(issues, n);
        answers = Arrays.copyOf(answers, n);
        retires = Arrays.copyOf(retires, n);
    }
}
