// Rows timed once and replayed whenever the core comes back to a row's starting state: a memo keyed by the whole state.
package org.ternsim.sim.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import org.ternsim.sim.mem.MemoryHierarchy;

/**
 * A GEMV whose weights stream from DRAM does not settle into a period: the fill slots of a link whose bytes per
 * cycle are not a whole number come round in an irregular pattern, so the core's state at a row's start never
 * repeats with a fixed period ({@link LoopReplay}). It does come back to a few states, though: Q4_0 on zen5-2c
 * starts its 2,560 rows from 470 distinct states, TL2 from 11. This memo (after FastSim's memoised replay) keeps each
 * row as timed, keyed by the core's whole timing state at its start ({@link StateImage}). At a row's head, in a kept
 * state, with port usage ranks that make the same port choices ({@link PortTable#keepsChoices}), the row is replayed:
 * every instruction must have the recorded pc and memory width, and every memory access is made at the recorded issue
 * cycle and must answer the recorded cycle. The row's end state is kept too, so the next row is looked up from it
 * without a capture, and rows chain until an instruction or an answer differs.
 *
 * <p>Then a child row that took the same turn is replayed on; failing that, the core is set to the row's start state,
 * the row's instructions so far are timed again with the answers they got, and the row goes on timed and is kept as a
 * new child (a row with another answer at one load is a variant that often comes back). The core is set to the latest
 * snapshot of the row before the turn rather than its start ({@link RowSnapshot}), and where the timed row reaches a
 * snapshot of the row it turned from in the same state, it goes on replaying that row from there: a load that answers
 * a few cycles late delays a row by that much, and its timing state is soon the recorded one again. Same bits as
 * timing every instruction ({@code LoopReplayTest}). The dataflow schedule (the critical-path bound) of replayed rows
 * runs at each row's end ({@link RowDataflow}), as a max-plus map per instruction sequence once one has come round
 * often enough.
 *
 * <p>Most states a stream from DRAM starts rows in never come back (an F16 GEMV: 1,945 of its 2,560), so once a window
 * of rows has shown that few replay, or while a period candidate is tried, a row is recorded only from a state seen
 * once before ({@link #eager}); a family of rows whose replays mostly stop part-way is no longer replayed. The memo
 * keeps up to {@value #INSTRUCTION_BUDGET} instructions (about 6 bytes each) and {@value #IMAGE_BUDGET} state values
 * per core, and switches itself off after a window of {@value #WINDOW} rows in which many replays stopped part-way, or,
 * with the instructions spent, fewer than {@value #MIN_HITS} rows replayed. {@code -Dternsim.rowMemo=false} switches it
 * off from the start.
 */
final class RowMemo {

    private static final long INSTRUCTION_BUDGET = 1 << 21;
    private static final long IMAGE_BUDGET = 1 << 21;
    private static final int WINDOW = 256;
    private static final int MIN_HITS = 32;
    /** States remembered as seen once, at most. */
    private static final int MAX_SEEN = 1 << 16;
    /**
     * Families of rows kept per state. A kept row replays only from port usage ranks that make its port choices
     * ({@link MemoRow#keepsChoices}), and the ranks drift apart as a run goes on, so rows from one state are kept for
     * several rank situations. NEON TL2 at 2560 x 2560 on cobalt-100 replays 1,012,415 of 1,487,698 instructions per
     * call with 4 families, 1,233,933 with 8, 1,308,720 with 16 and 1,309,065 with 64; with 4, its row heads found a
     * kept state whose rows all made other choices 979 times per call (docs/performance.md).
     */
    private static final int MAX_ROOTS = 16;

    /** A state some row started or ended in, kept once, with the rows timed from it. */
    static final class Known {
        final StateImage image;
        final List<MemoRow> roots = new ArrayList<>(1);
        /** Rows started in this state. */
        int starts;
        /** A row from here was too long to keep: none is recorded from here again. */
        boolean tooLong;
        /** Another state with the same hash. */
        Known next;

        Known(StateImage image) {
            this.image = image;
        }
    }

    private final OutOfOrderCore core;
    private final MemoryHierarchy memory;
    private final HashMap<Long, Known> known = new HashMap<>();
    /** Hashes of the states rows started in once: a row is recorded only from a state seen before. */
    private final HashSet<Long> seenOnce = new HashSet<>();
    private boolean on = !"false".equals(System.getProperty("ternsim.rowMemo"));
    private long recordedInstructions;
    private long imageValues;
    private int windowRows;
    private int windowHits;
    private int windowStops;
    /**
     * Whether rows are recorded from states seen for the first time: at the start of a run, while no period candidate
     * has been tried (waiting for second visits left the first 450,000 of the T-MAC-W4 AVX-512 GEMV's instructions
     * timed), after the period search gave up, and after a window of rows most of which replayed.
     */
    private boolean eager = true;
    /**
     * The instruction count at the latest row's start, timed or replayed. After a row longer than a recording may
     * keep ({@link RowRecording#MAX_ROW}) the next is not recorded, being as long: the sparse I2_S GEMV, whose 96-row
     * blocks take 81,000 instructions each, recorded 65,536 of most of them in vain.
     */
    private long rowStartSequence;
    /** Whether a row of {@link RowRecording#LONG_ROW} instructions or more has come: rows take snapshots from then. */
    private boolean longRows;
    private final StateImage scratch = new StateImage();
    /** The replayed rows' dataflow schedule, run at each row's end or where its replay stops. */
    private final RowDataflow dataflow;

    /** The row being recorded, if any. */
    private final RowRecording recording;

    /* The row being replayed, where in it, its start cycle, and the counters and port ranks at its start. */
    private boolean replaying;
    private MemoRow row;
    private int position;
    private int memoryPosition;
    /** Where the replay of the row in hand began: 0, or the snapshot it caught up with (the part before was timed). */
    private int replayFrom;
    private long rowStart;
    private long[] counters;
    private long[] ranks;
    private long replayed;
    /** Inner-loop heads replayed (not visited) since the replay began, and of them, those in the latest row. */
    private long skippedHeads;
    private int headsIntoRow;

    RowMemo(OutOfOrderCore core, MemoryHierarchy memory) {
        this.core = core;
        this.memory = memory;
        this.recording = new RowRecording(core);
        this.dataflow = new RowDataflow(core);
    }

    boolean recording() {
        return recording.on();
    }

    boolean replaying() {
        return replaying;
    }

    long replayed() {
        return replayed;
    }

    /** Segments of replayed rows whose dataflow schedule ran by a map ({@link RowDataflow}). */
    long dataflowSegmentsByMap() {
        return dataflow.segmentsByMap();
    }

    long skippedHeads() {
        return skippedHeads;
    }

    int headsIntoRow() {
        return headsIntoRow;
    }

    /**
     * A period candidate is being tried: rows are recorded from their state's second visit only (until a window of
     * rows says otherwise). Recorded from the first, they would replay where the period could: TQ2_0's proves after
     * several tries, and with its rows recorded from the start it ran 0.79x.
     */
    void periodTried() {
        eager = false;
    }

    /**
     * The period search has stopped for good, none of its candidates having proved: rows are all the replay there
     * will be, so they are recorded from their state's first visit again, until a window of rows tells whether they
     * replay.
     */
    void noPeriodsToCome() {
        eager = true;
    }

    /** Switches the memo off for good: for tests of the period search alone, or after a window where it did not pay. */
    void off() {
        on = false;
        recording.drop();
        known.clear();
        seenOnce.clear();
    }

    /**
     * A row loop's head is about to be timed: ends the row being recorded, and starts replaying a row kept from the
     * state now (true) or recording a new one. While a period candidate is being recorded ({@code searching} false),
     * rows are only recorded, into the port choice log the candidate keeps.
     */
    boolean rowHead(int pc, boolean searching) {
        if (!on) {
            return false;
        }
        scratch.clear();
        core.capture(scratch);
        long hash = scratch.hash();
        Known state = find(scratch, hash);
        if (recording.on()) {
            if (state == null) {
                state = keep(scratch, hash); // the next row's start, which a replay of this one chains from
            }
            MemoRow kept = recording.finish(state);
            recordedInstructions += kept == null ? 0 : kept.length;
        }
        long[] ranksNow = core.portRanks();
        MemoRow hit = state == null || !searching ? null : match(state, pc, ranksNow);
        count(hit != null);
        if (hit != null && on) {
            rowStart = core.dispatchCycle();
            counters = core.counters();
            ranks = ranksNow;
            skippedHeads = 0;
            headsIntoRow = 0;
            replaying = true;
            beginRow(hit);
            return true;
        }
        long latestRow = core.sequence() - rowStartSequence;
        rowStartSequence = core.sequence();
        longRows |= latestRow >= RowRecording.LONG_ROW;
        if (!on || recordedInstructions >= INSTRUCTION_BUDGET || pc > Character.MAX_VALUE
                || latestRow > RowRecording.MAX_ROW) {
            return false;
        }
        // Most states a stream from DRAM starts rows in never come back: unless most rows replay, a row is recorded
        // only from a state seen before
        if (state == null) {
            if (seenOnce.size() == MAX_SEEN) {
                seenOnce.clear();
            }
            if (seenOnce.add(hash) && !eager || (state = keep(scratch, hash)) == null) {
                return false;
            }
            state.starts = 1;
        }
        if ((++state.starts >= 2 || eager) && state.roots.size() < MAX_ROOTS && !state.tooLong) {
            if (searching) {
                core.logPortChoices(true);
            }
            recording.start(state, null, 0, 0, core.dispatchCycle(), core.counters(), ranksNow, core.previousPc(),
                core.portChoiceLogPosition(), longRows);
        }
        return false;
    }

    /** Drops the row being recorded (a periodic replay takes over). */
    void drop() {
        recording.drop();
    }

    /**
     * An instruction was timed: adds it to the row being recorded. True if the row, timed since a turn, has come back
     * to the state of the row it turned from, and that row goes on replaying ({@code mayResume}: the period search
     * has no candidate in hand).
     */
    boolean timed(int pc, int width, boolean store, boolean mayResume) {
        RowSnapshot caughtUp = recording.timed(pc, width, store);
        if (caughtUp == null || !mayResume || !on) {
            return false;
        }
        MemoRow parent = recording.parent();
        if (!parent.turnSeenBefore(recording.turn())) {
            // most turns come once (a line a prefetch has not reached yet): a detour is kept for the second time only
            MemoRow holder = parent.holding(recording.length());
            recording.drop();
            resume(holder, caughtUp);
            return true;
        }
        MemoRow detour = recording.finishDetour(caughtUp);
        recordedInstructions += detour.length;
        resume(detour.rejoinRow, caughtUp);
        return true;
    }

    /**
     * Replays {@code r} on from {@code snapshot}, whose state the core is in: the turn that stopped its replay cost
     * only the instructions timed since, and is kept as a detour that later replays follow, so it is not counted as a
     * stop. The row's start is set back from now by the snapshot's cycle and counters, and the rest of the row adds to
     * those as a whole replay does.
     */
    private void resume(MemoRow r, RowSnapshot snapshot) {
        r.root.failures--;
        windowStops--;
        row = r;
        position = snapshot.position();
        memoryPosition = snapshot.memoryOps();
        replayFrom = position;
        rowStart = core.dispatchCycle() - snapshot.cycle();
        counters = LoopReplay.minus(core.counters(), snapshot.counterGrowth());
        skippedHeads = 0;
        headsIntoRow = 0;
        dataflow.resumeAt(position);
        replaying = true;
    }

    /**
     * The instruction in hand, while replaying. False if the replay stopped before it: the core is then in the state
     * just before it, and the caller times it. True if it was replayed or, after a differing memory answer, timed
     * here; {@link #replaying} tells which.
     */
    boolean replay(int pc, long address, int width, boolean store) {
        MemoRow r = row;
        int i = position;
        if (i == r.length && r.rejoinRow != null) {
            rejoin(r);
            r = row;
            i = position;
        } else if (i == r.length) {
            MemoRow next = on ? match(r.end, pc, ranks) : null;
            count(next != null);
            if (next == null) {
                stopAtEnd();
                return false;
            }
            beginRow(next);
            r = next;
            i = 0;
        }
        int access = MemoRow.access(width, store);
        if (pc != r.pcs[i] || access != r.access[i]) {
            return turn(pc, address, width, store, OutOfOrderCore.NO_ANSWER);
        }
        if (width > 0) {
            int m = memoryPosition;
            long answer = memory.access(address, width, store, r.issues[m] + rowStart);
            if (!store && answer != r.answers[m] + rowStart) {
                return turn(pc, address, width, store, answer);
            }
            memoryPosition = m + 1;
        }
        if (++position == r.length && r.rejoinRow == null) {
            endRow(r);
        }
        return true;
    }

    /** Brings the core up to date part-way through a replayed row, for statistics read there. */
    void settle() {
        if (!replaying) {
            return;
        }
        if (position == row.length && row.rejoinRow != null) {
            rejoin(row);
        }
        if (position == row.length) {
            stopAtEnd();
        } else {
            materialize(false);
        }
    }

    /**
     * The replay reached the end of detour {@code d}: its instructions count as replayed, and the row it rejoins goes
     * on from the snapshot there, with the start cycle and counters shifted by what the detour took. The dataflow
     * schedule goes on deferred: it reads only the instructions, which are the rejoined row's.
     */
    private void rejoin(MemoRow d) {
        countReplayed(d, replayFrom, d.length);
        int[] heads = d.summary.headsBefore();
        skippedHeads += heads[d.length] - heads[replayFrom];
        RowSnapshot at = d.rejoinAt;
        rowStart += d.cycles - at.cycle();
        counters = LoopReplay.plus(LoopReplay.minus(counters, at.counterGrowth()), d.counterGrowth, 1);
        row = d.rejoinRow;
        position = at.position();
        memoryPosition = at.memoryOps();
        replayFrom = position;
    }

    /** Starts replaying row {@code r}, whose start state the core is in, in effect. */
    private void beginRow(MemoRow r) {
        rowStartSequence = counters[0];
        row = r;
        position = 0;
        memoryPosition = 0;
        replayFrom = 0;
        headsIntoRow = 0;
        dataflow.begin();
    }

    /**
     * The instruction in hand left the row at its position: another instruction ({@code answer} is
     * {@link OutOfOrderCore#NO_ANSWER}) or another memory answer. A child row that took the same turn is replayed
     * on; otherwise the core is brought to this point and the row goes on timed, recorded as a new child.
     */
    private boolean turn(int pc, long address, int width, boolean store, long answer) {
        MemoRow r = row;
        int i = position;
        int access = MemoRow.access(width, store);
        boolean controlFlow = answer == OutOfOrderCore.NO_ANSWER;
        for (MemoRow c : r.children()) {
            if (c.branch != i || !c.keepsChoices(ranks)) {
                continue;
            }
            if (controlFlow && c.length == i) {
                row = c; // it ended here: the instruction in hand comes after it
                if (c.rejoinRow == null) {
                    endRow(c);
                }
                return replay(pc, address, width, store);
            }
            if (c.length > i && c.pcs[i] == pc && c.access[i] == access
                    && (controlFlow || c.answers[memoryPosition] + rowStart == answer)) {
                row = c;
                if (controlFlow) {
                    return replay(pc, address, width, store);
                }
                memoryPosition++;
                if (++position == c.length && c.rejoinRow == null) {
                    endRow(c);
                }
                return true;
            }
        }
        materialize(true);
        if (controlFlow) {
            return false;
        }
        core.time(pc, address, width, store, answer);
        recording.timed(pc, width, store); // too soon to have caught up: no state comes back one instruction on
        if ((core.flags(pc) & OutOfOrderCore.LOOP_HEAD) != 0) {
            skippedHeads++;
            headsIntoRow++;
        }
        return true;
    }

    /**
     * Sets the core to the current row's start state and times the row's instructions before the position again,
     * with the memory answers they got (the memory system is not asked again); then, if {@code record}, the row goes
     * on recorded as a child of the current one.
     */
    private void materialize(boolean record) {
        MemoRow r = row;
        int i = position;
        dataflow.upTo(r, i);
        RowSnapshot from = RowSnapshot.latest(r.snapshots, replayFrom, i);
        int j = 0;
        int m = 0;
        if (from == null && replayFrom > 0) {
            throw new IllegalStateException("no snapshot where the replay of a row began part-way, at " + replayFrom);
        }
        if (from == null) {
            core.restore(r.start.image, rowStart, counters, ranks);
        } else {
            core.restore(from.image(), rowStart + from.cycle(), LoopReplay.plus(counters, from.counterGrowth(), 1),
                LoopReplay.plus(ranks, from.rankGrowth(), 1));
            j = from.position();
            m = from.memoryOps();
            countReplayed(r, replayFrom, j); // not timed again: counted as replayed
        }
        if (record) {
            // a child's port choices are decided from here on; it replays only after its parent's, up to the turn
            core.logPortChoices(true);
        }
        int logFrom = core.portChoiceLogPosition();
        core.skipDataflow(true); // the replay ran their dataflow schedule already
        for (; j < i; j++) {
            int access = r.access[j];
            long answer = rowStart;
            if (access != 0) {
                answer += r.answers[m++];
            }
            core.time(r.pcs[j], 0, MemoRow.width(access), MemoRow.store(access), answer);
        }
        core.skipDataflow(false);
        replaying = false;
        int[] heads = r.summary.headsBefore();
        headsIntoRow = heads[i];
        skippedHeads += heads[i] - heads[replayFrom];
        if (record) {
            r.root.failures++;
            windowStops++;
        }
        if (record && on && recordedInstructions < INSTRUCTION_BUDGET) {
            recording.start(r.start, r, i, memoryPosition, rowStart, counters, ranks, r.previousPc, logFrom,
                r.length >= RowRecording.LONG_ROW);
        }
    }

    /** The replay stops at the end of the current row: the core takes the row's end state. */
    private void stopAtEnd() {
        core.restore(row.end.image, rowStart, counters, ranks);
        replaying = false;
        headsIntoRow = 0;
    }

    /** A replayed row ended: its executions, loop edge events, counters and port ranks are added at once. */
    private void endRow(MemoRow r) {
        r.root.completions++;
        dataflow.ended(r);
        PeriodSummary s = r.summary;
        int from = replayFrom;
        if (from == 0) {
            core.replayed(s.countedPcs(), s.counts());
            replayedEdges(r, 0, r.length);
            replayed += r.length;
        } else {
            countReplayed(r, from, r.length);
        }
        skippedHeads += s.headsBefore()[r.length] - s.headsBefore()[from];
        rowStart += r.cycles;
        for (int k = 0; k < counters.length; k++) {
            counters[k] += r.counterGrowth[k];
        }
        for (int k = 0; k < ranks.length; k++) {
            ranks[k] += r.rankGrowth[k];
        }
    }

    /** Instructions {@code from..to} of row {@code r}, replayed: their executions and loop edge events. */
    private void countReplayed(MemoRow r, int from, int to) {
        core.replayed(r.pcs, from, to);
        replayedEdges(r, from, to);
        replayed += to - from;
    }

    private void replayedEdges(MemoRow r, int from, int to) {
        int[] edges = r.summary.edges();
        for (int e = 0; e < edges.length && edges[e] < to; e++) {
            int j = edges[e];
            if (j >= from) {
                core.replayedEdge(r.pcs[j], j == 0 ? r.previousPc : r.pcs[j - 1], r.edgeRetires[e] + rowStart);
            }
        }
    }

    /** A row kept from {@code state} that starts at {@code pc} and makes the same port choices from these ranks. */
    private MemoRow match(Known state, int pc, long[] ranksNow) {
        for (MemoRow r : state.roots) {
            if (r.pcs[0] == pc && !r.failing() && r.keepsChoices(ranksNow)) {
                return r;
            }
        }
        return null;
    }

    /** The kept state equal to {@code image} (of hash {@code hash}), or null. */
    private Known find(StateImage image, long hash) {
        for (Known k = known.get(hash); k != null; k = k.next) {
            if (k.image.sameAs(image)) {
                return k;
            }
        }
        return null;
    }

    /** Keeps {@code image}, not kept yet, as a state; null if the budget is spent. */
    private Known keep(StateImage image, long hash) {
        if (imageValues + image.size() > IMAGE_BUDGET) {
            return null;
        }
        Known k = new Known(image.copy());
        k.starts = seenOnce.contains(hash) ? 1 : 0;
        k.next = known.get(hash);
        known.put(hash, k);
        imageValues += image.size();
        return k;
    }




    /**
     * Counts a row and whether it was replayed. A window of rows switches the memo off when more than a quarter of
     * its replays stopped part-way with no child to follow (each such stop times the row's start again), or, with the
     * instruction budget spent, when too few rows replayed (capturing the state at every row head would only cost).
     */
    private void count(boolean hit) {
        windowRows++;
        windowHits += hit ? 1 : 0;
        if (windowRows == WINDOW) {
            if (windowStops * 4 > windowHits || windowHits < MIN_HITS && recordedInstructions >= INSTRUCTION_BUDGET) {
                off();
            }
            eager = 2 * windowHits >= WINDOW;
            windowRows = 0;
            windowHits = 0;
            windowStops = 0;
        }
    }


}
