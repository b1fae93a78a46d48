// Lowers llama.cpp's TQ2_0 x Q8_K, Q4_0 x Q8_0 and F16 x F16 GEMVs to NEON (optionally dotprod) programs in the engine's float order.
package org.ternsim.isa.lower;

import static org.ternsim.isa.arm.ArmRegs.v;
import static org.ternsim.isa.arm.ArmRegs.x;

import org.ternsim.isa.Operand.Imm;
import org.ternsim.isa.Operand.Label;
import org.ternsim.isa.Operand.Mem;
import org.ternsim.isa.Program;
import org.ternsim.isa.Reg;
import org.ternsim.isa.Region;
import org.ternsim.isa.arm.ArmSemantics;
import org.ternsim.kernels.baseline.BlockFormat;

/**
 * The byte layout (regions, F16 rows padded to 16 values) is BaselineAvx2Gemv's, so BaselineOperands binds both.
 *
 * <p>TQ2_0 (ggml_vec_dot_tq2_0_q8_K, ARM NEON path): per 256-value block and 32-byte half, {@code ushr} 2/4/6 and
 * {@code and} 3 give eight code planes (the bits 7:6 planes need no mask), each against 16 Q8_K codes: {@code sdot}
 * into two int32x4 accumulators (dotprod), or {@code smlal}/{@code smlal2} into two int16x8 accumulators (at most
 * 2 x 16 x 2 x 128 = 8192 per lane: exact). The +1 offset is removed with the block's bsums, pairwise-added
 * ({@code saddlp}) to int32 with dotprod, as int16 without; {@code addv}/{@code saddlv} give isum.
 *
 * <p>Q4_0 (ggml_vec_dot_q4_0_q8_0): {@code and} 0x0F and {@code ushr} 4, minus 8, then two {@code sdot} (dotprod) or
 * ggml's fallback {@code ggml_vdotq_s32} ({@code smull}/{@code smull2}, {@code saddlp}, {@code add}); {@code addv}.
 * With {@code rowsPerPass} 2 two rows share each activation block and keep a float chain each (see emitQ4Pairs).
 *
 * <p>Both then take the engine's BlockSum, sumf = sumf + (float) isum * (dw * da), per block in scalar registers
 * (ggml keeps float vectors and {@code vmlaq_n_f32}, a different order; the engine fixes this one, as on AVX2).
 *
 * <p>F16: per 16 values {@code fcvtl}/{@code fcvtl2} of 16 weight halves into four float32x4 and four {@code fmla} into
 * four accumulators = the engine's 16 lanes (value k in lane k mod 16), reduced by the engine's tree (+8, +4, +2, +1)
 * with {@code fadd} and {@code ext}. The activations are the engine's, rounded to F16 (ggml's {@code vec_dot_type}),
 * and bound widened to F32 ({@link #ACTIVATIONS_WIDENED}; exact): on the Arm cores TernSim models, which all have FP16
 * vector arithmetic, ggml multiplies and accumulates in FP16 ({@code vfmaq_f16}, eight lanes per {@code fmla}, no
 * conversions), a different float order that is not modelled; this program keeps the vector work of its earlier
 * F16 x F32 form rather than add activation conversions ggml's Arm path does not have. The padding to 16 values
 * adds +0 * +0 to lanes that are never -0 (see BaselineAvx2Gemv).
 */
public final class BaselineNeonGemv {

    /** Bytes per F16 activation in this program's layout: each widened to F32. */
    static final int ACTIVATIONS_WIDENED = 4;

    private static final Reg W = x(0);
    private static final Reg X = x(1);
    private static final Reg Y = x(2);
    private static final Reg ROWS = x(3);
    private static final Reg COUNT = x(5);
    private static final int MASK = 31;      // v31: 0x03 (TQ2_0) or 0x0F (Q4_0)
    private static final int EIGHTS = 30;    // v30: 0x08 (Q4_0)
    private static final int SUMF = 12;      // s12: the row's float sum
    private static final int DW = 10;        // h10/s10: weight block scale
    private static final int DA = 11;        // h11/s11: activation block scale
    private static final int ISUM = 13;      // s13: the block's integer sum, then its float term
    private static final Reg W1 = x(6);      // the second row of a Q4_0 pair
    private static final int SUMF1 = 15;     // s15: the second row's float sum
    private static final int DW1 = 9;        // h9/s9: the second row's weight block scale
    private static final int ISUM1 = 14;     // s14: the second row's integer sum, then its float term

    private BaselineNeonGemv() {
    }

    public static Program lower(BlockFormat f, boolean dotprod, int rows, int cols) {
        return lower(f, dotprod, 1, rows, cols);
    }

    /** {@code rowsPerPass} 2 (Q4_0 only): rows in pairs sharing each activation block, then a single row if odd. */
    public static Program lower(BlockFormat f, boolean dotprod, int rowsPerPass, int rows, int cols) {
        if (rowsPerPass != 1 && !(rowsPerPass == 2 && f == BlockFormat.Q4_0)) {
            throw new IllegalArgumentException("rowsPerPass must be 1, or 2 for q4_0, got " + rowsPerPass);
        }
        long weightBytes = (long) rows * BaselineAvx2Gemv.rowBytes(f, cols);
        if (weightBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(rows + "x" + cols + " is too large to execute functionally");
        }
        String isa = dotprod ? ArmSemantics.NEON_DOTPROD : ArmSemantics.NEON;
        Program.Builder b = new Program.Builder(f.kernelName() + "/" + isa + " gemv " + rows + "x" + cols, isa);
        b.region(new Region("weights", BaselineAvx2Gemv.WEIGHTS_BASE, (int) weightBytes, Region.Role.INPUT));
        b.region(new Region("activations", BaselineAvx2Gemv.ACTIVATIONS_BASE,
            f == BlockFormat.F16 ? ACTIVATIONS_WIDENED * BaselineAvx2Gemv.paddedCols(f, cols)
                : BaselineAvx2Gemv.activationBytes(f, cols), Region.Role.INPUT));
        // Filled by the shared binding; the NEON programs make their constants with movi instead.
        b.region(new Region("consts", BaselineAvx2Gemv.CONSTS_BASE, 128, Region.Role.CONSTANT));
        b.region(new Region("output", BaselineAvx2Gemv.OUTPUT_BASE, rows * 4, Region.Role.OUTPUT));
        if (f == BlockFormat.TQ2_0) {
            b.emit("movi", v(MASK, "16b"), new Imm(3));
        } else if (f == BlockFormat.Q4_0) {
            b.emit("movi", v(MASK, "16b"), new Imm(0x0F));
            b.emit("movi", v(EIGHTS, "16b"), new Imm(8));
        }
        A64Imm.mov(b, W, BaselineAvx2Gemv.WEIGHTS_BASE);
        A64Imm.mov(b, Y, BaselineAvx2Gemv.OUTPUT_BASE);
        if (rowsPerPass == 2) {
            emitQ4Pairs(b, dotprod, rows, cols);
            return b.build();
        }
        A64Imm.mov(b, ROWS, rows);
        b.label(".Lrow");
        A64Imm.mov(b, X, BaselineAvx2Gemv.ACTIVATIONS_BASE);
        int result;
        switch (f) {
            case TQ2_0 -> {
                emitTq2Row(b, dotprod, cols / 256);
                result = SUMF;
            }
            case Q4_0 -> {
                emitQ4Row(b, dotprod, cols / 32, ".Lblock");
                result = SUMF;
            }
            case F16 -> {
                emitF16Row(b, BaselineAvx2Gemv.paddedCols(f, cols) / 16);
                result = 0;
            }
            default -> throw new IllegalArgumentException("no NEON lowering of " + f.kernelName());
        }
        b.emit("str", s(result), new Mem(Y, null, 1, 0, 4), new Imm(4));
        b.emit("subs", ROWS, ROWS, new Imm(1));
        b.emit("b.ne", new Label(".Lrow"));
        return b.build();
    }

    private static Reg s(int i) {
        return org.ternsim.isa.arm.ArmRegs.s(i);
    }

    private static Reg h(int i) {
        return new Reg(Reg.RegClass.H, i);
    }

    private static void emitTq2Row(Program.Builder b, boolean dotprod, int blocks) {
        b.emit("movi", v(SUMF, "16b"), new Imm(0));
        A64Imm.mov(b, COUNT, blocks);
        b.label(".Lblock");
        b.emit("movi", v(0, "16b"), new Imm(0));
        b.emit("movi", v(1, "16b"), new Imm(0));
        b.emit("ldr", s(DA), new Mem(X, null, 1, 0, 4), new Imm(4));
        for (int half = 0; half < 2; half++) {
            b.emit("ld1", v(16, "16b"), v(17, "16b"), new Mem(W, null, 1, 0, 32), new Imm(32));
            for (int p = 1; p < 4; p++) {
                b.emit("ushr", v(16 + 2 * p, "16b"), v(16, "16b"), new Imm(2L * p));
                b.emit("ushr", v(17 + 2 * p, "16b"), v(17, "16b"), new Imm(2L * p));
            }
            for (int r = 16; r < 22; r++) {
                b.emit("and", v(r, "16b"), v(r, "16b"), v(MASK, "16b"));
            }
            // qy0..qy7: the 128 Q8_K codes of this half, in v24..v27 and v2..v5.
            b.emit("ld1", v(24, "16b"), v(25, "16b"), v(26, "16b"), v(27, "16b"), new Mem(X, null, 1, 0, 64), new Imm(64));
            b.emit("ld1", v(2, "16b"), v(3, "16b"), v(4, "16b"), v(5, "16b"), new Mem(X, null, 1, 0, 64), new Imm(64));
            for (int k = 0; k < 8; k++) {
                Reg qx = v(16 + k, "16b");
                int qy = k < 4 ? 24 + k : 2 + k - 4;
                if (dotprod) {
                    b.emit("sdot", v(k % 2, "4s"), qx, v(qy, "16b"));
                } else {
                    b.emit("smlal", v(0, "8h"), v(16 + k, "8b"), v(qy, "8b"));
                    b.emit("smlal2", v(1, "8h"), qx, v(qy, "16b"));
                }
            }
        }
        b.emit("ld1", v(2, "16b"), v(3, "16b"), new Mem(X, null, 1, 0, 32), new Imm(32));
        b.emit("add", v(2, "8h"), v(2, "8h"), v(3, "8h"));
        if (dotprod) {
            b.emit("add", v(0, "4s"), v(0, "4s"), v(1, "4s"));
            b.emit("saddlp", v(2, "4s"), v(2, "8h"));
            b.emit("sub", v(0, "4s"), v(0, "4s"), v(2, "4s"));
            b.emit("addv", s(ISUM), v(0, "4s"));
        } else {
            b.emit("add", v(0, "8h"), v(0, "8h"), v(1, "8h"));
            b.emit("sub", v(0, "8h"), v(0, "8h"), v(2, "8h"));
            b.emit("saddlv", s(ISUM), v(0, "8h"));
        }
        b.emit("ldr", h(DW), new Mem(W, null, 1, 0, 2), new Imm(2));
        emitBlockSum(b, ISUM, DW, SUMF);
        b.emit("subs", COUNT, COUNT, new Imm(1));
        b.emit("b.ne", new Label(".Lblock"));
    }

    private static void emitQ4Row(Program.Builder b, boolean dotprod, int blocks, String label) {
        b.emit("movi", v(SUMF, "16b"), new Imm(0));
        A64Imm.mov(b, COUNT, blocks);
        b.label(label);
        b.emit("ldr", h(DW), new Mem(W, null, 1, 0, 2), new Imm(2));
        b.emit("ld1", v(16, "16b"), new Mem(W, null, 1, 0, 16), new Imm(16));
        b.emit("ldr", h(DA), new Mem(X, null, 1, 0, 2), new Imm(2));
        b.emit("ld1", v(24, "16b"), v(25, "16b"), new Mem(X, null, 1, 0, 32), new Imm(32));
        emitQ4Codes(b, 16);
        emitQ4Dot(b, dotprod, 0, 17, 2);
        b.emit("addv", s(ISUM), v(0, "4s"));
        b.emit("fcvt", s(DA), h(DA));
        emitBlockSum(b, ISUM, DW, SUMF);
        b.emit("subs", COUNT, COUNT, new Imm(1));
        b.emit("b.ne", new Label(label));
    }

    /**
     * Q4_0 rows two at a time: both rows' blocks against one load of each activation block, two independent float
     * chains (ggml's NEON loop has two as well, over alternating blocks of one row, in another float order); each
     * row's sum keeps the engine's order, so the bits are the one-row program's. An odd last row runs alone.
     */
    private static void emitQ4Pairs(Program.Builder b, boolean dotprod, int rows, int cols) {
        int blocks = cols / 32;
        long rowBytes = (long) blocks * 18;
        if (rows / 2 > 0) {
            A64Imm.mov(b, ROWS, rows / 2);
            b.label(".Lpair");
            A64Imm.mov(b, X, BaselineAvx2Gemv.ACTIVATIONS_BASE);
            A64Imm.add(b, W1, W, rowBytes);
            b.emit("movi", v(SUMF, "16b"), new Imm(0));
            b.emit("movi", v(SUMF1, "16b"), new Imm(0));
            A64Imm.mov(b, COUNT, blocks);
            b.label(".Lblock");
            b.emit("ldr", h(DW), new Mem(W, null, 1, 0, 2), new Imm(2));
            b.emit("ld1", v(16, "16b"), new Mem(W, null, 1, 0, 16), new Imm(16));
            b.emit("ldr", h(DW1), new Mem(W1, null, 1, 0, 2), new Imm(2));
            b.emit("ld1", v(19, "16b"), new Mem(W1, null, 1, 0, 16), new Imm(16));
            b.emit("ldr", h(DA), new Mem(X, null, 1, 0, 2), new Imm(2));
            b.emit("ld1", v(24, "16b"), v(25, "16b"), new Mem(X, null, 1, 0, 32), new Imm(32));
            emitQ4Codes(b, 16);
            emitQ4Codes(b, 19);
            emitQ4Dot(b, dotprod, 0, 17, 2);
            emitQ4Dot(b, dotprod, 1, 20, 4);
            b.emit("addv", s(ISUM), v(0, "4s"));
            b.emit("addv", s(ISUM1), v(1, "4s"));
            b.emit("fcvt", s(DA), h(DA));
            emitBlockSum(b, ISUM, DW, SUMF);
            emitBlockSum(b, ISUM1, DW1, SUMF1);
            b.emit("subs", COUNT, COUNT, new Imm(1));
            b.emit("b.ne", new Label(".Lblock"));
            b.emit("str", s(SUMF), new Mem(Y, null, 1, 0, 4), new Imm(4));
            b.emit("str", s(SUMF1), new Mem(Y, null, 1, 0, 4), new Imm(4));
            b.emit("mov", W, W1); // the second row's pointer ends where the next pair starts
            b.emit("subs", ROWS, ROWS, new Imm(1));
            b.emit("b.ne", new Label(".Lpair"));
        }
        if (rows % 2 == 1) {
            A64Imm.mov(b, X, BaselineAvx2Gemv.ACTIVATIONS_BASE);
            emitQ4Row(b, dotprod, blocks, ".Llast");
            b.emit("str", s(SUMF), new Mem(Y, null, 1, 0, 4), new Imm(4));
        }
    }

    /** The 32 codes of the Q4_0 block in v{@code from}: low nibbles minus 8 in v{from+1}, high nibbles in v{from+2}. */
    private static void emitQ4Codes(Program.Builder b, int from) {
        b.emit("and", v(from + 1, "16b"), v(from, "16b"), v(MASK, "16b"));
        b.emit("ushr", v(from + 2, "16b"), v(from, "16b"), new Imm(4));
        b.emit("sub", v(from + 1, "16b"), v(from + 1, "16b"), v(EIGHTS, "16b"));
        b.emit("sub", v(from + 2, "16b"), v(from + 2, "16b"), v(EIGHTS, "16b"));
    }

    /**
     * The codes in v{@code codes}, v{codes+1} against the activations in v24, v25, into int32x4 v{@code acc}: two
     * {@code sdot} (dotprod), or ggml's fallback {@code ggml_vdotq_s32} ({@code smull}/{@code smull2},
     * {@code saddlp}, {@code add}) with temporaries v{@code tmp}, v{tmp+1}.
     */
    private static void emitQ4Dot(Program.Builder b, boolean dotprod, int acc, int codes, int tmp) {
        if (dotprod) {
            b.emit("movi", v(acc, "16b"), new Imm(0));
            b.emit("sdot", v(acc, "4s"), v(codes, "16b"), v(24, "16b"));
            b.emit("sdot", v(acc, "4s"), v(codes + 1, "16b"), v(25, "16b"));
            return;
        }
        // ggml_vdotq_s32 without dotprod: acc + (pairwise(lo products) + pairwise(hi products)), twice from 0.
        for (int k = 0; k < 2; k++) {
            b.emit("smull", v(tmp, "8h"), v(codes + k, "8b"), v(24 + k, "8b"));
            b.emit("smull2", v(tmp + 1, "8h"), v(codes + k, "16b"), v(24 + k, "16b"));
            b.emit("saddlp", v(tmp, "4s"), v(tmp, "8h"));
            b.emit("saddlp", v(tmp + 1, "4s"), v(tmp + 1, "8h"));
            b.emit("add", v(k == 0 ? acc : tmp, "4s"), v(tmp, "4s"), v(tmp + 1, "4s"));
        }
        b.emit("add", v(acc, "4s"), v(acc, "4s"), v(tmp, "4s"));
    }

    /** sumf = sumf + (float) isum * (dw * da): s{isum} holds isum, h{dw} dw, s11 da (already a float). */
    private static void emitBlockSum(Program.Builder b, int isum, int dw, int sumf) {
        b.emit("scvtf", s(isum), s(isum));
        b.emit("fcvt", s(dw), h(dw));
        b.emit("fmul", s(dw), s(dw), s(DA));
        b.emit("fmul", s(isum), s(isum), s(dw));
        b.emit("fadd", s(sumf), s(sumf), s(isum));
    }

    private static void emitF16Row(Program.Builder b, int groups) {
        for (int a = 0; a < 4; a++) {
            b.emit("movi", v(a, "16b"), new Imm(0));
        }
        A64Imm.mov(b, COUNT, groups);
        b.label(".Lblock");
        // Element size does not change a little-endian ld1: the halves load as bytes.
        b.emit("ld1", v(16, "16b"), v(17, "16b"), new Mem(W, null, 1, 0, 32), new Imm(32));
        b.emit("ld1", v(24, "16b"), v(25, "16b"), v(26, "16b"), v(27, "16b"), new Mem(X, null, 1, 0, 64), new Imm(64));
        for (int k = 0; k < 2; k++) {
            b.emit("fcvtl", v(18 + 2 * k, "4s"), v(16 + k, "4h"));
            b.emit("fcvtl2", v(19 + 2 * k, "4s"), v(16 + k, "8h"));
        }
        for (int a = 0; a < 4; a++) {
            b.emit("fmla", v(a, "4s"), v(18 + a, "4s"), v(24 + a, "4s"));
        }
        b.emit("subs", COUNT, COUNT, new Imm(1));
        b.emit("b.ne", new Label(".Lblock"));
        emitLaneTree(b, 0, 1);
    }

    /**
     * The canonical 16-lane tree over v0..v3 (lanes 0-3, 4-7, 8-11, 12-15) into s0: i + i+8, i + i+4, i + i+2,
     * i + i+1; {@code tmp} is clobbered. Shared with the W1.58A16 lowering.
     */
    static void emitLaneTree(Program.Builder b, int acc, int tmp) {
        b.emit("fadd", v(acc, "4s"), v(acc, "4s"), v(acc + 2, "4s"));
        b.emit("fadd", v(acc + 1, "4s"), v(acc + 1, "4s"), v(acc + 3, "4s"));
        b.emit("fadd", v(acc, "4s"), v(acc, "4s"), v(acc + 1, "4s"));
        b.emit("ext", v(tmp, "16b"), v(acc, "16b"), v(acc, "16b"), new Imm(8));
        b.emit("fadd", v(acc, "2s"), v(acc, "2s"), v(tmp, "2s"));
        b.emit("ext", v(tmp, "8b"), v(acc, "8b"), v(acc, "8b"), new Imm(4));
        b.emit("fadd", s(acc), s(acc), s(tmp));
    }
}
