// Exact replay of a loop period whose timing state has been seen to repeat: same cycles, without re-modelling each op.
package org.ternsim.sim.core;

import org.apache.commons.math3.util.ArithmeticUtils;
import org.ternsim.sim.mem.MemoryHierarchy;

/**
 * A GEMV's loops settle into a rhythm: after a few rows, the core's timing state at the head of an inner loop is the
 * same, up to a shift in time, as it was one period earlier (a period is a whole number of visits to loop heads,
 * often one row). The core is deterministic, so from such a state the same instructions with the same memory answers
 * are timed exactly as in the period before, only later by the period's length in cycles. This class
 * <ol>
 *   <li>watches the visits to loop heads for a candidate period: the last p visits, each described by its pc and the
 *       instructions and dispatch cycles since the visit before, equal the p visits before them; or the last q rows
 *       equal the q rows before them ({@link RowPeriodSearch}), which gives periods longer than {@value #MAX_PERIOD}
 *       visits and spans the control flow repeats when the state needs more visits to come back than a row has;</li>
 *   <li>proves it: the core's whole timing state ({@link StateImage}) at the end of a recorded period equals the
 *       state at its start (or at an earlier mark), and otherwise tries again with the next period or, after a few
 *       failures, backs off;</li>
 *   <li>replays: each instruction must have the recorded pc and memory width, and each memory access is made for real,
 *       at the recorded issue cycle shifted by the periods replayed, and must answer the recorded cycle (the caches,
 *       prefetchers and DRAM still see every access, in order and at the right time);</li>
 *   <li>stops at the first instruction that differs (a loop exit, a cache miss the recorded period did not have): the
 *       core is set to the state at the start of that period, or at the latest of its waypoints before the stop,
 *       shifted, and the period's instructions from there are timed again, with the memory answers they already got,
 *       so the run continues exactly as if nothing had been replayed; the state reached is kept as a new waypoint
 *       ({@link Waypoints}), since replays tend to stop at the same places;</li>
 *   <li>after a load that answered another cycle, times the rest of the period as it comes and resumes replaying at
 *       the first of the period's waypoints (or its end) where the state, counters and port ranks are exactly the
 *       proved ones again: the slack of the loop often absorbs a fill arriving a cycle late;</li>
 *   <li>keeps the last few proved periods ({@link KeptPeriods}) and, at a later row whose state is one's starting
 *       state, with port usage counts that make the same choices ({@link PortTable#keepsChoices}), replays it without
 *       a new proof: rows in blocks come back to the same period after each block's end.</li>
 * </ol>
 * So results are the same bits as timing every instruction (tests compare the two, and {@code -Dternsim.replay=false}
 * switches this off). Port usage counts, which decide between free ports, are not part of the image: they only need
 * to keep their order ({@link PortTable#repeatsChoices}). The dataflow bound has no repeating state of its own
 * (registers written before the loop keep their cycles); a {@link DataflowMap} carries it over a period made of equal
 * rows, and otherwise it runs per instruction as the period replays. A candidate shorter than
 * {@value #MIN_PERIOD_INSTRUCTIONS} instructions is recorded as a multiple of itself, so comparing states stays cheap.
 * Not replayed: runs watched by a timing or stall observer (timelines need every instruction), and periods whose memory
 * answers do not repeat (a stream from DRAM), which stop the replay and back off.
 *
 * <p>Where no period proves, rows often still start from states seen before, in no fixed order: a {@link RowMemo}
 * keeps rows as timed and replays one whenever its starting state comes back ({@code -Dternsim.rowMemo=false} switches
 * that off). It replays only while no period candidate is being recorded or replayed: a proved period replays
 * cheaper (its dataflow schedule as a map) and over more rows.
 */
final class LoopReplay {

    /** Longest period searched for, in loop-head visits. */
    static final int MAX_PERIOD = 128;
    /** Longest period recorded, in instructions. */
    private static final int MAX_RECORD = 1 << 18;
    /**
     * Instructions recorded for one candidate before it is given up, unless two of its periods take more (up to
     * {@link #MAX_RECORD}). In the 17 benchmark kernels every candidate that proved and then replayed did so within
     * 31,000 recorded instructions (zen4-2c I2_S: 30,480). Those that recorded 100,000 to 262,144 instructions (F16 and
     * Q4_0 on zen5-2c, sparse I2_S, NEON T-MAC-W4) never proved, or stopped in their first replayed period, and each
     * recorded instruction is timed too and logs its port choices (docs/performance.md).
     */
    private static final int RECORD_BUDGET = 1 << 16;
    /**
     * Candidate periods recorded, looking for a state seen at an earlier one, before the candidate is dropped. A row
     * whose steady rate is not a whole number of cycles brings the state back only after tens of rows (60 for I2_S
     * on zen4-2c, 30 candidate periods); a failed try costs no more than timing its period.
     */
    private static final int TRIES = 96;
    private static final int MAX_BACKOFF = 1 << 12;
    /**
     * A load answering another cycle is caught up with ({@link #stop}) only once the replay is more than this many
     * periods past its latest resume, the proof counting as a resume one period before the first. A catch-up may
     * resume at any waypoint, not only at the period's end, so F16 GEMVs streaming from DRAM, whose loads answer a
     * cycle late every few periods, replay from the second period on. At 2 they did not; at 0 the zen4-2c I2_S
     * GEMV replays 6% less; at -1 (even right after a resume) its state that needs sixty rows to come back is no
     * longer found (docs/performance.md).
     */
    private static final int CATCH_UP_AFTER = 1;
    /**
     * Instructions not searched after a candidate was given up, times the backoff factor; or as many as the candidate
     * recorded, if more, so that candidates which never prove take at most about half of a run's instructions.
     */
    private static final long BACKOFF_INSTRUCTIONS = 1 << 14;
    /**
     * Fewest instructions in a recorded period: a shorter candidate is recorded as a multiple of itself, so that
     * comparing states (some thousand numbers) stays a small cost per instruction.
     */
    private static final long MIN_PERIOD_INSTRUCTIONS = 256;
    /**
     * Visits a candidate must have repeated for, at least: short periods inside a row (a group of four blocks) recur
     * for a few visits and then break at the row's end; a row-long period keeps recurring.
     */
    private static final int MIN_RUN = 32;
    /** Row visits for which only row candidates are tried after an inner-loop span failed on control flow. */
    private static final int ROWS_ONLY_VISITS = 64;
    /**
     * Candidates given up on, none having proved, after which the period search stops for good (row memo replays go
     * on). In the 17 benchmark kernels every core whose periods prove at all proves its first candidate, within
     * 15,000 instructions; zen4-2c's I2_S with the memo off proves a later one ({@code LoopReplayTest}). In F16,
     * sparse I2_S, zen5-2c Q4_0, zen4-2c I2_S and NEON T-MAC-W4 no period ever proves, and the search went on
     * (recording candidates, examining each loop-head visit): 13 % of F16's time, 11 % of sparse I2_S's
     * (docs/performance.md).
     */
    private static final int FUTILE_CANDIDATES = 2;

    /**
     * CATCH_UP: statistics were read part-way through a replayed period; its rest is timed, then replay goes on.
     * MEMO: rows kept by the {@link RowMemo} are replayed.
     */
    private enum Mode { SEARCH, RECORD, REPLAY, CATCH_UP, MEMO }

    private final OutOfOrderCore core;
    private final MemoryHierarchy memory;
    private Mode mode = Mode.SEARCH;

    /*
     * Period search over visit signatures, folded to 32 bits: two visits that collide only start a recording, which
     * the proof (the whole timing state) then rejects.
     */
    private final VisitPeriods periods = new VisitPeriods(MAX_PERIOD, MIN_RUN);
    private static final int RING = MAX_PERIOD + 1;
    /** The instruction count at each of the latest visits, by visit modulo RING (how long a candidate period is). */
    private final long[] visitSequences = new long[RING];
    private long visits;
    private long previousVisitDispatch;
    private long previousVisitSequence;
    /** Instruction count before which nothing is searched (backing off after failures). */
    private long searchFrom;
    private int backoff = 1;
    /** Shortest period searched for: a candidate given up on is not tried again, so a longer one can be. */
    private int shortest = 1;
    /** Whether a candidate has proved; if not, how many were given up on ({@link #FUTILE_CANDIDATES}). */
    private boolean proved;
    private int futile;
    /** The period search has stopped for good: loop heads no longer come here, and row heads only for the memo. */
    private boolean periodsOff;

    /* Periods of whole rows (RowPeriodSearch), and when they are the only ones tried. */
    private final RowPeriodSearch rows = new RowPeriodSearch();
    /** Visits to inner-loop heads outside replays, which a row candidate's period is counted in. */
    private long innerVisits;
    /** A row candidate found at the latest row visit, started at the row's first inner-loop visit; or null. */
    private RowPeriodSearch.Candidate rowCandidate;
    /** Rows in the candidate being recorded or replayed if it is one of whole rows, else 0. */
    private int candidateRows;
    /**
     * After an inner-loop candidate's span turned out not to be a period of the control flow, only row candidates are
     * tried, until row visit {@link #rowsOnlyUntil}.
     */
    private boolean rowsOnly;
    private long rowsOnlyUntil;
    /** Inner-loop visits outside replays before the latest row visit. */
    private long innerAtRow;

    /** The latest proved periods, which a later row in the same state replays without a new proof. */
    private final KeptPeriods kept = new KeptPeriods();
    /** The kept period replaying now, resumed without a proof; null for a proved one. */
    private KeptPeriod resumed;

    /*
     * The candidate: visits per candidate period, visits since the latest mark, and the marks: the state at the start
     * of each candidate period recorded so far. The state may take several candidate periods to come back (the
     * integer ports are handed out round the least used, which can take a few rows to cycle), so the state at each
     * mark is compared with every earlier mark.
     */
    private int period;
    private int visitsInPeriod;
    private int marks;
    private final Mark[] history = new Mark[TRIES + 1];
    /** The mark the replayed period starts from (its state, counters and ranks at the first replayed period). */
    private Mark reference;

    /* The recorded period: per instruction its pc, memory width and kind, and cycles relative to the period's start. */
    private int length;
    private int[] pcs = new int[1024];
    private int[] widths = new int[1024];
    private boolean[] stores = new boolean[1024];
    private long[] issues = new long[1024];
    private long[] answers = new long[1024];
    private long[] retires = new long[1024];
    /** The recorded period's memory addresses (0 where none), for {@link #periodMultiple}. */
    private long[] addresses = new long[1024];
    /**
     * Instructions the next proved period must span a multiple of, 0 for any: set when a replay stopped early on a
     * load that met the caches otherwise than in the recorded period ({@link #periodMultiple}).
     */
    private long requiredSpan;
    /** Instructions the candidate being recorded may take before it is given up ({@link #RECORD_BUDGET}). */
    private int recordBudget;

    /* Replay: growth per period, the current period's start cycle and position, and the dataflow state at its start. */
    private long periodCycles;
    private long[] counterGrowth;
    private long[] rankGrowth;
    private long periodsReplayed;
    /** The periods replayed when replay last resumed after catching up; -1 at the proof. */
    private long resumedAt;
    private long periodStart;
    private int position;
    /** The dataflow schedule's state at the current period's start, and what a period does to it. */
    private final long[] dataflowAtStart;
    private DataflowMap dataflow;
    /** Executions per pc, loop edges and loop heads of the period. */
    private PeriodSummary summary;
    private long replayed;
    /** The states inside the replayed period, in order: where a stop can resume timing from. */
    private Waypoints waypoints = new Waypoints(new Mark[0]);
    /** While catching up, the first waypoint at or after the position. */
    private int nextWaypoint;
    /** Where replay of the current period began: 0, or the waypoint a catch-up resumed at (the part before was timed). */
    private int periodFrom;
    /** The current period resumed part-way: its dataflow schedule runs per instruction, not through the map. */
    private boolean dataflowPerInstruction;
    private final StateImage scratch = new StateImage();
    /** Rows kept as timed, replayed from a state they started in (where no period proves). */
    private final RowMemo memo;

    LoopReplay(OutOfOrderCore core, MemoryHierarchy memory) {
        this.core = core;
        this.memory = memory;
        this.dataflowAtStart = new long[core.dataflowSize()];
        this.memo = new RowMemo(core, memory);
    }

    /** Whether every instruction must come here (recording or replaying), not only loop heads. */
    boolean engaged() {
        return mode != Mode.SEARCH || memo.recording();
    }

    long replayed() {
        return replayed + memo.replayed();
    }

    long dataflowSegmentsByMap() {
        return memo.dataflowSegmentsByMap();
    }

    /** Switches the row memo off, before the first instruction. */
    void keepNoRows() {
        memo.off();
    }

    void retired(int pc, long address, int width, boolean store) {
        if (mode == Mode.MEMO) {
            memoReplay(pc, address, width, store);
            return;
        }
        if (mode == Mode.CATCH_UP) {
            catchUp(pc, address, width, store);
            return;
        }
        if (mode != Mode.REPLAY) {
            int flags = core.flags(pc);
            if ((flags & OutOfOrderCore.ROW_HEAD) != 0) {
                rowVisit(pc);
                if (mode == Mode.MEMO) {
                    memoReplay(pc, address, width, store);
                    return;
                }
            }
            if ((flags & OutOfOrderCore.LOOP_HEAD) != 0) {
                visit(pc);
            }
            if (mode != Mode.REPLAY) {
                core.time(pc, address, width, store, OutOfOrderCore.NO_ANSWER);
                if (mode == Mode.RECORD) {
                    record(pc, address, width, store);
                }
                if (memo.recording()) {
                    if (memo.timed(pc, width, store, mode == Mode.SEARCH)) {
                        enterMemo();
                        return;
                    }
                    if (!memo.recording()) {
                        releaseChoiceLog();
                    }
                }
                return;
            }
        }
        replay(pc, address, width, store);
    }

    /** Replays the instruction in hand from the memo; where the memo stops, the search takes over. */
    private void memoReplay(int pc, long address, int width, boolean store) {
        boolean handled = memo.replay(pc, address, width, store);
        if (memo.replaying()) {
            return;
        }
        leaveMemo();
        if (!handled) {
            retired(pc, address, width, store);
        }
    }

    /** The memo replays a row, from its start or where its timing caught up with it after a turn. */
    private void enterMemo() {
        core.logPortChoices(false);
        rowCandidate = null;
        mode = Mode.MEMO;
    }

    /** The memo stopped replaying: the searches count the loop heads it replayed, and know they missed visits. */
    private void leaveMemo() {
        mode = Mode.SEARCH;
        innerVisits += memo.skippedHeads();
        innerAtRow = innerVisits - memo.headsIntoRow();
        periods.restart();
        rows.stale();
    }

    /** Stops logging port choices unless a candidate period or the memo's row being recorded needs them. */
    private void releaseChoiceLog() {
        if (mode != Mode.RECORD && !memo.recording()) {
            core.logPortChoices(false);
        }
    }

    /** A row loop's head is about to be timed: look for a period of rows, or a kept row to replay. */
    private void rowVisit(int pc) {
        innerAtRow = innerVisits;
        long sequence = core.sequence();
        RowPeriodSearch.Candidate found = periodsOff ? null
            : rows.visit(pc, sequence, core.dispatchCycle(), innerVisits);
        // a period candidate being recorded goes on: a proved period replays cheaper than rows, and for longer
        if (memo.rowHead(pc, mode == Mode.SEARCH)) {
            enterMemo();
            return;
        }
        releaseChoiceLog();
        if (mode != Mode.SEARCH || periodsOff) {
            return;
        }
        if (sequence < searchFrom) {
            rows.stale();
            return;
        }
        rowCandidate = found;
        if (rowsOnly && rows.visits() >= rowsOnlyUntil) {
            rowsOnly = false;
        }
    }

    /** An inner loop's head is about to be timed: the state now is the one a period starts from. */
    private void visit(int pc) {
        innerVisits++;
        if (periodsOff) {
            return; // a loop head that is also a row head, or one in hand when the search stopped
        }
        long dispatch = core.dispatchCycle();
        long sequence = core.sequence();
        long signature = (pc * 0x9E3779B97F4A7C15L) ^ ((sequence - previousVisitSequence) * 0xC2B2AE3D27D4EB4FL)
            ^ (dispatch - previousVisitDispatch);
        previousVisitDispatch = dispatch;
        previousVisitSequence = sequence;
        // not while recording whole rows, which the row search found because rows repeat with these resumes in them
        KeptPeriod resumable = mode == Mode.RECORD && candidateRows > 0 ? null
            : kept.match(pc, innerVisits - innerAtRow, core);
        if (resumable != null) {
            resume(resumable);
            return;
        }
        if (mode == Mode.RECORD) {
            periods.skip();
            visits++;
            if (++visitsInPeriod == period) {
                prove();
            }
            return;
        }
        if (sequence < searchFrom) {
            periods.restart(); // the visits go unsearched while backing off
            return;
        }
        // an inner-loop candidate is not taken while a row candidate is in hand or only rows are tried
        int candidate = search((int) (signature ^ signature >>> 32), sequence, rowCandidate == null && !rowsOnly);
        RowPeriodSearch.Candidate rowsFound = rowCandidate;
        rowCandidate = null;
        if (rowsFound != null && rowsFound.innerVisits() < shortest) {
            rows.reject(rowsFound.rows()); // as long as an inner-loop candidate already given up on
        } else if (rowsFound != null) {
            startRecording(rowsFound.innerVisits(), rowsFound.instructions(), rowsFound.rows());
        } else if (candidate > 0 && !rowsOnly) {
            int then = (int) ((visits - 1 - candidate) % RING);
            startRecording(candidate, sequence - visitSequences[then], 0);
        }
    }

    /**
     * Records a candidate period of {@code visitCount} inner-loop visits that took {@code instructions} ({@code rowCount}
     * whole rows, or 0 for an inner-loop candidate).
     */
    private void startRecording(long visitCount, long instructions, int rowCount) {
        memo.periodTried();
        long multiple = (MIN_PERIOD_INSTRUCTIONS + Math.max(1, instructions) - 1) / Math.max(1, instructions);
        period = (int) Math.min(Integer.MAX_VALUE / 2, visitCount * multiple);
        candidateRows = rowCount;
        long span = Math.max(Math.max(1, instructions) * multiple, requiredSpan);
        recordBudget = (int) Math.min(MAX_RECORD, Math.max(RECORD_BUDGET, 2 * span));
        marks = 0;
        length = 0;
        mark();
        mode = Mode.RECORD;
    }

    /**
     * Adds a visit; returns the shortest period that the latest visits have repeated ({@link VisitPeriods}), 0 for
     * none or when no candidate is {@code wanted}.
     */
    private int search(int signature, long sequence, boolean wanted) {
        visitSequences[(int) (visits % RING)] = sequence;
        visits++;
        return periods.add(signature, wanted, shortest);
    }

    /** Notes the state at the start of a candidate period. */
    private void mark() {
        if (marks == 0 && memo.recording()) {
            core.keepLoggingPortChoices(); // the memo's row being recorded reads the log from its own start
        } else if (marks == 0) {
            core.logPortChoices(true);
        }
        Mark m = history[marks];
        if (m == null) {
            m = history[marks] = new Mark();
        }
        m.image.clear();
        core.capture(m.image);
        m.hash = m.image.hash();
        m.base = core.dispatchCycle();
        m.counters = core.counters();
        m.ranks = core.portRanks();
        m.choices = core.portChoiceLogPosition();
        m.offset = length;
        marks++;
        visitsInPeriod = 0;
    }

    private void record(int pc, long address, int width, boolean store) {
        if (length == recordBudget) {
            giveUp();
            return;
        }
        if (length == pcs.length) {
            grow();
        }
        pcs[length] = pc;
        widths[length] = width;
        stores[length] = store;
        addresses[length] = address;
        long base = history[0].base;
        issues[length] = core.lastIssue - base;
        answers[length] = core.lastDataReady - base;
        retires[length] = core.lastRetired - base;
        length++;
    }

    /** A candidate period has ended: replay from the latest earlier mark whose state is the state now, if any. */
    private void prove() {
        mark();
        Mark now = history[marks - 1];
        for (int j = marks - 2; j >= 0; j--) {
            Mark then = history[j];
            if (requiredSpan > 0 && (now.offset - then.offset) % requiredSpan != 0) {
                continue;
            }
            if (now.hash == then.hash && now.image.sameAs(then.image)
                && core.portChoicesMayRepeat(then.ranks, now.ranks)) {
                long[][] range = core.portRankRange(then.ranks, then.choices, now.choices);
                if (core.portChoicesRepeat(then.ranks, now.ranks, range[0], range[1])) {
                    replayFrom(j, now, range[2]);
                    return;
                }
            }
        }
        // no further mark fits: one more candidate period would pass the budget
        if (marks == history.length || length + length / (marks - 1) > recordBudget) {
            giveUp();
        }
    }

    /**
     * The state at {@code now} equals that at mark {@code thenIndex}: the instructions between them are the period.
     * {@code decided}: the port choices' rank differences over it ({@link PortTable#keepsChoices}).
     */
    private void replayFrom(int thenIndex, Mark now, long[] decided) {
        proved = true;
        Mark then = history[thenIndex];
        core.logPortChoices(false);
        keepWaypoints(thenIndex, marks - 1);
        if (then.offset > 0) {
            int n = now.offset - then.offset;
            long shift = then.base - history[0].base;
            System.arraycopy(pcs, then.offset, pcs, 0, n);
            System.arraycopy(widths, then.offset, widths, 0, n);
            System.arraycopy(stores, then.offset, stores, 0, n);
            System.arraycopy(addresses, then.offset, addresses, 0, n);
            for (int i = 0; i < n; i++) {
                issues[i] = issues[then.offset + i] - shift;
                answers[i] = answers[then.offset + i] - shift;
                retires[i] = retires[then.offset + i] - shift;
            }
        }
        length = now.offset - then.offset;
        periodCycles = now.base - then.base;
        counterGrowth = minus(now.counters, then.counters);
        rankGrowth = minus(now.ranks, then.ranks);
        reference = now;
        dataflow = DataflowMap.ofRepeatingUnit(core.dataflowRules(), pcs, widths, stores, length,
            core.accumulateGroups());
        if (dataflow != null && dataflow.cost() > length) {
            dataflow = null; // cheaper to run the dataflow schedule per instruction as the period replays
        }
        summary = PeriodSummary.of(core, pcs, length);
        history[marks - 1] = null; // the reference outlives this search, in the kept period
        kept.add(new KeptPeriod(java.util.Arrays.copyOf(pcs, length), java.util.Arrays.copyOf(widths, length),
            java.util.Arrays.copyOf(stores, length), java.util.Arrays.copyOf(issues, length),
            java.util.Arrays.copyOf(answers, length), java.util.Arrays.copyOf(retires, length), periodCycles,
            counterGrowth, rankGrowth, waypoints, reference, dataflow, summary, then.ranks, decided,
            innerVisits - innerAtRow));
        beginReplay(now.base, null);
    }

    /**
     * Replays the period in the record from the loop-head visit in hand, at dispatch cycle {@code start}: as proved,
     * or resumed from kept period {@code resumedFrom}.
     */
    private void beginReplay(long start, KeptPeriod resumedFrom) {
        periodStart = start;
        periodsReplayed = 0;
        periodFrom = 0;
        dataflowPerInstruction = false;
        resumedAt = -1;
        position = 0;
        memo.drop(); // rows replayed by a period are not recorded
        core.saveDataflow(dataflowAtStart);
        resumed = resumedFrom;
        innerVisits--; // the loop head in hand, already visited, is the period's first instruction: counted with it
        mode = Mode.REPLAY;
    }

    /**
     * Replays {@code period} from this inner-loop visit, whose state is its starting state, as from a new proof. A
     * recording under way is dropped.
     */
    private void resume(KeptPeriod period) {
        core.logPortChoices(false);
        length = period.length();
        while (pcs.length < length) {
            grow();
        }
        System.arraycopy(period.pcs(), 0, pcs, 0, length);
        System.arraycopy(period.widths(), 0, widths, 0, length);
        System.arraycopy(period.stores(), 0, stores, 0, length);
        System.arraycopy(period.issues(), 0, issues, 0, length);
        System.arraycopy(period.answers(), 0, answers, 0, length);
        System.arraycopy(period.retires(), 0, retires, 0, length);
        periodCycles = period.periodCycles();
        counterGrowth = period.counterGrowth();
        rankGrowth = period.rankGrowth();
        waypoints = period.waypoints();
        dataflow = period.dataflow();
        summary = period.summary();
        reference = period.reference();
        reference.base = core.dispatchCycle();
        reference.counters = core.counters();
        reference.ranks = core.portRanks();
        marks = 0;
        beginReplay(reference.base, period);
    }

    private void giveUp() {
        requiredSpan = 0;
        mode = Mode.SEARCH;
        releaseChoiceLog();
        if (candidateRows > 0) {
            rows.reject(candidateRows);
            rowsOnly = false;
        } else {
            shortest = Math.min(period + 1, MAX_PERIOD);
        }
        periods.restart(); // the visits while recording were not searched
        searchFrom = core.sequence() + backoff * Math.max(BACKOFF_INSTRUCTIONS, length);
        backoff = Math.min(2 * backoff, MAX_BACKOFF);
        if (!proved && ++futile == FUTILE_CANDIDATES) {
            periodsOff = true;
            rowCandidate = null;
            core.routeRowHeadsOnly();
            memo.noPeriodsToCome();
        }
    }

    /** Per instruction: small enough for the compiler to inline into the interpreter's loop. */
    private void replay(int pc, long address, int width, boolean store) {
        int i = position;
        if (pc != pcs[i] || width != widths[i] || store != stores[i]) {
            stop(pc, address, width, store, OutOfOrderCore.NO_ANSWER);
            return;
        }
        if (width > 0 && !access(i, address, width, store)) {
            return;
        }
        if (dataflow == null || dataflowPerInstruction) {
            core.dataflow(pc, width > 0 && !store);
        }
        if (++position == length) {
            endPeriod();
        }
    }

    /** Makes the access of the period's instruction {@code i}; false if it answered otherwise (replay stopped). */
    private boolean access(int i, long address, int width, boolean store) {
        long answer = memory.access(address, width, store, issues[i] + periodStart);
        if (!store && answer != answers[i] + periodStart) {
            stop(pcs[i], address, width, store, answer);
            return false;
        }
        return true;
    }

    private void endPeriod() {
        if (periodFrom == 0) {
            core.replayed(summary.countedPcs(), summary.counts());
        } else {
            core.replayed(pcs, periodFrom, length);
        }
        int[] edges = summary.edges();
        for (int e = 0; e < edges.length; e++) {
            int j = edges[e];
            if (j >= periodFrom) {
                core.replayedEdge(pcs[j], pcs[j == 0 ? length - 1 : j - 1], retires[j] + periodStart);
            }
        }
        if (dataflowPerInstruction) {
            core.saveDataflow(dataflowAtStart); // the period resumed part-way: its dataflow ran per instruction
            dataflowPerInstruction = false;
        } else if (dataflow != null) {
            dataflow.apply(dataflowAtStart);
        }
        replayed += length - periodFrom;
        innerVisits += summary.headsBefore()[length] - summary.headsBefore()[periodFrom];
        periodFrom = 0;
        periodsReplayed++;
        periodStart += periodCycles;
        position = 0;
    }

    /**
     * The instruction in hand differs from the period: time everything from the period's start, then it.
     *
     * <p>A different instruction early in an inner-loop candidate's replay means its span is not a period of the
     * control flow: the timing state came back after a number of inner-loop visits that a row end falls inside at a
     * different place each time. Only periods of whole rows are then tried for a while ({@link RowPeriodSearch}). So
     * after a load answering otherwise: an inner-loop span that is not whole rows starts its loads at another place in
     * the rows each time. A load whose address advanced by part of a cache line is tried again over a span that brings
     * its line offset back ({@link #periodMultiple}), and within such a span a differing answer is caught up with.
     */
    private void stop(int pc, long address, int width, boolean store, long answer) {
        boolean early = periodsReplayed < 2;
        boolean controlFlow = answer == OutOfOrderCore.NO_ANSWER;
        KeptPeriod stopped = resumed;
        // a period made long enough for its loads to meet the caches alike: the rest of its conflicts are caught up with
        boolean aligned = !controlFlow && stopped == null && requiredSpan > 0;
        long multiple = controlFlow || stopped != null || aligned ? 0 : periodMultiple(address);
        rewind(true);
        if (aligned) {
            backoff = 1;
        } else if (stopped != null) {
            // A kept period that stops early here, as a new proof would be given up on (its rows end sooner, its loads
            // answer otherwise), is not tried again; otherwise the stop says nothing about the search.
            if (early) {
                kept.drop(stopped);
            }
        } else if (early && multiple > 1) {
            requiredSpan = length * multiple; // tried again at once, over a span whose loads meet the caches alike
            rowsOnly = candidateRows > 0;
            rowsOnlyUntil = rows.visits() + Math.max(ROWS_ONLY_VISITS, 3L * candidateRows);
        } else if (early) {
            searchFrom = core.sequence() + backoff * BACKOFF_INSTRUCTIONS;
            backoff = Math.min(2 * backoff, MAX_BACKOFF);
            rowsOnly = candidateRows == 0;
            rowsOnlyUntil = rows.visits() + ROWS_ONLY_VISITS;
        } else {
            backoff = 1;
        }
        if (controlFlow) {
            retired(pc, address, width, store); // as any instruction outside a replay, visits to loop heads included
            return;
        }
        core.time(pc, address, width, store, answer);
        unseen(pc);
        if (aligned || periodsReplayed > resumedAt + CATCH_UP_AFTER) {
            // A load answered another cycle: the rest of the period is timed as it comes, and if the slack absorbed
            // the difference, the state at a later waypoint or at the period's end is the proved one again and
            // replay resumes there (catchUp).
            position++;
            catchUpFrom();
        }
    }

    /**
     * How many times longer a period must be for the load at {@link #position}, which answered another cycle than
     * recorded, to meet the caches as in the recorded period; 0 if it cannot be told or is too long to record. Its
     * address advances by the same amount every period; when that is not a whole number of cache lines (a TQ2_0 row
     * of ten 66-byte blocks), the load met other line boundaries than when recorded, and the multiple brings its
     * offset in the line back.
     */
    private long periodMultiple(long address) {
        long advance = address - addresses[position];
        long periods = periodsReplayed + 1;
        if (advance % periods != 0) {
            return 0;
        }
        long line = memory.lineBytes();
        long offset = Math.floorMod(advance / periods, line);
        long multiple = offset == 0 ? 0 : line / ArithmeticUtils.gcd(offset, line);
        return multiple * length <= MAX_RECORD ? multiple : 0;
    }

    /** An instruction was timed without its loop-head visit: the searches count it, or know they missed one. */
    private void unseen(int pc) {
        int flags = core.flags(pc);
        if ((flags & OutOfOrderCore.LOOP_HEAD) != 0) {
            innerVisits++;
        }
        if ((flags & OutOfOrderCore.ROW_HEAD) != 0) {
            rows.stale();
        }
    }

    /**
     * Brings the core up to date, for statistics read part-way: the core's state becomes that of the current period's
     * start and the replayed part of the period is timed again. The rest of the period is then timed as it comes, and
     * at its end replay resumes if the state is the proved one again ({@link #catchUp}).
     */
    void settle() {
        if (mode == Mode.MEMO) {
            memo.settle();
            leaveMemo();
        } else if (mode == Mode.REPLAY) {
            rewind(false);
            catchUpFrom();
        } else if (mode == Mode.RECORD) {
            mode = Mode.SEARCH;
            releaseChoiceLog();
        }
    }

    /** Times the rest of the period from {@link #position} on, resuming replay where the state is the proved one. */
    private void catchUpFrom() {
        mode = Mode.CATCH_UP;
        nextWaypoint = waypoints.firstAtOrAfter(position);
    }

    /**
     * Times an instruction of a period that a differing memory answer or a statistics read interrupted. At each of the
     * period's waypoints and at its end, the state, counters and port ranks must be exactly those the proof predicts
     * there (the memory answers timed meanwhile could have differed); then replay resumes with no new proof. If the
     * period ends without that, the search starts again.
     */
    private void catchUp(int pc, long address, int width, boolean store) {
        if (position == length) {
            long next = periodsReplayed + 1;
            if (stateIsProved(periodStart + periodCycles, reference.image,
                    plus(reference.counters, counterGrowth, next), plus(reference.ranks, rankGrowth, next))) {
                periodsReplayed = next;
                resumedAt = next;
                periodStart += periodCycles;
                position = 0;
                periodFrom = 0;
                dataflowPerInstruction = false;
                core.saveDataflow(dataflowAtStart);
                mode = Mode.REPLAY;
                replay(pc, address, width, store);
                return;
            }
            mode = Mode.SEARCH;
            retired(pc, address, width, store);
            return;
        }
        if (pc != pcs[position]) {
            mode = Mode.SEARCH;
            retired(pc, address, width, store);
            return;
        }
        if (nextWaypoint < waypoints.size() && waypoints.get(nextWaypoint).offset == position) {
            Mark w = waypoints.get(nextWaypoint++);
            long[] counters = plus(reference.counters, counterGrowth, periodsReplayed);
            long[] ranks = plus(reference.ranks, rankGrowth, periodsReplayed);
            if (stateIsProved(periodStart + w.base, w.image, plus(counters, w.counters, 1), plus(ranks, w.ranks, 1))) {
                resumedAt = periodsReplayed;
                periodFrom = position;
                dataflowPerInstruction = dataflow != null;
                mode = Mode.REPLAY;
                replay(pc, address, width, store);
                return;
            }
        }
        core.time(pc, address, width, store, OutOfOrderCore.NO_ANSWER);
        unseen(pc);
        position++;
    }

    /** Whether the core is in the state {@code image} at dispatch cycle {@code dispatch}, with these counters and ranks. */
    private boolean stateIsProved(long dispatch, StateImage image, long[] counters, long[] ranks) {
        if (core.dispatchCycle() != dispatch) {
            return false;
        }
        scratch.clear();
        core.capture(scratch);
        return scratch.sameAs(image) && java.util.Arrays.equals(core.counters(), counters)
            && java.util.Arrays.equals(core.portRanks(), ranks);
    }

    /**
     * Keeps the marks strictly between {@code from} and {@code to} as the period's waypoints, taking them out of the
     * history (whose slots the next search reuses).
     */
    private void keepWaypoints(int from, int to) {
        Mark then = history[from];
        int n = Math.max(0, to - from - 1);
        Mark[] inside = new Mark[n];
        for (int k = 0; k < n; k++) {
            Mark m = history[from + 1 + k];
            history[from + 1 + k] = null;
            inside[k] = m;
            m.offset -= then.offset;
            m.base -= then.base;
            m.counters = minus(m.counters, then.counters);
            m.ranks = minus(m.ranks, then.ranks);
        }
        waypoints = new Waypoints(inside);
    }

    /**
     * Sets the core to its state at the current period's position: the state at the latest waypoint (or the period's
     * start) before it, shifted, and the instructions from there timed again. The instructions before that waypoint
     * are not timed again; their executions and loop-edge events are added as for a replayed period. If
     * {@code learn}, the state reached is kept as a new waypoint where that saves timing again at a later stop there.
     */
    private void rewind(boolean learn) {
        int k = waypoints.latestAtOrBefore(position);
        int from = k < 0 ? 0 : waypoints.get(k).offset;
        long[] counters = plus(reference.counters, counterGrowth, periodsReplayed);
        long[] ranks = plus(reference.ranks, rankGrowth, periodsReplayed);
        if (k < 0) {
            core.restore(reference.image, periodStart, counters, ranks);
        } else {
            Mark w = waypoints.get(k);
            core.restore(w.image, periodStart + w.base, plus(counters, w.counters, 1), plus(ranks, w.ranks, 1));
            core.replayed(pcs, periodFrom, from); // a period resumed part-way timed what came before periodFrom
            replayed += from - periodFrom;
            for (int j : summary.edges()) {
                if (j >= periodFrom && j < from) {
                    core.replayedEdge(pcs[j], pcs[j == 0 ? length - 1 : j - 1], retires[j] + periodStart);
                }
            }
        }
        boolean perInstruction = dataflow == null || dataflowPerInstruction;
        if (!perInstruction) {
            core.restoreDataflow(dataflowAtStart);
            for (int j = 0; j < from; j++) {
                core.dataflow(pcs[j], widths[j] > 0 && !stores[j]);
            }
        }
        // without a map, the dataflow schedule has already run over the replayed part of the period
        core.skipDataflow(perInstruction);
        for (int j = from; j < position; j++) {
            // the memory system has answered these already: its answer is passed, not asked again
            core.time(pcs[j], 0, widths[j], stores[j], answers[j] + periodStart);
        }
        core.skipDataflow(false);
        if (learn && waypoints.worthLearning(from, position)) {
            waypoints.learn(waypointHere(counters, ranks));
        }
        innerVisits += summary.headsBefore()[position] - summary.headsBefore()[periodFrom];
        periods.restart(); // the inner-loop visits replayed were not searched
        if (summary.rowHeads()) {
            rows.stale(); // nor were the row visits
        }
        mode = Mode.SEARCH;
    }

    /**
     * The state at the start of a candidate period, and where its instructions begin in the record. As a waypoint of
     * the replayed period, its offset, base, counters and ranks are made relative to the period's start.
     */
    static final class Mark {
        final StateImage image = new StateImage();
        long hash;
        long base;
        long[] counters;
        long[] ranks;
        /** Port choices logged before this mark ({@link PortTable#choiceLogPosition}). */
        int choices;
        int offset;
    }

    private void grow() {
        int n = pcs.length * 2;
        pcs = java.util.Arrays.copyOf(pcs, n);
        widths = java.util.Arrays.copyOf(widths, n);
        stores = java.util.Arrays.copyOf(stores, n);
        issues = java.util.Arrays.copyOf(issues, n);
        answers = java.util.Arrays.copyOf(answers, n);
        retires = java.util.Arrays.copyOf(retires, n);
        addresses = java.util.Arrays.copyOf(addresses, n);
    }

    /** The core's state now, at {@link #position}, as a waypoint of a period that began with these counters, ranks. */
    private Mark waypointHere(long[] countersAtStart, long[] ranksAtStart) {
        Mark m = new Mark();
        core.capture(m.image);
        m.hash = m.image.hash();
        m.base = core.dispatchCycle() - periodStart;
        m.counters = minus(core.counters(), countersAtStart);
        m.ranks = minus(core.portRanks(), ranksAtStart);
        m.offset = position;
        return m;
    }

    /** a - b, element by element (growth of counters or ranks over a period or a row). */
    static long[] minus(long[] a, long[] b) {
        long[] d = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    static long[] plus(long[] a, long[] growth, long times) {
        long[] r = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i] + growth[i] * times;
        }
        return r;
    }
}
