// Per-pc resolved forms of the float instructions: vfmadd231ps, vcvtph2ps, vcvtdq2ps and vaddps/vsubps/vmulps/vdivps.
package org.ternsim.isa.x86;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.function.IntFunction;
import org.ternsim.isa.Instruction;
import org.ternsim.isa.InstructionSemantics;
import org.ternsim.isa.MachineState;
import org.ternsim.isa.Operand;
import org.ternsim.isa.ResolvedSemantics;
import org.ternsim.isa.Resolving;
import org.ternsim.isa.VectorWarmup;

/**
 * As {@link X86Resolved}, for the float forms of the F16 baseline's inner loop and of the T-MAC, TL2 and sparse
 * epilogues (packed add, subtract, multiply, divide): the generic forms read fresh arrays and check the operand list
 * on every execution, which made the F16 GEMV interpret at a third of I2_S's rate. The lanes are computed by the
 * generic forms' own lane functions ({@link X86FloatVector#fmaLane}, {@link X86FloatVector#halfToFloatBits},
 * {@link X86FloatVector#lane}), so only the operand handling differs; {@code X86ResolvedTest} compares the two on
 * random and edge operands (NaNs, infinities, subnormals) at every width. {@code vfmadd231ps}, {@code vcvtph2ps}
 * and {@code vcvtdq2ps} also have Vector API forms ({@link X86LaneVector}); the FMA form leaves vectors with a NaN
 * lane to the lane function.
 */
final class X86ResolvedFloat {

    private X86ResolvedFloat() {
    }

    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    /** Wraps the generic semantics in {@code t}; call before masking is added. */
    static void register(Map<String, InstructionSemantics> t) {
        InstructionSemantics fma = t.get("vfmadd231ps");
        t.put("vfmadd231ps", new Resolving(fma, in -> X86Resolved.threeOperand(in) ? new Fma231(in) : fma));
        packed(t, "vaddps", X86FloatVector.ADD);
        packed(t, "vsubps", X86FloatVector.SUB);
        packed(t, "vmulps", X86FloatVector.MUL);
        packed(t, "vdivps", X86FloatVector.DIV);
        InstructionSemantics cvt = t.get("vcvtph2ps");
        t.put("vcvtph2ps", new Resolving(cvt, in -> in.operands().size() == 2 && X86Resolved.vector(in.op(0))
            && (X86Resolved.vector(in.op(1)) || in.op(1) instanceof Operand.Mem) ? new HalfToFloat(in) : cvt));
        InstructionSemantics fromInt = t.get("vcvtdq2ps");
        t.put("vcvtdq2ps", new Resolving(fromInt, in -> in.operands().size() == 2 && X86Resolved.vector(in.op(0))
            && (X86Resolved.vector(in.op(1)) || in.op(1) instanceof Operand.Mem) ? new IntToFloat(in) : fromInt));
    }

    private static void packed(Map<String, InstructionSemantics> t, String mnemonic, X86FloatVector.FloatOp op) {
        InstructionSemantics generic = t.get(mnemonic);
        t.put(mnemonic, new Resolving(generic, in -> X86Resolved.threeOperand(in) ? new Packed(in, op) : generic));
    }

    /** dst = src1 op src2 per float lane, x86's NaN rules ({@link X86FloatVector#lane}); a lane reads before it writes. */
    private static final class Packed extends X86Resolved.ThreeOperand {
        private final X86FloatVector.FloatOp op;

        Packed(Instruction in, X86FloatVector.FloatOp op) {
            super(in);
            this.op = op;
        }

        @Override
        void compute(byte[] x, byte[] y, byte[] r) {
            for (int o = 0; o < width; o += 4) {
                INTS.set(r, o, X86FloatVector.lane(op, (int) INTS.get(x, o), (int) INTS.get(y, o)));
            }
        }
    }

    /** dst = src1 * src2 + dst per float lane; each lane reads its three inputs before it is written. */
    private static final class Fma231 extends X86Resolved.ThreeOperand {
        /** The Vector API form of this width for lanes without NaNs, or null for the lane loop. */
        private final X86LaneVector.PartialForm vectors;

        Fma231(Instruction in) {
            super(in);
            this.vectors = X86Resolved.laneVectors(width) ? X86LaneVector.fmaWithoutNaN(width) : null;
        }

        @Override
        void compute(byte[] x, byte[] y, byte[] r) {
            if (vectors != null && VectorWarmup.warm() && vectors.apply(x, y, r)) {
                return;
            }
            for (int o = 0; o < width; o += 4) {
                INTS.set(r, o, X86FloatVector.fmaLane((int) INTS.get(r, o), (int) INTS.get(x, o), (int) INTS.get(y, o)));
            }
        }
    }

    /**
     * dst = a lane-wise conversion of src (a vector register, or {@code sourceBytes} of memory): the Vector API form of
     * the width where the host's vectors serve it, else the lane loop.
     */
    private abstract static class Conversion extends ResolvedSemantics {
        final int width;
        private final int dst;
        private final int src;
        private final Operand.Mem mem;
        private final int sourceBytes;
        private final X86LaneVector.Convert vectors;

        Conversion(Instruction in, int sourceBytes, IntFunction<X86LaneVector.Convert> vectors) {
            this.width = in.reg(0).cls().bytes();
            this.dst = in.reg(0).index();
            this.mem = in.op(1) instanceof Operand.Mem m ? m : null;
            this.src = mem == null ? in.reg(1).index() : -1;
            this.sourceBytes = sourceBytes;
            this.vectors = X86Resolved.laneVectors(width) ? vectors.apply(width) : null;
        }

        @Override
        public final void execute(Instruction in, MachineState s) {
            byte[] x = mem == null ? s.vec[src] : s.memorySource(mem, sourceBytes);
            byte[] r = s.vec[dst];
            if (vectors != null && VectorWarmup.warm()) {
                vectors.apply(x, r); // loads the source before it stores
            } else {
                lanes(x, r);
            }
            s.clearAbove(dst, width);
        }

        /** The first {@code width} bytes of r from x, lane by lane (r may be x). */
        abstract void lanes(byte[] x, byte[] r);
    }

    /**
     * Halves to floats. Lane i writes bytes [4i, 4i + 4), where a destination that is also the source held halves 2i
     * and 2i + 1; going from the top lane down, those have been read already.
     */
    private static final class HalfToFloat extends Conversion {
        HalfToFloat(Instruction in) {
            super(in, in.reg(0).cls().bytes() / 2, X86LaneVector::halfToFloat);
        }

        @Override
        void lanes(byte[] h, byte[] r) {
            for (int i = width / 4 - 1; i >= 0; i--) {
                INTS.set(r, 4 * i, X86FloatVector.halfToFloatBits((short) SHORTS.get(h, 2 * i) & 0xFFFF));
            }
        }
    }

    /** vcvtdq2ps: each dword lane to the nearest float, ties to even (Java's cast); lane i reads before it writes. */
    private static final class IntToFloat extends Conversion {
        IntToFloat(Instruction in) {
            super(in, in.reg(0).cls().bytes(), X86LaneVector::intToFloat);
        }

        @Override
        void lanes(byte[] x, byte[] r) {
            for (int i = 0; i < width / 4; i++) {
                INTS.set(r, 4 * i, Float.floatToRawIntBits((float) (int) INTS.get(x, 4 * i)));
            }
        }
    }
}
