// Per-pc resolved forms of the hottest AVX2 instructions: operands decoded once, eight bytes per step, no allocation.
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
import org.ternsim.isa.VectorWarmup;

/**
 * The generic semantics decode the operand list on every execution ({@code width(in)}, {@code List.get},
 * {@code instanceof}) and build the result in a fresh array. The interpreter resolves each static instruction once
 * through {@link InstructionSemantics#specialize}; for the forms below that returns an object holding the register
 * indices and width, which computes the result straight into the destination register.
 *
 * <p>Writing in place is exact because every form here is element-wise: result bytes [8k, 8k+8) depend only on source
 * bytes [8k, 8k+8), and each eight-byte step reads both sources before it writes, so a destination that is also a
 * source reads its old value. The lane arithmetic is done on 64-bit words (SWAR); the carry/borrow masking keeps each
 * byte or 16-bit lane independent, so the results equal the per-lane loops of {@link X86Semantics} bit for bit
 * ({@code X86ResolvedTest} compares the two on random and edge operands).
 *
 * <p>Anything else (write-masked destinations, unexpected operand kinds) keeps the generic semantics.
 */
final class X86Resolved {

    private X86Resolved() {
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    private static final long LOW7 = 0x7F7F_7F7F_7F7F_7F7FL;
    private static final long HIGH1 = 0x8080_8080_8080_8080L;
    private static final long LOW15 = 0x7FFF_7FFF_7FFF_7FFFL;
    private static final long HIGH16 = 0x8000_8000_8000_8000L;
    private static final long WORD_ONES = 0x0001_0001_0001_0001L;
    private static final long LOW31 = 0x7FFF_FFFF_7FFF_FFFFL;
    private static final long DWORD_ONES = 0x0000_0001_0000_0001L;
    private static final long HIGH32 = 0x8000_0000_8000_0000L;

    /** Element-wise operations on two sources, one per mnemonic. */
    enum Op { AND, ANDN, OR, XOR, ADDB, SUBB, ADDW, SUBW, ADDD, SUBD, ADDQ }

    /** 16-bit shifts by an immediate. */
    enum Shift { SRLW, SLLW, SRAW }

    /** 32-bit shifts by an immediate. */
    enum Shift32 { SRLD, SLLD, SRAD }

    /** 16-bit shifts of each lane by the count in the same lane of the second source (AVX-512BW). */
    enum VariableShift { SRLVW, SLLVW, SRAVW }

    /** Wraps the generic semantics of the resolvable mnemonics in {@code t}; call before masking is added. */
    static void register(Map<String, InstructionSemantics> t) {
        binary(t, "vpand", Op.AND);
        binary(t, "vpandn", Op.ANDN);
        binary(t, "vpor", Op.OR);
        binary(t, "vpxor", Op.XOR);
        binary(t, "vpaddb", Op.ADDB);
        binary(t, "vpsubb", Op.SUBB);
        binary(t, "vpaddw", Op.ADDW);
        binary(t, "vpsubw", Op.SUBW);
        binary(t, "vpaddd", Op.ADDD);
        binary(t, "vpsubd", Op.SUBD);
        binary(t, "vpaddq", Op.ADDQ);
        InstructionSemantics maddwd = t.get("vpmaddwd");
        t.put("vpmaddwd", new Resolving(maddwd, in -> threeOperand(in) ? new MaddWd(in) : maddwd));
        InstructionSemantics dpbusd = t.get("vpdpbusd");
        t.put("vpdpbusd", new Resolving(dpbusd, in -> threeOperand(in) ? new DpBusD(in) : dpbusd));
        shift(t, "vpsrlw", Shift.SRLW);
        shift(t, "vpsllw", Shift.SLLW);
        shift(t, "vpsraw", Shift.SRAW);
        shift32(t, "vpsrld", Shift32.SRLD);
        shift32(t, "vpslld", Shift32.SLLD);
        shift32(t, "vpsrad", Shift32.SRAD);
        InstructionSemantics signb = t.get("vpsignb");
        t.put("vpsignb", new Resolving(signb, in -> threeOperand(in) ? new SignBytes(in) : signb));
        variableShift(t, "vpsrlvw", VariableShift.SRLVW);
        variableShift(t, "vpsllvw", VariableShift.SLLVW);
        variableShift(t, "vpsravw", VariableShift.SRAVW);
        InstructionSemantics maddubsw = t.get("vpmaddubsw");
        t.put("vpmaddubsw", new Resolving(maddubsw, in -> threeOperand(in) ? new MaddUbsW(in) : maddubsw));
        for (String move : new String[] {"vmovdqu", "vmovdqa", "vmovdqu8", "vmovdqu64", "vmovups", "vmovaps"}) {
            InstructionSemantics generic = t.get(move);
            t.put(move, new Resolving(generic, in -> Move.of(in, generic)));
        }
    }

    private static void binary(Map<String, InstructionSemantics> t, String mnemonic, Op op) {
        InstructionSemantics generic = t.get(mnemonic);
        t.put(mnemonic, new Resolving(generic, in -> threeOperand(in) ? new Binary(in, op) : generic));
    }

    private static void shift(Map<String, InstructionSemantics> t, String mnemonic, Shift kind) {
        InstructionSemantics generic = t.get(mnemonic);
        t.put(mnemonic, new Resolving(generic, in -> shiftImmediate(in) ? new ShiftImm(in, kind) : generic));
    }

    private static void shift32(Map<String, InstructionSemantics> t, String mnemonic, Shift32 kind) {
        InstructionSemantics generic = t.get(mnemonic);
        t.put(mnemonic, new Resolving(generic, in -> shiftImmediate(in) ? new ShiftImm32(in, kind) : generic));
    }

    /** dst a vector register, src a vector register or memory, then an immediate count. */
    private static boolean shiftImmediate(Instruction in) {
        return in.operands().size() == 3 && vector(in.op(0)) && (vector(in.op(1)) || in.op(1) instanceof Operand.Mem)
            && in.op(2) instanceof Operand.Imm;
    }

    private static void variableShift(Map<String, InstructionSemantics> t, String mnemonic, VariableShift kind) {
        InstructionSemantics generic = t.get(mnemonic);
        t.put(mnemonic, new Resolving(generic, in -> threeOperand(in) ? new ShiftVariable(in, kind) : generic));
    }

    static boolean vector(Operand o) {
        return o instanceof Reg r && r.cls().isVector() && !r.cls().isArmSimd();
    }

    /** dst, src1 vector registers of one width; src2 a register of that width or memory. */
    static boolean threeOperand(Instruction in) {
        return in.operands().size() == 3 && vector(in.op(0)) && vector(in.op(1))
            && (vector(in.op(2)) || in.op(2) instanceof Operand.Mem);
    }

    /**
     * Whether the Vector API forms ({@link X86LaneVector}) serve this width on this host: where its vectors are that
     * wide, or, for 64-byte registers on a host with 32-byte vectors, as two halves ({@link X86Halves}). False where
     * the incubator module is missing (the classes referring to it then fail to link, and the eight-byte loops run).
     */
    static boolean laneVectors(int width) {
        try {
            return X86LaneVector.available(width) || X86Halves.split(width);
        } catch (LinkageError incubatorModuleMissing) {
            return false;
        }
    }

    /** The second source: a register's live bytes, or memory read into the state's scratch buffer. */
    private static byte[] second(MachineState s, int reg, Operand.Mem mem, int w) {
        return mem == null ? s.vec[reg] : s.memorySource(mem, w);
    }

    private static long get(byte[] b, int offset) {
        return (long) LONGS.get(b, offset);
    }

    private static void put(byte[] b, int offset, long v) {
        LONGS.set(b, offset, v);
    }

    /**
     * dst and src1 vector registers, src2 a vector register or memory, all of one width: decoded once. The default
     * {@link #execute} computes straight into the destination (element-wise forms); others override it.
     */
    abstract static class ThreeOperand extends ResolvedSemantics {
        final int width;
        final int dst;
        final int a;
        final int b;
        final Operand.Mem mem;

        ThreeOperand(Instruction in) {
            this.width = X86Semantics.width(in);
            this.dst = in.reg(0).index();
            this.a = in.reg(1).index();
            this.mem = in.op(2) instanceof Operand.Mem m ? m : null;
            this.b = mem == null ? in.reg(2).index() : -1;
        }

        @Override
        public void execute(Instruction in, MachineState s) {
            compute(s.vec[a], second(s), s.vec[dst]);
            s.clearAbove(dst, width);
        }

        /** The second source: the register's live bytes, or memory read into the state's scratch buffer. */
        final byte[] second(MachineState s) {
            return X86Resolved.second(s, b, mem, width);
        }

        /** The first {@code width} bytes of {@code r} from {@code x} and {@code y} (r may be either of them). */
        abstract void compute(byte[] x, byte[] y, byte[] r);
    }

    private static final class Binary extends ThreeOperand {
        private final Op op;
        /** The Vector API form of this op and width, or null for the eight-byte loop. */
        private final X86LaneVector.Form vectors;

        Binary(Instruction in, Op op) {
            super(in);
            this.op = op;
            this.vectors = laneVectors(width) ? X86LaneVector.binary(op, width) : null;
        }

        @Override
        void compute(byte[] x, byte[] y, byte[] r) {
            if (vectors != null && VectorWarmup.warm()) {
                vectors.apply(x, y, r);
                return;
            }
            for (int o = 0; o < width; o += 8) {
                long u = get(x, o);
                long v = get(y, o);
                put(r, o, switch (op) {
                    case AND -> u & v;
                    case ANDN -> ~u & v;
                    case OR -> u | v;
                    case XOR -> u ^ v;
                    case ADDB -> ((u & LOW7) + (v & LOW7)) ^ ((u ^ v) & HIGH1);
                    case SUBB -> ((u | HIGH1) - (v & LOW7)) ^ ((u ^ ~v) & HIGH1);
                    case ADDW -> ((u & LOW15) + (v & LOW15)) ^ ((u ^ v) & HIGH16);
                    case SUBW -> ((u | HIGH16) - (v & LOW15)) ^ ((u ^ ~v) & HIGH16);
                    case ADDD -> ((u & LOW31) + (v & LOW31)) ^ ((u ^ v) & HIGH32);
                    case SUBD -> ((u | HIGH32) - (v & LOW31)) ^ ((u ^ ~v) & HIGH32);
                    case ADDQ -> u + v;
                });
            }
        }
    }

    /**
     * dst, src (a vector register or memory) and an immediate count, decoded once. As the generic forms, the count is
     * the immediate's low byte; a count beyond the lane's bits gives 0 for a logical shift and the sign for an
     * arithmetic one.
     */
    private abstract static class ShiftByImmediate extends ResolvedSemantics {
        final int width;
        final int dst;
        final int a;
        final Operand.Mem mem;
        final int count;

        ShiftByImmediate(Instruction in) {
            this.width = X86Semantics.width(in);
            this.dst = in.reg(0).index();
            this.mem = in.op(1) instanceof Operand.Mem m ? m : null;
            this.a = mem == null ? in.reg(1).index() : -1;
            this.count = (int) (((Operand.Imm) in.op(2)).value() & 0xFF);
        }
    }

    private static final class ShiftImm extends ShiftByImmediate {
        private final Shift kind;
        /** The Vector API form of this shift and width, or null for the eight-byte loop. */
        private final X86LaneVector.ShiftForm vectors;

        ShiftImm(Instruction in, Shift kind) {
            super(in);
            this.kind = kind;
            this.vectors = laneVectors(width) ? X86LaneVector.shift(kind, width) : null;
        }

        @Override
        public void execute(Instruction in, MachineState s) {
            byte[] x = second(s, a, mem, width);
            byte[] r = s.vec[dst];
            if (vectors != null && (count <= 15 || kind == Shift.SRAW) && VectorWarmup.warm()) {
                vectors.apply(Math.min(count, 15), x, r);
            } else if (kind == Shift.SRAW) {
                int n = Math.min(count, 15);
                for (int o = 0; o < width; o += 2) {
                    int v = (short) ((x[o] & 0xFF) | (x[o + 1] << 8)) >> n;
                    r[o] = (byte) v;
                    r[o + 1] = (byte) (v >>> 8);
                }
            } else if (count > 15) {
                java.util.Arrays.fill(r, 0, width, (byte) 0);
            } else {
                // Bits that cross into a neighbouring 16-bit lane are masked off.
                long keep = kind == Shift.SRLW ? ((0xFFFF >>> count) * WORD_ONES) : (((0xFFFF << count) & 0xFFFF) * WORD_ONES);
                for (int o = 0; o < width; o += 8) {
                    long u = get(x, o);
                    put(r, o, (kind == Shift.SRLW ? u >>> count : u << count) & keep);
                }
            }
            s.clearAbove(dst, width);
        }
    }

    /** vpsrld / vpslld / vpsrad by an immediate: as {@link ShiftImm}, with 32-bit lanes, two per eight-byte step. */
    private static final class ShiftImm32 extends ShiftByImmediate {
        private final Shift32 kind;
        /** The bits of each 32-bit lane a logical shift keeps: not those crossing into the neighbouring lane. */
        private final long keep;
        /** The Vector API form of this shift and width where it applies (count 0..31, or any for SRAD), else null. */
        private final X86LaneVector.ShiftForm vectors;

        ShiftImm32(Instruction in, Shift32 kind) {
            super(in);
            this.kind = kind;
            this.keep = count > 31 ? 0
                : (kind == Shift32.SRLD ? 0xFFFF_FFFFL >>> count : (0xFFFF_FFFFL << count) & 0xFFFF_FFFFL) * DWORD_ONES;
            this.vectors = laneVectors(width) && (count <= 31 || kind == Shift32.SRAD)
                ? X86LaneVector.shift32(kind, width) : null;
        }

        @Override
        public void execute(Instruction in, MachineState s) {
            byte[] x = second(s, a, mem, width);
            byte[] r = s.vec[dst];
            if (vectors != null && VectorWarmup.warm()) {
                vectors.apply(Math.min(count, 31), x, r);
            } else if (kind == Shift32.SRAD) {
                // Java's int shift is the lane's arithmetic shift; the count is capped, not taken mod 32
                int n = Math.min(count, 31);
                for (int o = 0; o < width; o += 4) {
                    INTS.set(r, o, (int) INTS.get(x, o) >> n);
                }
            } else {
                // a count above 31 has keep 0: every lane becomes 0
                for (int o = 0; o < width; o += 8) {
                    long u = get(x, o);
                    put(r, o, (kind == Shift32.SRLD ? u >>> count : u << count) & keep);
                }
            }
            s.clearAbove(dst, width);
        }
    }

    /**
     * vpsignb: each byte of src1 negated, zeroed or kept as the byte of src2 is negative, zero or positive. Branch-free
     * as the generic form (random weight signs defeat a branch predictor), on eight bytes at a time: per-byte masks of
     * the negative and the non-zero bytes of src2, then a conditional negation (complement, plus one in those bytes)
     * with the carry kept inside each byte. -128 negates to itself (0x80), as in the generic form.
     */
    private static final class SignBytes extends ThreeOperand {
        SignBytes(Instruction in) {
            super(in);
        }

        @Override
        void compute(byte[] x, byte[] y, byte[] r) {
            for (int o = 0; o < width; o += 8) {
                long u = get(x, o);
                long v = get(y, o);
                long negativeOnes = (v & HIGH1) >>> 7;
                // a byte's low seven bits plus 0x7F reach bit 7 iff they are not all zero; no carry leaves the byte
                long nonZeroOnes = ((((v & LOW7) + LOW7) | v) & HIGH1) >>> 7;
                long t = u ^ (negativeOnes * 0xFF);
                long signed = ((t & LOW7) + negativeOnes) ^ (t & HIGH1);
                put(r, o, signed & (nonZeroOnes * 0xFF));
            }
        }
    }

    /** vpsrlvw / vpsllvw / vpsravw: counts above 15 give 0, or the sign for the arithmetic shift. */
    private static final class ShiftVariable extends ThreeOperand {
        private final VariableShift kind;
        /** The Vector API form of this shift and width, or null for the lane loops. */
        private final X86LaneVector.Form vectors;

        ShiftVariable(Instruction in, VariableShift kind) {
            super(in);
            this.kind = kind;
            this.vectors = laneVectors(width) ? X86LaneVector.shiftVariable(kind, width) : null;
        }

        @Override
        void compute(byte[] x, byte[] y, byte[] r) {
            if (vectors != null && VectorWarmup.warm()) {
                vectors.apply(x, y, r);
                return;
            }
            // one loop per kind, each lane and its count read as one 16-bit value
            switch (kind) {
                case SRLVW -> {
                    for (int o = 0; o < width; o += 2) {
                        int n = (short) SHORTS.get(y, o) & 0xFFFF;
                        SHORTS.set(r, o, (short) (n > 15 ? 0 : ((short) SHORTS.get(x, o) & 0xFFFF) >>> n));
                    }
                }
                case SLLVW -> {
                    for (int o = 0; o < width; o += 2) {
                        int n = (short) SHORTS.get(y, o) & 0xFFFF;
                        SHORTS.set(r, o, (short) (n > 15 ? 0 : (short) SHORTS.get(x, o) << n));
                    }
                }
                case SRAVW -> {
                    for (int o = 0; o < width; o += 2) {
                        int n = (short) SHORTS.get(y, o) & 0xFFFF;
                        SHORTS.set(r, o, (short) ((short) SHORTS.get(x, o) >> Math.min(n, 15)));
                    }
                }
            }
        }
    }

    /** vpmaddubsw: unsigned bytes of src1 times signed bytes of src2, adjacent pairs summed, signed saturation. */
    private static final class MaddUbsW extends ThreeOperand {
        /** The Vector API form of this width, or null for the byte loop. */
        private final X86LaneVector.Form vectors;

        MaddUbsW(Instruction in) {
            super(in);
            this.vectors = laneVectors(width) ? X86LaneVector.maddUbs(width) : null;
        }

        @Override
        void compute(byte[] x, byte[] y, byte[] r) {
            if (vectors != null && VectorWarmup.warm()) {
                vectors.apply(x, y, r);
                return;
            }
            for (int o = 0; o < width; o += 2) {
                int sum = (x[o] & 0xFF) * y[o] + (x[o + 1] & 0xFF) * y[o + 1];
                int v = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sum));
                r[o] = (byte) v;
                r[o + 1] = (byte) (v >>> 8);
            }
        }
    }

    /** vpmaddwd: signed 16-bit pairs multiplied and summed into 32 bits (wrapping). */
    private static final class MaddWd extends ThreeOperand {
        /** The Vector API form of this width, or null for the lane loop. */
        private final X86LaneVector.Form vectors;

        MaddWd(Instruction in) {
            super(in);
            this.vectors = laneVectors(width) ? X86LaneVector.maddWords(width) : null;
        }

        @Override
        void compute(byte[] x, byte[] y, byte[] r) {
            if (vectors != null && VectorWarmup.warm()) {
                vectors.apply(x, y, r);
                return;
            }
            for (int o = 0; o < width; o += 4) {
                // a lane's two signed halves: the low one shifted to the top and back, the high one shifted down
                int u = (int) INTS.get(x, o);
                int v = (int) INTS.get(y, o);
                INTS.set(r, o, (u << 16 >> 16) * (v << 16 >> 16) + (u >> 16) * (v >> 16));
            }
        }
    }

    /** vpdpbusd (VNNI): each 32-bit lane of the destination plus four u8 x s8 products, wrapping. */
    private static final class DpBusD extends ThreeOperand {
        /** The Vector API form of this width, or null for the lane loop. */
        private final X86LaneVector.Form vectors;

        DpBusD(Instruction in) {
            super(in);
            this.vectors = laneVectors(width) ? X86LaneVector.dotBytes(width) : null;
        }

        @Override
        void compute(byte[] x, byte[] y, byte[] r) {
            // r is the destination register, which is also the accumulator: each lane reads it before writing it
            if (vectors != null && VectorWarmup.warm()) {
                vectors.apply(x, y, r);
                return;
            }
            for (int o = 0; o < width; o += 4) {
                // a lane's four bytes read as one int each: x's unsigned, y's signed (shifted to the top and back)
                int u = (int) INTS.get(x, o);
                int v = (int) INTS.get(y, o);
                int sum = (int) INTS.get(r, o) + (u & 0xFF) * (v << 24 >> 24) + (u >>> 8 & 0xFF) * (v << 16 >> 24)
                    + (u >>> 16 & 0xFF) * (v << 8 >> 24) + (u >>> 24) * (v >> 24);
                INTS.set(r, o, sum);
            }
        }
    }

    /** A vector register copied to another, zeroed above the width (VEX/EVEX). */
    private static final class RegisterMove extends ResolvedSemantics {
        private final int width;
        private final int dst;
        private final int src;

        RegisterMove(int width, int dst, int src) {
            this.width = width;
            this.dst = dst;
            this.src = src;
        }

        @Override
        public void execute(Instruction in, MachineState s) {
            System.arraycopy(s.vec[src], 0, s.vec[dst], 0, width);
            s.clearAbove(dst, width);
        }
    }

    /** Unmasked vector moves register/memory to register, and register to memory. */
    private static final class Move extends ResolvedSemantics {
        private final int width;
        private final int reg;
        private final Operand.Mem mem;
        private final boolean store;

        private Move(int width, int reg, Operand.Mem mem, boolean store) {
            this.width = width;
            this.reg = reg;
            this.mem = mem;
            this.store = store;
        }

        static InstructionSemantics of(Instruction in, InstructionSemantics generic) {
            if (in.operands().size() != 2) {
                return generic;
            }
            Operand d = in.op(0);
            Operand src = in.op(1);
            if (vector(d) && (vector(src) || src instanceof Operand.Mem)) {
                int w = X86Semantics.width(in);
                return src instanceof Operand.Mem m ? new Move(w, ((Reg) d).index(), m, false)
                    : new Move(w, ((Reg) d).index(), null, false).withSource(((Reg) src).index());
            }
            if (d instanceof Operand.Mem m && vector(src)) {
                return new Move(X86Semantics.width(in), ((Reg) src).index(), m, true);
            }
            return generic;
        }

        private InstructionSemantics withSource(int source) {
            return new RegisterMove(width, reg, source);
        }

        @Override
        public void execute(Instruction in, MachineState s) {
            if (store) {
                s.memory.write(s.effectiveAddress(mem), s.vec[reg], 0, width);
            } else {
                s.memory.read(s.effectiveAddress(mem), s.vec[reg], 0, width);
                s.clearAbove(reg, width);
            }
        }
    }
}
