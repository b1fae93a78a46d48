// Lowers the I2_S GEMM (prefill: N int8 activation columns) to AVX-512 VNNI: bitnet.cpp's Nx1 loop with vpdpbusd.
package org.ternsim.isa.lower;

import static org.ternsim.isa.Reg.r32;
import static org.ternsim.isa.Reg.r64;
import static org.ternsim.isa.Reg.xmm;
import static org.ternsim.isa.Reg.ymm;
import static org.ternsim.isa.Reg.zmm;

import org.ternsim.isa.MachineState;
import org.ternsim.isa.Memory;
import org.ternsim.isa.Operand.Imm;
import org.ternsim.isa.Operand.Label;
import org.ternsim.isa.Operand.Mem;
import org.ternsim.isa.Program;
import org.ternsim.isa.Reg;
import org.ternsim.isa.Region;
import org.ternsim.kernels.format.I2sLayout;
import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.quant.Int8Activations;

/**
 * The loop of bitnet.cpp's {@code ggml_vec_dot_i2_i8_s_Nx1} (src/ggml-bitnet-mad.cpp, AVX2 path): per weight row, the
 * N activation columns in passes of {@code columnsPerPass} (bitnet.cpp's PARALLEL_SIZE); per 128-value block the
 * weight codes are loaded and unpacked once and multiplied with every column of the pass. Where bitnet.cpp uses
 * {@code vpmaddubsw} into int16 with a widening every 32 blocks, this AVX-512 program unpacks as {@link I2sVnniGemv}
 * does ({@code vbroadcasti64x4}, {@code vpsrlvw} by (6 | 4) and (2 | 0), AND 0x03: planes that line up with the
 * activations as they lie in memory) and accumulates with {@code vpdpbusd} straight into int32 (exact, no widening).
 * Each column has two accumulators, one per {@code vpdpbusd} of a block (planes 0|1 and 2|3), so a column's chain
 * is one 4-cycle VNNI latency per block rather than two (one chain left the loop latency-bound at twice the port
 * bound); they are added before the horizontal sum. Per column the epilogue is I2_S's ((float) raw - (float) sum_q) /
 * s * w_scale with that token's sum_q and scale.
 *
 * <p>Regions: activations N x K bytes (token t at t K), params 8 bytes per token (int32 sum_q, float scale), output
 * N x M floats, token-major (y[t][row] at 4 (t M + row)), as I2sGemm defines y. Registers: zmm0-7 and zmm23-30
 * column accumulators, zmm13/14 shift counts, zmm15 the 0x03 mask, zmm16/17 code planes, zmm18/19 activations, zmm8/9 and
 * zmm21/22 epilogue temporaries, xmm12 zero, xmm10 the weight scale.
 *
 * <p>zmm registers are zeroed with VEX {@code vpxor xmm, xmm, xmm} (it clears the whole register), the idiom compilers
 * emit for {@code _mm512_setzero_si512}: every core recognises it as dependency-breaking, while LLVM 19's Znver4
 * model does not treat EVEX {@code vpxord zmm} as a zero idiom.
 */
public final class I2sNx1VnniGemm {

    public static final int MAX_COLUMNS_PER_PASS = 8;
    /** Column c's second accumulator: zmm(SECOND + c). */
    private static final int SECOND = 23;

    private static final Reg W = r64(6);
    private static final Reg X = r64(7);
    private static final Reg Y = r64(2);
    private static final Reg P = r64(3);
    private static final Reg ROWS = r64(8);
    private static final Reg PASSES = r64(1);
    private static final Reg BLOCKS = r64(0);
    private static final Reg YROW = r64(12);
    private static final Reg TMP = r64(9);
    private static final Reg RAW = r32(10);
    private static final Reg SUM = r32(11);

    private I2sNx1VnniGemm() {
    }

    public static Program lower(int rows, int cols, int tokens, int columnsPerPass) {
        if (columnsPerPass < 1 || columnsPerPass > MAX_COLUMNS_PER_PASS) {
            throw new IllegalArgumentException("columnsPerPass must be 1.." + MAX_COLUMNS_PER_PASS + ", got "
                + columnsPerPass);
        }
        I2sLayout.X86_128.checkCols(cols);
        long packedBytes = (long) rows * cols / 4;
        if (packedBytes + 32 > Integer.MAX_VALUE || (long) tokens * cols > Integer.MAX_VALUE
                || (long) tokens * rows * 4 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(rows + "x" + cols + " x " + tokens + " tokens is too large to execute"
                + " functionally");
        }
        int rowBytes = cols / 4;
        int blocks = cols / I2sAvx2Gemv.BLOCK;
        Program.Builder b = new Program.Builder("i2_s-nx1/avx512 gemm " + rows + "x" + cols + " n" + tokens
            + " cols" + columnsPerPass, "x86-64");
        b.region(new Region("weights", I2sAvx2Gemv.WEIGHTS_BASE, (int) packedBytes + 32, Region.Role.INPUT));
        b.region(new Region("activations", I2sAvx2Gemv.ACTIVATIONS_BASE, tokens * cols, Region.Role.INPUT));
        b.region(new Region("params", I2sAvx2Gemv.PARAMS_BASE, 8 * tokens, Region.Role.INPUT));
        b.region(new Region("output", I2sAvx2Gemv.OUTPUT_BASE, tokens * rows * 4, Region.Role.OUTPUT));

        I2sVnniGemv.emitUnpackConstants(b);
        // vcvtsi2ss merges into its first source: a constant one (xmm12 = 0) keeps the per-column epilogues independent
        // (merging into the previous column's result chained every epilogue of the GEMM).
        b.emit("vpxor", xmm(12), xmm(12), xmm(12));
        b.emit("mov", TMP, new Imm(I2sAvx2Gemv.WEIGHTS_BASE + packedBytes));
        b.emit("vmovss", xmm(10), Mem.at(TMP, 0, 4));
        b.emit("mov", W, new Imm(I2sAvx2Gemv.WEIGHTS_BASE));
        b.emit("mov", YROW, new Imm(I2sAvx2Gemv.OUTPUT_BASE));
        b.emit("mov", ROWS, new Imm(rows));
        b.label(".Lrow");
        b.emit("mov", X, new Imm(I2sAvx2Gemv.ACTIVATIONS_BASE));
        b.emit("mov", P, new Imm(I2sAvx2Gemv.PARAMS_BASE));
        b.emit("mov", Y, YROW);
        int passes = tokens / columnsPerPass;
        int rest = tokens % columnsPerPass;
        if (passes > 0) {
            b.emit("mov", PASSES, new Imm(passes));
            b.label(".Lpass");
            emitPass(b, columnsPerPass, rows, cols, blocks, ".Lblock");
            b.emit("dec", PASSES);
            b.emit("jne", new Label(".Lpass"));
        }
        if (rest > 0) {
            emitPass(b, rest, rows, cols, blocks, ".Lrest");
        }
        b.emit("add", W, new Imm(rowBytes));
        b.emit("add", YROW, new Imm(4));
        b.emit("dec", ROWS);
        b.emit("jne", new Label(".Lrow"));
        return b.build();
    }

    /** One weight row against {@code n} columns from X; X, P and Y move to the next columns, W returns to the row. */
    private static void emitPass(Program.Builder b, int n, int rows, int cols, int blocks, String loop) {
        for (int c = 0; c < n; c++) {
            b.emit("vpxor", xmm(c), xmm(c), xmm(c));
            b.emit("vpxord", zmm(SECOND + c), zmm(SECOND + c), zmm(SECOND + c));
        }
        b.emit("mov", BLOCKS, new Imm(blocks));
        b.label(loop);
        b.emit("vbroadcasti64x4", zmm(17), Mem.at(W, 0, 32));
        b.emit("vpsrlvw", zmm(16), zmm(17), zmm(13));
        b.emit("vpsrlvw", zmm(17), zmm(17), zmm(14));
        b.emit("vpandd", zmm(16), zmm(16), zmm(15));
        b.emit("vpandd", zmm(17), zmm(17), zmm(15));
        for (int c = 0; c < n; c++) {
            b.emit("vmovdqu8", zmm(18), Mem.at(X, (long) c * cols, 64));
            b.emit("vmovdqu8", zmm(19), Mem.at(X, (long) c * cols + 64, 64));
            b.emit("vpdpbusd", zmm(c), zmm(16), zmm(18));
            b.emit("vpdpbusd", zmm(SECOND + c), zmm(17), zmm(19));
        }
        b.emit("add", W, new Imm(32));
        b.emit("add", X, new Imm(128));
        b.emit("dec", BLOCKS);
        b.emit("jne", new Label(loop));
        b.emit("sub", W, new Imm(32L * blocks));
        b.emit("add", X, new Imm((long) n * cols - 128L * blocks));
        for (int c = 0; c < n; c++) {
            b.emit("vpaddd", zmm(c), zmm(c), zmm(SECOND + c));
            I2sVnniGemv.emitHorizontalSum(b, zmm(c), RAW);
            b.emit("vcvtsi2ss", xmm(22), xmm(12), RAW);
            b.emit("mov", SUM, Mem.at(P, 8L * c, 4));
            b.emit("vcvtsi2ss", xmm(21), xmm(12), SUM);
            b.emit("vsubss", xmm(22), xmm(22), xmm(21));
            b.emit("vdivss", xmm(22), xmm(22), Mem.at(P, 8L * c + 4, 4));
            b.emit("vmulss", xmm(22), xmm(22), xmm(10));
            b.emit("vmovss", Mem.at(Y, 4L * rows * c, 4), xmm(22));
        }
        b.emit("add", P, new Imm(8L * n));
        b.emit("add", Y, new Imm(4L * rows * n));
    }

    /** Weights as packed (codes then scale), the N activation vectors back to back, per token sum_q and scale. */
    public static void bind(Memory memory, I2sWeights weights, Int8Activations[] tokens) {
        byte[] w = memory.bytes("weights");
        byte[] x = memory.bytes("activations");
        int cols = weights.cols();
        if (weights.layout() != I2sLayout.X86_128 || weights.data().length != w.length
                || (long) tokens.length * cols != x.length) {
            throw new IllegalArgumentException("data shape does not match the program's regions");
        }
        System.arraycopy(weights.data(), 0, w, 0, w.length);
        byte[] params = memory.bytes("params");
        for (int t = 0; t < tokens.length; t++) {
            System.arraycopy(tokens[t].codes(), 0, x, t * cols, cols);
            MachineState.putInt(params, 2 * t, tokens[t].sum());
            MachineState.putInt(params, 2 * t + 1, Float.floatToRawIntBits(tokens[t].scale()));
        }
    }
}
