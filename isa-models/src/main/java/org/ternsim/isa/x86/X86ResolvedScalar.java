// Per-pc resolved forms of the scalar integer instructions of the kernels' loop control: operands decoded once.
package org.ternsim.isa.x86;

import java.util.Map;
import org.ternsim.isa.Instruction;
import org.ternsim.isa.InstructionSemantics;
import org.ternsim.isa.MachineState;
import org.ternsim.isa.Operand;
import org.ternsim.isa.Reg;
import org.ternsim.isa.ResolvedSemantics;
import org.ternsim.isa.Resolving;

/**
 * {@code add/sub/cmp} with a register destination and a register or immediate source, {@code inc/dec} of a register
 * and {@code mov} of a register or immediate to a register run here with the register numbers, widths and immediate
 * decoded once; the arithmetic and flags are {@link X86Semantics#addSub}, the same code the generic forms call, so the
 * results cannot differ. Other operand kinds (memory operands) keep the generic semantics.
 */
final class X86ResolvedScalar {

    private X86ResolvedScalar() {
    }

    static void register(Map<String, InstructionSemantics> t) {
        arith(t, "add", Kind.ADD);
        arith(t, "sub", Kind.SUB);
        arith(t, "cmp", Kind.CMP);
        InstructionSemantics inc = t.get("inc");
        t.put("inc", new Resolving(inc, in -> oneGpr(in) ? new IncDec(in.reg(0), 1) : inc));
        InstructionSemantics dec = t.get("dec");
        t.put("dec", new Resolving(dec, in -> oneGpr(in) ? new IncDec(in.reg(0), -1) : dec));
        InstructionSemantics mov = t.get("mov");
        t.put("mov", new Resolving(mov, in -> regOrImmSource(in) ? new Move(in) : mov));
    }

    enum Kind { ADD, SUB, CMP }

    private static void arith(Map<String, InstructionSemantics> t, String mnemonic, Kind kind) {
        InstructionSemantics generic = t.get(mnemonic);
        t.put(mnemonic, new Resolving(generic, in -> regOrImmSource(in) ? new Arith(in, kind) : generic));
    }

    private static boolean gpr(Operand o) {
        return o instanceof Reg r && (r.cls() == Reg.RegClass.R64 || r.cls() == Reg.RegClass.R32);
    }

    private static boolean oneGpr(Instruction in) {
        return in.operands().size() == 1 && gpr(in.op(0));
    }

    private static boolean regOrImmSource(Instruction in) {
        return in.operands().size() == 2 && gpr(in.op(0)) && (gpr(in.op(1)) || in.op(1) instanceof Operand.Imm);
    }

    /** An r32 read is zero-extended (MachineState.readInt); an r64 read is the whole register. */
    private static long mask(Reg r) {
        return r.cls() == Reg.RegClass.R32 ? 0xFFFF_FFFFL : -1L;
    }

    /** A register or immediate source: the value is {@code gpr[reg] & mask}, or {@code imm} when reg is -1. */
    private abstract static class TwoOperand extends ResolvedSemantics {
        final int dst;
        final long dstMask;
        final int bits;
        final int src;
        final long srcMask;
        final long imm;

        TwoOperand(Instruction in) {
            Reg d = in.reg(0);
            dst = d.index();
            dstMask = mask(d);
            bits = d.cls() == Reg.RegClass.R32 ? 32 : 64;
            if (in.op(1) instanceof Operand.Imm i) {
                src = -1;
                srcMask = 0;
                imm = i.value();
            } else {
                src = in.reg(1).index();
                srcMask = mask(in.reg(1));
                imm = 0;
            }
        }

        final long source(long[] gpr) {
            return src < 0 ? imm : gpr[src] & srcMask;
        }
    }

    private static final class Arith extends TwoOperand {
        private final Kind kind;

        Arith(Instruction in, Kind kind) {
            super(in);
            this.kind = kind;
        }

        @Override
        public void execute(Instruction in, MachineState s) {
            long[] gpr = s.gpr;
            long b = source(gpr);
            long r = X86Semantics.addSub(s, gpr[dst] & dstMask, b, bits, kind != Kind.ADD);
            if (kind != Kind.CMP) {
                gpr[dst] = r & dstMask;
            }
        }
    }

    private static final class Move extends TwoOperand {
        Move(Instruction in) {
            super(in);
        }

        @Override
        public void execute(Instruction in, MachineState s) {
            long[] gpr = s.gpr;
            gpr[dst] = source(gpr) & dstMask;
        }
    }

    /** inc/dec leave CF unchanged, unlike add/sub. */
    private static final class IncDec extends ResolvedSemantics {
        private final int reg;
        private final long mask;
        private final int bits;
        private final boolean decrement;

        IncDec(Reg r, int delta) {
            reg = r.index();
            mask = mask(r);
            bits = r.cls() == Reg.RegClass.R32 ? 32 : 64;
            decrement = delta < 0;
        }

        @Override
        public void execute(Instruction in, MachineState s) {
            boolean cf = s.cf;
            s.gpr[reg] = X86Semantics.addSub(s, s.gpr[reg] & mask, 1, bits, decrement) & mask;
            s.cf = cf;
        }
    }
}
