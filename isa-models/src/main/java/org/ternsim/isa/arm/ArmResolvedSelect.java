// Per-pc resolved forms of NEON's bitwise selects and bit test: bsl, bit and cmtst, eight bytes per step.
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
 * As {@link ArmResolved}, for the sign handling of the NEON TL2 loop (cmtst to an all-ones mask, bit to insert under
 * it) and bsl. Each eight-byte step reads its three source words before it writes, so a destination that is also a
 * source is exact. Only forms whose operands all share the destination's arrangement are resolved; the rest keep the
 * generic semantics ({@link ArmSimd#bsl}, {@link ArmSimd#bit}, {@link ArmSimd#lanewise}). {@code ArmResolvedTest}
 * compares the two.
 */
final class ArmResolvedSelect {

    private ArmResolvedSelect() {
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    enum Kind { BSL, BIT, CMTST }

    /** Wraps the generic semantics in {@code t}. */
    static void register(Map<String, InstructionSemantics> t) {
        wrap(t, "bsl", Kind.BSL);
        wrap(t, "bit", Kind.BIT);
        wrap(t, "cmtst", Kind.CMTST);
    }

    private static void wrap(Map<String, InstructionSemantics> t, String mnemonic, Kind kind) {
        InstructionSemantics generic = t.get(mnemonic);
        t.put(mnemonic, new Resolving(generic, in -> sameArrangement(in) ? new Select(in, kind) : generic));
    }

    private static boolean sameArrangement(Instruction in) {
        if (in.operands().size() != 3) {
            return false;
        }
        Reg.RegClass d = in.op(0) instanceof Reg r && r.cls().isArmSimd() ? r.cls() : null;
        return d != null && (d.bytes() == 8 || d.bytes() == 16) && ArmRegs.laneBytes(d) <= 8
            && in.op(1) instanceof Reg a && a.cls() == d && in.op(2) instanceof Reg b && b.cls() == d;
    }

    private static final class Select extends ResolvedSemantics {
        private final Kind kind;
        private final int width;
        private final int dst;
        private final int a;
        private final int b;
        /** cmtst: the bits of one lane, and the lane width in bits. */
        private final long laneMask;
        private final int laneBits;
        /** cmtst: the top bit of every lane, and the bits below it. */
        private final long topBits;
        private final long lowBits;

        Select(Instruction in, Kind kind) {
            this.kind = kind;
            Reg d = in.reg(0);
            this.width = d.cls().bytes();
            this.dst = d.index();
            this.a = in.reg(1).index();
            this.b = in.reg(2).index();
            this.laneBits = 8 * ArmRegs.laneBytes(d.cls());
            this.laneMask = laneBits == 64 ? -1L : (1L << laneBits) - 1;
            long top = 0;
            for (int shift = laneBits - 1; shift < 64; shift += laneBits) {
                top |= 1L << shift;
            }
            this.topBits = top;
            this.lowBits = ~top;
        }

        @Override
        public void execute(Instruction in, MachineState s) {
            byte[] d = s.vec[dst];
            byte[] x = s.vec[a];
            byte[] y = s.vec[b];
            for (int o = 0; o < width; o += 8) {
                long old = (long) LONGS.get(d, o);
                long u = (long) LONGS.get(x, o);
                long v = (long) LONGS.get(y, o);
                long r = switch (kind) {
                    case BSL -> old & u | ~old & v;
                    case BIT -> v & u | ~v & old;
                    case CMTST -> testLanes(u & v);
                };
                LONGS.set(d, o, r);
            }
            s.clearAbove(dst, width);
        }

        /**
         * Every lane of {@code t} that has a bit set becomes all ones, the others zero: adding the low bits of each lane
         * to all-ones-but-the-top carries into the top bit exactly when one of them is set, and no further.
         */
        private long testLanes(long t) {
            long nonZero = (((t & lowBits) + lowBits) | t) & topBits;
            return (nonZero >>> (laneBits - 1)) * laneMask;
        }
    }
}
