// The AArch64 (A64 + Advanced SIMD) semantics table, with the dotprod extension (sdot/udot) as a feature flag.
package org.ternsim.isa.arm;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongBinaryOperator;
import org.ternsim.isa.Instruction;
import org.ternsim.isa.InstructionSemantics;
import org.ternsim.isa.MachineState;
import org.ternsim.isa.Operand;
import org.ternsim.isa.Reg;
import org.ternsim.isa.SemanticsTable;

public final class ArmSemantics {

    /** ISA names as in DESIGN.md conventions. */
    public static final String NEON = "neon";
    public static final String NEON_DOTPROD = "neon-dotprod";

    private static final SemanticsTable BASE = build(false);
    private static final SemanticsTable DOTPROD = build(true);

    private ArmSemantics() {
    }

    /** ARMv8.0 Advanced SIMD; sdot/udot fail with a message naming the missing feature. */
    public static SemanticsTable neon() {
        return BASE;
    }

    /** Advanced SIMD with FEAT_DotProd (ARMv8.2+, mandatory from v8.4): Cortex-A76, Neoverse N2, Apple M1/M2. */
    public static SemanticsTable neonDotprod() {
        return DOTPROD;
    }

    public static SemanticsTable forIsa(String isa) {
        return switch (isa) {
            case NEON -> BASE;
            case NEON_DOTPROD -> DOTPROD;
            default -> throw new IllegalArgumentException("unknown Arm ISA '" + isa + "' (expected neon or neon-dotprod)");
        };
    }

    private static SemanticsTable build(boolean dotprod) {
        Map<String, InstructionSemantics> t = new HashMap<>();
        // Memory: ld1/st1 of 1-4 registers, ldr/str of one register, optional post-index immediate.
        t.put("ld1", (in, s) -> ArmMemory.multiple(in, s, false));
        t.put("st1", (in, s) -> ArmMemory.multiple(in, s, true));
        t.put("ldr", (in, s) -> ArmMemory.single(in, s, false));
        t.put("str", (in, s) -> ArmMemory.single(in, s, true));
        t.put("ldrb", (in, s) -> ArmMemory.singleByte(in, s, false));
        t.put("strb", (in, s) -> ArmMemory.singleByte(in, s, true));
        t.put("ld1r", ArmMemory::replicate);
        // Bitwise (any arrangement: bytes).
        t.put("and", vectorOrScalar(ArmSimd.lanewise((a, b) -> a & b), (a, b) -> a & b));
        t.put("orr", vectorOrScalar(ArmSimd.lanewise((a, b) -> a | b), (a, b) -> a | b));
        t.put("eor", vectorOrScalar(ArmSimd.lanewise((a, b) -> a ^ b), (a, b) -> a ^ b));
        t.put("bic", ArmSimd.lanewise((a, b) -> a & ~b));
        // Shifts by immediate.
        t.put("ushr", ArmSimd.shiftImm('u'));
        t.put("sshr", ArmSimd.shiftImm('s'));
        t.put("shl", ArmSimd.shiftImm('l'));
        // Table lookups and permutes.
        t.put("tbl", ArmSimd.tableLookup(false));
        t.put("tbx", ArmSimd.tableLookup(true));
        for (String p : new String[] {"zip1", "zip2", "uzp1", "uzp2"}) {
            t.put(p, ArmSimd.permute(p));
        }
        // Widening integer arithmetic (signed).
        t.put("smull", ArmSimd.widening('m', false));
        t.put("smull2", ArmSimd.widening('m', true));
        t.put("smlal", ArmSimd.widening('a', false));
        t.put("smlal2", ArmSimd.widening('a', true));
        t.put("saddl", ArmSimd.widening('l', false));
        t.put("saddl2", ArmSimd.widening('l', true));
        t.put("saddw", ArmSimd.widening('w', false));
        t.put("saddw2", ArmSimd.widening('w', true));
        t.put("saddlp", ArmSimd::saddlp);
        t.put("shll", ArmSimd.shll(false));
        t.put("shll2", ArmSimd.shll(true));
        t.put("ext", ArmSimd::ext);
        t.put("sxtl", ArmSimd.widening('x', false));
        t.put("sxtl2", ArmSimd.widening('x', true));
        // Lane arithmetic (wrapping), or the scalar forms on general registers.
        t.put("add", vectorOrScalar(ArmSimd.lanewise(Long::sum), Long::sum));
        t.put("sub", vectorOrScalar(ArmSimd.lanewise((a, b) -> a - b), (a, b) -> a - b));
        t.put("mul", vectorOrScalar(ArmSimd.lanewise((a, b) -> a * b), (a, b) -> a * b));
        // Dot products: the dotprod extension.
        if (dotprod) {
            t.put("sdot", ArmSimd.dot(true));
            t.put("udot", ArmSimd.dot(false));
        } else {
            t.put("sdot", ArmSemantics::missingDotprod);
            t.put("udot", ArmSemantics::missingDotprod);
        }
        // Reductions, broadcasts, immediates.
        t.put("addv", ArmSimd.acrossLanes(false));
        t.put("saddlv", ArmSimd.acrossLanes(true));
        t.put("dup", ArmSimd::dup);
        t.put("movi", ArmSimd::movi);
        // Float and conversions.
        t.put("scvtf", ArmSimd::scvtf);
        t.put("fcvtzs", ArmSimd.fcvt(false));
        t.put("fcvtns", ArmSimd.fcvt(true));
        t.put("fadd", ArmSimd.floatOp('+'));
        t.put("fsub", ArmSimd.floatOp('-'));
        t.put("fmul", ArmSimd.floatOp('*'));
        t.put("fdiv", ArmSimd.floatOp('/'));
        t.put("fmla", ArmSimd.floatOp('f'));
        t.put("fcvtl", ArmSimd.fcvtl(false));
        t.put("fcvtl2", ArmSimd.fcvtl(true));
        t.put("fcvt", ArmSimd::fcvtScalar);
        t.put("fcmeq", ArmSimd::fcmeq);
        t.put("bsl", ArmSimd::bsl);
        // TL2 sign handling (h-lut): per-lane bit test to an all-ones mask, and insert under a mask.
        t.put("cmtst", ArmSimd.lanewise((a, b) -> (a & b) != 0 ? -1 : 0));
        t.put("bit", ArmSimd::bit);
        // Scalar integer and branches.
        t.put("mov", ArmScalar::mov);
        // Move-wide with a 16-bit field and LSL #0/16/32/48: how a constant no single mov encodes is built.
        t.put("movz", ArmScalar::movz);
        t.put("movk", ArmScalar::movk);
        t.put("subs", (in, s) -> ArmScalar.subs(in, s, true));
        t.put("cmp", (in, s) -> ArmScalar.subs(in, s, false));
        t.put("madd", ArmScalar::madd);
        // Logical shift right by an immediate (0 .. width - 1), on the W or X register width.
        t.put("lsr", (in, s) -> ArmScalar.binary(in, s, (a, n) -> a >>> n));
        t.put("b", new ArmBranch());
        t.put("cbnz", (in, s) -> ArmScalar.branchIf(s, ArmScalar.nonzero(in, s)));
        t.put("cbz", (in, s) -> ArmScalar.branchIf(s, !ArmScalar.nonzero(in, s)));
        for (String cond : ArmScalar.CONDITIONS) {
            int c = ArmScalar.condition(cond);
            t.put("b." + cond, (in, s) -> ArmScalar.branchIf(s, ArmScalar.holds(c, s)));
        }
        ArmResolved.register(t, dotprod);
        ArmResolvedFloat.register(t);
        ArmResolvedSelect.register(t);
        return new SemanticsTable(dotprod ? NEON_DOTPROD : NEON, t);
    }

    /** Instructions that need FEAT_DotProd. */
    public static boolean needsDotprod(String mnemonic) {
        return mnemonic.equals("sdot") || mnemonic.equals("udot");
    }

    private static void missingDotprod(Instruction in, MachineState s) {
        throw new UnsupportedOperationException("'" + in.mnemonic() + "' needs the dotprod feature (FEAT_DotProd,"
            + " ARMv8.2+), which ISA 'neon' does not have; run on 'neon-dotprod'");
    }

    private static InstructionSemantics vectorOrScalar(InstructionSemantics vector, LongBinaryOperator scalar) {
        return (in, s) -> {
            if (in.op(0) instanceof Reg r && r.cls().isGpr()) {
                ArmScalar.binary(in, s, scalar);
            } else {
                vector.execute(in, s);
            }
        };
    }

    static long imm(Operand o) {
        return ((Operand.Imm) o).value();
    }
}
