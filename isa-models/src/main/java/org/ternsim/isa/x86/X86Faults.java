// Deliberately wrong variants of x86 instructions, one or more per instruction family the lowerings use.
package org.ternsim.isa.x86;

import static org.ternsim.isa.MachineState.getInt;
import static org.ternsim.isa.MachineState.putInt;
import static org.ternsim.isa.MachineState.putShort;

import java.util.ArrayList;
import java.util.List;
import org.ternsim.isa.Fault;
import org.ternsim.isa.Instruction;
import org.ternsim.isa.InstructionSemantics;
import org.ternsim.isa.MachineState;
import org.ternsim.isa.Operand;
import org.ternsim.isa.Reg;

/**
 * Each fault is a plausible implementation mistake (wrong signedness, saturation instead of wrap, a lane-crossing
 * error, a skipped rounding) rather than random noise, and each is chosen so that the lowerings' data can expose it:
 * e.g. an arithmetic instead of logical {@code vpsrlw} is invisible to the I2_S unpack (the AND with 3 removes the
 * sign fill), so the shift fault here shifts one bit too few instead.
 */
public final class X86Faults {

    private static final String ISA = "x86-64";

    private X86Faults() {
    }

    public static List<Fault> all() {
        List<Fault> f = new ArrayList<>();
        // multiply-add
        f.add(fault("vpmaddubsw-no-pair-sum", "multiply-add", "vpmaddubsw",
            "keeps the even product of each pair and drops the odd one", (in, s) -> {
                int w = X86Semantics.width(in);
                byte[] a = s.readVector(in.op(1), w);
                byte[] b = s.readVector(in.op(2), w);
                byte[] r = new byte[w];
                for (int i = 0; i < w / 2; i++) {
                    putShort(r, i, (a[2 * i] & 0xFF) * b[2 * i]);
                }
                s.writeVector(in.reg(0), r);
            }));
        f.add(fault("vpmaddwd-odd-only", "multiply-add", "vpmaddwd", "keeps only the odd product of each pair",
            (in, s) -> {
                int w = X86Semantics.width(in);
                byte[] a = s.readVector(in.op(1), w);
                byte[] b = s.readVector(in.op(2), w);
                byte[] r = new byte[w];
                for (int i = 0; i < w / 4; i++) {
                    putInt(r, i, MachineState.getShort(a, 2 * i + 1) * MachineState.getShort(b, 2 * i + 1));
                }
                s.writeVector(in.reg(0), r);
            }));
        f.add(fault("vpdpbusd-three-products", "multiply-add", "vpdpbusd",
            "accumulates bytes 0-2 of each group of four and drops byte 3", (in, s) -> {
                int w = X86Semantics.width(in);
                byte[] acc = s.readVector(in.op(0), w);
                byte[] a = s.readVector(in.op(1), w);
                byte[] b = s.readVector(in.op(2), w);
                for (int i = 0; i < w / 4; i++) {
                    int sum = getInt(acc, i);
                    for (int k = 0; k < 3; k++) {
                        sum += (a[4 * i + k] & 0xFF) * b[4 * i + k];
                    }
                    putInt(acc, i, sum);
                }
                s.writeVector(in.reg(0), acc);
            }));
        f.add(fault("vpsignb-no-negate", "multiply-add", "vpsignb",
            "keeps bytes whose sign source is negative instead of negating them", bytes((a, b) -> b == 0 ? 0 : a)));
        // FMA
        f.add(fault("vfmadd231ps-unfused", "FMA", "vfmadd231ps", "rounds the product before the add (mul + add)",
            floatLanes((a, b, c) -> a * b + c)));
        // add/sub
        // Not in the set: vpaddw saturating instead of wrapping. No lowering overflows int16 at its default parameters,
        // so saturation and wrap agree on every input; only bitnet.cpp's widening interval (--widen-every 32) shows it.
        f.add(fault("vpaddw-bytewise", "add/sub", "vpaddw", "adds bytes, losing the carry into the high byte",
            (in, s) -> X86Semantics.table().lookup("vpaddb").execute(in, s)));
        f.add(fault("vpsubw-reversed", "add/sub", "vpsubw", "computes src2 - src1", X86Semantics.lanes16((x, y) -> y - x)));
        f.add(fault("vpaddd-16-bit", "add/sub", "vpaddd", "adds in 16-bit halves (carry lost between words)",
            X86Semantics.lanes16(Integer::sum)));
        f.add(fault("vaddps-truncating", "float arithmetic", "vaddps", "rounds the sum toward zero",
            floatLanes((a, b, c) -> towardZero((double) a + b))));
        f.add(fault("vaddss-truncating", "float arithmetic", "vaddss", "rounds the sum toward zero", scalarFloat(
            (a, b) -> towardZero((double) a + b))));
        f.add(fault("vdivps-reciprocal", "float arithmetic", "vdivps", "multiplies by the rounded reciprocal",
            floatLanes((a, b, c) -> a * (1f / b))));
        f.add(fault("vdivss-reciprocal", "float arithmetic", "vdivss", "multiplies by the rounded reciprocal",
            scalarFloat((a, b) -> a * (1f / b))));
        // shifts
        f.add(fault("vpsrlw-one-short", "shift", "vpsrlw", "shifts one bit less than the count (count - 1)",
            (in, s) -> shifted(in, s, -1)));
        f.add(fault("vpsllw-one-long", "shift", "vpsllw", "shifts one bit more than the count",
            (in, s) -> shifted(in, s, +1)));
        f.add(fault("vpsraw-logical", "shift", "vpsraw", "fills with zeros instead of the sign bit",
            shift16((v, n) -> n > 15 ? 0 : (v & 0xFFFF) >>> n)));
        f.add(fault("vpsrlvw-lane0-count", "shift", "vpsrlvw", "shifts every word by word 0's count", (in, s) -> {
            int w = X86Semantics.width(in);
            byte[] a = s.readVector(in.op(1), w);
            int n = MachineState.getShort(s.readVector(in.op(2), w), 0) & 0xFFFF;
            byte[] r = new byte[w];
            for (int i = 0; i < w / 2; i++) {
                putShort(r, i, n > 15 ? 0 : (MachineState.getShort(a, i) & 0xFFFF) >>> n);
            }
            s.writeVector(in.reg(0), r);
        }));
        // logic
        f.add(fault("vpand-as-or", "logic", "vpand", "ORs instead of ANDs", bytes((a, b) -> a | b)));
        f.add(fault("vpandd-as-or", "logic", "vpandd", "ORs instead of ANDs", bytes((a, b) -> a | b)));
        f.add(fault("vpxor-as-or", "logic", "vpxor", "ORs instead of XORs", bytes((a, b) -> a | b)));
        f.add(fault("vpxord-as-or", "logic", "vpxord", "ORs instead of XORs", bytes((a, b) -> a | b)));
        // shuffles / permutes / lane moves
        f.add(fault("vpshufb-3-bit-index", "shuffle/permute", "vpshufb", "uses only bits 0-2 of each index byte",
            (in, s) -> {
                int w = X86Semantics.width(in);
                byte[] table = s.readVector(in.op(1), w);
                byte[] index = s.readVector(in.op(2), w);
                byte[] r = new byte[w];
                for (int i = 0; i < w; i++) {
                    r[i] = index[i] < 0 ? 0 : table[(i & ~15) | (index[i] & 7)];
                }
                s.writeVector(in.reg(0), r);
            }));
        f.add(fault("vpshufd-identity", "shuffle/permute", "vpshufd", "ignores the immediate (copies the source)",
            (in, s) -> s.writeVector(in.reg(0), s.readVector(in.op(1), X86Semantics.width(in)))));
        f.add(fault("vextracti128-low-lane", "shuffle/permute", "vextracti128", "always extracts the low lane",
            (in, s) -> s.writeVector(in.reg(0), s.readVector(in.op(1), 16))));
        f.add(fault("vextracti64x4-low-half", "shuffle/permute", "vextracti64x4", "always extracts the low half",
            (in, s) -> s.writeVector(in.reg(0), s.readVector(in.op(1), 32))));
        f.add(fault("vinserti64x4-low-half", "shuffle/permute", "vinserti64x4", "inserts into the low half",
            (in, s) -> {
                byte[] r = s.readVector(in.op(1), 64);
                System.arraycopy(s.readVector(in.op(2), 32), 0, r, 0, 32);
                s.writeVector(in.reg(0), r);
            }));
        // pack / unpack / extend
        f.add(fault("vpunpcklbw-swapped", "pack/unpack", "vpunpcklbw", "interleaves the second source first",
            swapSources("vpunpcklbw")));
        f.add(fault("vpunpckhbw-low-halves", "pack/unpack", "vpunpckhbw", "interleaves the low halves (vpunpcklbw)",
            (in, s) -> X86Semantics.table().lookup("vpunpcklbw").execute(in, s)));
        f.add(fault("vpunpckhqdq-low", "pack/unpack", "vpunpckhqdq", "takes the low quadwords (vpunpcklqdq)",
            (in, s) -> X86Semantics.table().lookup("vpunpcklqdq").execute(in, s)));
        f.add(fault("vpmovsxwd-zero-extends", "pack/unpack", "vpmovsxwd", "zero-extends (that is vpmovzxwd)",
            (in, s) -> X86Semantics.table().lookup("vpmovzxwd").execute(in, s)));
        // broadcasts
        f.add(fault("vbroadcasti128-low-only", "broadcast", "vbroadcasti128", "leaves the upper lane zero",
            (in, s) -> s.writeVector(in.reg(0), s.readVector(in.op(1), 16))));
        f.add(fault("vbroadcasti64x4-low-only", "broadcast", "vbroadcasti64x4", "leaves the upper half zero",
            (in, s) -> s.writeVector(in.reg(0), s.readVector(in.op(1), 32))));
        f.add(fault("vbroadcasti32x4-low-half-only", "broadcast", "vbroadcasti32x4",
            "fills only the low 256 bits (as vbroadcasti128) and zeroes the upper half", (in, s) -> {
                byte[] block = s.readVector(in.op(1), 16);
                byte[] r = new byte[X86Semantics.width(in)];
                System.arraycopy(block, 0, r, 0, 16);
                System.arraycopy(block, 0, r, 16, 16);
                s.writeVector(in.reg(0), r);
            }));
        f.add(fault("vpbroadcastd-low-word", "broadcast", "vpbroadcastd", "broadcasts only the low 16 bits",
            (in, s) -> {
                byte[] v = new byte[X86Semantics.width(in)];
                int x = in.op(1) instanceof Reg g && g.cls().isGpr() ? (int) s.readInt(g)
                    : getInt(s.readVector(in.op(1), 4), 0);
                for (int i = 0; i < v.length / 4; i++) {
                    putInt(v, i, x & 0xFFFF);
                }
                s.writeVector(in.reg(0), v);
            }));
        f.add(fault("vbroadcastss-zero-upper", "broadcast", "vbroadcastss", "fills only the low 128 bits",
            (in, s) -> {
                int x = getInt(s.readVector(in.op(1), 4), 0);
                byte[] v = new byte[16];
                for (int i = 0; i < 4; i++) {
                    putInt(v, i, x);
                }
                s.writeVector(in.reg(0), v);
            }));
        // conversions
        f.add(fault("vcvtdq2ps-unsigned", "conversion", "vcvtdq2ps", "reads the integers as unsigned",
            (in, s) -> {
                int w = X86Semantics.width(in);
                byte[] a = s.readVector(in.op(1), w);
                byte[] r = new byte[w];
                for (int i = 0; i < w / 4; i++) {
                    putInt(r, i, Float.floatToRawIntBits((float) (getInt(a, i) & 0xFFFF_FFFFL)));
                }
                s.writeVector(in.reg(0), r);
            }));
        f.add(fault("vcvtsi2ss-unsigned", "conversion", "vcvtsi2ss", "reads a 32-bit source as unsigned",
            (in, s) -> {
                byte[] r = s.readVector(in.op(1), 16);
                putInt(r, 0, Float.floatToRawIntBits((float) (s.readInt(in.op(2)) & 0xFFFF_FFFFL)));
                s.writeVector(in.reg(0), r);
            }));
        f.add(fault("vcvtph2ps-flush-subnormals", "conversion", "vcvtph2ps", "flushes subnormal halves to zero",
            (in, s) -> {
                int w = in.reg(0).cls().bytes();
                byte[] a = s.readVector(in.op(1), w / 2);
                byte[] r = new byte[w];
                for (int i = 0; i < w / 4; i++) {
                    int h = MachineState.getShort(a, i) & 0xFFFF;
                    putInt(r, i, (h & 0x7C00) == 0 ? (h & 0x8000) << 16 : X86FloatVector.halfToFloatBits(h));
                }
                s.writeVector(in.reg(0), r);
            }));
        // AVX-512 VBMI / opmask (the VBMI TL2 lowering's lookups and sign masks)
        f.add(fault("vpermb-lane-local", "shuffle/permute", "vpermb",
            "indexes within the element's own 128-bit lane (vpshufb-like) instead of the whole register", (in, s) -> {
                int w = X86Semantics.width(in);
                byte[] index = s.readVector(in.op(1), w);
                byte[] table = s.readVector(in.op(2), w);
                byte[] r = new byte[w];
                for (int i = 0; i < w; i++) {
                    r[i] = table[(i & ~15) | (index[i] & 15)];
                }
                s.writeVector(in.reg(0), r);
            }));
        f.add(fault("kmovd-low-byte", "mask", "kmovd", "moves only the low 8 bits (kmovb)",
            (in, s) -> {
                long v = in.op(1) instanceof Reg r && r.cls() == Reg.RegClass.K ? s.mask[r.index()] : s.readInt(in.op(1));
                if (in.reg(0).cls() == Reg.RegClass.K) {
                    s.mask[in.reg(0).index()] = v & 0xFF;
                } else {
                    s.writeInt(in.reg(0), v & 0xFF);
                }
            }));
        // x86 helper (T-MAC / a4.8 / A16 / sparse AVX2 lowerings): the families their new mnemonics belong to
        f.add(fault("vpmovsxbw-zero-extends", "pack/unpack", "vpmovsxbw", "zero-extends (that is vpmovzxbw)",
            (in, s) -> X86Semantics.table().lookup("vpmovzxbw").execute(in, s)));
        f.add(fault("vinserti128-low-lane", "shuffle/permute", "vinserti128", "always inserts into the low lane",
            (in, s) -> {
                byte[] r = s.readVector(in.op(1), 32);
                System.arraycopy(s.readVector(in.op(2), 16), 0, r, 0, 16);
                s.writeVector(in.reg(0), r);
            }));
        f.add(fault("vmulps-truncating", "float arithmetic", "vmulps", "rounds the product toward zero",
            floatLanes((a, b, c) -> towardZero((double) a * b))));
        f.add(fault("vpsrld-one-short", "shift", "vpsrld", "shifts one bit less than the count (count - 1)",
            (in, s) -> {
                int w = X86Semantics.width(in);
                byte[] a = s.readVector(in.op(1), w);
                int count = (int) ((Operand.Imm) in.op(2)).value();
                byte[] r = new byte[w];
                for (int i = 0; i < w / 4; i++) {
                    putInt(r, i, count - 1 > 31 ? 0 : getInt(a, i) >>> Math.max(0, count - 1));
                }
                s.writeVector(in.reg(0), r);
            }));
        // AVX-512 compress stage of the sparse GEMV (helper h-sparse)
        f.add(fault("vptestmb-ignores-high-bits", "mask", "vptestmb", "tests only bits 0-6 of each byte (0x80 reads as zero)",
            (in, s) -> {
                int w = X86Semantics.width(in);
                byte[] a = s.readVector(in.op(1), w);
                byte[] b = s.readVector(in.op(2), w);
                long bits = 0;
                for (int e = 0; e < w; e++) {
                    if ((a[e] & b[e] & 0x7F) != 0) {
                        bits |= 1L << e;
                    }
                }
                s.mask[in.reg(0).index()] = bits;
            }));
        f.add(fault("vpcompressb-keeps-positions", "compress", "vpcompressb",
            "masks instead of compressing (selected bytes stay where they are)", (in, s) -> {
                Operand.Masked m = (Operand.Masked) in.op(0);
                int w = m.reg().cls().bytes();
                byte[] src = s.readVector(in.op(1), w);
                byte[] r = new byte[w];
                for (int e = 0; e < w; e++) {
                    if ((s.mask[m.mask().index()] >>> e & 1) != 0) {
                        r[e] = src[e];
                    }
                }
                s.writeVector(m.reg(), r);
            }));
        f.add(fault("vpcompressd-one-short", "compress", "vpcompressd", "drops the highest selected dword",
            (in, s) -> {
                Operand.Masked m = (Operand.Masked) in.op(0);
                int w = m.reg().cls().bytes();
                byte[] src = s.readVector(in.op(1), w);
                byte[] r = new byte[w];
                long sel = s.mask[m.mask().index()] & ((1L << (w / 4)) - 1);
                sel = sel == 0 ? 0 : sel & ~Long.highestOneBit(sel);
                int out = 0;
                for (int e = 0; e < w / 4; e++) {
                    if ((sel >>> e & 1) != 0) {
                        System.arraycopy(src, 4 * e, r, 4 * out++, 4);
                    }
                }
                s.writeVector(m.reg(), r);
            }));
        f.add(fault("popcnt-low-byte", "scalar integer", "popcnt", "counts only the low 8 bits", (in, s) -> {
            long v = s.readInt(in.op(1)) & 0xFF;
            s.writeInt(in.reg(0), Long.bitCount(v));
            s.zf = v == 0;
        }));
        // branches and loop counters
        f.add(fault("jne-never-taken", "branch", "jne", "never branches (every loop runs once)", (in, s) -> { }));
        return List.copyOf(f);
    }

    private static Fault fault(String name, String family, String mnemonic, String description, InstructionSemantics s) {
        return new Fault(name, ISA, family, mnemonic, description, s);
    }

    private interface Float3 {
        float apply(float a, float b, float c);
    }

    private interface IntOp {
        int apply(int a, int b);
    }

    /** Packed floats: two-source ops get (src1, src2, unused); vfmadd231ps gets (src2, src3, dest). */
    private static InstructionSemantics floatLanes(Float3 op) {
        return (in, s) -> {
            int w = X86Semantics.width(in);
            boolean fma = in.mnemonic().startsWith("vfmadd");
            byte[] d = s.readVector(in.op(0), w);
            byte[] a = s.readVector(in.op(1), w);
            byte[] b = s.readVector(in.op(2), w);
            byte[] r = new byte[w];
            for (int i = 0; i < w / 4; i++) {
                float x = Float.intBitsToFloat(getInt(a, i));
                float y = Float.intBitsToFloat(getInt(b, i));
                float z = fma ? Float.intBitsToFloat(getInt(d, i)) : 0f;
                putInt(r, i, Float.floatToRawIntBits(op.apply(x, y, z)));
            }
            s.writeVector(in.reg(0), r);
        };
    }

    private interface Float2 {
        float apply(float a, float b);
    }

    private static InstructionSemantics scalarFloat(Float2 op) {
        return (in, s) -> {
            byte[] r = s.readVector(in.op(1), 16);
            float a = Float.intBitsToFloat(getInt(r, 0));
            float b = Float.intBitsToFloat(getInt(s.readVector(in.op(2), 4), 0));
            putInt(r, 0, Float.floatToRawIntBits(op.apply(a, b)));
            s.writeVector(in.reg(0), r);
        };
    }

    /** The double {@code v} rounded to float toward zero. */
    private static float towardZero(double v) {
        float f = (float) v;
        if (Math.abs((double) f) > Math.abs(v)) {
            f = Math.nextAfter(f, 0.0);
        }
        return f;
    }

    private static InstructionSemantics bytes(IntOp op) {
        return (in, s) -> {
            int w = X86Semantics.width(in);
            byte[] a = s.readVector(in.op(1), w);
            byte[] b = s.readVector(in.op(2), w);
            byte[] r = new byte[w];
            for (int i = 0; i < w; i++) {
                r[i] = (byte) op.apply(a[i], b[i]);
            }
            s.writeVector(in.reg(0), r);
        };
    }

    private static InstructionSemantics shift16(IntOp op) {
        return (in, s) -> {
            int w = X86Semantics.width(in);
            byte[] a = s.readVector(in.op(1), w);
            int n = (int) (((Operand.Imm) in.op(2)).value() & 0xFF);
            byte[] r = new byte[w];
            for (int i = 0; i < w / 2; i++) {
                putShort(r, i, op.apply(MachineState.getShort(a, i), n));
            }
            s.writeVector(in.reg(0), r);
        };
    }

    /** The correct shift with the count changed by {@code delta}. */
    private static void shifted(Instruction in, MachineState s, int delta) {
        long n = Math.max(0, ((Operand.Imm) in.op(2)).value() + delta);
        List<Operand> ops = new ArrayList<>(in.operands());
        ops.set(2, new Operand.Imm(n));
        X86Semantics.table().lookup(in.mnemonic()).execute(new Instruction(in.mnemonic(), ops), s);
    }

    private static InstructionSemantics swapSources(String mnemonic) {
        return (in, s) -> {
            List<Operand> ops = new ArrayList<>(in.operands());
            ops.set(1, in.op(2));
            ops.set(2, in.op(1));
            X86Semantics.table().lookup(mnemonic).execute(new Instruction(mnemonic, ops), s);
        };
    }
}
