// Per-pc resolved forms of the block epilogues' scalar instructions: v{add,sub,mul,div}ss, vcvtsi2ss and vmovd.
package org.ternsim.isa.x86;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Map;
import org.ternsim.isa.Instruction;
import org.ternsim.isa.InstructionSemantics;
import org.ternsim.isa.MachineState;
import org.ternsim.isa.Operand;
import org.ternsim.isa.Reg;
import org.ternsim.isa.ResolvedSemantics;
import org.ternsim.isa.Resolving;

/**
 * As {@link X86Resolved}, for the per-block scalar tail of the Q4_0/Q8_0 loops (isum to float, times the two scales,
 * added to sumf) and the per-row tails of I2_S and F16: the generic forms copy the first source into a fresh array and
 * decode their operands on every execution, about 8% of a detailed Q4_0 run. Here they write the destination directly.
 *
 * <p>The results are those of {@link X86Semantics}: a scalar ss form (VEX) writes float lane 0, keeps bytes 4..15 of
 * the first source and zeroes the register above 16 bytes; lane 0 is {@link X86FloatVector#lane} (NaN sources quieted,
 * first source first, QNaN indefinite for an invalid operation, Java's round-to-nearest-even otherwise), the same rule
 * as the generic {@code scalarFloat}. vcvtsi2ss converts the GPR's low 32 bits as a signed int for an r32 source and the
 * whole register for r64 (Java's conversions round to nearest even, as MXCSR's default). vmovd xmm, r32 writes the
 * dword and zeroes everything above it; vmovd r32, xmm writes lane 0 zero-extended into the 64-bit register.
 * Memory sources of vcvtsi2ss, vmovd to or from memory and r64 vmovd operands keep the generic forms.
 * {@code X86ResolvedTest} compares each form with the generic one.
 */
final class X86ResolvedScalarFloat {

    private X86ResolvedScalarFloat() {
    }

    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    // The operations as the generic forms apply them; each resolved form holds one, so a loop's ss forms put only
    // the two or three it uses at the lane function's call site.
    private static final X86FloatVector.FloatOp ADD = (a, b) -> a + b;
    private static final X86FloatVector.FloatOp SUB = (a, b) -> a - b;
    private static final X86FloatVector.FloatOp MUL = (a, b) -> a * b;
    private static final X86FloatVector.FloatOp DIV = (a, b) -> a / b;

    /** Wraps the generic semantics in {@code t}; call before masking is added. */
    static void register(Map<String, InstructionSemantics> t) {
        arith(t, "vaddss", ADD);
        arith(t, "vsubss", SUB);
        arith(t, "vmulss", MUL);
        arith(t, "vdivss", DIV);
        InstructionSemantics cvt = t.get("vcvtsi2ss");
        t.put("vcvtsi2ss", new Resolving(cvt, in -> in.operands().size() == 3 && X86Resolved.vector(in.op(0))
            && X86Resolved.vector(in.op(1)) && gpr(in.op(2), true) ? new IntToScalar(in) : cvt));
        InstructionSemantics movd = t.get("vmovd");
        t.put("vmovd", new Resolving(movd, in -> {
            if (in.operands().size() != 2) {
                return movd;
            }
            if (gpr(in.op(0), false) && X86Resolved.vector(in.op(1))) {
                return new MoveToGpr(in);
            }
            return X86Resolved.vector(in.op(0)) && gpr(in.op(1), false) ? new MoveFromGpr(in) : movd;
        }));
    }

    private static void arith(Map<String, InstructionSemantics> t, String mnemonic, X86FloatVector.FloatOp op) {
        InstructionSemantics generic = t.get(mnemonic);
        t.put(mnemonic, new Resolving(generic, in -> X86Resolved.threeOperand(in) ? new ScalarArith(in, op) : generic));
    }

    /** An r32, or (where {@code wide}) also an r64, register. */
    private static boolean gpr(Operand o, boolean wide) {
        return o instanceof Reg r && (r.cls() == Reg.RegClass.R32 || wide && r.cls() == Reg.RegClass.R64);
    }

    /** Bytes 4..15 of {@code from} to {@code to} (the lanes an ss form keeps from its first source). */
    private static void upperLanes(byte[] from, byte[] to) {
        INTS.set(to, 4, (int) INTS.get(from, 4));
        LONGS.set(to, 8, (long) LONGS.get(from, 8));
    }

    /** dst = src1 with float lane 0 replaced by op(src1[0], src2[0]); src2 an xmm register or m32. */
    private static final class ScalarArith extends ResolvedSemantics {
        private final X86FloatVector.FloatOp op;
        private final int dst;
        private final int a;
        private final int b;
        private final Operand.Mem mem;

        ScalarArith(Instruction in, X86FloatVector.FloatOp op) {
            this.op = op;
            this.dst = in.reg(0).index();
            this.a = in.reg(1).index();
            this.mem = in.op(2) instanceof Operand.Mem m ? m : null;
            this.b = mem == null ? in.reg(2).index() : -1;
        }

        @Override
        public void execute(Instruction in, MachineState s) {
            byte[] x = s.vec[a];
            // both inputs read before the destination (which may be either source) is written; memory: 4 bytes, as the
            // generic form reads
            int rb = (int) INTS.get(mem == null ? s.vec[b] : s.memorySource(mem, 4), 0);
            int result = X86FloatVector.lane(op, (int) INTS.get(x, 0), rb);
            byte[] r = s.vec[dst];
            if (r != x) {
                upperLanes(x, r);
            }
            INTS.set(r, 0, result);
            s.clearAbove(dst, 16);
        }
    }

    /** vcvtsi2ss xmm, xmm, r32/r64: dst = src1 with float lane 0 the converted integer. */
    private static final class IntToScalar extends ResolvedSemantics {
        private final int dst;
        private final int a;
        private final int src;
        private final boolean is32;

        IntToScalar(Instruction in) {
            this.dst = in.reg(0).index();
            this.a = in.reg(1).index();
            this.src = in.reg(2).index();
            this.is32 = in.reg(2).cls() == Reg.RegClass.R32;
        }

        @Override
        public void execute(Instruction in, MachineState s) {
            long v = s.gpr[src];
            // an r32 source is its low 32 bits as a signed int (the generic form's zero-extended read, then (int))
            float f = is32 ? (float) (int) v : (float) v;
            byte[] x = s.vec[a];
            byte[] r = s.vec[dst];
            if (r != x) {
                upperLanes(x, r);
            }
            INTS.set(r, 0, Float.floatToRawIntBits(f));
            s.clearAbove(dst, 16);
        }
    }

    /** vmovd r32, xmm: lane 0, zero-extended into the 64-bit register as every 32-bit GPR write. */
    private static final class MoveToGpr extends ResolvedSemantics {
        private final int dst;
        private final int src;

        MoveToGpr(Instruction in) {
            this.dst = in.reg(0).index();
            this.src = in.reg(1).index();
        }

        @Override
        public void execute(Instruction in, MachineState s) {
            s.gpr[dst] = (int) INTS.get(s.vec[src], 0) & 0xFFFF_FFFFL;
        }
    }

    /** vmovd xmm, r32: the dword in lane 0, zeros in bytes 4..15 and (VEX) above. */
    private static final class MoveFromGpr extends ResolvedSemantics {
        private final int dst;
        private final int src;

        MoveFromGpr(Instruction in) {
            this.dst = in.reg(0).index();
            this.src = in.reg(1).index();
        }

        @Override
        public void execute(Instruction in, MachineState s) {
            byte[] r = s.vec[dst];
            INTS.set(r, 0, (int) s.gpr[src]);
            INTS.set(r, 4, 0);
            LONGS.set(r, 8, 0L);
            s.clearAbove(dst, 16);
        }
    }
}
