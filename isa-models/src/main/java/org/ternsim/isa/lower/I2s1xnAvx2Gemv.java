// Lowers the I2_S GEMV to AVX2 as bitnet.cpp's weight-parallel 1xN kernel: several weight rows share each activation load.
package org.ternsim.isa.lower;

import static org.ternsim.isa.Reg.r32;
import static org.ternsim.isa.Reg.r64;
import static org.ternsim.isa.Reg.xmm;
import static org.ternsim.isa.Reg.ymm;

import org.ternsim.isa.Operand.Imm;
import org.ternsim.isa.Operand.Label;
import org.ternsim.isa.Operand.Mem;
import org.ternsim.isa.Program;
import org.ternsim.isa.Reg;
import org.ternsim.isa.Region;
import org.ternsim.kernels.format.I2sLayout;

/**
 * The block step of {@link I2sAvx2Gemv} (shift 6/4/2/0, AND 3, {@code vpmaddubsw}, int16 sums, {@code vpmaddwd} by ones
 * every {@code groupBlocks} blocks) with the four activation planes of a block loaded once for {@code rows} weight rows
 * (bitnet.cpp {@code ggml_vec_dot_i2_i8_s_1xN}, kernels.md §2.2). Registers: ymm0-3 activations, ymm4-7 code planes,
 * ymm8-10 int16 and ymm11-13 int32 row accumulators, ymm14 the 0x03 mask, ymm15 int16 ones; so at most 3 rows per
 * pass on the 16 AVX2 registers, and the epilogue scalars are read from memory per row.
 */
public final class I2s1xnAvx2Gemv {

    public static final int MAX_ROWS_PER_PASS = 3;

    private static final Reg W = r64(6);
    private static final Reg X = r64(7);
    private static final Reg Y = r64(2);
    private static final Reg PASSES = r64(8);
    private static final Reg GROUPS = r64(1);
    private static final Reg BLOCKS = r64(0);
    private static final Reg PARAMS = r64(9);
    private static final Reg SCALE = r64(12);

    private I2s1xnAvx2Gemv() {
    }

    public static Program lower(int rows, int cols, int rowsPerPass, int groupBlocks) {
        if (rowsPerPass < 1 || rowsPerPass > MAX_ROWS_PER_PASS) {
            throw new IllegalArgumentException("rowsPerPass must be 1.." + MAX_ROWS_PER_PASS + ", got " + rowsPerPass);
        }
        I2sLayout.X86_128.checkCols(cols);
        long packedBytes = (long) rows * cols / 4;
        int rowBytes = cols / 4;
        int blocks = cols / I2sAvx2Gemv.BLOCK;
        Program.Builder b = new Program.Builder("i2_s-1xn/avx2 gemv " + rows + "x" + cols + " rows" + rowsPerPass
            + " group" + groupBlocks, "x86-64");
        b.region(new Region("weights", I2sAvx2Gemv.WEIGHTS_BASE, (int) packedBytes + 32, Region.Role.INPUT));
        b.region(new Region("activations", I2sAvx2Gemv.ACTIVATIONS_BASE, cols, Region.Role.INPUT));
        b.region(new Region("params", I2sAvx2Gemv.PARAMS_BASE, 16, Region.Role.INPUT));
        b.region(new Region("consts", I2sAvx2Gemv.CONSTS_BASE, 64, Region.Role.CONSTANT));
        b.region(new Region("output", I2sAvx2Gemv.OUTPUT_BASE, rows * 4, Region.Role.OUTPUT));
        b.emit("mov", PARAMS, new Imm(I2sAvx2Gemv.CONSTS_BASE));
        b.emit("vmovdqu", ymm(14), Mem.at(PARAMS, I2sAvx2Gemv.CONST_MASK, 32));
        b.emit("vmovdqu", ymm(15), Mem.at(PARAMS, I2sAvx2Gemv.CONST_ONES16, 32));
        b.emit("mov", PARAMS, new Imm(I2sAvx2Gemv.PARAMS_BASE));
        b.emit("mov", SCALE, new Imm(I2sAvx2Gemv.WEIGHTS_BASE + packedBytes));
        b.emit("mov", W, new Imm(I2sAvx2Gemv.WEIGHTS_BASE));
        b.emit("mov", Y, new Imm(I2sAvx2Gemv.OUTPUT_BASE));
        int passes = rows / rowsPerPass;
        int rest = rows % rowsPerPass;
        if (passes > 0) {
            b.emit("mov", PASSES, new Imm(passes));
            b.label(".Lpass");
            emitPass(b, rowsPerPass, rowBytes, blocks, groupBlocks, "");
            b.emit("dec", PASSES);
            b.emit("jne", new Label(".Lpass"));
        }
        if (rest > 0) {
            emitPass(b, rest, rowBytes, blocks, groupBlocks, ".rest");
        }
        return b.build();
    }

    private static void emitPass(Program.Builder b, int n, int rowBytes, int blocks, int groupBlocks, String suffix) {
        for (int r = 0; r < n; r++) {
            b.emit("vpxor", ymm(11 + r), ymm(11 + r), ymm(11 + r));
        }
        b.emit("mov", X, new Imm(I2sAvx2Gemv.ACTIVATIONS_BASE));
        int groups = blocks / groupBlocks;
        int tail = blocks % groupBlocks;
        if (groups > 0) {
            b.emit("mov", GROUPS, new Imm(groups));
            b.label(".Lgroup" + suffix);
            emitGroup(b, n, rowBytes, groupBlocks, ".Lblock" + suffix);
            b.emit("dec", GROUPS);
            b.emit("jne", new Label(".Lgroup" + suffix));
        }
        if (tail > 0) {
            emitGroup(b, n, rowBytes, tail, ".Ltail" + suffix);
        }
        if (n > 1) {
            b.emit("add", W, new Imm((long) (n - 1) * rowBytes));
        }
        for (int r = 0; r < n; r++) {
            Reg acc = ymm(11 + r);
            b.emit("vextracti128", xmm(4), acc, new Imm(1));
            b.emit("vpaddd", xmm(4), xmm(4), xmm(11 + r));
            b.emit("vpunpckhqdq", xmm(5), xmm(4), xmm(4));
            b.emit("vpaddd", xmm(4), xmm(4), xmm(5));
            b.emit("vpshufd", xmm(5), xmm(4), new Imm(1));
            b.emit("vpaddd", xmm(4), xmm(4), xmm(5));
            b.emit("vmovd", r32(10), xmm(4));
            b.emit("vcvtsi2ss", xmm(4), xmm(4), r32(10));
            b.emit("mov", r32(11), Mem.at(PARAMS, I2sAvx2Gemv.PARAM_SUM_Q, 4));
            b.emit("vcvtsi2ss", xmm(5), xmm(5), r32(11));
            b.emit("vsubss", xmm(4), xmm(4), xmm(5));
            b.emit("vdivss", xmm(4), xmm(4), Mem.at(PARAMS, I2sAvx2Gemv.PARAM_ACT_SCALE, 4));
            b.emit("vmulss", xmm(4), xmm(4), Mem.at(SCALE, 0, 4));
            b.emit("vmovss", Mem.at(Y, 4L * r, 4), xmm(4));
        }
        b.emit("add", Y, new Imm(4L * n));
    }

    private static void emitGroup(Program.Builder b, int n, int rowBytes, int count, String loop) {
        for (int r = 0; r < n; r++) {
            b.emit("vpxor", ymm(8 + r), ymm(8 + r), ymm(8 + r));
        }
        b.emit("mov", BLOCKS, new Imm(count));
        b.label(loop);
        for (int plane = 0; plane < 4; plane++) {
            b.emit("vmovdqu", ymm(plane), Mem.at(X, 32L * plane, 32));
        }
        for (int r = 0; r < n; r++) {
            b.emit("vmovdqu", ymm(7), Mem.at(W, (long) r * rowBytes, 32));
            b.emit("vpsrlw", ymm(4), ymm(7), new Imm(6));
            b.emit("vpsrlw", ymm(5), ymm(7), new Imm(4));
            b.emit("vpsrlw", ymm(6), ymm(7), new Imm(2));
            for (int p = 4; p < 8; p++) {
                b.emit("vpand", ymm(p), ymm(p), ymm(14));
            }
            for (int p = 0; p < 4; p++) {
                b.emit("vpmaddubsw", ymm(4 + p), ymm(4 + p), ymm(p));
            }
            b.emit("vpaddw", ymm(4), ymm(4), ymm(5));
            b.emit("vpaddw", ymm(6), ymm(6), ymm(7));
            b.emit("vpaddw", ymm(8 + r), ymm(8 + r), ymm(4));
            b.emit("vpaddw", ymm(8 + r), ymm(8 + r), ymm(6));
        }
        b.emit("add", W, new Imm(32));
        b.emit("add", X, new Imm(128));
        b.emit("dec", BLOCKS);
        b.emit("jne", new Label(loop));
        for (int r = 0; r < n; r++) {
            b.emit("vpmaddwd", ymm(8 + r), ymm(8 + r), ymm(15));
            b.emit("vpaddd", ymm(11 + r), ymm(11 + r), ymm(8 + r));
        }
    }
}
