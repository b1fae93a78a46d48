// Deliberately wrong variants of NEON instructions, to show that validation catches a broken semantics.
package org.ternsim.isa.arm;

import static org.ternsim.isa.arm.ArmLanes.laneBytes;
import static org.ternsim.isa.arm.ArmLanes.put;
import static org.ternsim.isa.arm.ArmLanes.read;
import static org.ternsim.isa.arm.ArmLanes.signed;
import static org.ternsim.isa.arm.ArmLanes.vreg;

import java.util.Map;
import java.util.TreeMap;
import org.ternsim.isa.InstructionSemantics;
import org.ternsim.isa.Operand;
import org.ternsim.isa.Reg;
import org.ternsim.isa.SemanticsTable;

/** Same shape as {@code x86.X86Faults}: {@link #available()} lists name -> description, {@link #inject} applies one. */
public final class ArmFaults {

    private record Fault(String mnemonic, String description, InstructionSemantics semantics) {
    }

    private static final Map<String, Fault> FAULTS = new TreeMap<>();

    static {
        add("sdot-no-accumulate", "sdot", "overwrites the accumulator with the dot product instead of adding to it",
            (in, s) -> {
                Reg d = vreg(in.op(0));
                byte[] a = read(s, vreg(in.op(1)));
                byte[] b = read(s, vreg(in.op(2)));
                byte[] r = new byte[16];
                for (int i = 0; i < 4; i++) {
                    int sum = 0;
                    for (int k = 4 * i; k < 4 * i + 4; k++) {
                        sum += a[k] * b[k];
                    }
                    put(r, i, 4, sum);
                }
                s.writeVector(d, r);
            });
        add("smlal-no-widening", "smlal", "truncates each product to the narrow element size before accumulating",
            widening(false, true));
        add("smlal2-low-half", "smlal2", "reads the low half of its sources like smlal", widening(false, false));
        add("saddw-zero-extends", "saddw", "zero-extends the narrow operand (that is uaddw)", (in, s) -> {
            Reg d = vreg(in.op(0));
            byte[] n = read(s, vreg(in.op(1)));
            byte[] m = read(s, vreg(in.op(2)));
            byte[] r = new byte[16];
            for (int i = 0; i < 4; i++) {
                put(r, i, 4, signed(n, i, 4) + (signed(m, i, 2) & 0xFFFF));
            }
            s.writeVector(d, r);
        });
        add("ushr-arithmetic", "ushr", "shifts in the sign bit (that is sshr)", ArmSimd.shiftImm('s'));
        add("and-is-orr", "and", "ORs instead of ANDs", ArmSimd.lanewise((a, b) -> a | b));
        add("addv-drops-last-lane", "addv", "sums all lanes but the last", (in, s) -> {
            Reg n = vreg(in.op(1));
            int size = laneBytes(n);
            byte[] a = read(s, n);
            long sum = 0;
            for (int i = 0; i < a.length / size - 1; i++) {
                sum += signed(a, i, size);
            }
            byte[] r = new byte[size];
            put(r, 0, size, sum);
            s.writeVector(vreg(in.op(0)), r);
        });
        add("ld1-no-writeback", "ld1", "ignores the post-index increment", (in, s) -> {
            if (in.operands().get(in.operands().size() - 1) instanceof Operand.Imm) {
                Operand.Mem m = in.memOperand();
                long before = s.gpr[m.base().index()];
                ArmMemory.multiple(in, s, false);
                s.gpr[m.base().index()] = before;
            } else {
                ArmMemory.multiple(in, s, false);
            }
        });
        add("tbl-returns-index", "tbl", "returns the index itself instead of 0 for an out-of-range index", (in, s) -> {
            Reg d = vreg(in.op(0));
            int last = in.operands().size() - 1;
            byte[] table = new byte[16 * (last - 1)];
            for (int t = 1; t < last; t++) {
                System.arraycopy(s.vec[vreg(in.op(t)).index()], 0, table, 16 * (t - 1), 16);
            }
            byte[] idx = read(s, vreg(in.op(last)));
            byte[] r = new byte[d.cls().bytes()];
            for (int i = 0; i < r.length; i++) {
                int k = idx[i] & 0xFF;
                r[i] = k < table.length ? table[k] : idx[i];
            }
            s.writeVector(d, r);
        });
        add("tbl-index-low-bits", "tbl", "uses only the low 3 bits of each index (an 8-entry table)", (in, s) -> {
            Reg d = vreg(in.op(0));
            int last = in.operands().size() - 1;
            byte[] table = read(s, vreg(in.op(1)));
            byte[] idx = read(s, vreg(in.op(last)));
            byte[] r = new byte[d.cls().bytes()];
            for (int i = 0; i < r.length; i++) {
                r[i] = table[idx[i] & 7];
            }
            s.writeVector(d, r);
        });
        add("zip1-operands-swapped", "zip1", "interleaves vm before vn", (in, s) -> ArmSimd.permute("zip1")
            .execute(new org.ternsim.isa.Instruction("zip1", java.util.List.of(in.op(0), in.op(2), in.op(1))), s));
        add("fmla-unfused", "fmla", "rounds the product before adding (fmul + fadd instead of a fused multiply-add)",
            (in, s) -> {
                Reg d = vreg(in.op(0));
                byte[] a = read(s, vreg(in.op(1)));
                byte[] b = read(s, vreg(in.op(2)));
                byte[] r = read(s, d);
                for (int i = 0; i < r.length / 4; i++) {
                    float p = Float.intBitsToFloat((int) signed(a, i, 4)) * Float.intBitsToFloat((int) signed(b, i, 4));
                    put(r, i, 4, Float.floatToRawIntBits(Float.intBitsToFloat((int) signed(r, i, 4)) + p));
                }
                s.writeVector(d, r);
            });
        add("fsub-reversed", "fsub", "computes m - n instead of n - m", (in, s) -> {
            byte[] a = read(s, vreg(in.op(1)));
            byte[] b = read(s, vreg(in.op(2)));
            Reg d = vreg(in.op(0));
            byte[] r = new byte[d.cls().bytes()];
            for (int i = 0; i < r.length / 4; i++) {
                float v = Float.intBitsToFloat((int) signed(b, i, 4)) - Float.intBitsToFloat((int) signed(a, i, 4));
                put(r, i, 4, Float.floatToRawIntBits(v));
            }
            s.writeVector(d, r);
        });
        // Instructions of the baseline, int4 and W1.58A16 lowerings (h-neon).
        add("fcvtl-flushes-subnormals", "fcvtl", "flushes subnormal halves to zero (FZ16-like)", (in, s) -> {
            ArmSimd.fcvtl(false).execute(in, s);
            byte[] r = read(s, vreg(in.op(0)));
            byte[] a = read(s, vreg(in.op(1)));
            for (int i = 0; i < 4; i++) {
                if ((ArmLanes.unsigned(a, i, 2) & 0x7C00) == 0) {
                    put(r, i, 4, ArmLanes.unsigned(a, i, 2) << 16 & 0x8000_0000L);
                }
            }
            s.writeVector(vreg(in.op(0)), r);
        });
        add("fcvtl2-low-half", "fcvtl2", "converts the low four halves like fcvtl", ArmSimd.fcvtl(false));
        add("fcvt-bf16-bits", "fcvt", "reads the half as bfloat16 bits (the float's upper half)", (in, s) -> {
            byte[] r = new byte[4];
            put(r, 0, 4, ArmLanes.unsigned(read(s, vreg(in.op(1))), 0, 2) << 16);
            s.writeVector(vreg(in.op(0)), r);
        });
        add("saddlp-unsigned", "saddlp", "zero-extends the elements it adds (that is uaddlp)", (in, s) -> {
            Reg d = vreg(in.op(0));
            int wide = laneBytes(d);
            byte[] a = read(s, vreg(in.op(1)));
            byte[] r = new byte[d.cls().bytes()];
            for (int i = 0; i < r.length / wide; i++) {
                put(r, i, wide, ArmLanes.unsigned(a, 2 * i, wide / 2) + ArmLanes.unsigned(a, 2 * i + 1, wide / 2));
            }
            s.writeVector(d, r);
        });
        add("ext-ignores-index", "ext", "returns vn unrotated (index 0)", (in, s) -> ArmSimd.ext(
            new org.ternsim.isa.Instruction("ext", java.util.List.of(in.op(0), in.op(1), in.op(2), new Operand.Imm(0))), s));
        add("shll-no-shift", "shll", "widens without the shift by the element size (that is ushll #0)", (in, s) -> {
            Reg d = vreg(in.op(0));
            int wide = laneBytes(d);
            byte[] a = read(s, vreg(in.op(1)));
            byte[] r = new byte[d.cls().bytes()];
            for (int i = 0; i < r.length / wide; i++) {
                put(r, i, wide, ArmLanes.unsigned(a, i, wide / 2));
            }
            s.writeVector(d, r);
        });
        add("bsl-inverted", "bsl", "takes vm where the selector is 1 and vn where it is 0", (in, s) -> ArmSimd.bsl(
            new org.ternsim.isa.Instruction("bsl", java.util.List.of(in.op(0), in.op(2), in.op(1))), s));
        add("fcmeq-nan-equal", "fcmeq", "compares bit patterns, so a NaN equals itself", (in, s) -> {
            Reg d = vreg(in.op(0));
            byte[] a = read(s, vreg(in.op(1)));
            byte[] b = read(s, vreg(in.op(2)));
            byte[] r = new byte[d.cls().bytes()];
            for (int i = 0; i < r.length / 4; i++) {
                put(r, i, 4, signed(a, i, 4) == signed(b, i, 4) ? -1 : 0);
            }
            s.writeVector(d, r);
        });
        add("smull-unsigned", "smull", "multiplies the bytes as unsigned (that is umull)", (in, s) -> {
            Reg d = vreg(in.op(0));
            byte[] a = read(s, vreg(in.op(1)));
            byte[] b = read(s, vreg(in.op(2)));
            byte[] r = new byte[16];
            for (int i = 0; i < 8; i++) {
                put(r, i, 2, ArmLanes.unsigned(a, i, 1) * ArmLanes.unsigned(b, i, 1));
            }
            s.writeVector(d, r);
        });
        add("saddlv-drops-last-lane", "saddlv", "sums all lanes but the last", (in, s) -> {
            Reg n = vreg(in.op(1));
            int size = laneBytes(n);
            byte[] a = read(s, n);
            long sum = 0;
            for (int i = 0; i < a.length / size - 1; i++) {
                sum += signed(a, i, size);
            }
            byte[] r = new byte[2 * size];
            put(r, 0, 2 * size, sum);
            s.writeVector(vreg(in.op(0)), r);
        });
        // Instructions of the TL2 NEON lowering (h-lut).
        add("cmtst-is-cmeq", "cmtst", "compares the lanes for equality (that is cmeq) instead of testing common bits",
            ArmSimd.lanewise((a, b) -> a == b ? -1 : 0));
        add("bit-is-bif", "bit", "inserts vn where the mask is 0 instead of 1 (that is bif)", (in, s) -> {
            Reg d = vreg(in.op(0));
            byte[] old = read(s, d);
            byte[] a = read(s, vreg(in.op(1)));
            byte[] m = read(s, vreg(in.op(2)));
            byte[] r = new byte[old.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = (byte) (~m[i] & a[i] | m[i] & old[i]);
            }
            s.writeVector(d, r);
        });
        // Instructions of the sparse GEMV's compress stage and q broadcast (h-sparse).
        add("ldrb-reads-next-byte", "ldrb", "loads the byte after the addressed one", (in, s) -> {
            Operand.Mem m = (Operand.Mem) in.op(1);
            Operand.Mem next = new Operand.Mem(m.base(), m.index(), m.scale(), m.disp() + 1, 1);
            java.util.List<Operand> ops = new java.util.ArrayList<>(in.operands());
            ops.set(1, next);
            ArmMemory.singleByte(new org.ternsim.isa.Instruction("ldrb", ops), s, false);
        });
        add("strb-stores-bits-15-8", "strb", "stores bits 15:8 of the register instead of 7:0", (in, s) -> {
            Reg r = in.reg(0);
            long keep = s.gpr[r.index()];
            s.gpr[r.index()] = keep >>> 8;
            ArmMemory.singleByte(in, s, true);
            s.gpr[r.index()] = keep;
        });
        add("ld1r-first-lane-only", "ld1r", "loads the element into lane 0 and zeroes the other lanes (ld1 {vt.T}[0]-like)",
            (in, s) -> {
                Reg d = vreg(in.op(0));
                ArmMemory.replicate(in, s);
                byte[] r = new byte[d.cls().bytes()];
                System.arraycopy(s.vec[d.index()], 0, r, 0, laneBytes(d));
                s.writeVector(d, r);
            });
        add("lsr-one-short", "lsr", "shifts one bit less than the immediate", (in, s) -> ArmScalar.binary(in, s,
            (a, n) -> a >>> Math.max(0, n - 1)));
        add("movk-clears-other-bits", "movk", "zeroes the bits outside its 16-bit field (that is movz)", ArmScalar::movz);
    }

    private ArmFaults() {
    }

    private static void add(String name, String mnemonic, String description, InstructionSemantics semantics) {
        FAULTS.put(name, new Fault(mnemonic, description, semantics));
    }

    /** smlal/smlal2 variants: which half the sources are read from, and whether the product is truncated. */
    private static InstructionSemantics widening(boolean high, boolean truncate) {
        return (in, s) -> {
            Reg d = vreg(in.op(0));
            int wide = laneBytes(d);
            int narrow = wide / 2;
            int lanes = 16 / wide;
            int offset = high ? lanes : 0;
            byte[] n = read(s, vreg(in.op(1)));
            byte[] m = read(s, vreg(in.op(2)));
            byte[] r = read(s, d);
            for (int i = 0; i < lanes; i++) {
                long p = signed(n, offset + i, narrow) * signed(m, offset + i, narrow);
                if (truncate) {
                    p = narrow == 1 ? (byte) p : (short) p;
                }
                put(r, i, wide, signed(r, i, wide) + p);
            }
            s.writeVector(d, r);
        };
    }

    public static Map<String, String> available() {
        Map<String, String> m = new TreeMap<>();
        FAULTS.forEach((name, f) -> m.put(name, f.mnemonic() + ": " + f.description()));
        return m;
    }

    /** The mnemonic a fault replaces. */
    public static String mnemonic(String fault) {
        return fault(fault).mnemonic();
    }

    public static SemanticsTable inject(SemanticsTable table, String fault) {
        Fault f = fault(fault);
        return table.withOverride(f.mnemonic(), f.semantics());
    }

    private static Fault fault(String name) {
        Fault f = FAULTS.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown fault '" + name + "'; valid: " + String.join(", ", FAULTS.keySet()));
        }
        return f;
    }
}
