// Everything the timing model needs about one static instruction, decoded once: timing row, registers, class.
package org.ternsim.sim.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ternsim.isa.Instruction;
import org.ternsim.isa.Operand;
import org.ternsim.isa.Reg;
import org.ternsim.isa.uarch.InstrDesc;
import org.ternsim.isa.uarch.Microarchitecture;
import org.ternsim.isa.uarch.PortUse;

record StaticInstruction(
        Instruction instruction,
        InstrDesc desc,
        int[] reads,
        int[] lateReads,
        int accumulator,
        int[] writes,
        long[] portMasks,
        int[] portCounts,
        boolean zeroIdiom,
        boolean fusedWithPrevious,
        boolean vectorLoad,
        OpClass opClass,
        int vectorBytes) {

    /** Two-operand forms whose destination is also a source. */
    /** Instructions whose first operand is also a source: x86 two-operand ALU ops, accumulating vector ops. */
    private static final Set<String> READS_DESTINATION = Set.of("add", "sub", "inc", "dec", "xor", "and", "cmp",
        "vpdpbusd", "vpdpwssd", "vpdpbusds", "vpdpwssds", "vfmadd231ps", "vfmadd231ss",
        "sdot", "udot", "smlal", "smlal2", "umlal", "umlal2", "mla", "fmla", "tbx", "bsl", "movk");
    /** Instructions whose leading register operands are only read: compares, branches on a register, stores. */
    private static final Set<String> READS_ONLY = Set.of("cmp", "tst", "cbz", "cbnz", "st1", "st2", "st3", "st4", "str",
        "strb", "strh", "stp");
    /** AArch64 loads: every register before the address is written. */
    private static final Set<String> ARM_LOADS = Set.of("ld1", "ld2", "ld3", "ld4", "ld1r", "ldr", "ldrb", "ldrh",
        "ldrsb", "ldrsh", "ldrsw", "ldp");
    private static final Set<String> WRITES_FLAGS = Set.of("add", "sub", "inc", "dec", "xor", "and", "cmp", "imul",
        "subs", "adds", "ands", "tst");
    private static final Set<String> FUSIBLE_FLAG_SETTERS = Set.of("cmp", "dec", "inc", "add", "sub", "and", "subs",
        "adds");

    /** True when the instruction reads or writes a vector register: on AMD cores it then takes an FP-side op. */
    boolean usesVector() {
        for (int[] ids : new int[][] {reads, lateReads, writes}) {
            for (int r : ids) {
                if (r >= Reg.VEC_BASE && r < Reg.MASK_BASE) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when the instruction writes a vector register (it then needs a vector physical register at rename). */
    boolean writesVector() {
        for (int w : writes) {
            if (w >= Reg.VEC_BASE && w < Reg.MASK_BASE) {
                return true;
            }
        }
        return false;
    }

    static StaticInstruction decode(Instruction in, Instruction previous, Microarchitecture uarch) {
        InstrDesc desc = uarch.desc(in.form());
        String m = in.mnemonic();
        List<Integer> reads = new ArrayList<>();
        List<Integer> lateReads = new ArrayList<>();
        List<Integer> writes = new ArrayList<>();
        // A multiply-accumulate with late forwarding (desc.accumulateLatency() > 0) reads its accumulator apart from
        // the other sources: that operand may arrive later when a form of the same group produced it.
        int accumulator = -1;
        List<Operand> ops = in.operands();
        // x86 load-op forms (vfmadd231ps ymm0, ymm2, [mem]): the load needs only its address registers; the other
        // register sources enter after the load, as llvm's ReadAdvance models. Reading them up front made an
        // accumulator chain pay the load-to-use latency on every step (f16 GEMV: 11 instead of 4 cycles/iteration).
        int lastMem = -1;
        for (int i = 0; i < ops.size(); i++) {
            if (ops.get(i) instanceof Operand.Mem) {
                lastMem = i;
            }
        }
        boolean loadOp = desc.load() && !desc.store() && !ARM_LOADS.contains(m) && lastMem >= 0;
        // The table marks which forms are dependency-breaking idioms when both sources are one register.
        boolean zeroIdiom = desc.zeroIdiom() && ops.size() >= 2
            && ops.get(ops.size() - 1).equals(ops.get(ops.size() - 2));
        for (int i = 0; i < ops.size(); i++) {
            Operand o = ops.get(i);
            if (o instanceof Operand.Masked masked) {
                // A write-masked destination: merge-masking keeps the unselected lanes, so it reads the old value
                writes.add(masked.reg().dependencyId());
                reads.add(masked.mask().dependencyId());
                if (!masked.zeroing() || READS_DESTINATION.contains(m)) {
                    reads.add(masked.reg().dependencyId());
                }
            } else if (o instanceof Operand.Mem mem) {
                if (mem.base() != null) {
                    // AArch64 post-index writeback ([xn], #imm) is not a write here: the model gives every result
                    // the instruction's latency, and charging the base update with the load latency (4-6 c instead
                    // of an ALU cycle) would serialise every load stream
                    reads.add(mem.base().dependencyId());
                }
                if (mem.index() != null) {
                    reads.add(mem.index().dependencyId());
                }
            } else if (o instanceof Reg r) {
                boolean beforeAddress = i < lastMem;
                if (ARM_LOADS.contains(m) && beforeAddress) {
                    writes.add(r.dependencyId());
                } else if (READS_ONLY.contains(m) && (i == 0 || beforeAddress)) {
                    reads.add(r.dependencyId());
                } else if (i == 0) {
                    if (!m.equals("cmp")) {
                        writes.add(r.dependencyId());
                    }
                    if (READS_DESTINATION.contains(m)) {
                        if (desc.accumulateLatency() > 0 && !loadOp) {
                            accumulator = r.dependencyId();
                        } else {
                            (loadOp ? lateReads : reads).add(r.dependencyId());
                        }
                    }
                } else if (loadOp) {
                    lateReads.add(r.dependencyId());
                } else {
                    reads.add(r.dependencyId());
                }
            }
        }
        if (WRITES_FLAGS.contains(m)) {
            writes.add(Reg.FLAGS_ID);
        }
        boolean flagBranch = Branches.readsFlags(m);
        if (flagBranch) {
            reads.add(Reg.FLAGS_ID);
        }
        if (zeroIdiom) {
            reads.clear();
            lateReads.clear();
            accumulator = -1;
        }
        boolean fused = uarch.core().fusesCmpJcc() && flagBranch && previous != null
            && FUSIBLE_FLAG_SETTERS.contains(previous.mnemonic());
        List<PortUse> usage = desc.usage();
        long[] masks = new long[usage.size()];
        int[] counts = new int[usage.size()];
        for (int t = 0; t < usage.size(); t++) {
            for (String port : usage.get(t).ports()) {
                int index = uarch.ports().indexOf(port);
                if (index < 0) {
                    throw new IllegalArgumentException(uarch.name() + ": form '" + in.form() + "' uses unknown port " + port);
                }
                masks[t] |= 1L << index;
            }
            counts[t] = usage.get(t).count();
        }
        int vectorBytes = OpClass.vectorBytes(in);
        boolean vectorLoad = desc.load() && vectorBytes > 0;
        return new StaticInstruction(in, desc, ints(reads), ints(lateReads), accumulator, ints(writes), masks, counts, zeroIdiom,
            fused, vectorLoad, OpClass.of(in), vectorBytes);
    }

    private static int[] ints(List<Integer> list) {
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }
}
