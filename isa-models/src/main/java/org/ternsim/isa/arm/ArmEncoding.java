// Which immediates and address offsets one A64 instruction can encode, and a check of a whole program against them.
package org.ternsim.isa.arm;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ternsim.isa.Instruction;
import org.ternsim.isa.Operand;
import org.ternsim.isa.Program;
import org.ternsim.isa.Reg;

/**
 * The rules are the Arm ARM's encodings (DDI 0487, C6 "A64 base instruction descriptions" and C7 for Advanced SIMD),
 * as llvm-mc applies them: {@code mov #imm} is MOVZ, MOVN or ORR with a bitmask immediate; ADD/SUB/CMP take imm12,
 * optionally LSL #12 (llvm-mc accepts the shifted value, {@code #4096}, and a negative one as the opposite operation);
 * LDR/STR take an unsigned offset scaled by the access size (imm12) or an unscaled one of -256..255 (the LDUR alias),
 * post-index -256..255; LD1/ST1 post-index only by the bytes transferred. A form this class has no rule for is
 * reported rather than passed, so a lowering that starts using a new immediate form must add its rule here.
 */
public final class ArmEncoding {

    private static final Set<String> ADD_SUB = Set.of("add", "sub", "adds", "subs", "cmp", "cmn");
    private static final Set<String> VECTOR_RIGHT_SHIFTS = Set.of("ushr", "sshr", "urshr", "srshr", "usra", "ssra");
    private static final Set<String> SCALAR_SHIFTS = Set.of("lsr", "lsl", "asr");
    private static final Set<String> MULTIPLE = Set.of("ld1", "st1", "ld2", "st2", "ld3", "st3", "ld4", "st4");
    private static final Set<String> PAIRS = Set.of("ldp", "stp");

    private ArmEncoding() {
    }

    /** Every instruction of {@code p} that no A64 encoding accepts, as "pc: text: reason". */
    public static List<String> problems(Program p) {
        List<String> out = new ArrayList<>();
        for (int pc = 0; pc < p.code().size(); pc++) {
            Instruction in = p.code().get(pc);
            String why = problem(in);
            if (why != null) {
                out.add(pc + ": " + ArmAsmText.print(in) + ": " + why);
            }
        }
        return out;
    }

    /** Why {@code in} cannot be encoded, or null when it can. */
    public static String problem(Instruction in) {
        String m = in.mnemonic();
        List<Operand> ops = in.operands();
        Operand.Mem mem = in.memOperand();
        if (mem != null) {
            return memory(in, mem);
        }
        if (ops.stream().noneMatch(o -> o instanceof Operand.Imm)) {
            return null;
        }
        long last = immAt(ops, ops.size() - 1);
        Reg d = ops.get(0) instanceof Reg r ? r : null;
        if (d != null && d.cls().isGpr()) {
            int width = d.cls() == Reg.RegClass.W ? 32 : 64;
            if (m.equals("mov") && ops.size() == 2) {
                return movImmediate(last, width) ? null : "no single MOVZ, MOVN or bitmask ORR encodes " + last
                    + " (build it with movz + movk)";
            }
            if ((m.equals("movz") || m.equals("movk") || m.equals("movn")) && ops.size() == 3) {
                long imm = immAt(ops, 1);
                boolean ok = imm >= 0 && imm <= 0xFFFF && last >= 0 && last < width && last % 16 == 0;
                return ok ? null : "move-wide takes #0..65535 with lsl #0/16" + (width == 64 ? "/32/48" : "");
            }
            if (ADD_SUB.contains(m)) {
                return addSubImmediate(last) || last != Long.MIN_VALUE && addSubImmediate(-last) ? null
                    : "ADD/SUB immediate is 0..4095, optionally LSL #12; " + last + " is neither";
            }
            if (SCALAR_SHIFTS.contains(m)) {
                return last >= 0 && last < width ? null : "shift must be 0.." + (width - 1);
            }
        }
        if (d != null && d.cls().isArmSimd()) {
            int esize = 8 * ArmRegs.laneBytes(d.cls());
            if (m.equals("movi")) {
                return moviImmediate(d, last) ? null : "movi takes an 8-bit immediate (a byte mask for .2d)";
            }
            if (VECTOR_RIGHT_SHIFTS.contains(m)) {
                return last >= 1 && last <= esize ? null : m + " shift must be 1.." + esize;
            }
            if (m.equals("shl")) {
                return last >= 0 && last < esize ? null : "shl shift must be 0.." + (esize - 1);
            }
            if (m.equals("shll") || m.equals("shll2")) {
                int source = 8 * ArmRegs.laneBytes(((Reg) ops.get(1)).cls());
                return last == source ? null : m + " shifts by the source element size, " + source;
            }
            if (m.equals("ext")) {
                return last >= 0 && last < d.cls().bytes() ? null : "ext index must be 0.." + (d.cls().bytes() - 1);
            }
        }
        return "no encoding rule for the form '" + in.form() + "' (add one to ArmEncoding)";
    }

    private static String memory(Instruction in, Operand.Mem mem) {
        String m = in.mnemonic();
        List<Operand> ops = in.operands();
        int at = ops.indexOf(mem);
        boolean postIndex = at == ops.size() - 2;
        Operand post = postIndex ? ops.get(at + 1) : null;
        if (mem.index() != null && (mem.disp() != 0 || postIndex)) {
            return "a register offset takes no immediate and no writeback";
        }
        if (postIndex && mem.disp() != 0) {
            return "post-index addresses are [xN] with no offset";
        }
        boolean multiple = MULTIPLE.contains(m);
        boolean replicate = m.equals("ld1r");
        if (multiple || replicate) {
            if (mem.index() != null || mem.disp() != 0) {
                return m + " addresses only [xN] (post-index by register or by the bytes transferred)";
            }
            if (post instanceof Operand.Imm imm && imm.value() != mem.bytes()) {
                return m + " post-index immediate must be the " + mem.bytes() + " bytes transferred, got " + imm.value();
            }
            return null;
        }
        int size = PAIRS.contains(m) ? mem.bytes() / 2 : mem.bytes();
        if (mem.index() != null) {
            return mem.scale() == 1 || mem.scale() == size ? null
                : "a register offset is scaled by lsl #0 or by the access size " + size;
        }
        if (post instanceof Operand.Imm imm) {
            long lo = PAIRS.contains(m) ? -64L * size : -256;
            long hi = PAIRS.contains(m) ? 63L * size : 255;
            boolean ok = imm.value() >= lo && imm.value() <= hi && (!PAIRS.contains(m) || imm.value() % size == 0);
            return ok ? null : "post-index must be " + lo + ".." + hi + (PAIRS.contains(m) ? " in steps of " + size : "")
                + ", got " + imm.value();
        }
        if (post != null) {
            return m + " has no register post-index form";
        }
        if (PAIRS.contains(m)) {
            long d = mem.disp();
            return d % size == 0 && d >= -64L * size && d <= 63L * size ? null
                : "ldp/stp offset must be a multiple of " + size + " in " + -64L * size + ".." + 63L * size;
        }
        return loadStoreOffset(mem.disp(), size) ? null : "offset " + mem.disp() + " is neither a multiple of " + size
            + " in 0.." + 4095L * size + " nor -256..255 (use a base register)";
    }

    private static long immAt(List<Operand> ops, int i) {
        return ops.get(i) instanceof Operand.Imm imm ? imm.value() : 0;
    }

    /** ADD/SUB (immediate): imm12, or imm12 LSL #12. */
    public static boolean addSubImmediate(long v) {
        return v >= 0 && (v <= 0xFFF || (v & 0xFFF) == 0 && v <= 0xFFF000);
    }

    /** LDR/STR of {@code size} bytes at [xN, #disp]: scaled unsigned imm12, or the unscaled LDUR/STUR range. */
    public static boolean loadStoreOffset(long disp, int size) {
        return disp >= 0 && disp % size == 0 && disp / size <= 4095 || disp >= -256 && disp <= 255;
    }

    /** One {@code mov xd/wd, #v}: MOVZ, MOVN (of a 16-bit field at LSL #0/16/32/48) or ORR with a bitmask immediate. */
    public static boolean movImmediate(long v, int width) {
        if (width == 32) {
            if (v < Integer.MIN_VALUE || v > 0xFFFF_FFFFL) {
                return false;
            }
            long u = v & 0xFFFF_FFFFL;
            return wideField(u, 32) || wideField(~u & 0xFFFF_FFFFL, 32) || bitmaskImmediate(u, 32);
        }
        return wideField(v, 64) || wideField(~v, 64) || bitmaskImmediate(v, 64);
    }

    /** All set bits of {@code v} in one 16-bit field at a multiple of 16 below {@code width}. */
    private static boolean wideField(long v, int width) {
        for (int shift = 0; shift < width; shift += 16) {
            if ((v & ~(0xFFFFL << shift)) == 0) {
                return true;
            }
        }
        return false;
    }

    /** A logical immediate: a rotated run of ones in an element of 2, 4, ..., 64 bits, replicated (not 0, not all ones). */
    public static boolean bitmaskImmediate(long v, int width) {
        long imm = width == 32 ? (v & 0xFFFF_FFFFL) | (v << 32) : v;
        if (imm == 0 || imm == -1) {
            return false;
        }
        int size = 64;
        while (size > 2) {
            int half = size / 2;
            long mask = (1L << half) - 1;
            if ((imm & mask) != ((imm >>> half) & mask)) {
                break;
            }
            size = half;
        }
        long mask = size == 64 ? -1L : (1L << size) - 1;
        long element = imm & mask;
        int ones = Long.bitCount(element);
        long run = ones == 64 ? -1L : (1L << ones) - 1;
        for (int r = 0; r < size; r++) {
            long rotated = r == 0 ? run : ((run >>> r) | (run << (size - r))) & mask;
            if (rotated == element) {
                return true;
            }
        }
        return false;
    }

    /** movi: 0..255 per lane for byte, half and word lanes (LSL #0); for .2d each byte all zeros or all ones. */
    private static boolean moviImmediate(Reg d, long v) {
        if (d.cls() == Reg.RegClass.V2D || d.cls() == Reg.RegClass.D) {
            for (int i = 0; i < 8; i++) {
                long b = (v >>> (8 * i)) & 0xFF;
                if (b != 0 && b != 0xFF) {
                    return false;
                }
            }
            return true;
        }
        return v >= 0 && v <= 0xFF;
    }
}
