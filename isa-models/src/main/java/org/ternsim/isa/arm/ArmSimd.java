// Exact lane semantics of the AArch64 Advanced SIMD (NEON) integer and float instructions the lowerings use.
package org.ternsim.isa.arm;

import static org.ternsim.isa.arm.ArmLanes.laneBytes;
import static org.ternsim.isa.arm.ArmLanes.lanes;
import static org.ternsim.isa.arm.ArmLanes.put;
import static org.ternsim.isa.arm.ArmLanes.read;
import static org.ternsim.isa.arm.ArmLanes.signed;
import static org.ternsim.isa.arm.ArmLanes.source;
import static org.ternsim.isa.arm.ArmLanes.unsigned;
import static org.ternsim.isa.arm.ArmLanes.vreg;

import java.util.function.LongBinaryOperator;
import org.ternsim.isa.Instruction;
import org.ternsim.isa.InstructionSemantics;
import org.ternsim.isa.MachineState;
import org.ternsim.isa.Operand;
import org.ternsim.isa.Reg;

/** Writes follow AArch64: a write to a 64-bit view or scalar view zeroes the rest of the 128-bit register. */
final class ArmSimd {

    private ArmSimd() {
    }

    /** vd = f(vn, vm) lane by lane at vd's element size, wrapping. */
    static InstructionSemantics lanewise(LongBinaryOperator f) {
        return (in, s) -> {
            Reg d = vreg(in.op(0));
            int size = laneBytes(d);
            // sources read in place: r is a fresh array, so a source that is also vd is read before vd is written
            byte[] a = source(s, vreg(in.op(1)), d.cls().bytes());
            byte[] b = source(s, vreg(in.op(2)), d.cls().bytes());
            byte[] r = new byte[d.cls().bytes()];
            for (int i = 0; i < r.length / size; i++) {
                put(r, i, size, f.applyAsLong(signed(a, i, size), signed(b, i, size)));
            }
            s.writeVector(d, r);
        };
    }

    /** Shift right (logical or arithmetic) or left by an immediate; ushr/sshr allow 1..esize, shl 0..esize-1. */
    static InstructionSemantics shiftImm(char kind) {
        return (in, s) -> {
            Reg d = vreg(in.op(0));
            int size = laneBytes(d);
            int bits = 8 * size;
            int n = (int) ((Operand.Imm) in.op(2)).value();
            boolean right = kind != 'l';
            if (right ? n < 1 || n > bits : n < 0 || n >= bits) {
                throw new IllegalArgumentException("shift " + n + " out of range for " + bits + "-bit lanes: " + in);
            }
            byte[] a = source(s, vreg(in.op(1)), d.cls().bytes());
            byte[] r = new byte[d.cls().bytes()];
            for (int i = 0; i < r.length / size; i++) {
                long v = switch (kind) {
                    case 'u' -> n == 64 ? 0 : unsigned(a, i, size) >>> n;
                    case 's' -> signed(a, i, size) >> Math.min(n, 63);
                    default -> signed(a, i, size) << n;
                };
                put(r, i, size, v);
            }
            s.writeVector(d, r);
        };
    }

    /** tbl (out-of-range index gives 0) and tbx (out-of-range index keeps vd's byte); tables are 1-4 registers. */
    static InstructionSemantics tableLookup(boolean extension) {
        return (in, s) -> {
            Reg d = vreg(in.op(0));
            int n = in.operands().size();
            byte[] table = new byte[16 * (n - 2)];
            for (int t = 1; t < n - 1; t++) {
                System.arraycopy(s.vec[vreg(in.op(t)).index()], 0, table, 16 * (t - 1), 16);
            }
            byte[] idx = read(s, vreg(in.op(n - 1)));
            byte[] old = read(s, d);
            byte[] r = new byte[d.cls().bytes()];
            for (int i = 0; i < r.length; i++) {
                int k = idx[i] & 0xFF;
                r[i] = k < table.length ? table[k] : extension ? old[i] : 0;
            }
            s.writeVector(d, r);
        };
    }

    /** zip1/zip2 interleave the low/high halves; uzp1/uzp2 take the even/odd elements of vn:vm. */
    static InstructionSemantics permute(String op) {
        return (in, s) -> {
            Reg d = vreg(in.op(0));
            int size = laneBytes(d);
            int lanes = lanes(d);
            byte[] a = read(s, vreg(in.op(1)));
            byte[] b = read(s, vreg(in.op(2)));
            byte[] r = new byte[d.cls().bytes()];
            for (int i = 0; i < lanes; i++) {
                long v;
                if (op.startsWith("zip")) {
                    int base = op.equals("zip1") ? 0 : lanes / 2;
                    v = unsigned(i % 2 == 0 ? a : b, base + i / 2, size);
                } else {
                    int src = 2 * i + (op.equals("uzp1") ? 0 : 1);
                    v = src < lanes ? unsigned(a, src, size) : unsigned(b, src - lanes, size);
                }
                put(r, i, size, v);
            }
            s.writeVector(d, r);
        };
    }

    /**
     * Widening ops at vd's element size, reading the low half of the narrow sources ({@code high} false) or the high
     * half (the "2" forms). mode: 'm' smull, 'a' smlal (accumulate), 'l' saddl, 'w' saddw (vn already wide),
     * 'x' sxtl (one source). Signed; products and sums wrap at vd's element size.
     */
    static InstructionSemantics widening(char mode, boolean high) {
        return (in, s) -> {
            Reg d = vreg(in.op(0));
            int wide = laneBytes(d);
            int narrow = wide / 2;
            int lanes = lanes(d);
            int offset = high ? lanes : 0;
            Reg nReg = vreg(in.op(1));
            byte[] n = read(s, nReg);
            byte[] m = mode == 'x' ? null : read(s, vreg(in.op(2)));
            byte[] acc = read(s, d);
            byte[] r = new byte[d.cls().bytes()];
            for (int i = 0; i < lanes; i++) {
                long v = switch (mode) {
                    case 'm' -> signed(n, offset + i, narrow) * signed(m, offset + i, narrow);
                    case 'a' -> signed(acc, i, wide) + signed(n, offset + i, narrow) * signed(m, offset + i, narrow);
                    case 'l' -> signed(n, offset + i, narrow) + signed(m, offset + i, narrow);
                    case 'w' -> signed(n, i, wide) + signed(m, offset + i, narrow);
                    default -> signed(n, offset + i, narrow);
                };
                put(r, i, wide, v);
            }
            s.writeVector(d, r);
        };
    }

    /** sdot/udot vd.4s += sum of 4 byte products per 32-bit lane; exact in int32 then wrapping. */
    static InstructionSemantics dot(boolean signed) {
        return (in, s) -> {
            Reg d = vreg(in.op(0));
            byte[] r = read(s, d);
            byte[] a = source(s, vreg(in.op(1)), r.length);
            byte[] b = source(s, vreg(in.op(2)), r.length);
            for (int i = 0; i < r.length / 4; i++) {
                long sum = signed(r, i, 4);
                for (int k = 4 * i; k < 4 * i + 4; k++) {
                    sum += signed ? (long) a[k] * b[k] : (long) (a[k] & 0xFF) * (b[k] & 0xFF);
                }
                put(r, i, 4, sum);
            }
            s.writeVector(d, r);
        };
    }

    /** addv (sum wraps at the element size) or saddlv (signed, result element twice as wide) into a scalar view. */
    static InstructionSemantics acrossLanes(boolean longResult) {
        return (in, s) -> {
            Reg d = vreg(in.op(0));
            Reg n = vreg(in.op(1));
            int size = laneBytes(n);
            byte[] a = s.vec[n.index()]; // read in place: only n's own lanes are read, before the write
            long sum = 0;
            for (int i = 0; i < lanes(n); i++) {
                sum += signed(a, i, size);
            }
            int outSize = longResult ? 2 * size : size;
            if (d.cls().bytes() != outSize) {
                throw new IllegalArgumentException("destination must be " + outSize + " bytes: " + in);
            }
            byte[] r = new byte[outSize];
            put(r, 0, outSize, sum);
            s.writeVector(d, r);
        };
    }

    /** dup vd.T, wn/xn: the low element bits of the general register in every lane. */
    static void dup(Instruction in, MachineState s) {
        Reg d = vreg(in.op(0));
        int size = laneBytes(d);
        long v = s.gpr[((Reg) in.op(1)).index()];
        byte[] r = new byte[d.cls().bytes()];
        for (int i = 0; i < r.length / size; i++) {
            put(r, i, size, v);
        }
        s.writeVector(d, r);
    }

    /** movi vd.T, #imm: the immediate in every lane (for .2d a 64-bit value). */
    static void movi(Instruction in, MachineState s) {
        Reg d = vreg(in.op(0));
        int size = laneBytes(d);
        long v = ((Operand.Imm) in.op(1)).value();
        if (size < 8 && (v < -128 || v > 255)) {
            throw new IllegalArgumentException("movi immediate must be an 8-bit value: " + in);
        }
        byte[] r = new byte[d.cls().bytes()];
        for (int i = 0; i < r.length / size; i++) {
            put(r, i, size, size == 8 ? v : v & 0xFF);
        }
        s.writeVector(d, r);
    }

    /** Float lane ops on .4s/.2s and scalar s views: IEEE round to nearest even, no flush-to-zero (FPCR default). */
    static InstructionSemantics floatOp(char op) {
        return (in, s) -> {
            Reg d = vreg(in.op(0));
            // sources read in place (r is a fresh array); a narrower source view is still copied, and fails as before
            byte[] a = source(s, vreg(in.op(1)), d.cls().bytes());
            byte[] b = source(s, vreg(in.op(2)), d.cls().bytes());
            byte[] acc = s.vec[d.index()];
            byte[] r = new byte[d.cls().bytes()];
            for (int i = 0; i < r.length / 4; i++) {
                put(r, i, 4, floatLane(op, (int) signed(a, i, 4), (int) signed(b, i, 4), (int) signed(acc, i, 4)));
            }
            s.writeVector(d, r);
        };
    }

    /** FPDefaultNaN: positive, quiet, no payload (Arm ARM), unlike x86's negative "QNaN indefinite". */
    static final int DEFAULT_NAN = 0x7FC0_0000;

    /**
     * One float lane of {@link #floatOp}, as raw bits; {@code acc} is read by fmla ('f') only. NaNs follow the Arm ARM
     * with FPCR.DN = 0 (FPProcessNaNs, FPProcessNaNs3 with the addend first): the first signalling NaN in operand
     * order, else the first quiet NaN, returned quiet; an invalid operation on numbers (0 x inf, inf - inf, 0 / 0)
     * gives the default NaN, and so does fmla with a quiet-NaN addend and a 0 x inf product. These are decided here,
     * not left to Java's arithmetic: which NaN a Java multiply returns can change when the JIT commutes it.
     */
    static int floatLane(char op, int a, int b, int acc) {
        boolean fma = op == 'f';
        int nan = fma ? firstNaN(acc, a, b) : firstNaN(a, b, 0);
        if (nan != 0) {
            boolean product0xInf = infinity(a) && zero(b) || zero(a) && infinity(b);
            return fma && isNaN(acc) && !signalling(acc) && product0xInf ? DEFAULT_NAN : nan;
        }
        float x = Float.intBitsToFloat(a);
        float y = Float.intBitsToFloat(b);
        float v = switch (op) {
            case '+' -> x + y;
            case '-' -> x - y;
            case '*' -> x * y;
            case '/' -> x / y;
            default -> Math.fma(x, y, Float.intBitsToFloat(acc));
        };
        return Float.isNaN(v) ? DEFAULT_NAN : Float.floatToRawIntBits(v);
    }

    /** The first signalling NaN of the three, else the first quiet NaN, made quiet; 0 when none is a NaN. */
    private static int firstNaN(int p, int q, int r) {
        if (signalling(p)) {
            return p | 0x0040_0000;
        } else if (signalling(q)) {
            return q | 0x0040_0000;
        } else if (signalling(r)) {
            return r | 0x0040_0000;
        } else if (isNaN(p)) {
            return p;
        } else if (isNaN(q)) {
            return q;
        }
        return isNaN(r) ? r : 0;
    }

    private static boolean isNaN(int bits) {
        return (bits & 0x7F80_0000) == 0x7F80_0000 && (bits & 0x007F_FFFF) != 0;
    }

    private static boolean signalling(int bits) {
        return isNaN(bits) && (bits & 0x0040_0000) == 0;
    }

    private static boolean infinity(int bits) {
        return (bits & 0x7FFF_FFFF) == 0x7F80_0000;
    }

    private static boolean zero(int bits) {
        return (bits & 0x7FFF_FFFF) == 0;
    }

    /** scvtf: int32 lanes (or a w register) to float, round to nearest even. */
    static void scvtf(Instruction in, MachineState s) {
        Reg d = vreg(in.op(0));
        byte[] r = new byte[d.cls().bytes()];
        if (in.op(1) instanceof Reg g && g.cls().isGpr()) {
            long v = g.cls() == Reg.RegClass.W ? (int) s.gpr[g.index()] : s.gpr[g.index()];
            put(r, 0, 4, Float.floatToRawIntBits((float) v));
        } else {
            byte[] a = source(s, vreg(in.op(1)), r.length);
            for (int i = 0; i < r.length / 4; i++) {
                put(r, i, 4, Float.floatToRawIntBits((float) signed(a, i, 4)));
            }
        }
        s.writeVector(d, r);
    }

    /** fcvtzs (toward zero) / fcvtns (nearest even), float to int32 lanes, saturating; NaN gives 0. */
    static InstructionSemantics fcvt(boolean nearest) {
        return (in, s) -> {
            Reg d = vreg(in.op(0));
            byte[] a = source(s, vreg(in.op(1)), d.cls().bytes());
            byte[] r = new byte[d.cls().bytes()];
            for (int i = 0; i < r.length / 4; i++) {
                float x = Float.intBitsToFloat((int) signed(a, i, 4));
                float v = nearest ? (float) Math.rint(x) : x;
                put(r, i, 4, (int) v);
            }
            s.writeVector(d, r);
        };
    }
    /**
     * fcvtl/fcvtl2 vd.4s, vn.4h/8h: the low/high four halves to floats, exact (every half is a float). With FPCR.DN = 0
     * (the Linux/macOS default) a NaN keeps its payload and a signalling NaN is quietened, as FPConvert does.
     */
    static InstructionSemantics fcvtl(boolean high) {
        return (in, s) -> {
            Reg d = vreg(in.op(0));
            if (d.cls() != Reg.RegClass.V4S) {
                throw new IllegalArgumentException("fcvtl/fcvtl2 are modelled for .4s <- .4h/.8h only: " + in);
            }
            byte[] a = read(s, vreg(in.op(1)));
            byte[] r = new byte[16];
            for (int i = 0; i < 4; i++) {
                put(r, i, 4, halfToFloatBits((int) unsigned(a, (high ? 4 : 0) + i, 2)));
            }
            s.writeVector(d, r);
        };
    }

    /** fcvt sd, hn: one half to float, as fcvtl does per lane. */
    static void fcvtScalar(Instruction in, MachineState s) {
        Reg d = vreg(in.op(0));
        Reg n = vreg(in.op(1));
        if (d.cls() != Reg.RegClass.S || n.cls() != Reg.RegClass.H) {
            throw new IllegalArgumentException("fcvt is modelled for s <- h only: " + in);
        }
        byte[] r = new byte[4];
        put(r, 0, 4, halfToFloatBits((int) unsigned(read(s, n), 0, 2)));
        s.writeVector(d, r);
    }

    static int halfToFloatBits(int h) {
        int bits = Float.floatToRawIntBits(org.ternsim.kernels.numeric.Fp16.toFloat(h));
        return (h & 0x7C00) == 0x7C00 && (h & 0x3FF) != 0 ? bits | 0x0040_0000 : bits;
    }

    /** shll/shll2 vd, vn, #esize: widen the low/high half and shift left by the narrow element size (exact). */
    static InstructionSemantics shll(boolean high) {
        return (in, s) -> {
            Reg d = vreg(in.op(0));
            int wide = laneBytes(d);
            int narrow = wide / 2;
            int lanes = lanes(d);
            if (((Operand.Imm) in.op(2)).value() != 8L * narrow) {
                throw new IllegalArgumentException("shll shifts by the source element size " + 8 * narrow + ": " + in);
            }
            byte[] a = read(s, vreg(in.op(1)));
            byte[] r = new byte[d.cls().bytes()];
            for (int i = 0; i < lanes; i++) {
                put(r, i, wide, unsigned(a, (high ? lanes : 0) + i, narrow) << (8 * narrow));
            }
            s.writeVector(d, r);
        };
    }

    /** saddlp vd, vn: signed sums of adjacent element pairs of vn into elements twice as wide (exact). */
    static void saddlp(Instruction in, MachineState s) {
        Reg d = vreg(in.op(0));
        int wide = laneBytes(d);
        byte[] a = read(s, vreg(in.op(1)));
        byte[] r = new byte[d.cls().bytes()];
        for (int i = 0; i < lanes(d); i++) {
            put(r, i, wide, signed(a, 2 * i, wide / 2) + signed(a, 2 * i + 1, wide / 2));
        }
        s.writeVector(d, r);
    }

    /** ext vd, vn, vm, #k: bytes k.. of the concatenation vm:vn (vn the low half), as many as vd holds. */
    static void ext(Instruction in, MachineState s) {
        Reg d = vreg(in.op(0));
        int bytes = d.cls().bytes();
        int k = (int) ((Operand.Imm) in.op(3)).value();
        if (k < 0 || k >= bytes) {
            throw new IllegalArgumentException("ext index must be 0.." + (bytes - 1) + ": " + in);
        }
        byte[] n = read(s, vreg(in.op(1)));
        byte[] m = read(s, vreg(in.op(2)));
        byte[] r = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            r[i] = k + i < bytes ? n[k + i] : m[k + i - bytes];
        }
        s.writeVector(d, r);
    }

    /** fcmeq vd, vn, vm (float lanes): all ones where vn == vm, else zero; a NaN lane compares unequal, +0 == -0. */
    static void fcmeq(Instruction in, MachineState s) {
        Reg d = vreg(in.op(0));
        byte[] a = read(s, vreg(in.op(1)));
        byte[] b = read(s, vreg(in.op(2)));
        byte[] r = new byte[d.cls().bytes()];
        for (int i = 0; i < r.length / 4; i++) {
            boolean eq = Float.intBitsToFloat((int) signed(a, i, 4)) == Float.intBitsToFloat((int) signed(b, i, 4));
            put(r, i, 4, eq ? -1 : 0);
        }
        s.writeVector(d, r);
    }

    /** bsl vd, vn, vm: per bit, vn where vd is 1, vm where vd is 0 (vd is the selector and the destination). */
    static void bsl(Instruction in, MachineState s) {
        Reg d = vreg(in.op(0));
        byte[] sel = read(s, d);
        byte[] a = read(s, vreg(in.op(1)));
        byte[] b = read(s, vreg(in.op(2)));
        byte[] r = new byte[sel.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = (byte) (sel[i] & a[i] | ~sel[i] & b[i]);
        }
        s.writeVector(d, r);
    }

    /** bit vd, vn, vm (bitwise insert if true): vn's bits where vm is 1, vd's own bits where vm is 0. */
    static void bit(Instruction in, MachineState s) {
        Reg d = vreg(in.op(0));
        byte[] old = read(s, d);
        byte[] a = read(s, vreg(in.op(1)));
        byte[] m = read(s, vreg(in.op(2)));
        byte[] r = new byte[old.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = (byte) (m[i] & a[i] | ~m[i] & old[i]);
        }
        s.writeVector(d, r);
    }
}
