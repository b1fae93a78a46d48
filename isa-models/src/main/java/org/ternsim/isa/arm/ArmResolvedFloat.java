// Per-pc resolved forms of the NEON GEMVs' float instructions: fadd/fsub/fmul/fdiv/fmla, fcvtl/fcvtl2, fcvt and scvtf.
package org.ternsim.isa.arm;

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
 * As {@link ArmResolved}, for the float forms of the F16 baseline's inner loop, which the generic forms ran at a third
 * of the I2_S loop's rate (a fresh array and a lane lambda per element), and for scvtf, which the LUT GEMVs' epilogues
 * (TL1, TL2, T-MAC) run in their row loops. Lanes come from the generic forms' own lane functions
 * ({@link ArmSimd#floatLane}, {@link ArmSimd#halfToFloatBits}); the arithmetic forms are resolved on .4s and .2s views
 * and on scalar s views (the Q4_0 and TQ2_0 block sums) whose operands all have the destination's arrangement, fcvt
 * s, h (their block scales) as {@link HalfToSingle}, scvtf as {@link IntToFloat} says, and every other form keeps the
 * generic semantics and its errors. {@code ArmResolvedTest} compares the two.
 */
final class ArmResolvedFloat {

    private ArmResolvedFloat() {
    }

    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    /** Wraps the generic semantics in {@code t}. */
    static void register(Map<String, InstructionSemantics> t) {
        String[] names = {"fadd", "fsub", "fmul", "fdiv", "fmla"};
        char[] ops = {'+', '-', '*', '/', 'f'};
        for (int k = 0; k < names.length; k++) {
            InstructionSemantics generic = t.get(names[k]);
            char op = ops[k];
            t.put(names[k], new Resolving(generic, in -> sameFloatArrangement(in) ? new FloatLanes(in, op) : generic));
        }
        for (boolean high : new boolean[] {false, true}) {
            String m = high ? "fcvtl2" : "fcvtl";
            InstructionSemantics generic = t.get(m);
            t.put(m, new Resolving(generic, in -> in.operands().size() == 2 && arrangement(in.op(0)) == Reg.RegClass.V4S
                && arrangement(in.op(1)) == (high ? Reg.RegClass.V8H : Reg.RegClass.V4H) ? new WidenHalves(in, high)
                : generic));
        }
        InstructionSemantics fcvt = t.get("fcvt");
        t.put("fcvt", new Resolving(fcvt, in -> in.operands().size() == 2 && arrangement(in.op(0)) == Reg.RegClass.S
            && arrangement(in.op(1)) == Reg.RegClass.H ? new HalfToSingle(in) : fcvt));
        InstructionSemantics scvtf = t.get("scvtf");
        t.put("scvtf", new Resolving(scvtf, in -> IntToFloat.of(in, scvtf)));
    }

    private static Reg.RegClass arrangement(Operand o) {
        return o instanceof Reg r && r.cls().isArmSimd() ? r.cls() : null;
    }

    private static boolean sameFloatArrangement(Instruction in) {
        Reg.RegClass d = arrangement(in.op(0));
        return in.operands().size() == 3 && (d == Reg.RegClass.V4S || d == Reg.RegClass.V2S || d == Reg.RegClass.S)
            && arrangement(in.op(1)) == d && arrangement(in.op(2)) == d;
    }

    /** Element-wise: lane i reads its three inputs before it is written. A scalar s view is one lane. */
    private static final class FloatLanes extends ResolvedSemantics {
        private final char op;
        private final int width;
        private final int dst;
        private final int a;
        private final int b;

        FloatLanes(Instruction in, char op) {
            this.op = op;
            this.width = in.reg(0).cls().bytes();
            this.dst = in.reg(0).index();
            this.a = in.reg(1).index();
            this.b = in.reg(2).index();
        }

        @Override
        public void execute(Instruction in, MachineState s) {
            byte[] x = s.vec[a];
            byte[] y = s.vec[b];
            byte[] r = s.vec[dst];
            for (int o = 0; o < width; o += 4) {
                INTS.set(r, o, ArmSimd.floatLane(op, (int) INTS.get(x, o), (int) INTS.get(y, o), (int) INTS.get(r, o)));
            }
            s.clearAbove(dst, width);
        }
    }

    /**
     * Four halves (the low or the high four) to floats. Lane i writes bytes [4i, 4i + 4); a destination that is also
     * the source is read first into locals, as the halves of a lane may sit in a lane written before it.
     */
    private static final class WidenHalves extends ResolvedSemantics {
        private final int dst;
        private final int src;
        private final int from;

        WidenHalves(Instruction in, boolean high) {
            this.dst = in.reg(0).index();
            this.src = in.reg(1).index();
            this.from = high ? 8 : 0;
        }

        @Override
        public void execute(Instruction in, MachineState s) {
            byte[] h = s.vec[src];
            int h0 = (short) SHORTS.get(h, from) & 0xFFFF;
            int h1 = (short) SHORTS.get(h, from + 2) & 0xFFFF;
            int h2 = (short) SHORTS.get(h, from + 4) & 0xFFFF;
            int h3 = (short) SHORTS.get(h, from + 6) & 0xFFFF;
            byte[] r = s.vec[dst];
            INTS.set(r, 0, ArmSimd.halfToFloatBits(h0));
            INTS.set(r, 4, ArmSimd.halfToFloatBits(h1));
            INTS.set(r, 8, ArmSimd.halfToFloatBits(h2));
            INTS.set(r, 12, ArmSimd.halfToFloatBits(h3));
            s.clearAbove(dst, 16);
        }
    }

    /** fcvt sd, hn: one half to float ({@link ArmSimd#fcvtScalar}); the rest of vd is zeroed. */
    private static final class HalfToSingle extends ResolvedSemantics {
        private final int dst;
        private final int src;

        HalfToSingle(Instruction in) {
            this.dst = in.reg(0).index();
            this.src = in.reg(1).index();
        }

        @Override
        public void execute(Instruction in, MachineState s) {
            int h = (short) SHORTS.get(s.vec[src], 0) & 0xFFFF;
            INTS.set(s.vec[dst], 0, ArmSimd.halfToFloatBits(h));
            s.clearAbove(dst, 4);
        }
    }

    /**
     * scvtf vd, vn: int32 lanes to float, element-wise (exact in place), on a source at least as wide as vd; scvtf vd,
     * wn|xn: one float in lane 0 and the rest of vd zeroed. Only destinations of whole int32 lanes are resolved.
     */
    private static final class IntToFloat extends ResolvedSemantics {
        private final int width;
        private final int dst;
        private final int src;
        /** A w or x source: the general register, read as int32 (w) or int64 (x). */
        private final boolean general;
        private final boolean w;

        private IntToFloat(Reg d, Reg n) {
            this.width = d.cls().bytes();
            this.dst = d.index();
            this.src = n.index();
            this.general = n.cls().isGpr();
            this.w = n.cls() == Reg.RegClass.W;
        }

        static InstructionSemantics of(Instruction in, InstructionSemantics generic) {
            if (in.operands().size() != 2 || !(in.op(0) instanceof Reg d) || !d.cls().isArmSimd()
                    || d.cls().bytes() % 4 != 0 || !(in.op(1) instanceof Reg n)) {
                return generic;
            }
            boolean general = n.cls() == Reg.RegClass.W || n.cls() == Reg.RegClass.X;
            // a narrower vector source makes the generic form fail: keep it
            if (!general && !(n.cls().isArmSimd() && n.cls().bytes() >= d.cls().bytes())) {
                return generic;
            }
            return new IntToFloat(d, n);
        }

        @Override
        public void execute(Instruction in, MachineState s) {
            byte[] r = s.vec[dst];
            if (general) {
                long v = w ? (int) s.gpr[src] : s.gpr[src];
                INTS.set(r, 0, Float.floatToRawIntBits((float) v));
                s.clearAbove(dst, 4);
                return;
            }
            byte[] x = s.vec[src];
            for (int o = 0; o < width; o += 4) {
                INTS.set(r, o, Float.floatToRawIntBits((float) (int) INTS.get(x, o)));
            }
            s.clearAbove(dst, width);
        }
    }
}
