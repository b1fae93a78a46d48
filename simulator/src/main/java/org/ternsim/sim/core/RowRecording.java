// The row RowMemo is recording: per instruction what the core did, relative to the row's start, until the row ends.
package org.ternsim.sim.core;

import java.util.Arrays;

/**
 * Records one row as the core times it, from a row head's state (or from a turn in a kept row, whose instructions
 * before the turn it starts with) to the next row head, and then makes a {@link MemoRow} of it. A row longer than
 * {@value #MAX_ROW} instructions, or with a cycle out of int range, is dropped, and its start state marked so that
 * no row is recorded from it again.
 */
final class RowRecording {

    /** Longest row kept, in instructions. */
    static final int MAX_ROW = 1 << 16;

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
     * its first {@code branch} instructions, which are copied.
     */
    void start(RowMemo.Known start, MemoRow parent, int branch, long base, long[] counters, long[] ranks,
               int previousPc, int logFrom) {
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
        if (parent != null) {
            copyPrefix(parent, branch);
        }
    }

    /** The core timed an instruction: adds it, with its issue, data-ready and retire cycles. */
    void timed(int pc, int width, boolean store) {
        if (!on) {
            return;
        }
        if (length == pcs.length) {
            if (length == MAX_ROW) {
                start.tooLong = true;
                on = false;
                return;
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
            return;
        }
        int i = length++;
        pcs[i] = pc;
        access[i] = kind;
        issues[i] = (int) issue;
        answers[i] = (int) answer;
        retires[i] = (int) retire;
    }

    /**
     * The row ended in state {@code end}, which the core is in now: returns it as a kept row, added to its start
     * state's roots or to its parent's children; null if {@code end} is null (not kept) or the row is empty.
     */
    MemoRow finish(RowMemo.Known end) {
        on = false;
        int n = length;
        if (end == null || n == 0) {
            return null;
        }
        long[] decided = core.portDecidedMargins(ranks, logFrom, core.portChoiceLogPosition());
        char[] rowPcs = new char[n];
        short[] rowAccess = new short[n];
        int memoryOps = 0;
        for (int j = 0; j < n; j++) {
            rowPcs[j] = (char) pcs[j];
            rowAccess[j] = (short) access[j];
            memoryOps += access[j] != 0 ? 1 : 0;
        }
        int[] rowIssues = new int[memoryOps];
        int[] rowAnswers = new int[memoryOps];
        for (int j = 0, m = 0; j < n; j++) {
            if (access[j] != 0) {
                rowIssues[m] = issues[j];
                rowAnswers[m++] = answers[j];
            }
        }
        PeriodSummary summary = PeriodSummary.of(core, Arrays.copyOf(pcs, n), n);
        int[] edges = summary.edges();
        int[] edgeRetires = new int[edges.length];
        for (int e = 0; e < edges.length; e++) {
            edgeRetires[e] = retires[edges[e]];
        }
        long[] counterGrowth = LoopReplay.minus(core.counters(), counters);
        long[] rankGrowth = LoopReplay.minus(core.portRanks(), ranks);
        MemoRow r = new MemoRow(n, rowPcs, rowAccess, rowIssues, rowAnswers, edgeRetires, start, end,
            core.dispatchCycle() - base, counterGrowth, rankGrowth, ranks, decided, summary, previousPc, parent,
            branch);
        if (parent == null) {
            start.roots.add(r);
        } else {
            parent.addChild(r);
        }
        return r;
    }

    /** Copies the first {@code n} instructions of {@code r}, as a child's shared start. */
    private void copyPrefix(MemoRow r, int n) {
        grow(n);
        for (int j = 0, m = 0; j < n; j++) {
            pcs[j] = r.pcs[j];
            int kind = r.access[j];
            access[j] = kind;
            issues[j] = kind != 0 ? r.issues[m] : 0;
            answers[j] = kind != 0 ? r.answers[m++] : 0;
            retires[j] = 0;
        }
        int[] edges = r.summary.edges();
        for (int e = 0; e < edges.length && edges[e] < n; e++) {
            retires[edges[e]] = r.edgeRetires[e];
        }
        length = n;
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
