// AVX2 / AVX-512 integer data movement and lane arithmetic beyond the basics: shuffles, permutes, pack/unpack, extend, shifts.
package org.ternsim.isa.x86;

import static org.ternsim.isa.MachineState.getInt;
import static org.ternsim.isa.MachineState.getLong;
import static org.ternsim.isa.MachineState.getShort;
import static org.ternsim.isa.MachineState.putInt;
import static org.ternsim.isa.MachineState.putLong;
import static org.ternsim.isa.MachineState.putShort;
import static org.ternsim.isa.x86.X86Semantics.width;

import java.util.Map;
import java.util.function.IntBinaryOperator;
import org.ternsim.isa.Instruction;
import org.ternsim.isa.InstructionSemantics;
import org.ternsim.isa.MachineState;
import org.ternsim.isa.Operand;

/** Lane behaviour follows the Intel SDM pseudo-code; 128-bit-lane ("in-lane") operations repeat per 16 bytes. */
final class X86IntVector {

    private X86IntVector() {
    }

    static void register(Map<String, InstructionSemantics> t) {
        t.put("vpshufb", X86IntVector::vpshufb);
        t.put("vpermb", X86IntVector::vpermb);
        t.put("vpermd", X86IntVector::vpermd);
        t.put("vpermq", X86IntVector::vpermq);
        t.put("vpunpcklbw", unpack(1, false));
        t.put("vpunpckhbw", unpack(1, true));
        t.put("vpunpcklwd", unpack(2, false));
        t.put("vpunpckhwd", unpack(2, true));
        t.put("vpunpckldq", unpack(4, false));
        t.put("vpunpckhdq", unpack(4, true));
        t.put("vpacksswb", pack(2, -128, 127));
        t.put("vpackuswb", pack(2, 0, 255));
        t.put("vpackssdw", pack(4, Short.MIN_VALUE, Short.MAX_VALUE));
        t.put("vpackusdw", pack(4, 0, 0xFFFF));
        t.put("vpmovsxbw", extend(1, 2, true));
        t.put("vpmovsxbd", extend(1, 4, true));
        t.put("vpmovsxwd", extend(2, 4, true));
        t.put("vpmovzxbw", extend(1, 2, false));
        t.put("vpmovzxbd", extend(1, 4, false));
        t.put("vpmovzxwd", extend(2, 4, false));
        t.put("vinserti64x4", X86IntVector::vinserti64x4);
        t.put("vextracti64x4", X86IntVector::vextracti64x4);
        t.put("vbroadcasti128", broadcastBlock(16));
        t.put("vbroadcasti64x4", broadcastBlock(32));
        t.put("vbroadcasti32x4", broadcastBlock(16)); // AVX512F: a 16-byte block to every 128-bit lane (h-lut, tmac)
        t.put("vpbroadcastq", X86IntVector.broadcast(8));
        // Saturating and sign arithmetic.
        t.put("vpaddsw", lanes16((a, b) -> saturate(a + b, Short.MIN_VALUE, Short.MAX_VALUE)));
        t.put("vpsubsw", lanes16((a, b) -> saturate(a - b, Short.MIN_VALUE, Short.MAX_VALUE)));
        t.put("vpmullw", lanes16((a, b) -> a * b));
        t.put("vpsignb", X86IntVector::vpsignb);
        t.put("vpabsb", X86IntVector::vpabsb);
        // Shifts by immediate (counts above the lane width give 0, or the sign for arithmetic shifts).
        t.put("vpslld", shiftImm32((v, n) -> n > 31 ? 0 : v << n));
        t.put("vpsrld", shiftImm32((v, n) -> n > 31 ? 0 : v >>> n));
        t.put("vpsrad", shiftImm32((v, n) -> v >> Math.min(n, 31)));
        // Per-lane variable shifts (AVX2 d/q, AVX-512BW w): the count is the whole unsigned lane of the third operand.
        t.put("vpsrlvw", variable16((v, n) -> Integer.compareUnsigned(n, 15) > 0 ? 0 : (v & 0xFFFF) >>> n));
        t.put("vpsllvw", variable16((v, n) -> Integer.compareUnsigned(n, 15) > 0 ? 0 : v << n));
        t.put("vpsravw", variable16((v, n) -> ((short) v) >> (Integer.compareUnsigned(n, 15) > 0 ? 15 : n)));
        t.put("vpsrlvd", variable32((v, n) -> Integer.compareUnsigned(n, 31) > 0 ? 0 : v >>> n));
        t.put("vpsllvd", variable32((v, n) -> Integer.compareUnsigned(n, 31) > 0 ? 0 : v << n));
        t.put("vpsravd", variable32((v, n) -> v >> (Integer.compareUnsigned(n, 31) > 0 ? 31 : n)));
        // VNNI dot products into 32-bit lanes (vpdpbusd is in X86Semantics).
        t.put("vpdpbusds", X86IntVector::vpdpbusds);
        t.put("vpdpwssd", dpwssd(false));
        t.put("vpdpwssds", dpwssd(true));
    }

    static int saturate(long v, long lo, long hi) {
        return (int) Math.max(lo, Math.min(hi, v));
    }

    private static int imm(Instruction in, int i) {
        return (int) ((Operand.Imm) in.op(i)).value();
    }

    /** Per 16-byte lane: index byte with bit 7 set gives 0, else byte (index & 15) of the same lane of the table. */
    private static void vpshufb(Instruction in, MachineState s) {
        int w = width(in);
        byte[] table = s.source(in.op(1), w);
        byte[] index = s.source(in.op(2), w);
        byte[] r = new byte[w];
        for (int i = 0; i < w; i++) {
            r[i] = index[i] < 0 ? 0 : table[(i & ~15) | (index[i] & 15)];
        }
        s.writeVector(in.reg(0), r);
    }

    /** VBMI, full width: byte i = table byte (index_i mod width); index in the second operand, table in the third. */
    private static void vpermb(Instruction in, MachineState s) {
        int w = width(in);
        byte[] index = s.source(in.op(1), w);
        byte[] table = s.source(in.op(2), w);
        byte[] r = new byte[w];
        for (int i = 0; i < w; i++) {
            r[i] = table[index[i] & (w - 1)];
        }
        s.writeVector(in.reg(0), r);
    }

    private static void vpermd(Instruction in, MachineState s) {
        int w = width(in);
        byte[] index = s.source(in.op(1), w);
        byte[] table = s.source(in.op(2), w);
        byte[] r = new byte[w];
        for (int i = 0; i < w / 4; i++) {
            putInt(r, i, getInt(table, getInt(index, i) & (w / 4 - 1)));
        }
        s.writeVector(in.reg(0), r);
    }

    /** Immediate form: within each 256-bit half, quadword i = quadword (imm >> 2i) & 3 of that half. */
    private static void vpermq(Instruction in, MachineState s) {
        int w = width(in);
        byte[] a = s.source(in.op(1), w);
        int imm = imm(in, 2);
        byte[] r = new byte[w];
        for (int half = 0; half < w / 32; half++) {
            for (int i = 0; i < 4; i++) {
                putLong(r, 4 * half + i, getLong(a, 4 * half + ((imm >>> (2 * i)) & 3)));
            }
        }
        s.writeVector(in.reg(0), r);
    }

    /** Per 16-byte lane: interleave the low (or high) halves' elements of the two sources, first source first. */
    private static InstructionSemantics unpack(int elementBytes, boolean high) {
        return (in, s) -> {
            int w = width(in);
            // sources read in place (r is a fresh array); elements copied byte by byte, not by an arraycopy call each
            byte[] a = s.source(in.op(1), w);
            byte[] b = s.source(in.op(2), w);
            byte[] r = new byte[w];
            int perHalf = 8 / elementBytes;
            for (int lane = 0; lane < w / 16; lane++) {
                int src = 16 * lane + (high ? 8 : 0);
                for (int e = 0; e < perHalf; e++) {
                    for (int k = 0; k < elementBytes; k++) {
                        r[16 * lane + 2 * e * elementBytes + k] = a[src + e * elementBytes + k];
                        r[16 * lane + (2 * e + 1) * elementBytes + k] = b[src + e * elementBytes + k];
                    }
                }
            }
            s.writeVector(in.reg(0), r);
        };
    }

    /** Per 16-byte lane: the first source's elements narrowed with saturation, then the second source's. */
    private static InstructionSemantics pack(int fromBytes, int lo, int hi) {
        return (in, s) -> {
            int w = width(in);
            byte[] a = s.source(in.op(1), w);
            byte[] b = s.source(in.op(2), w);
            byte[] r = new byte[w];
            int per = 16 / fromBytes;
            for (int lane = 0; lane < w / 16; lane++) {
                for (int src = 0; src < 2; src++) {
                    byte[] x = src == 0 ? a : b;
                    for (int e = 0; e < per; e++) {
                        int v = fromBytes == 2 ? getShort(x, lane * per + e) : getInt(x, lane * per + e);
                        int n = saturate(v, lo, hi);
                        int at = 16 * lane + (src * per + e) * (fromBytes / 2);
                        if (fromBytes == 2) {
                            r[at] = (byte) n;
                        } else {
                            putShort(r, at / 2, n);
                        }
                    }
                }
            }
            s.writeVector(in.reg(0), r);
        };
    }

    /** Sign/zero extension of the low width*from/to bytes of the source (register or memory) to the destination width. */
    private static InstructionSemantics extend(int fromBytes, int toBytes, boolean signed) {
        return (in, s) -> {
            int w = in.reg(0).cls().bytes();
            int n = w / toBytes;
            byte[] a = s.source(in.op(1), n * fromBytes);
            byte[] r = new byte[w];
            for (int i = 0; i < n; i++) {
                int v = fromBytes == 1 ? a[i] : getShort(a, i);
                if (!signed) {
                    v &= fromBytes == 1 ? 0xFF : 0xFFFF;
                }
                if (toBytes == 2) {
                    putShort(r, i, v);
                } else {
                    putInt(r, i, v);
                }
            }
            s.writeVector(in.reg(0), r);
        };
    }

    private static void vinserti64x4(Instruction in, MachineState s) {
        byte[] r = s.readVector(in.op(1), 64);
        System.arraycopy(s.source(in.op(2), 32), 0, r, 32 * (imm(in, 3) & 1), 32);
        s.writeVector(in.reg(0), r);
    }

    private static void vextracti64x4(Instruction in, MachineState s) {
        byte[] src = s.source(in.op(1), 64);
        byte[] r = java.util.Arrays.copyOfRange(src, 32 * (imm(in, 2) & 1), 32 * (imm(in, 2) & 1) + 32);
        if (in.op(0) instanceof Operand.Mem m) {
            s.memory.write(s.effectiveAddress(m), r, 0, 32);
        } else {
            s.writeVector(in.reg(0), r);
        }
    }

    /** A {@code blockBytes} memory block repeated across the destination. */
    private static InstructionSemantics broadcastBlock(int blockBytes) {
        return (in, s) -> {
            int w = in.reg(0).cls().bytes();
            byte[] src = s.source(in.op(1), blockBytes);
            byte[] r = new byte[w];
            for (int i = 0; i < w; i += blockBytes) {
                System.arraycopy(src, 0, r, i, blockBytes);
            }
            s.writeVector(in.reg(0), r);
        };
    }

    static InstructionSemantics broadcast(int elementBytes) {
        return (in, s) -> {
            int w = in.reg(0).cls().bytes();
            byte[] src = s.source(in.op(1), elementBytes);
            byte[] r = new byte[w];
            for (int i = 0; i < w; i++) {
                r[i] = src[i % elementBytes];
            }
            s.writeVector(in.reg(0), r);
        };
    }

    static InstructionSemantics lanes16(IntBinaryOperator f) {
        return X86Semantics.lanes16(f);
    }

    /** Byte of the first source negated, zeroed or kept as the second source's byte is negative, zero or positive. */
    private static void vpsignb(Instruction in, MachineState s) {
        int w = width(in);
        byte[] a = s.source(in.op(1), w);
        byte[] b = s.source(in.op(2), w);
        byte[] r = new byte[w];
        for (int i = 0; i < w; i++) {
            // branch-free (the signs of random weights defeat a branch predictor): a, -a or 0 as b is >0, <0 or 0
            int negative = b[i] >> 31;
            int nonZero = (b[i] | -b[i]) >> 31;
            r[i] = (byte) (((a[i] ^ negative) - negative) & nonZero);
        }
        s.writeVector(in.reg(0), r);
    }

    /** |x| of each byte, unsigned: -128 gives 0x80 (128). */
    private static void vpabsb(Instruction in, MachineState s) {
        int w = width(in);
        byte[] a = s.source(in.op(1), w);
        byte[] r = new byte[w];
        for (int i = 0; i < w; i++) {
            r[i] = (byte) Math.abs(a[i]);
        }
        s.writeVector(in.reg(0), r);
    }

    private static InstructionSemantics shiftImm32(IntBinaryOperator f) {
        return (in, s) -> {
            int w = width(in);
            byte[] a = s.source(in.op(1), w);
            int n = imm(in, 2) & 0xFF;
            byte[] r = new byte[w];
            for (int i = 0; i < w / 4; i++) {
                putInt(r, i, f.applyAsInt(getInt(a, i), n));
            }
            s.writeVector(in.reg(0), r);
        };
    }

    private static InstructionSemantics variable16(IntBinaryOperator f) {
        return (in, s) -> {
            int w = width(in);
            byte[] a = s.source(in.op(1), w);
            byte[] c = s.source(in.op(2), w);
            byte[] r = new byte[w];
            for (int i = 0; i < w / 2; i++) {
                putShort(r, i, f.applyAsInt(getShort(a, i), getShort(c, i) & 0xFFFF));
            }
            s.writeVector(in.reg(0), r);
        };
    }

    private static InstructionSemantics variable32(IntBinaryOperator f) {
        return (in, s) -> {
            int w = width(in);
            byte[] a = s.source(in.op(1), w);
            byte[] c = s.source(in.op(2), w);
            byte[] r = new byte[w];
            for (int i = 0; i < w / 4; i++) {
                putInt(r, i, f.applyAsInt(getInt(a, i), getInt(c, i)));
            }
            s.writeVector(in.reg(0), r);
        };
    }

    /** As vpdpbusd, but the 32-bit accumulation saturates (the four products are summed exactly first). */
    private static void vpdpbusds(Instruction in, MachineState s) {
        int w = width(in);
        byte[] acc = s.readVector(in.op(0), w);
        byte[] a = s.source(in.op(1), w);
        byte[] b = s.source(in.op(2), w);
        for (int i = 0; i < w / 4; i++) {
            long sum = getInt(acc, i);
            for (int k = 0; k < 4; k++) {
                sum += (a[4 * i + k] & 0xFF) * b[4 * i + k];
            }
            putInt(acc, i, saturate(sum, Integer.MIN_VALUE, Integer.MAX_VALUE));
        }
        s.writeVector(in.reg(0), acc);
    }

    /** Two signed 16 x 16-bit products added to each 32-bit lane, wrapping or saturating. */
    private static InstructionSemantics dpwssd(boolean saturating) {
        return (in, s) -> {
            int w = width(in);
            byte[] acc = s.readVector(in.op(0), w);
            byte[] a = s.source(in.op(1), w);
            byte[] b = s.source(in.op(2), w);
            for (int i = 0; i < w / 4; i++) {
                long sum = (long) getInt(acc, i) + getShort(a, 2 * i) * getShort(b, 2 * i)
                    + getShort(a, 2 * i + 1) * getShort(b, 2 * i + 1);
                putInt(acc, i, saturating ? saturate(sum, Integer.MIN_VALUE, Integer.MAX_VALUE) : (int) sum);
            }
            s.writeVector(in.reg(0), acc);
        };
    }
}
