// A program decoded for one microarchitecture: per-pc timing constants in flat arrays, built once and shared by cores.
package org.ternsim.sim.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ternsim.isa.Program;
import org.ternsim.isa.uarch.Microarchitecture;

/**
 * Everything {@link OutOfOrderCore#retired} reads about a pc, flattened into primitive arrays (reading it through the
 * StaticInstruction record, its InstrDesc and per-instruction arrays was a third of the detailed run's time).
 * pcInfo holds INFO ints per pc, one cache line: the ranges of its source registers, late load-op sources and
 * destinations in regIds, the range of its uops in uopSet (dense port-set id) and uopMask (port bit mask), in
 * timing-table order, its latency, occupancy and flag bits.
 *
 * <p>Decoding is a pure function of the (immutable) program and microarchitecture, and nothing here is written after
 * construction, so cores built for the same pair share one instance: {@link #of} keeps the latest one, compared by
 * identity. A benchmark or a sweep that simulates one program many times then no longer decodes it per call (the
 * decode builds form strings and was ~2% of a 130,000-instruction detailed run).
 */
final class DecodedProgram {

    static final int INFO = 16;
    static final int READ_FROM = 0;
    static final int READ_TO = 1;
    static final int LATE_FROM = 2;
    static final int LATE_TO = 3;
    static final int WRITE_FROM = 4;
    static final int WRITE_TO = 5;
    static final int UOP_FROM = 6;
    static final int UOP_TO = 7;
    static final int LATENCY = 8;
    static final int OCCUPANCY = 9;
    static final int FLAGS = 10;
    /** The register read as the accumulator of a multiply-accumulate, or -1 (StaticInstruction.accumulator). */
    static final int ACC_REG = 11;
    /** Dense id of the form's accumulate group, -1 without late forwarding. */
    static final int ACC_GROUP = 12;
    static final int ACC_LATENCY = 13;
    static final int ZERO_IDIOM = 1;
    static final int FUSED = 2;
    static final int VECTOR_LOAD = 4;
    static final int WRITES_VECTOR = 8;
    static final int FP_SIDE = 16;
    /** The pc is a loop head or closing branch of an innermost loop (the steady-state detectors watch it). */
    static final int LOOP_EDGE = 32;
    /** The pc is the head of an innermost loop: where {@link LoopReplay} compares the core's state. */
    static final int LOOP_HEAD = 64;
    /** The pc is the head of a loop that holds another loop (a row): where {@link RowPeriodSearch} looks. */
    static final int ROW_HEAD = 128;

    private static volatile DecodedProgram latest;

    private final Program program;
    private final Microarchitecture uarch;
    final StaticInstruction[] code;
    final int[] pcInfo;
    final int[] regIds;
    final int[] uopSet;
    final long[] uopMask;
    /** How many distinct port masks the uops use (the dense ids in uopSet run from 0 to this). */
    final int portSets;
    /** The distinct port masks, indexed by their dense id. */
    final long[] portSetMasks;
    final List<Loop> innerLoops;

    /** The decoded form of {@code program} for {@code uarch}, reused when the previous call asked for the same pair. */
    static DecodedProgram of(Program program, Microarchitecture uarch) {
        DecodedProgram d = latest;
        if (d != null && d.program == program && d.uarch == uarch) {
            return d;
        }
        d = new DecodedProgram(program, uarch);
        latest = d;
        return d;
    }

    private DecodedProgram(Program program, Microarchitecture uarch) {
        this.program = program;
        this.uarch = uarch;
        int n = program.code().size();
        code = new StaticInstruction[n];
        for (int pc = 0; pc < n; pc++) {
            code[pc] = StaticInstruction.decode(program.code().get(pc), pc == 0 ? null : program.code().get(pc - 1), uarch);
        }
        pcInfo = new int[n * INFO];
        int regs = 0;
        int uopCount = 0;
        for (StaticInstruction si : code) {
            regs += si.reads().length + si.lateReads().length + si.writes().length;
            if (!si.zeroIdiom()) {
                for (int count : si.portCounts()) {
                    uopCount += count;
                }
            }
        }
        regIds = new int[regs];
        uopSet = new int[uopCount];
        uopMask = new long[uopCount];
        Map<Long, Integer> setIds = new HashMap<>();
        Map<String, Integer> accGroups = new HashMap<>();
        int r = 0;
        int u = 0;
        for (int pc = 0; pc < n; pc++) {
            StaticInstruction si = code[pc];
            int at = pc * INFO;
            pcInfo[at + READ_FROM] = r;
            r = append(si.reads(), r);
            pcInfo[at + READ_TO] = r;
            pcInfo[at + LATE_FROM] = r;
            r = append(si.lateReads(), r);
            pcInfo[at + LATE_TO] = r;
            pcInfo[at + WRITE_FROM] = r;
            r = append(si.writes(), r);
            pcInfo[at + WRITE_TO] = r;
            pcInfo[at + UOP_FROM] = u;
            if (!si.zeroIdiom()) {
                for (int t = 0; t < si.portMasks().length; t++) {
                    int set = setIds.computeIfAbsent(si.portMasks()[t], m -> setIds.size());
                    for (int k = 0; k < si.portCounts()[t]; k++) {
                        uopSet[u] = set;
                        uopMask[u] = si.portMasks()[t];
                        u++;
                    }
                }
            }
            pcInfo[at + UOP_TO] = u;
            pcInfo[at + LATENCY] = si.desc().latency();
            pcInfo[at + OCCUPANCY] = si.desc().occupancy();
            pcInfo[at + ACC_REG] = si.accumulator();
            pcInfo[at + ACC_GROUP] = si.desc().accumulateLatency() == 0 ? -1
                : accGroups.computeIfAbsent(si.desc().accumulateGroup(), g -> accGroups.size());
            pcInfo[at + ACC_LATENCY] = si.desc().accumulateLatency();
            pcInfo[at + FLAGS] = (si.zeroIdiom() ? ZERO_IDIOM : 0) | (si.fusedWithPrevious() ? FUSED : 0)
                | (si.vectorLoad() ? VECTOR_LOAD : 0) | (si.writesVector() ? WRITES_VECTOR : 0)
                | (!si.zeroIdiom() && si.usesVector() ? FP_SIDE : 0);
        }
        portSets = setIds.size();
        portSetMasks = new long[portSets];
        setIds.forEach((mask, id) -> portSetMasks[id] = mask);
        innerLoops = List.copyOf(Loop.innermost(program));
        for (Loop loop : Loop.all(program)) {
            if (!innerLoops.contains(loop)) {
                pcInfo[loop.startPc() * INFO + FLAGS] |= ROW_HEAD;
            }
        }
        for (Loop loop : innerLoops) {
            pcInfo[loop.startPc() * INFO + FLAGS] |= LOOP_EDGE | LOOP_HEAD;
            pcInfo[loop.branchPc() * INFO + FLAGS] |= LOOP_EDGE;
        }
    }

    /** Copies {@code ids} into regIds from {@code at}; returns the end. */
    private int append(int[] ids, int at) {
        System.arraycopy(ids, 0, regIds, at, ids.length);
        return at + ids.length;
    }
}
