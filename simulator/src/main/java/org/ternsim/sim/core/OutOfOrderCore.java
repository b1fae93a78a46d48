// A cycle-approximate out-of-order core driven by the interpreter: dispatch, ports, execute/memory, retire.
package org.ternsim.sim.core;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ternsim.isa.Interpreter;
import org.ternsim.isa.Program;
import org.ternsim.isa.Reg;
import org.ternsim.isa.uarch.CoreParams;
import org.ternsim.isa.uarch.Microarchitecture;
import org.ternsim.sim.mem.MemoryHierarchy;

/**
 * Each executed instruction gets timestamps stage by stage, in program order, as in an instruction-window model:
 * <ol>
 *   <li>dispatch: at most {@code dispatchWidth} per cycle (a jcc fused with its flag setter takes no slot), and only
 *       when its ROB, load-queue or store-queue entry, and for a vector write a vector physical register
 *       ({@link VectorRegisterLimit}), has been freed by an older retirement, and for an FP-side op (one that
 *       touches a vector register) a slot in the FP non-scheduling queue where the table has one
 *       ({@link FpSchedulerQueue});</li>
 *   <li>issue: when its source registers are ready (an FP-side op also only after it has left that queue for a
 *       scheduler entry), each uop on the earliest free port it may use;</li>
 *   <li>execute: fixed latency from the timing table, and for loads the cache hierarchy's answer;</li>
 *   <li>retire: in order, at most {@code retireWidth} per cycle.</li>
 * </ol>
 * A loop period whose timing state provably repeats is replayed rather than timed op by op ({@link LoopReplay}), with
 * the same results.
 * Not modelled: the front end beyond dispatch width (these loops run from the op cache), branch mispredictions
 * (loop branches of fixed trip count are assumed predicted), integer scheduler capacity (and FP scheduler capacity
 * where the table gives no non-scheduling queue), memory disambiguation, and store-to-load
 * forwarding latency (stores here are output writes that nothing reloads).
 */
public final class OutOfOrderCore implements Interpreter.Listener {

    private final Microarchitecture uarch;
    private final CoreParams params;
    private final StaticInstruction[] code;
    private final MemoryHierarchy memory;
    private final PortTable ports;
    private final int vectorLoadExtra;
    private final int dispatchWidth;
    private final int retireWidth;
    /** L1 hit latency: an ideal load's latency, and how late a load-op's register operands may arrive after issue. */
    private final long l1HitLatency;

    private final long[] regReady = new long[Reg.DEPENDENCY_IDS];
    private final long[] idealReady = new long[Reg.DEPENDENCY_IDS];
    /*
     * Late forwarding of multiply-accumulates: when a register was last written by a form with an accumulate
     * group, accGroupOf holds that group's id and accReady / idealAccReady when the value may enter the accumulator
     * operand of a form of the same group (Arm's "3(1)": issue + accumulate latency); -1 otherwise.
     */
    private final long[] accReady = new long[Reg.DEPENDENCY_IDS];
    private final long[] idealAccReady = new long[Reg.DEPENDENCY_IDS];
    private final int[] accGroupOf = new int[Reg.DEPENDENCY_IDS];
    private final long[] robRetire;
    private final long[] loadQueue;
    private final long[] storeQueue;
    private long sequence;
    private long loads;
    private long stores;
    /** sequence, loads and stores modulo their ring's length, kept incrementally (a long division shows in profiles). */
    private int robSlot;
    private final VectorRegisterLimit vectorRegisters;
    /** The FP non-scheduling queue and scheduler capacity; null when the table does not model them. */
    private final FpSchedulerQueue fpQueue;
    private int loadSlot;
    private int storeSlot;
    private long dispatchCycle;
    private int dispatchedThisCycle;
    private long dispatchSlots;
    private long lastRetire;
    private int retiredThisCycle;
    private long uops;
    private long dataflowEnd;
    /** Executions per static instruction; op counts, vector work and port demand are derived from it in stats(). */
    private final long[] executions;
    /* Per-pc constants of the hot path, flattened once per program (see DecodedProgram for the layout). */
    private static final int INFO = DecodedProgram.INFO;
    private static final int READ_FROM = DecodedProgram.READ_FROM;
    private static final int READ_TO = DecodedProgram.READ_TO;
    private static final int LATE_FROM = DecodedProgram.LATE_FROM;
    private static final int LATE_TO = DecodedProgram.LATE_TO;
    private static final int WRITE_FROM = DecodedProgram.WRITE_FROM;
    private static final int WRITE_TO = DecodedProgram.WRITE_TO;
    private static final int UOP_FROM = DecodedProgram.UOP_FROM;
    private static final int UOP_TO = DecodedProgram.UOP_TO;
    private static final int LATENCY = DecodedProgram.LATENCY;
    private static final int OCCUPANCY = DecodedProgram.OCCUPANCY;
    private static final int FLAGS = DecodedProgram.FLAGS;
    private static final int ACC_REG = DecodedProgram.ACC_REG;
    private static final int ACC_GROUP = DecodedProgram.ACC_GROUP;
    private static final int ACC_LATENCY = DecodedProgram.ACC_LATENCY;
    private static final int ZERO_IDIOM = DecodedProgram.ZERO_IDIOM;
    private static final int FUSED = DecodedProgram.FUSED;
    private static final int VECTOR_LOAD = DecodedProgram.VECTOR_LOAD;
    private static final int WRITES_VECTOR = DecodedProgram.WRITES_VECTOR;
    private static final int FP_SIDE = DecodedProgram.FP_SIDE;
    static final int LOOP_EDGE = DecodedProgram.LOOP_EDGE;
    static final int LOOP_HEAD = DecodedProgram.LOOP_HEAD;
    static final int ROW_HEAD = DecodedProgram.ROW_HEAD;
    /** Shared with every core of the same program and microarchitecture: never written after construction. */
    private final int[] pcInfo;
    private final int[] regIds;
    private final int[] uopSet;
    private final long[] uopMask;
    /** One detector per innermost loop; the LOOP_EDGE flag marks the pcs they watch (loop heads and branches). */
    private final SteadyStateDetector[] detectors;
    /**
     * Per pc, the detectors whose loop starts or closes there, in the order of {@link #detectors} (null where none):
     * the others ignore the pc, and each replayed period passes thousands of loop edges to them.
     */
    private final SteadyStateDetector[][] edgeDetectors;
    /** The last cycle passed to the port table's horizon (it only moves forward). */
    private long horizon;
    private TimingObserver observer;
    private StallObserver stalls;
    private int previousPc = -1;
    private int[] portBuffer = new int[8];
    /** Passed to {@link #time} when the memory system is still to be asked. */
    static final long NO_ANSWER = Long.MIN_VALUE;
    /** Whether cores replay repeating loop periods ({@link LoopReplay}); -Dternsim.replay=false times every op. */
    private static final boolean REPLAY = !"false".equals(System.getProperty("ternsim.replay"));
    /** Null when switched off, or once an observer wants every instruction's timestamps. */
    private LoopReplay replay;
    /** The heads the replay sees outside its recordings and replays: loop and row heads, or row heads only. */
    private int replayHeads = LOOP_HEAD | ROW_HEAD;
    /** Instructions replayed by a replay that has since been switched off. */
    private long replayedBeforeStop;
    /** Set while a replay re-times instructions whose dataflow schedule it has already run. */
    private boolean skipDataflow;
    /* The latest timed instruction's first issue, data-ready and retire cycles (what a replay records). */
    long lastIssue;
    long lastDataReady;
    long lastRetired;

    public OutOfOrderCore(Program program, Microarchitecture uarch, MemoryHierarchy memory) {
        this.uarch = uarch;
        this.params = uarch.core();
        this.memory = memory;
        DecodedProgram decoded = DecodedProgram.of(program, uarch);
        this.code = decoded.code;
        this.executions = new long[code.length];
        this.pcInfo = decoded.pcInfo;
        this.regIds = decoded.regIds;
        this.uopSet = decoded.uopSet;
        this.uopMask = decoded.uopMask;
        this.ports = new PortTable(uarch.ports().size(), decoded.portSetMasks);
        java.util.Arrays.fill(accGroupOf, -1);
        this.l1HitLatency = memory.levels().get(0).hitLatency();
        this.robRetire = new long[params.robSize()];
        this.vectorRegisters = new VectorRegisterLimit(params.vectorRenameRegisters());
        this.fpQueue = params.fpNonSchedulingQueue() > 0
            ? new FpSchedulerQueue(params.fpNonSchedulingQueue(), params.fpSchedulerSize()) : null;
        this.loadQueue = new long[params.loadQueue()];
        this.storeQueue = new long[params.storeQueue()];
        this.dispatchWidth = params.dispatchWidth();
        this.retireWidth = params.retireWidth();
        this.vectorLoadExtra = Math.max(0, params.loadToUseVec() - params.loadToUseInt());
        this.detectors = new SteadyStateDetector[decoded.innerLoops.size()];
        for (int i = 0; i < detectors.length; i++) {
            detectors[i] = new SteadyStateDetector(decoded.innerLoops.get(i));
        }
        this.edgeDetectors = new SteadyStateDetector[code.length][];
        for (SteadyStateDetector d : detectors) {
            addEdgeDetector(d.loop().startPc(), d);
            if (d.loop().branchPc() != d.loop().startPc()) {
                addEdgeDetector(d.loop().branchPc(), d);
            }
        }
        this.replay = REPLAY && detectors.length > 0 ? new LoopReplay(this, memory) : null;
    }

    private void addEdgeDetector(int pc, SteadyStateDetector d) {
        SteadyStateDetector[] at = edgeDetectors[pc];
        at = at == null ? new SteadyStateDetector[1] : java.util.Arrays.copyOf(at, at.length + 1);
        at[at.length - 1] = d;
        edgeDetectors[pc] = at;
    }

    /** Times every instruction from now on, replaying none (for tests that compare the two). */
    public void timeEveryInstruction() {
        stopReplay();
    }

    /** Replays proved loop periods only, keeping no rows ({@link RowMemo}; for tests of the period search). */
    void keepNoRows() {
        if (replay != null) {
            replay.keepNoRows();
        }
    }

    /** Instructions whose timing was replayed from an earlier, identical loop period rather than modelled again. */
    public long replayedInstructions() {
        return replay == null ? replayedBeforeStop : replay.replayed();
    }

    private void stopReplay() {
        if (replay != null) {
            replay.settle();
            replayedBeforeStop = replay.replayed();
            replay = null;
        }
    }

    /** Whether the instruction at {@code pc} is a jcc macro-fused with the flag setter before it. */
    public boolean fusedWithPrevious(int pc) {
        return code[pc].fusedWithPrevious();
    }

    /** Receives every instruction's stage timestamps from now on (null: none). */
    public void observe(TimingObserver observer) {
        if (observer != null) {
            stopReplay();
        }
        this.observer = observer;
    }

    /** Receives dispatch stalls by cause from now on (null: none); costs nothing when unset and changes no timing. */
    public void observeStalls(StallObserver stalls) {
        if (stalls != null) {
            stopReplay();
        }
        this.stalls = stalls;
    }

    /**
     * The steady state of the innermost loop that ran the most iterations, empty when the program has no loop or
     * none of its loops ran two iterations. Use it to extrapolate a long run from a short one.
     */
    public Optional<SteadyState> steadyState() {
        settle();
        SteadyStateDetector best = null;
        for (SteadyStateDetector d : detectors) {
            if (best == null || d.iterations() > best.iterations()) {
                best = d;
            }
        }
        if (best == null || best.result().measured() == 0) {
            return Optional.empty();
        }
        return Optional.of(best.result());
    }

    /** Steady state of every innermost loop, in program order (loops that never ran included). */
    public List<SteadyState> loopSteadyStates() {
        settle();
        return java.util.Arrays.stream(detectors).map(SteadyStateDetector::result).toList();
    }

    @Override
    public void retired(int pc, long memAddress, int memBytes, boolean store) {
        LoopReplay r = replay;
        if (r != null && (r.engaged() || (pcInfo[pc * INFO + FLAGS] & replayHeads) != 0)) {
            r.retired(pc, memAddress, memBytes, store);
        } else {
            time(pc, memAddress, memBytes, store, NO_ANSWER);
        }
    }

    /**
     * Times one instruction. {@code memoryAnswer} is the cycle its data is ready when the memory system has already
     * been asked (a replay that stopped part-way re-times what it replayed), else {@link #NO_ANSWER}.
     */
    void time(int pc, long memAddress, int memBytes, boolean store, long memoryAnswer) {
        final int[] info = pcInfo;
        final int at = pc * INFO;
        boolean isLoad = memBytes > 0 && !store;
        boolean isStore = memBytes > 0 && store;
        int f = info[at + FLAGS];
        boolean writesVector = (f & WRITES_VECTOR) != 0;
        boolean fpSide = (f & FP_SIDE) != 0 && fpQueue != null;
        long dispatch = dispatch((f & FUSED) != 0, writesVector, fpSide, isLoad, isStore);

        // An FP op may issue only after it has left the NSQ; a load's memory access does not wait for that (the
        // NSQ offers the load to the FP side while the load/store unit fetches its data, US 2021/0117196).
        long fpEnter = fpSide ? fpQueue.enter(dispatch) : dispatch;
        long ready = (isLoad ? dispatch : fpEnter) + 1;
        // The dataflow schedule (see dataflow(), which a replay runs alone) is computed alongside: one pass over the
        // sources serves both, which the hot path needs.
        long idealStart = 0;
        final int[] ids = regIds;
        final long[] regReadyAt = regReady;
        final long[] idealReadyAt = idealReady;
        for (int i = info[at + READ_FROM], end = info[at + READ_TO]; i < end; i++) {
            int r = ids[i];
            ready = Math.max(ready, regReadyAt[r]);
            idealStart = Math.max(idealStart, idealReadyAt[r]);
        }
        int acc = info[at + ACC_REG];
        int accGroup = info[at + ACC_GROUP];
        if (acc >= 0) {
            boolean forwarded = accGroupOf[acc] == accGroup;
            ready = Math.max(ready, forwarded ? accReady[acc] : regReadyAt[acc]);
            idealStart = Math.max(idealStart, forwarded ? idealAccReady[acc] : idealReadyAt[acc]);
        }
        int lateFrom = info[at + LATE_FROM];
        int lateTo = info[at + LATE_TO];
        if (lateTo > lateFrom) {
            long advance = l1HitLatency + ((f & VECTOR_LOAD) != 0 ? vectorLoadExtra : 0);
            for (int i = lateFrom; i < lateTo; i++) {
                int r = ids[i];
                ready = Math.max(ready, regReadyAt[r] - advance);
                idealStart = Math.max(idealStart, idealReadyAt[r] - advance);
            }
        }
        long complete;
        long idealComplete;
        long firstIssue = ready;
        long dataReady = 0;
        int placed = 0;
        if ((f & ZERO_IDIOM) != 0) {
            complete = dispatch;
            idealComplete = idealStart;
        } else {
            int lat = info[at + LATENCY];
            int occ = info[at + OCCUPANCY];
            firstIssue = Long.MAX_VALUE;
            long lastDone = ready;
            int uFrom = info[at + UOP_FROM];
            int uEnd = info[at + UOP_TO];
            for (int u = uFrom; u < uEnd; u++) {
                long issue = ports.reserve(uopSet[u], uopMask[u], ready, occ);
                firstIssue = Math.min(firstIssue, issue);
                lastDone = Math.max(lastDone, issue + lat);
                if (observer != null) {
                    if (placed == portBuffer.length) {
                        portBuffer = java.util.Arrays.copyOf(portBuffer, placed * 2);
                    }
                    portBuffer[placed++] = ports.lastPort();
                }
            }
            uops += uEnd - uFrom;
            if (firstIssue == Long.MAX_VALUE) {
                firstIssue = ready;
            }
            complete = lastDone;
            idealComplete = idealStart + lat;
            long leftScheduler = lastDone - lat;
            if (memBytes > 0) {
                dataReady = memoryAnswer == NO_ANSWER ? memory.access(memAddress, memBytes, store, firstIssue)
                    : memoryAnswer;
                if (store) {
                    complete = Math.max(complete, firstIssue + 1);
                } else {
                    int extra = (f & VECTOR_LOAD) != 0 ? vectorLoadExtra : 0;
                    complete = Math.max(complete, Math.max(dataReady + extra, fpEnter + 1) + lat);
                    idealComplete = idealStart + l1HitLatency + extra + lat;
                    // the FP side's load op waits in its scheduler entry for the data (US 2021/0117196)
                    leftScheduler = Math.max(leftScheduler, complete - lat);
                }
            }
            if (fpSide) {
                fpQueue.issued(leftScheduler);
            }
        }
        int early = accGroup < 0 ? 0 : info[at + LATENCY] - info[at + ACC_LATENCY];
        // A replay re-timing instructions whose dataflow schedule it has already run leaves that schedule alone.
        boolean ideal = !skipDataflow;
        for (int i = info[at + WRITE_FROM], end = info[at + WRITE_TO]; i < end; i++) {
            int w = ids[i];
            regReadyAt[w] = complete;
            accReady[w] = complete - early;
            if (ideal) {
                idealReadyAt[w] = idealComplete;
                idealAccReady[w] = idealComplete - early;
            }
            accGroupOf[w] = accGroup;
        }
        if (ideal) {
            dataflowEnd = Math.max(dataflowEnd, idealComplete);
        }
        long retired = retire(complete, writesVector, isLoad, isStore);
        executions[pc]++;
        if ((f & LOOP_EDGE) != 0) {
            for (SteadyStateDetector d : edgeDetectors[pc]) {
                d.timed(pc, previousPc, retired);
            }
        }
        previousPc = pc;
        lastIssue = firstIssue;
        lastDataReady = dataReady;
        lastRetired = retired;
        if (observer != null) {
            observer.timed(pc, dispatch, firstIssue, complete, retired, portBuffer, placed);
        }
    }

    /**
     * The ideal dataflow schedule (every op issues as soon as its sources are ready, loads hit L1, no resource
     * limits) of one instruction, for the critical-path bound; it also records which accumulate group wrote each
     * destination. It reads nothing of the real schedule, so a replayed loop runs it alone.
     */
    void dataflow(int pc, boolean isLoad) {
        final int[] info = pcInfo;
        final int at = pc * INFO;
        final int[] ids = regIds;
        final long[] idealReadyAt = idealReady;
        int f = info[at + FLAGS];
        long idealStart = 0;
        for (int i = info[at + READ_FROM], end = info[at + READ_TO]; i < end; i++) {
            idealStart = Math.max(idealStart, idealReadyAt[ids[i]]);
        }
        int acc = info[at + ACC_REG];
        int accGroup = info[at + ACC_GROUP];
        if (acc >= 0) {
            idealStart = Math.max(idealStart, accGroupOf[acc] == accGroup ? idealAccReady[acc] : idealReadyAt[acc]);
        }
        int lateFrom = info[at + LATE_FROM];
        int lateTo = info[at + LATE_TO];
        if (lateTo > lateFrom) {
            long advance = l1HitLatency + ((f & VECTOR_LOAD) != 0 ? vectorLoadExtra : 0);
            for (int i = lateFrom; i < lateTo; i++) {
                idealStart = Math.max(idealStart, idealReadyAt[ids[i]] - advance);
            }
        }
        long idealComplete;
        if ((f & ZERO_IDIOM) != 0) {
            idealComplete = idealStart;
        } else if (isLoad) {
            idealComplete = idealStart + l1HitLatency + ((f & VECTOR_LOAD) != 0 ? vectorLoadExtra : 0)
                + info[at + LATENCY];
        } else {
            idealComplete = idealStart + info[at + LATENCY];
        }
        int early = accGroup < 0 ? 0 : info[at + LATENCY] - info[at + ACC_LATENCY];
        for (int i = info[at + WRITE_FROM], end = info[at + WRITE_TO]; i < end; i++) {
            int w = ids[i];
            idealReadyAt[w] = idealComplete;
            idealAccReady[w] = idealComplete - early;
            accGroupOf[w] = accGroup;
        }
        dataflowEnd = Math.max(dataflowEnd, idealComplete);
    }

    private long dispatch(boolean fused, boolean writesVector, boolean fpSide, boolean isLoad, boolean isStore) {
        // The ROB, load and store queue rings start at 0 and an unwritten slot bounds nothing (cycles are >= 0), so
        // they need no "has it wrapped yet" test: that branch flips once per run, and C2 deoptimised this method on it.
        long earliest = Math.max(dispatchCycle, robRetire[robSlot]);
        if (writesVector) {
            earliest = Math.max(earliest, vectorRegisters.earliestDispatch());
        }
        if (fpSide) {
            earliest = Math.max(earliest, fpQueue.earliestDispatch());
        }
        if (isLoad) {
            earliest = Math.max(earliest, loadQueue[loadSlot]);
        }
        if (isStore) {
            earliest = Math.max(earliest, storeQueue[storeSlot]);
        }
        if (earliest > dispatchCycle) {
            if (stalls != null) {
                stalls.stalled(stallCause(earliest, writesVector, fpSide, isLoad, isStore), dispatchCycle,
                    earliest - dispatchCycle);
            }
            dispatchCycle = earliest;
            dispatchedThisCycle = 0;
        }
        int slots = fused ? 0 : 1;
        if (dispatchedThisCycle + slots > dispatchWidth) {
            dispatchCycle++;
            dispatchedThisCycle = 0;
        }
        dispatchedThisCycle += slots;
        dispatchSlots += slots;
        if (dispatchCycle != horizon) {
            ports.advanceHorizon(dispatchCycle);
            horizon = dispatchCycle;
        }
        return dispatchCycle;
    }

    /** Which full resource set {@code earliest} (only called with a stall observer attached). */
    private StallObserver.Cause stallCause(long earliest, boolean writesVector, boolean fpSide, boolean isLoad,
                                           boolean isStore) {
        if (isLoad && loads >= loadQueue.length && loadQueue[loadSlot] == earliest) {
            return StallObserver.Cause.LOAD_QUEUE_FULL;
        }
        if (isStore && stores >= storeQueue.length && storeQueue[storeSlot] == earliest) {
            return StallObserver.Cause.STORE_QUEUE_FULL;
        }
        if (robRetire[robSlot] == earliest) {
            return StallObserver.Cause.ROB_FULL;
        }
        if (writesVector && vectorRegisters.earliestDispatch() == earliest) {
            return StallObserver.Cause.VECTOR_REGISTERS_FULL;
        }
        return fpSide && fpQueue.earliestDispatch() == earliest ? StallObserver.Cause.FP_QUEUE_FULL
            : StallObserver.Cause.ROB_FULL;
    }

    private long retire(long complete, boolean writesVector, boolean isLoad, boolean isStore) {
        long at = Math.max(complete, lastRetire);
        if (at == lastRetire) {
            if (retiredThisCycle >= retireWidth) {
                at++;
                retiredThisCycle = 0;
            }
        } else {
            retiredThisCycle = 0;
        }
        retiredThisCycle++;
        lastRetire = at;
        robRetire[robSlot] = at;
        robSlot = next(robSlot, robRetire.length);
        sequence++;
        if (writesVector) {
            vectorRegisters.retired(at);
        }
        if (isLoad) {
            loadQueue[loadSlot] = at;
            loadSlot = next(loadSlot, loadQueue.length);
            loads++;
        }
        if (isStore) {
            storeQueue[storeSlot] = at;
            storeSlot = next(storeSlot, storeQueue.length);
            stores++;
        }
        return at;
    }

    /** Finishes a replay left part-way through a period, so that the statistics count every instruction. */
    private void settle() {
        if (replay != null) {
            replay.settle();
        }
    }

    // ---- what LoopReplay reads and sets ----

    /** The replay's period search has stopped: only row heads (for its row memo) go to it from now on. */
    void routeRowHeadsOnly() {
        replayHeads = ROW_HEAD;
    }

    /** Segments of replayed memo rows whose dataflow schedule ran by a map (0 once the replay is off). */
    long dataflowSegmentsByMap() {
        return replay == null ? 0 : replay.dataflowSegmentsByMap();
    }

    /** Whether the replay's period search has stopped for good ({@link #routeRowHeadsOnly}). */
    boolean periodSearchStopped() {
        return replayHeads == ROW_HEAD;
    }

    int flags(int pc) {
        return pcInfo[pc * INFO + FLAGS];
    }

    long dispatchCycle() {
        return dispatchCycle;
    }

    /** Instructions timed or replayed so far. */
    long sequence() {
        return sequence;
    }

    /**
     * Writes the timing state to {@code image}, relative to the dispatch cycle: register ready cycles no later than
     * the next issue could be count as that cycle, ring entries no later than the dispatch cycle as it.
     */
    void capture(StateImage image) {
        long base = dispatchCycle;
        image.put(dispatchedThisCycle);
        image.put(lastRetire - base);
        image.put(retiredThisCycle);
        image.put(previousPc);
        for (int r = 0; r < regReady.length; r++) {
            image.putCycle(regReady[r], base, 1);
            image.putCycle(accReady[r], base, 1);
            image.put(accGroupOf[r]);
        }
        image.putRing(robRetire, robSlot, base, 0);
        image.putRing(loadQueue, loadSlot, base, 0);
        image.putRing(storeQueue, storeSlot, base, 0);
        vectorRegisters.capture(image, base);
        if (fpQueue != null) {
            fpQueue.capture(image, base);
        }
        ports.capture(image, base);
    }

    /** Sets the timing state from {@code image} at dispatch cycle {@code base}, with these counters and port ranks. */
    void restore(StateImage image, long base, long[] counters, long[] portRanks) {
        image.rewind();
        dispatchCycle = base;
        dispatchedThisCycle = (int) image.next();
        lastRetire = image.next() + base;
        retiredThisCycle = (int) image.next();
        previousPc = (int) image.next();
        for (int r = 0; r < regReady.length; r++) {
            regReady[r] = image.next() + base;
            accReady[r] = image.next() + base;
            accGroupOf[r] = (int) image.next();
        }
        image.readRing(robRetire, base);
        image.readRing(loadQueue, base);
        image.readRing(storeQueue, base);
        robSlot = 0;
        loadSlot = 0;
        storeSlot = 0;
        vectorRegisters.restore(image, base);
        if (fpQueue != null) {
            fpQueue.restore(image, base);
        }
        ports.restore(image, base, portRanks);
        horizon = dispatchCycle;
        sequence = counters[0];
        loads = counters[1];
        stores = counters[2];
        uops = counters[3];
        dispatchSlots = counters[4];
    }

    /** The counters {@link #restore} takes: instructions, loads, stores, uops, dispatch slots. */
    long[] counters() {
        return new long[] {sequence, loads, stores, uops, dispatchSlots};
    }

    long[] portRanks() {
        return ports.ranks();
    }

    /** See {@link PortTable#mayRepeatChoices}. */
    boolean portChoicesMayRepeat(long[] then, long[] now) {
        return ports.mayRepeatChoices(then, now);
    }

    /** See {@link PortTable#repeatsChoices}. */
    boolean portChoicesRepeat(long[] then, long[] now, long[] low, long[] high) {
        return ports.repeatsChoices(then, now, low, high);
    }

    /** See {@link PortTable#keepsChoices}. */
    boolean portChoicesKept(long[] then, long[] start, long[] decided) {
        return ports.keepsChoices(then, start, decided);
    }

    /** See {@link PortTable#startChoiceLog}: on from an empty log, or off. */
    void logPortChoices(boolean on) {
        if (on) {
            ports.startChoiceLog();
        } else {
            ports.stopChoiceLog();
        }
    }

    /** Logs port choices from now on, keeping what a log already on holds (positions taken in it stay valid). */
    void keepLoggingPortChoices() {
        ports.continueChoiceLog();
    }

    /** The pc timed last (part of the state image). */
    int previousPc() {
        return previousPc;
    }

    int portChoiceLogPosition() {
        return ports.choiceLogPosition();
    }

    /** See {@link PortTable#rankDifferenceRange}. */
    long[][] portRankRange(long[] startRanks, int from, int to) {
        return ports.rankDifferenceRange(startRanks, from, to);
    }

    /** See {@link PortTable#decidedMargins}. */
    long[] portDecidedMargins(long[] startRanks, int from, int to) {
        return ports.decidedMargins(startRanks, from, to);
    }

    /** The dataflow schedule's state ({@link #dataflow}), to go back to when a replayed period is re-timed. */
    void saveDataflow(long[] into) {
        System.arraycopy(idealReady, 0, into, 0, idealReady.length);
        System.arraycopy(idealAccReady, 0, into, idealReady.length, idealAccReady.length);
        into[2 * idealReady.length] = dataflowEnd;
    }

    void restoreDataflow(long[] from) {
        System.arraycopy(from, 0, idealReady, 0, idealReady.length);
        System.arraycopy(from, idealReady.length, idealAccReady, 0, idealAccReady.length);
        dataflowEnd = from[2 * idealReady.length];
    }

    void skipDataflow(boolean skip) {
        skipDataflow = skip;
    }

    int dataflowSize() {
        return 2 * idealReady.length + 1;
    }

    /** Each register's current accumulate group (see {@link #dataflow}). */
    int[] accumulateGroups() {
        return accGroupOf.clone();
    }

    boolean accumulateGroupsAre(int[] groups) {
        return java.util.Arrays.equals(accGroupOf, groups);
    }

    void setAccumulateGroups(int[] groups) {
        System.arraycopy(groups, 0, accGroupOf, 0, accGroupOf.length);
    }

    DataflowRules dataflowRules() {
        return new DataflowRules(pcInfo, regIds, l1HitLatency, vectorLoadExtra);
    }

    /** Replayed instructions: {@code counts[i]} more executions of {@code pcs[i]}. */
    void replayed(int[] pcs, long[] counts) {
        for (int i = 0; i < pcs.length; i++) {
            executions[pcs[i]] += counts[i];
        }
    }

    /** Replayed instructions {@code pcs[from..to)}: one more execution each. */
    void replayed(int[] pcs, int from, int to) {
        for (int j = from; j < to; j++) {
            executions[pcs[j]]++;
        }
    }

    /** Replayed instructions {@code pcs[from..to)} of a memo row: one more execution each. */
    void replayed(char[] pcs, int from, int to) {
        for (int j = from; j < to; j++) {
            executions[pcs[j]]++;
        }
    }

    /** A replayed loop head or closing branch, shown to the steady-state detectors with its replayed retire cycle. */
    void replayedEdge(int pc, int previous, long retire) {
        for (SteadyStateDetector d : edgeDetectors[pc]) {
            d.timed(pc, previous, retire);
        }
    }

    boolean loopEdge(int pc) {
        return (pcInfo[pc * INFO + FLAGS] & LOOP_EDGE) != 0;
    }

    private static int next(int slot, int length) {
        return slot + 1 == length ? 0 : slot + 1;
    }

    /** Statistics after the program has run; cycles count from 0 to the last retirement inclusive. */
    public CoreStats stats() {
        settle();
        long[] busy = ports.busyCycles();
        int busiest = 0;
        for (int p = 1; p < busy.length; p++) {
            if (busy[p] > busy[busiest]) {
                busiest = p;
            }
        }
        Map<OpClass, Long> opCounts = CoreStats.emptyCounts();
        Map<OpClass, Double> vectorWork = new EnumMap<>(OpClass.class);
        Map<Long, Long> portCyclesByMask = new java.util.HashMap<>();
        for (int pc = 0; pc < code.length; pc++) {
            long n = executions[pc];
            if (n == 0) {
                continue;
            }
            StaticInstruction si = code[pc];
            opCounts.merge(si.opClass(), n, Long::sum);
            if (si.vectorBytes() > 0) {
                // Exact: vectorBytes / 32 is a multiple of 1/2, so n times it equals n repeated additions.
                vectorWork.merge(si.opClass(), n * (si.vectorBytes() / 32.0), Double::sum);
            }
            if (!si.zeroIdiom()) {
                for (int t = 0; t < si.portMasks().length; t++) {
                    portCyclesByMask.merge(si.portMasks()[t], n * si.portCounts()[t] * si.desc().occupancy(), Long::sum);
                }
            }
        }
        List<String> names = uarch.ports();
        long dispatchBound = (dispatchSlots + params.dispatchWidth() - 1) / params.dispatchWidth();
        return new CoreStats(sequence == 0 ? 0 : lastRetire + 1, sequence, uops, loads, stores, Map.copyOf(opCounts),
            Map.copyOf(vectorWork), names, busy, dispatchBound, PortBound.of(portCyclesByMask),
            names.isEmpty() ? "-" : names.get(busiest), dataflowEnd);
    }
}
