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
    /*
     * Per-pc constants of the hot path, flattened into primitive arrays once (reading them through the
     * StaticInstruction record, its InstrDesc and per-instruction arrays was a third of the detailed run's time):
     * pc's source registers are readIds[readStart[pc] .. readStart[pc + 1]), its destinations likewise in writeIds,
     * and its uops, one entry per uop in timing-table order, uopSet (dense port-set id) and uopMask (port bit mask).
     */
    private final int[] readStart;
    private final int[] readIds;
    private final int[] writeStart;
    private final int[] writeIds;
    /** Load-op register sources that may arrive after the load issues (StaticInstruction.lateReads), likewise. */
    private final int[] lateStart;
    private final int[] lateIds;
    private final int[] uopStart;
    private final int[] uopSet;
    private final long[] uopMask;
    private final int[] latency;
    private final int[] occupancy;
    /** Bit flags per pc: ZERO_IDIOM, FUSED, VECTOR_LOAD, WRITES_VECTOR, FP_SIDE. */
    private final byte[] flags;
    private static final byte ZERO_IDIOM = 1;
    private static final byte FUSED = 2;
    private static final byte VECTOR_LOAD = 4;
    private static final byte WRITES_VECTOR = 8;
    private static final byte FP_SIDE = 16;
    /** One detector per innermost loop; {@code atLoopEdge[pc]} marks the pcs they watch (loop heads and branches). */
    private final SteadyStateDetector[] detectors;
    private final boolean[] atLoopEdge;
    private TimingObserver observer;
    private StallObserver stalls;
    private int previousPc = -1;
    private int[] portBuffer = new int[8];

    public OutOfOrderCore(Program program, Microarchitecture uarch, MemoryHierarchy memory) {
        this.uarch = uarch;
        this.params = uarch.core();
        this.memory = memory;
        this.code = new StaticInstruction[program.code().size()];
        for (int pc = 0; pc < code.length; pc++) {
            code[pc] = StaticInstruction.decode(program.code().get(pc), pc == 0 ? null : program.code().get(pc - 1), uarch);
        }
        this.executions = new long[code.length];
        int n = code.length;
        readStart = new int[n + 1];
        writeStart = new int[n + 1];
        lateStart = new int[n + 1];
        uopStart = new int[n + 1];
        latency = new int[n];
        occupancy = new int[n];
        flags = new byte[n];
        for (int pc = 0; pc < n; pc++) {
            StaticInstruction si = code[pc];
            readStart[pc + 1] = readStart[pc] + si.reads().length;
            writeStart[pc + 1] = writeStart[pc] + si.writes().length;
            lateStart[pc + 1] = lateStart[pc] + si.lateReads().length;
            int uopsHere = 0;
            if (!si.zeroIdiom()) {
                for (int count : si.portCounts()) {
                    uopsHere += count;
                }
            }
            uopStart[pc + 1] = uopStart[pc] + uopsHere;
            latency[pc] = si.desc().latency();
            occupancy[pc] = si.desc().occupancy();
            flags[pc] = (byte) ((si.zeroIdiom() ? ZERO_IDIOM : 0) | (si.fusedWithPrevious() ? FUSED : 0)
                | (si.vectorLoad() ? VECTOR_LOAD : 0) | (si.writesVector() ? WRITES_VECTOR : 0)
                | (!si.zeroIdiom() && si.usesVector() ? FP_SIDE : 0));
        }
        readIds = new int[readStart[n]];
        writeIds = new int[writeStart[n]];
        lateIds = new int[lateStart[n]];
        uopSet = new int[uopStart[n]];
        uopMask = new long[uopStart[n]];
        Map<Long, Integer> setIds = new java.util.HashMap<>();
        for (int pc = 0; pc < n; pc++) {
            StaticInstruction si = code[pc];
            System.arraycopy(si.reads(), 0, readIds, readStart[pc], si.reads().length);
            System.arraycopy(si.writes(), 0, writeIds, writeStart[pc], si.writes().length);
            System.arraycopy(si.lateReads(), 0, lateIds, lateStart[pc], si.lateReads().length);
            int u = uopStart[pc];
            for (int t = 0; u < uopStart[pc + 1] && t < si.portMasks().length; t++) {
                int set = setIds.computeIfAbsent(si.portMasks()[t], m -> setIds.size());
                for (int k = 0; k < si.portCounts()[t]; k++) {
                    uopSet[u] = set;
                    uopMask[u] = si.portMasks()[t];
                    u++;
                }
            }
        }
        this.ports = new PortTable(uarch.ports().size(), setIds.size());
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
        List<Loop> inner = Loop.innermost(program);
        this.detectors = new SteadyStateDetector[inner.size()];
        this.atLoopEdge = new boolean[code.length];
        for (int i = 0; i < detectors.length; i++) {
            detectors[i] = new SteadyStateDetector(inner.get(i));
            atLoopEdge[inner.get(i).startPc()] = true;
            atLoopEdge[inner.get(i).branchPc()] = true;
        }
    }

    /** Whether the instruction at {@code pc} is a jcc macro-fused with the flag setter before it. */
    public boolean fusedWithPrevious(int pc) {
        return code[pc].fusedWithPrevious();
    }

    /** Receives every instruction's stage timestamps from now on (null: none). */
    public void observe(TimingObserver observer) {
        this.observer = observer;
    }

    /** Receives dispatch stalls by cause from now on (null: none); costs nothing when unset and changes no timing. */
    public void observeStalls(StallObserver stalls) {
        this.stalls = stalls;
    }

    /**
     * The steady state of the innermost loop that ran the most iterations, empty when the program has no loop or
     * none of its loops ran two iterations. Use it to extrapolate a long run from a short one.
     */
    public Optional<SteadyState> steadyState() {
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
        return java.util.Arrays.stream(detectors).map(SteadyStateDetector::result).toList();
    }

    @Override
    public void retired(int pc, long memAddress, int memBytes, boolean store) {
        boolean isLoad = memBytes > 0 && !store;
        boolean isStore = memBytes > 0 && store;
        int f = flags[pc];
        boolean writesVector = (f & WRITES_VECTOR) != 0;
        boolean fpSide = fpQueue != null && (f & FP_SIDE) != 0;
        long dispatch = dispatch((f & FUSED) != 0, writesVector, fpSide, isLoad, isStore);

        // An FP op may issue only after it has left the NSQ; a load's memory access does not wait for that (the
        // NSQ offers the load to the FP side while the load/store unit fetches its data, US 2021/0117196).
        long fpEnter = fpSide ? fpQueue.enter(dispatch) : dispatch;
        long ready = (isLoad ? dispatch : fpEnter) + 1;
        long idealStart = 0;
        for (int i = readStart[pc], end = readStart[pc + 1]; i < end; i++) {
            int r = readIds[i];
            ready = Math.max(ready, regReady[r]);
            idealStart = Math.max(idealStart, idealReady[r]);
        }
        if (lateStart[pc + 1] > lateStart[pc]) {
            long advance = l1HitLatency + ((f & VECTOR_LOAD) != 0 ? vectorLoadExtra : 0);
            for (int i = lateStart[pc], end = lateStart[pc + 1]; i < end; i++) {
                int r = lateIds[i];
                ready = Math.max(ready, regReady[r] - advance);
                idealStart = Math.max(idealStart, idealReady[r] - advance);
            }
        }
        long complete;
        long idealComplete;
        long firstIssue = ready;
        int placed = 0;
        if ((f & ZERO_IDIOM) != 0) {
            complete = dispatch;
            idealComplete = idealStart;
        } else {
            int lat = latency[pc];
            int occ = occupancy[pc];
            firstIssue = Long.MAX_VALUE;
            long lastDone = ready;
            int uEnd = uopStart[pc + 1];
            for (int u = uopStart[pc]; u < uEnd; u++) {
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
            uops += uEnd - uopStart[pc];
            if (firstIssue == Long.MAX_VALUE) {
                firstIssue = ready;
            }
            complete = lastDone;
            idealComplete = idealStart + lat;
            long leftScheduler = lastDone - lat;
            if (memBytes > 0) {
                long dataReady = memory.access(memAddress, memBytes, store, firstIssue);
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
        for (int i = writeStart[pc], end = writeStart[pc + 1]; i < end; i++) {
            int w = writeIds[i];
            regReady[w] = complete;
            idealReady[w] = idealComplete;
        }
        dataflowEnd = Math.max(dataflowEnd, idealComplete);
        long retired = retire(complete, writesVector, isLoad, isStore);
        executions[pc]++;
        if (atLoopEdge[pc]) {
            for (SteadyStateDetector d : detectors) {
                d.timed(pc, previousPc, retired);
            }
        }
        previousPc = pc;
        if (observer != null) {
            observer.timed(pc, dispatch, firstIssue, complete, retired, portBuffer, placed);
        }
    }

    private long dispatch(boolean fused, boolean writesVector, boolean fpSide, boolean isLoad, boolean isStore) {
        long earliest = dispatchCycle;
        if (sequence >= robRetire.length) {
            earliest = Math.max(earliest, robRetire[robSlot]);
        }
        if (writesVector) {
            earliest = Math.max(earliest, vectorRegisters.earliestDispatch());
        }
        if (fpSide) {
            earliest = Math.max(earliest, fpQueue.earliestDispatch());
        }
        if (isLoad && loads >= loadQueue.length) {
            earliest = Math.max(earliest, loadQueue[loadSlot]);
        }
        if (isStore && stores >= storeQueue.length) {
            earliest = Math.max(earliest, storeQueue[storeSlot]);
        }
        if (earliest > dispatchCycle) {
            if (stalls != null) {
                stalls.stalled(stallCause(earliest, isLoad, isStore), dispatchCycle, earliest - dispatchCycle);
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
        ports.advanceHorizon(dispatchCycle);
        return dispatchCycle;
    }

    /** Which full resource set {@code earliest} (only called with a stall observer attached). */
    private StallObserver.Cause stallCause(long earliest, boolean isLoad, boolean isStore) {
        if (isLoad && loads >= loadQueue.length && loadQueue[loadSlot] == earliest) {
            return StallObserver.Cause.LOAD_QUEUE_FULL;
        }
        if (isStore && stores >= storeQueue.length && storeQueue[storeSlot] == earliest) {
            return StallObserver.Cause.STORE_QUEUE_FULL;
        }
        return StallObserver.Cause.ROB_FULL;
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

    private static int next(int slot, int length) {
        return slot + 1 == length ? 0 : slot + 1;
    }

    /** Statistics after the program has run; cycles count from 0 to the last retirement inclusive. */
    public CoreStats stats() {
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
