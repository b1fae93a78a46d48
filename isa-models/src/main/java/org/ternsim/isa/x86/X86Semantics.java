// Exact lane semantics of the x86-64 scalar, AVX2 and AVX-512 instructions the kernel lowerings use.
package org.ternsim.isa.x86;

import static org.ternsim.isa.MachineState.getInt;
import static org.ternsim.isa.MachineState.getLong;
import static org.ternsim.isa.MachineState.getShort;
import static org.ternsim.isa.MachineState.putInt;
import static org.ternsim.isa.MachineState.putLong;
import static org.ternsim.isa.MachineState.putShort;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntBinaryOperator;
import java.util.function.LongBinaryOperator;
import org.ternsim.isa.Instruction;
import org.ternsim.isa.InstructionSemantics;
import org.ternsim.isa.MachineState;
import org.ternsim.isa.Operand;
import org.ternsim.isa.Reg;
import org.ternsim.isa.SemanticsTable;

public final class X86Semantics {

    private static final SemanticsTable TABLE = build();

    private X86Semantics() {
    }

    public static SemanticsTable table() {
        return TABLE;
    }

    private static SemanticsTable build() {
        Map<String, InstructionSemantics> t = new HashMap<>();
        // Moves between vector registers and memory.
        t.put("vmovdqu", X86Semantics::vmove);
        t.put("vmovdqa", X86Semantics::vmove);
        t.put("vmovdqu8", X86Semantics::vmove);
        t.put("vmovdqu64", X86Semantics::vmove);
        // Bitwise and integer lane arithmetic (wrapping).
        t.put("vpand", bytewise((a, b, r, n) -> {
            for (int i = 0; i < n; i++) {
                r[i] = (byte) (a[i] & b[i]);
            }
        }));
        t.put("vpandn", bytewise((a, b, r, n) -> {
            for (int i = 0; i < n; i++) {
                r[i] = (byte) (~a[i] & b[i]);
            }
        }));
        t.put("vpor", bytewise((a, b, r, n) -> {
            for (int i = 0; i < n; i++) {
                r[i] = (byte) (a[i] | b[i]);
            }
        }));
        t.put("vpxor", bytewise((a, b, r, n) -> {
            for (int i = 0; i < n; i++) {
                r[i] = (byte) (a[i] ^ b[i]);
            }
        }));
        t.put("vpaddb", bytewise((a, b, r, n) -> {
            for (int i = 0; i < n; i++) {
                r[i] = (byte) (a[i] + b[i]);
            }
        }));
        t.put("vpsubb", bytewise((a, b, r, n) -> {
            for (int i = 0; i < n; i++) {
                r[i] = (byte) (a[i] - b[i]);
            }
        }));
        t.put("vpaddw", wordwise((a, b, r, n) -> {
            for (int i = 0; i < n; i++) {
                putShort(r, i, getShort(a, i) + getShort(b, i));
            }
        }));
        t.put("vpsubw", wordwise((a, b, r, n) -> {
            for (int i = 0; i < n; i++) {
                putShort(r, i, getShort(a, i) - getShort(b, i));
            }
        }));
        t.put("vpaddd", lanes32(Integer::sum));
        t.put("vpsubd", lanes32((a, b) -> a - b));
        t.put("vpaddq", lanes64(Long::sum));
        // Shifts by immediate; counts above the lane width give 0 (logical) or the sign (arithmetic).
        t.put("vpsrlw", shift16((a, count, r, n) -> {
            for (int i = 0; i < n; i++) {
                putShort(r, i, count > 15 ? 0 : (getShort(a, i) & 0xFFFF) >>> count);
            }
        }));
        t.put("vpsllw", shift16((a, count, r, n) -> {
            for (int i = 0; i < n; i++) {
                putShort(r, i, count > 15 ? 0 : getShort(a, i) << count);
            }
        }));
        t.put("vpsraw", shift16((a, count, r, n) -> {
            for (int i = 0; i < n; i++) {
                putShort(r, i, getShort(a, i) >> Math.min(count, 15));
            }
        }));
        // Multiply-adds.
        t.put("vpmaddubsw", X86Semantics::vpmaddubsw);
        t.put("vpmaddwd", X86Semantics::vpmaddwd);
        t.put("vpdpbusd", X86Semantics::vpdpbusd);
        // Shuffles, lane moves, broadcasts.
        t.put("vextracti128", X86Semantics::vextracti128);
        t.put("vinserti128", X86Semantics::vinserti128);
        t.put("vpunpckhqdq", unpackQuad(true));
        t.put("vpunpcklqdq", unpackQuad(false));
        t.put("vpshufd", X86Semantics::vpshufd);
        t.put("vpbroadcastb", broadcast(1));
        t.put("vpbroadcastw", broadcast(2));
        t.put("vpbroadcastd", broadcast(4));
        t.put("vmovd", X86Semantics::vmovd);
        // Scalar single precision (IEEE round to nearest even, no FTZ/DAZ: the MXCSR default).
        t.put("vmovss", X86Semantics::vmovss);
        t.put("vcvtsi2ss", X86Semantics::vcvtsi2ss);
        t.put("vaddss", scalarFloat((a, b) -> a + b));
        t.put("vsubss", scalarFloat((a, b) -> a - b));
        t.put("vmulss", scalarFloat((a, b) -> a * b));
        t.put("vdivss", scalarFloat((a, b) -> a / b));
        // Scalar integer, address arithmetic and branches.
        t.put("mov", (in, s) -> s.writeInt(in.reg(0), s.readInt(in.op(1))));
        t.put("lea", (in, s) -> s.writeInt(in.reg(0), s.effectiveAddress((Operand.Mem) in.op(1))));
        t.put("add", (in, s) -> arith(in, s, false));
        t.put("sub", (in, s) -> arith(in, s, true));
        t.put("cmp", X86Semantics::cmp);
        t.put("inc", (in, s) -> incDec(in, s, 1));
        t.put("dec", (in, s) -> incDec(in, s, -1));
        t.put("xor", (in, s) -> logic(in, s, s.readInt(in.op(0)) ^ s.readInt(in.op(1))));
        t.put("and", (in, s) -> logic(in, s, s.readInt(in.op(0)) & s.readInt(in.op(1))));
        // two operands: dst *= src; three: dst = src * imm
        t.put("imul", (in, s) -> s.writeInt(in.reg(0), s.readInt(in.op(in.operands().size() - 2))
            * s.readInt(in.op(in.operands().size() - 1))));
        t.put("jmp", new X86Jump(X86Jump.Condition.ALWAYS));
        for (X86Jump.Condition c : X86Jump.Condition.values()) {
            if (c != X86Jump.Condition.ALWAYS) {
                t.put(c.mnemonic(), new X86Jump(c));
            }
        }
        t.put("movzx", (in, s) -> s.writeInt(in.reg(0), s.readInt(in.op(1))));
        t.put("movsx", (in, s) -> s.writeInt(in.reg(0), signExtend(in.op(1), s.readInt(in.op(1)))));
        X86IntVector.register(t);
        X86FloatVector.register(t);
        X86Resolved.register(t);
        X86ResolvedScalar.register(t);
        X86ResolvedFloat.register(t);
        X86ResolvedShuffle.register(t);
        X86ResolvedExtend.register(t);
        X86ResolvedScalarFloat.register(t);
        X86Masking.register(t);
        X86Compress.register(t);
        return new SemanticsTable("x86-64", t);
    }

    /** Width in bytes of a vector instruction: that of its first vector register operand. */
    static int width(Instruction in) {
        // an index loop: the for-each iterator was a per-execution allocation of every generic vector form
        java.util.List<Operand> ops = in.operands();
        for (int i = 0; i < ops.size(); i++) {
            if (ops.get(i) instanceof Reg r && r.cls().isVector()) {
                return r.cls().bytes();
            }
        }
        throw new IllegalArgumentException("no vector register in " + in);
    }

    private static void vmove(Instruction in, MachineState s) {
        int w = width(in);
        if (in.op(0) instanceof Operand.Mem m) {
            s.memory.write(s.effectiveAddress(m), s.source(in.op(1), w), 0, w);
        } else {
            s.writeVector(in.reg(0), s.source(in.op(1), w), w);
        }
    }

    /**
     * A whole element-wise operation over {@code n} elements of {@code a} and {@code b} into {@code r}. Each operation
     * carries its own loop so that the JIT compiles one loop per operation; a shared loop calling a per-element
     * lambda is a megamorphic call per byte (a third of the semantics time in JFR profiles).
     */
    @FunctionalInterface
    interface LaneLoop {
        void apply(byte[] a, byte[] b, byte[] r, int n);
    }

    /** A shift of {@code n} 16-bit elements of {@code a} by {@code count} into {@code r}, with the loop inside. */
    @FunctionalInterface
    interface ShiftLoop {
        void apply(byte[] a, int count, byte[] r, int n);
    }

    /** Byte-wise operation; {@code n} is the byte count. */
    private static InstructionSemantics bytewise(LaneLoop loop) {
        return (in, s) -> {
            int w = width(in);
            byte[] r = new byte[w];
            loop.apply(s.source(in.op(1), w), s.source(in.op(2), w), r, w);
            s.writeVector(in.reg(0), r);
        };
    }

    /** Word-wise operation; {@code n} is the 16-bit element count. */
    private static InstructionSemantics wordwise(LaneLoop loop) {
        return (in, s) -> {
            int w = width(in);
            byte[] r = new byte[w];
            loop.apply(s.source(in.op(1), w), s.source(in.op(2), w), r, w / 2);
            s.writeVector(in.reg(0), r);
        };
    }

    static InstructionSemantics lanes16(IntBinaryOperator f) {
        return (in, s) -> {
            int w = width(in);
            byte[] a = s.source(in.op(1), w);
            byte[] b = s.source(in.op(2), w);
            byte[] r = new byte[w];
            for (int i = 0; i < w / 2; i++) {
                putShort(r, i, f.applyAsInt(getShort(a, i), getShort(b, i)));
            }
            s.writeVector(in.reg(0), r);
        };
    }

    private static InstructionSemantics lanes32(IntBinaryOperator f) {
        return (in, s) -> {
            int w = width(in);
            byte[] a = s.source(in.op(1), w);
            byte[] b = s.source(in.op(2), w);
            byte[] r = new byte[w];
            for (int i = 0; i < w / 4; i++) {
                putInt(r, i, f.applyAsInt(getInt(a, i), getInt(b, i)));
            }
            s.writeVector(in.reg(0), r);
        };
    }

    private static InstructionSemantics lanes64(LongBinaryOperator f) {
        return (in, s) -> {
            int w = width(in);
            byte[] a = s.source(in.op(1), w);
            byte[] b = s.source(in.op(2), w);
            byte[] r = new byte[w];
            for (int i = 0; i < w / 8; i++) {
                putLong(r, i, f.applyAsLong(getLong(a, i), getLong(b, i)));
            }
            s.writeVector(in.reg(0), r);
        };
    }

    /** 16-bit shift by an immediate; counts above 255 saturate (only "more than 15" matters to the operations). */
    private static InstructionSemantics shift16(ShiftLoop loop) {
        return (in, s) -> {
            int w = width(in);
            int count = (int) Math.min(((Operand.Imm) in.op(2)).value() & 0xFF, 255);
            byte[] r = new byte[w];
            loop.apply(s.source(in.op(1), w), count, r, w / 2);
            s.writeVector(in.reg(0), r);
        };
    }

    /** Unsigned bytes of the first source times signed bytes of the second, adjacent pairs summed with signed saturation. */
    private static void vpmaddubsw(Instruction in, MachineState s) {
        int w = width(in);
        byte[] a = s.source(in.op(1), w);
        byte[] b = s.source(in.op(2), w);
        byte[] r = new byte[w];
        for (int i = 0; i < w / 2; i++) {
            int sum = (a[2 * i] & 0xFF) * b[2 * i] + (a[2 * i + 1] & 0xFF) * b[2 * i + 1];
            putShort(r, i, Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sum)));
        }
        s.writeVector(in.reg(0), r);
    }

    /** Signed 16-bit pairs multiplied and summed into 32 bits; only -32768*-32768*2 wraps (to INT_MIN). */
    private static void vpmaddwd(Instruction in, MachineState s) {
        int w = width(in);
        byte[] a = s.source(in.op(1), w);
        byte[] b = s.source(in.op(2), w);
        byte[] r = new byte[w];
        for (int i = 0; i < w / 4; i++) {
            int p0 = getShort(a, 2 * i) * getShort(b, 2 * i);
            int p1 = getShort(a, 2 * i + 1) * getShort(b, 2 * i + 1);
            putInt(r, i, p0 + p1);
        }
        s.writeVector(in.reg(0), r);
    }

    /** VNNI: each 32-bit lane of the destination accumulates four u8 x s8 products, wrapping, no saturation. */
    private static void vpdpbusd(Instruction in, MachineState s) {
        int w = width(in);
        byte[] acc = s.readVector(in.op(0), w);
        byte[] a = s.source(in.op(1), w);
        byte[] b = s.source(in.op(2), w);
        for (int i = 0; i < w / 4; i++) {
            int sum = getInt(acc, i);
            for (int k = 0; k < 4; k++) {
                sum += (a[4 * i + k] & 0xFF) * b[4 * i + k];
            }
            putInt(acc, i, sum);
        }
        s.writeVector(in.reg(0), acc);
    }

    private static void vextracti128(Instruction in, MachineState s) {
        byte[] src = s.source(in.op(1), 32);
        int lane = (int) (((Operand.Imm) in.op(2)).value() & 1);
        byte[] r = java.util.Arrays.copyOfRange(src, 16 * lane, 16 * lane + 16);
        if (in.op(0) instanceof Operand.Mem m) {
            s.memory.write(s.effectiveAddress(m), r, 0, 16);
        } else {
            s.writeVector(in.reg(0), r);
        }
    }

    private static void vinserti128(Instruction in, MachineState s) {
        byte[] r = s.readVector(in.op(1), 32);
        byte[] x = s.source(in.op(2), 16);
        int lane = (int) (((Operand.Imm) in.op(3)).value() & 1);
        System.arraycopy(x, 0, r, 16 * lane, 16);
        s.writeVector(in.reg(0), r);
    }

    /** Within each 128-bit lane: the high (or low) quadword of each source, first source first. */
    private static InstructionSemantics unpackQuad(boolean high) {
        return (in, s) -> {
            int w = width(in);
            byte[] a = s.source(in.op(1), w);
            byte[] b = s.source(in.op(2), w);
            byte[] r = new byte[w];
            int pick = high ? 1 : 0;
            for (int lane = 0; lane < w / 16; lane++) {
                putLong(r, 2 * lane, getLong(a, 2 * lane + pick));
                putLong(r, 2 * lane + 1, getLong(b, 2 * lane + pick));
            }
            s.writeVector(in.reg(0), r);
        };
    }

    private static void vpshufd(Instruction in, MachineState s) {
        int w = width(in);
        byte[] a = s.source(in.op(1), w);
        int imm = (int) ((Operand.Imm) in.op(2)).value();
        byte[] r = new byte[w];
        for (int lane = 0; lane < w / 16; lane++) {
            for (int i = 0; i < 4; i++) {
                putInt(r, 4 * lane + i, getInt(a, 4 * lane + ((imm >>> (2 * i)) & 3)));
            }
        }
        s.writeVector(in.reg(0), r);
    }

    /** Source: the low element of an xmm register or memory, or (AVX-512 form) the low bytes of a GPR. */
    private static InstructionSemantics broadcast(int elementBytes) {
        return (in, s) -> {
            int w = width(in);
            byte[] src = new byte[8];
            if (in.op(1) instanceof Reg g && g.cls().isGpr()) {
                putLong(src, 0, s.readInt(g));
            } else {
                src = s.source(in.op(1), elementBytes);
            }
            byte[] r = new byte[w];
            for (int i = 0; i < w; i++) {
                r[i] = src[i % elementBytes];
            }
            s.writeVector(in.reg(0), r);
        };
    }

    private static void vmovd(Instruction in, MachineState s) {
        if (in.op(0) instanceof Reg d && d.cls().isGpr()) {
            s.writeInt(d, getInt(s.vec[in.reg(1).index()], 0));
        } else if (in.op(0) instanceof Operand.Mem m) {
            s.memory.write(s.effectiveAddress(m), s.vec[in.reg(1).index()], 0, 4);
        } else {
            byte[] r = new byte[16];
            putInt(r, 0, (int) s.readInt(in.op(1)));
            s.writeVector(in.reg(0), r);
        }
    }

    private static void vmovss(Instruction in, MachineState s) {
        if (in.op(0) instanceof Operand.Mem m) {
            s.memory.write(s.effectiveAddress(m), s.vec[in.reg(1).index()], 0, 4);
        } else if (in.operands().size() == 2) {
            byte[] r = new byte[16];
            System.arraycopy(s.readVector(in.op(1), 4), 0, r, 0, 4);
            s.writeVector(in.reg(0), r);
        } else {
            byte[] r = s.readVector(in.op(1), 16);
            System.arraycopy(s.vec[in.reg(2).index()], 0, r, 0, 4);
            s.writeVector(in.reg(0), r);
        }
    }

    private static void vcvtsi2ss(Instruction in, MachineState s) {
        byte[] r = s.readVector(in.op(1), 16);
        long v = s.readInt(in.op(2));
        boolean is32 = in.op(2) instanceof Reg g ? g.cls() == Reg.RegClass.R32 : ((Operand.Mem) in.op(2)).bytes() == 4;
        float f = is32 ? (float) (int) v : (float) v;
        putInt(r, 0, Float.floatToRawIntBits(f));
        s.writeVector(in.reg(0), r);
    }

    private interface FloatOp {
        float apply(float a, float b);
    }

    /** The "QNaN floating-point indefinite" an invalid operation on non-NaN operands returns (SDM vol. 1, 4.8.3.7). */
    static final int QNAN_INDEFINITE = 0xFFC0_0000;

    /**
     * NaN results are built explicitly (SDM vol. 1, table 4-7): a NaN source is returned quieted, the first source
     * winning; an invalid operation gives the QNaN indefinite. Java leaves NaN bit patterns unspecified (HotSpot may
     * swap the operands of a commutative float add), so they must not come from Java arithmetic.
     */
    private static InstructionSemantics scalarFloat(FloatOp op) {
        return (in, s) -> {
            byte[] r = s.readVector(in.op(1), 16);
            int ra = getInt(r, 0);
            int rb = getInt(s.source(in.op(2), 4), 0);
            int result;
            if ((ra & 0x7FFF_FFFF) > 0x7F80_0000) {
                result = ra | 0x0040_0000;
            } else if ((rb & 0x7FFF_FFFF) > 0x7F80_0000) {
                result = rb | 0x0040_0000;
            } else {
                float v = op.apply(Float.intBitsToFloat(ra), Float.intBitsToFloat(rb));
                result = Float.isNaN(v) ? QNAN_INDEFINITE : Float.floatToRawIntBits(v);
            }
            putInt(r, 0, result);
            s.writeVector(in.reg(0), r);
        };
    }

    /** Sign extension of a byte or word source (movsx). */
    private static long signExtend(Operand src, long v) {
        int bytes = src instanceof Operand.Mem m ? m.bytes() : ((Reg) src).cls().bytes();
        return bytes == 1 ? (byte) v : bytes == 2 ? (short) v : (int) v;
    }

    private static int bits(Instruction in) {
        return in.reg(0).cls() == Reg.RegClass.R32 ? 32 : 64;
    }

    static long truncate(long v, int bits) {
        return bits == 64 ? v : v & 0xFFFF_FFFFL;
    }

    static boolean negative(long v, int bits) {
        return ((v >>> (bits - 1)) & 1) != 0;
    }

    /** Sets ZF, SF, CF and OF as x86 add/sub do, on the destination width. */
    static long addSub(MachineState s, long a, long b, int bits, boolean subtract) {
        long ua = truncate(a, bits);
        long ub = truncate(b, bits);
        long r = truncate(subtract ? ua - ub : ua + ub, bits);
        s.zf = r == 0;
        s.sf = negative(r, bits);
        if (subtract) {
            s.cf = bits == 64 ? Long.compareUnsigned(ua, ub) < 0 : ua < ub;
            s.of = negative(ua, bits) != negative(ub, bits) && negative(r, bits) != negative(ua, bits);
        } else {
            s.cf = bits == 64 ? Long.compareUnsigned(r, ua) < 0 : (ua + ub) >>> 32 != 0;
            s.of = negative(ua, bits) == negative(ub, bits) && negative(r, bits) != negative(ua, bits);
        }
        return r;
    }

    private static void arith(Instruction in, MachineState s, boolean subtract) {
        int bits = bits(in);
        s.writeInt(in.reg(0), addSub(s, s.readInt(in.op(0)), s.readInt(in.op(1)), bits, subtract));
    }

    private static void cmp(Instruction in, MachineState s) {
        addSub(s, s.readInt(in.op(0)), s.readInt(in.op(1)), bits(in), true);
    }

    /** inc/dec leave CF unchanged, unlike add/sub. */
    private static void incDec(Instruction in, MachineState s, int delta) {
        boolean cf = s.cf;
        int bits = bits(in);
        s.writeInt(in.reg(0), addSub(s, s.readInt(in.op(0)), Math.abs(delta), bits, delta < 0));
        s.cf = cf;
    }

    private static void logic(Instruction in, MachineState s, long value) {
        int bits = bits(in);
        long r = truncate(value, bits);
        s.zf = r == 0;
        s.sf = negative(r, bits);
        s.cf = false;
        s.of = false;
        s.writeInt(in.reg(0), r);
    }

    /** The interpreter resolves the label operand into {@link MachineState#branchTarget} before execution. */
}
