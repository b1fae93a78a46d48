// Packed single-precision arithmetic, FMA and int/half/float conversions, with x86's NaN and rounding rules.
package org.ternsim.isa.x86;

import static org.ternsim.isa.MachineState.getInt;
import static org.ternsim.isa.MachineState.getShort;
import static org.ternsim.isa.MachineState.putInt;
import static org.ternsim.isa.x86.X86Semantics.QNAN_INDEFINITE;
import static org.ternsim.isa.x86.X86Semantics.width;

import java.util.Map;
import org.ternsim.isa.Instruction;
import org.ternsim.isa.InstructionSemantics;
import org.ternsim.isa.MachineState;
import org.ternsim.isa.Operand;

/**
 * MXCSR is at its default: round to nearest even, no flush-to-zero, no denormals-are-zero, exceptions masked. NaN
 * results are built from bits (SDM vol. 1, table 4-7; FMA: vol. 2, "VFMADD231PS", the first NaN operand in Intel
 * operand order wins), never from Java arithmetic, whose NaN bits are unspecified.
 */
final class X86FloatVector {

    /** The integer indefinite a float-to-int conversion returns for NaN or out-of-range input. */
    static final int INT_INDEFINITE = Integer.MIN_VALUE;

    private X86FloatVector() {
    }

    /** A binary float operation, wrapped in x86's NaN rules by {@link #lane} (also by the resolved ss forms). */
    interface FloatOp {
        float apply(float a, float b);
    }

    static final FloatOp ADD = (a, b) -> a + b;
    static final FloatOp SUB = (a, b) -> a - b;
    static final FloatOp MUL = (a, b) -> a * b;
    static final FloatOp DIV = (a, b) -> a / b;

    static void register(Map<String, InstructionSemantics> t) {
        t.put("vaddps", packed(ADD));
        t.put("vsubps", packed(SUB));
        t.put("vmulps", packed(MUL));
        t.put("vdivps", packed(DIV));
        t.put("vfmadd231ps", fma231(false));
        t.put("vfmadd231ss", fma231(true));
        t.put("vmovups", X86FloatVector::move);
        t.put("vmovaps", X86FloatVector::move);
        t.put("vbroadcastss", X86IntVector.broadcast(4));
        t.put("vextractf128", X86FloatVector::vextractf128);
        t.put("vmovshdup", X86FloatVector::vmovshdup);
        t.put("vcvtdq2ps", X86FloatVector::vcvtdq2ps);
        t.put("vcvtps2dq", toInt(false));
        t.put("vcvttps2dq", toInt(true));
        t.put("vcvtph2ps", X86FloatVector::vcvtph2ps);
    }

    /** One lane of a binary op: a NaN source returned quieted (first source first); invalid gives the QNaN indefinite. */
    static int lane(FloatOp op, int ra, int rb) {
        if (isNaN(ra)) {
            return ra | 0x0040_0000;
        }
        if (isNaN(rb)) {
            return rb | 0x0040_0000;
        }
        float v = op.apply(Float.intBitsToFloat(ra), Float.intBitsToFloat(rb));
        return Float.isNaN(v) ? QNAN_INDEFINITE : Float.floatToRawIntBits(v);
    }

    private static boolean isNaN(int bits) {
        return (bits & 0x7FFF_FFFF) > 0x7F80_0000;
    }

    private static InstructionSemantics packed(FloatOp op) {
        return (in, s) -> {
            int w = width(in);
            byte[] a = s.source(in.op(1), w);
            byte[] b = s.source(in.op(2), w);
            byte[] r = new byte[w];
            for (int i = 0; i < w / 4; i++) {
                putInt(r, i, lane(op, getInt(a, i), getInt(b, i)));
            }
            s.writeVector(in.reg(0), r);
        };
    }

    /** dest = src2 * src3 + dest with one rounding; the scalar form keeps bits 32..127 of the destination. */
    private static InstructionSemantics fma231(boolean scalar) {
        return (in, s) -> {
            int w = scalar ? 16 : width(in);
            byte[] acc = s.readVector(in.op(0), w);
            byte[] a = s.source(in.op(1), scalar ? 4 : w);
            byte[] b = s.source(in.op(2), scalar ? 4 : w);
            for (int i = 0; i < (scalar ? 1 : w / 4); i++) {
                putInt(acc, i, fmaLane(getInt(acc, i), getInt(a, i), getInt(b, i)));
            }
            s.writeVector(in.reg(0), acc);
        };
    }

    /** One lane of vfmadd231: {@code ra * rb + rc} rounded once, NaN operands propagated quiet in x86's order. */
    static int fmaLane(int rc, int ra, int rb) {
        if (isNaN(rc)) {
            return rc | 0x0040_0000;
        } else if (isNaN(ra)) {
            return ra | 0x0040_0000;
        } else if (isNaN(rb)) {
            return rb | 0x0040_0000;
        }
        float v = Math.fma(Float.intBitsToFloat(ra), Float.intBitsToFloat(rb), Float.intBitsToFloat(rc));
        return Float.isNaN(v) ? QNAN_INDEFINITE : Float.floatToRawIntBits(v);
    }

    private static void move(Instruction in, MachineState s) {
        int w = width(in);
        if (in.op(0) instanceof Operand.Mem m) {
            s.memory.write(s.effectiveAddress(m), s.source(in.op(1), w), 0, w);
        } else {
            s.writeVector(in.reg(0), s.source(in.op(1), w), w);
        }
    }

    private static void vextractf128(Instruction in, MachineState s) {
        byte[] src = s.source(in.op(1), 32);
        int lane = (int) (((Operand.Imm) in.op(2)).value() & 1);
        byte[] r = java.util.Arrays.copyOfRange(src, 16 * lane, 16 * lane + 16);
        if (in.op(0) instanceof Operand.Mem m) {
            s.memory.write(s.effectiveAddress(m), r, 0, 16);
        } else {
            s.writeVector(in.reg(0), r);
        }
    }

    /** Odd floats duplicated: lanes 2i and 2i+1 both take lane 2i+1. */
    private static void vmovshdup(Instruction in, MachineState s) {
        int w = width(in);
        byte[] a = s.source(in.op(1), w);
        byte[] r = new byte[w];
        for (int i = 0; i < w / 4; i++) {
            putInt(r, i, getInt(a, i | 1));
        }
        s.writeVector(in.reg(0), r);
    }

    /** Round to nearest even: Java's (float) int conversion. */
    private static void vcvtdq2ps(Instruction in, MachineState s) {
        int w = width(in);
        byte[] a = s.source(in.op(1), w);
        byte[] r = new byte[w];
        for (int i = 0; i < w / 4; i++) {
            putInt(r, i, Float.floatToRawIntBits((float) getInt(a, i)));
        }
        s.writeVector(in.reg(0), r);
    }

    /** MXCSR rounding (nearest even) or truncation; NaN and values outside int32 give the integer indefinite. */
    private static InstructionSemantics toInt(boolean truncate) {
        return (in, s) -> {
            int w = width(in);
            byte[] a = s.source(in.op(1), w);
            byte[] r = new byte[w];
            for (int i = 0; i < w / 4; i++) {
                float f = Float.intBitsToFloat(getInt(a, i));
                double v = truncate ? (f < 0 ? Math.ceil(f) : Math.floor(f)) : Math.rint(f);
                boolean fits = !Float.isNaN(f) && v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
                putInt(r, i, fits ? (int) v : INT_INDEFINITE);
            }
            s.writeVector(in.reg(0), r);
        };
    }

    /** Half to float is exact; a signalling NaN is returned quiet with its payload (F16C / AVX-512 behaviour). */
    private static void vcvtph2ps(Instruction in, MachineState s) {
        int w = in.reg(0).cls().bytes();
        byte[] a = s.source(in.op(1), w / 2);
        byte[] r = new byte[w];
        for (int i = 0; i < w / 4; i++) {
            putInt(r, i, halfToFloatBits(getShort(a, i) & 0xFFFF));
        }
        s.writeVector(in.reg(0), r);
    }

    static int halfToFloatBits(int h) {
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1F;
        int mantissa = h & 0x3FF;
        if (exponent == 0x1F) {
            return sign | 0x7F80_0000 | mantissa << 13 | (mantissa != 0 ? 0x0040_0000 : 0);
        }
        if (exponent == 0) {
            if (mantissa == 0) {
                return sign;
            }
            // Subnormal half: value mantissa * 2^-24, exact in float.
            return sign | Float.floatToRawIntBits(mantissa * 0x1p-24f);
        }
        return sign | (exponent - 15 + 127) << 23 | mantissa << 13;
    }
}
