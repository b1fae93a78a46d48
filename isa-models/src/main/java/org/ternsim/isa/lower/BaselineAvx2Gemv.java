// Lowers llama.cpp's TQ2_0 x Q8_K, Q4_0 x Q8_0 and F16 x F16 GEMVs to AVX2 programs in the functional engine's float order.
package org.ternsim.isa.lower;

import static org.ternsim.isa.Reg.r32;
import static org.ternsim.isa.Reg.r64;
import static org.ternsim.isa.Reg.xmm;
import static org.ternsim.isa.Reg.ymm;

import org.ternsim.isa.MachineState;
import org.ternsim.isa.Memory;
import org.ternsim.isa.Operand.Imm;
import org.ternsim.isa.Operand.Label;
import org.ternsim.isa.Operand.Mem;
import org.ternsim.isa.Program;
import org.ternsim.isa.Reg;
import org.ternsim.isa.Region;
import org.ternsim.kernels.baseline.BlockFormat;
import org.ternsim.kernels.baseline.BlockTensor;

/**
 * TQ2_0 (ggml_vec_dot_tq2_0_q8_K, AVX2 path): per 256-value block two 32-byte loads of 2-bit codes (t + 1), planes by
 * {@code vpsrlw} 2/4/6 and AND 3, {@code vpmaddubsw} against the Q8_K codes, int16 sums, minus the block's 16 int16
 * {@code bsums} (removes the +1 offset), {@code vpmaddwd} by ones into int32, then the block's isum. The float
 * combination is the engine's BlockSum, sumf = sumf + (float) isum * (dw * da) per block in scalar order, where
 * llama.cpp keeps 8 float lanes and an FMA per block: the engine defines its own order and the program follows it.
 *
 * <p>F16 (ggml_vec_dot_f16, activations rounded to F16 as ggml's {@code vec_dot_type}): per 16 values four
 * {@code vcvtph2ps} (weights and activations, as ggml's {@code GGML_F16_VEC_LOAD} converts both) and two
 * {@code vfmadd231ps} into two ymm accumulators = the engine's 16 lanes (value k in lane k mod 16), reduced by the
 * engine's tree (+8, +4, +2, +1). ggml keeps 4 accumulators; the engine's order allows exactly two ymm chains. Rows are
 * padded with zeros to whole 16-value groups in this program's layout: a lane is never -0 (it starts at +0 and an
 * FMA gives -0 only from -0 + -0), so adding +0 * +0 leaves its bits unchanged.
 */
public final class BaselineAvx2Gemv {

    public static final long WEIGHTS_BASE = 0x1_0000_0000L;
    public static final long ACTIVATIONS_BASE = 0x2_0000_0000L;
    public static final long CONSTS_BASE = 0x3_0001_0000L;
    public static final long OUTPUT_BASE = 0x4_0000_0000L;
    /** Q8_K block: fp32 d, int8 qs[256], int16 bsums[16]. */
    static final int Q8K_BYTES = 292;
    static final int Q8K_BSUMS = 260;
    /** Q8_0 block: fp16 d, int8 qs[32]; Q4_0 block: fp16 d, uint8 qs[16]. */
    static final int Q8_0_BYTES = 34;
    static final int Q4_0_BYTES = 18;
    /** Constants region: 32 x 0x03, 16 int16 ones, 32 x 0x0F, 32 x 0x08. */
    static final int CONST_THREES = 0;
    static final int CONST_ONES16 = 32;
    static final int CONST_LOW_NIBBLE = 64;
    static final int CONST_EIGHTS = 96;

    private static final Reg W = r64(6);
    private static final Reg X = r64(7);
    private static final Reg Y = r64(2);
    private static final Reg ROWS = r64(8);
    private static final Reg COUNT = r64(1);
    private static final Reg TMP = r64(9);
    private static final Reg E = r32(0);

    private BaselineAvx2Gemv() {
    }

    /** Values per row in this program's layout: F16 rows padded to 16, block formats as they are. */
    static int paddedCols(BlockFormat f, int cols) {
        return f == BlockFormat.F16 ? (cols + 15) / 16 * 16 : cols;
    }

    static int rowBytes(BlockFormat f, int cols) {
        return f == BlockFormat.F16 ? 2 * paddedCols(f, cols) : f.rowBytes(cols);
    }

    static int activationBytes(BlockFormat f, int cols) {
        return switch (f) {
            case F16 -> 2 * paddedCols(f, cols);
            case Q4_0 -> cols / 32 * Q8_0_BYTES;
            default -> cols / 256 * Q8K_BYTES;
        };
    }

    /** A builder with this layout's regions (shared with the AVX-512 programs, which read the same bytes). */
    static Program.Builder begin(BlockFormat f, int rows, int cols, String isa) {
        long weightBytes = (long) rows * rowBytes(f, cols);
        if (weightBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(rows + "x" + cols + " is too large to execute functionally");
        }
        Program.Builder b = new Program.Builder(f.kernelName() + "/" + isa + " gemv " + rows + "x" + cols, "x86-64");
        b.region(new Region("weights", WEIGHTS_BASE, (int) weightBytes, Region.Role.INPUT));
        b.region(new Region("activations", ACTIVATIONS_BASE, activationBytes(f, cols), Region.Role.INPUT));
        b.region(new Region("consts", CONSTS_BASE, 128, Region.Role.CONSTANT));
        b.region(new Region("output", OUTPUT_BASE, rows * 4, Region.Role.OUTPUT));
        return b;
    }

    public static Program lower(BlockFormat f, int rows, int cols) {
        Program.Builder b = begin(f, rows, cols, "avx2");
        if (f == BlockFormat.TQ2_0) {
            b.emit("mov", TMP, new Imm(CONSTS_BASE));
            b.emit("vmovdqu", ymm(15), Mem.at(TMP, CONST_THREES, 32));
            b.emit("vmovdqu", ymm(14), Mem.at(TMP, CONST_ONES16, 32));
        } else if (f == BlockFormat.Q4_0) {
            b.emit("mov", TMP, new Imm(CONSTS_BASE));
            b.emit("vmovdqu", ymm(15), Mem.at(TMP, CONST_LOW_NIBBLE, 32));
            b.emit("vmovdqu", ymm(14), Mem.at(TMP, CONST_EIGHTS, 32));
            b.emit("vmovdqu", ymm(13), Mem.at(TMP, CONST_ONES16, 32));
        }
        b.emit("mov", W, new Imm(WEIGHTS_BASE));
        b.emit("mov", Y, new Imm(OUTPUT_BASE));
        b.emit("mov", ROWS, new Imm(rows));
        b.label(".Lrow");
        b.emit("mov", X, new Imm(ACTIVATIONS_BASE));
        if (f == BlockFormat.TQ2_0) {
            emitTq2Row(b, cols / 256);
        } else if (f == BlockFormat.F16) {
            emitF16Row(b, paddedCols(f, cols) / 16);
        } else if (f == BlockFormat.Q4_0) {
            emitQ4Row(b, cols / 32);
        } else {
            throw new IllegalArgumentException("no AVX2 lowering of " + f.kernelName());
        }
        b.emit("vmovss", Mem.at(Y, 0, 4), xmm(0));
        b.emit("add", Y, new Imm(4));
        b.emit("dec", ROWS);
        b.emit("jne", new Label(".Lrow"));
        return b.build();
    }

    private static void emitTq2Row(Program.Builder b, int blocks) {
        b.emit("vpxor", xmm(0), xmm(0), xmm(0));
        b.emit("mov", COUNT, new Imm(blocks));
        b.label(".Lblock");
        b.emit("vpxor", ymm(1), ymm(1), ymm(1));
        for (int c = 0; c < 2; c++) {
            b.emit("vmovdqu", ymm(2), Mem.at(W, 32L * c, 32));
            b.emit("vpsrlw", ymm(3), ymm(2), new Imm(2));
            b.emit("vpsrlw", ymm(4), ymm(2), new Imm(4));
            b.emit("vpsrlw", ymm(5), ymm(2), new Imm(6));
            for (int p = 0; p < 4; p++) {
                b.emit("vpand", ymm(2 + p), ymm(2 + p), ymm(15));
            }
            for (int p = 0; p < 4; p++) {
                b.emit("vpmaddubsw", ymm(2 + p), ymm(2 + p), Mem.at(X, 4 + 128L * c + 32L * p, 32));
            }
            b.emit("vpaddw", ymm(2), ymm(2), ymm(3));
            b.emit("vpaddw", ymm(4), ymm(4), ymm(5));
            b.emit("vpaddw", ymm(1), ymm(1), ymm(2));
            b.emit("vpaddw", ymm(1), ymm(1), ymm(4));
        }
        b.emit("vpsubw", ymm(1), ymm(1), Mem.at(X, Q8K_BSUMS, 32));
        b.emit("vpmaddwd", ymm(1), ymm(1), ymm(14));
        emitBlockSum(b, Mem.at(W, 64, 2), Mem.at(X, 0, 4), false);
        b.emit("add", W, new Imm(66));
        b.emit("add", X, new Imm(Q8K_BYTES));
        b.emit("dec", COUNT);
        b.emit("jne", new Label(".Lblock"));
    }

    /**
     * llama.cpp's Q4_0 x Q8_0 AVX2 block: the 16 code bytes and their high nibbles side by side
     * ({@code vinserti128}), AND 0x0F, minus 8, then {@code mul_sum_i8_pairs}: |x| ({@code vpsignb x, x}) times y with
     * x's sign ({@code vpsignb y, x}) by {@code vpmaddubsw} (pair sums at most 2 * 8 * 128, no saturation),
     * {@code vpmaddwd} by ones; the block's isum then goes through BlockSum as for TQ2_0.
     */
    private static void emitQ4Row(Program.Builder b, int blocks) {
        b.emit("vpxor", xmm(0), xmm(0), xmm(0));
        b.emit("mov", COUNT, new Imm(blocks));
        b.label(".Lblock");
        emitQ4Operands(b, W, X);
        b.emit("vpmaddubsw", ymm(3), ymm(3), ymm(4));
        b.emit("vpmaddwd", ymm(1), ymm(3), ymm(13));
        emitBlockSum(b, Mem.at(W, 0, 2), Mem.at(X, 0, 2), true);
        b.emit("add", W, new Imm(Q4_0_BYTES));
        b.emit("add", X, new Imm(Q8_0_BYTES));
        b.emit("dec", COUNT);
        b.emit("jne", new Label(".Lblock"));
    }

    /**
     * One Q4_0 x Q8_0 block's operands of mul_sum_i8_pairs: ymm3 = |x| and ymm4 = y with x's sign, x the 32 codes at
     * {@code w} + 2 (low nibbles, then high nibbles, minus 8; ymm15 = 0x0F, ymm14 = 0x08) and y the int8 codes at
     * {@code x} + 2.
     */
    static void emitQ4Operands(Program.Builder b, Reg w, Reg x) {
        b.emit("vmovdqu", xmm(2), Mem.at(w, 2, 16));
        b.emit("vpsrlw", xmm(3), xmm(2), new Imm(4));
        b.emit("vinserti128", ymm(2), ymm(2), xmm(3), new Imm(1));
        b.emit("vpand", ymm(2), ymm(2), ymm(15));
        b.emit("vpsubb", ymm(2), ymm(2), ymm(14));
        b.emit("vmovdqu", ymm(5), Mem.at(x, 2, 32));
        b.emit("vpsignb", ymm(3), ymm(2), ymm(2));
        b.emit("vpsignb", ymm(4), ymm(5), ymm(2));
    }

    /**
     * Horizontal sum of the 8 int32 lanes of ymm1 into isum, then sumf (xmm0) = sumf + (float) isum * (dw * da) with
     * dw the fp16 at {@code dw} and da the fp16 (Q8_0) or fp32 (Q8_K) at {@code da}.
     */
    static void emitBlockSum(Program.Builder b, Mem dw, Mem da, boolean halfActivationScale) {
        b.emit("vextracti128", xmm(2), ymm(1), new Imm(1));
        b.emit("vpaddd", xmm(1), xmm(1), xmm(2));
        b.emit("vpshufd", xmm(2), xmm(1), new Imm(0x4E));
        b.emit("vpaddd", xmm(1), xmm(1), xmm(2));
        b.emit("vpshufd", xmm(2), xmm(1), new Imm(0x01));
        b.emit("vpaddd", xmm(1), xmm(1), xmm(2));
        b.emit("vmovd", E, xmm(1));
        b.emit("vcvtsi2ss", xmm(1), xmm(1), E);
        b.emit("movzx", E, dw);
        b.emit("vmovd", xmm(2), E);
        b.emit("vcvtph2ps", xmm(2), xmm(2));
        if (halfActivationScale) {
            b.emit("movzx", E, da);
            b.emit("vmovd", xmm(3), E);
            b.emit("vcvtph2ps", xmm(3), xmm(3));
            b.emit("vmulss", xmm(2), xmm(2), xmm(3));
        } else {
            b.emit("vmulss", xmm(2), xmm(2), da);
        }
        b.emit("vmulss", xmm(1), xmm(1), xmm(2));
        b.emit("vaddss", xmm(0), xmm(0), xmm(1));
    }

    private static void emitF16Row(Program.Builder b, int groups) {
        b.emit("vpxor", ymm(0), ymm(0), ymm(0));
        b.emit("vpxor", ymm(1), ymm(1), ymm(1));
        b.emit("mov", COUNT, new Imm(groups));
        b.label(".Lgroup");
        b.emit("vcvtph2ps", ymm(2), Mem.at(W, 0, 16));
        b.emit("vcvtph2ps", ymm(4), Mem.at(X, 0, 16));
        b.emit("vcvtph2ps", ymm(3), Mem.at(W, 16, 16));
        b.emit("vcvtph2ps", ymm(5), Mem.at(X, 16, 16));
        b.emit("vfmadd231ps", ymm(0), ymm(2), ymm(4));
        b.emit("vfmadd231ps", ymm(1), ymm(3), ymm(5));
        b.emit("add", W, new Imm(32));
        b.emit("add", X, new Imm(32));
        b.emit("dec", COUNT);
        b.emit("jne", new Label(".Lgroup"));
        b.emit("vaddps", ymm(0), ymm(0), ymm(1));
        b.emit("vextracti128", xmm(1), ymm(0), new Imm(1));
        b.emit("vaddps", xmm(0), xmm(0), xmm(1));
        b.emit("vpshufd", xmm(1), xmm(0), new Imm(0x0E));
        b.emit("vaddps", xmm(0), xmm(0), xmm(1));
        b.emit("vpshufd", xmm(1), xmm(0), new Imm(0x01));
        b.emit("vaddss", xmm(0), xmm(0), xmm(1));
    }

    /**
     * Weights and activations in the program's layout; constants as CONST_* say. F16 activations go in as they are,
     * or widened to F32 for the NEON programs, whose region is sized for that ({@link BaselineNeonGemv}).
     */
    public static void bind(Memory memory, BlockTensor w, BlockTensor x) {
        BlockFormat f = w.type();
        byte[] wd = memory.bytes("weights");
        byte[] xd = memory.bytes("activations");
        boolean widened = f == BlockFormat.F16
            && xd.length == BaselineNeonGemv.ACTIVATIONS_WIDENED * paddedCols(f, w.cols());
        if (wd.length != (long) w.rows() * rowBytes(f, w.cols())
                || xd.length != activationBytes(f, w.cols()) && !widened) {
            throw new IllegalArgumentException("data shape does not match the program's regions");
        }
        int src = w.rowBytes();
        int dst = rowBytes(f, w.cols());
        for (int r = 0; r < w.rows(); r++) {
            System.arraycopy(w.data(), r * src, wd, r * dst, src);
        }
        if (widened) {
            float[] values = x.dequantize();
            for (int k = 0; k < values.length; k++) {
                MachineState.putInt(xd, k, Float.floatToRawIntBits(values[k]));
            }
        } else {
            System.arraycopy(x.data(), 0, xd, 0, x.data().length);
        }
        byte[] consts = memory.bytes("consts");
        java.util.Arrays.fill(consts, CONST_THREES, CONST_THREES + 32, (byte) 0x03);
        for (int i = 0; i < 16; i++) {
            MachineState.putShort(consts, CONST_ONES16 / 2 + i, 1);
        }
        java.util.Arrays.fill(consts, CONST_LOW_NIBBLE, CONST_LOW_NIBBLE + 32, (byte) 0x0F);
        java.util.Arrays.fill(consts, CONST_EIGHTS, CONST_EIGHTS + 32, (byte) 0x08);
    }

    public static float[] readOutput(Memory memory) {
        byte[] out = memory.bytes("output");
        float[] y = new float[out.length / 4];
        for (int i = 0; i < y.length; i++) {
            y[i] = Float.intBitsToFloat(MachineState.getInt(out, i));
        }
        return y;
    }
}
