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
 * every {@code groupBlocks} blocks) with the four activation vectors of a block loaded once for {@code rows} weight
 * rows: bitnet.cpp's {@code ggml_vec_dot_i2_i8_s_1xN} (microsoft/BitNet src/ggml-bitnet-mad.cpp, kernels.md §2.5),
 * whose weight-parallel x86 build runs PARALLEL_SIZE = 8 rows per call. Registers as clang 19 -O3 -march=znver3
 * allocates them for 8 rows (docs/kernels.md): ymm0 the 0x03 mask, ymm3-6 the activations, ymm7-9 the unpacked
 * planes and products, ymm1, ymm2 and ymm10-15 the rows' int16 sums, which leaves none for the int32 sums: they live in
 * memory (the compiled kernel's stack slots, here the {@code acc32} region) and meet their int16 sums once per group,
 * as does the int16 ones vector. Each row adds its four products as (p0 + p1) + (p2 + p3) before its accumulator, the
 * order clang emits; int16 adds wrap, so any order gives the same sums.
 */
public final class I2s1xnAvx2Gemv {

    public static final int MAX_ROWS_PER_PASS = 8;
    public static final long ACC32_BASE = 0x5_0000_0000L;

    private static final Reg W = r64(6);
    private static final Reg X = r64(7);
    private static final Reg Y = r64(2);
    private static final Reg PASSES = r64(8);
    private static final Reg GROUPS = r64(1);
    private static final Reg BLOCKS = r64(0);
    private static final Reg PARAMS = r64(9);
    private static final Reg SCALE = r64(12);
    private static final Reg CONSTS = r64(13);
    private static final Reg ACC32 = r64(14);
    private static final int MASK = 0;
    private static final int ACTIVATIONS = 3;
    /** The rows' int16 sums, row 0 first. */
    private static final int[] SUMS = {2, 1, 15, 14, 13, 12, 11, 10};

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
        b.region(new Region("acc32", ACC32_BASE, 32 * MAX_ROWS_PER_PASS, Region.Role.OUTPUT));
        b.emit("mov", CONSTS, new Imm(I2sAvx2Gemv.CONSTS_BASE));
        b.emit("vmovdqu", ymm(MASK), Mem.at(CONSTS, I2sAvx2Gemv.CONST_MASK, 32));
        b.emit("mov", ACC32, new Imm(ACC32_BASE));
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
        b.emit("vpxor", ymm(7), ymm(7), ymm(7));
        for (int r = 0; r < n; r++) {
            b.emit("vmovdqu", Mem.at(ACC32, 32L * r, 32), ymm(7));
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
            b.emit("vmovdqu", ymm(8), Mem.at(ACC32, 32L * r, 32));
            I2sAvx2Gemv.emitHorizontalSum(b, 8, 9);
            b.emit("vmovd", r32(10), xmm(8));
            b.emit("vcvtsi2ss", xmm(8), xmm(8), r32(10));
            b.emit("mov", r32(11), Mem.at(PARAMS, I2sAvx2Gemv.PARAM_SUM_Q, 4));
            b.emit("vcvtsi2ss", xmm(9), xmm(9), r32(11));
            b.emit("vsubss", xmm(8), xmm(8), xmm(9));
            b.emit("vdivss", xmm(8), xmm(8), Mem.at(PARAMS, I2sAvx2Gemv.PARAM_ACT_SCALE, 4));
            b.emit("vmulss", xmm(8), xmm(8), Mem.at(SCALE, 0, 4));
            b.emit("vmovss", Mem.at(Y, 4L * r, 4), xmm(8));
        }
        b.emit("add", Y, new Imm(4L * n));
    }

    private static void emitGroup(Program.Builder b, int n, int rowBytes, int count, String loop) {
        for (int r = 0; r < n; r++) {
            b.emit("vpxor", ymm(SUMS[r]), ymm(SUMS[r]), ymm(SUMS[r]));
        }
        b.emit("mov", BLOCKS, new Imm(count));
        b.label(loop);
        for (int plane = 0; plane < 4; plane++) {
            b.emit("vmovdqu", ymm(ACTIVATIONS + plane), Mem.at(X, 32L * plane, 32));
        }
        Reg a0 = ymm(ACTIVATIONS);
        Reg a1 = ymm(ACTIVATIONS + 1);
        Reg a2 = ymm(ACTIVATIONS + 2);
        Reg a3 = ymm(ACTIVATIONS + 3);
        Reg mask = ymm(MASK);
        Reg codes = ymm(7);
        Reg t8 = ymm(8);
        Reg t9 = ymm(9);
        for (int r = 0; r < n; r++) {
            // plane 0 (bits 7:6) meets activations 0-31, plane 3 (bits 1:0) activations 96-127
            b.emit("vmovdqu", codes, Mem.at(W, (long) r * rowBytes, 32));
            b.emit("vpsrlw", t8, codes, new Imm(4));
            b.emit("vpsrlw", t9, codes, new Imm(6));
            b.emit("vpand", t9, t9, mask);
            b.emit("vpand", t8, t8, mask);
            b.emit("vpmaddubsw", t9, t9, a0);
            b.emit("vpmaddubsw", t8, t8, a1);
            b.emit("vpaddw", t8, t8, t9);
            b.emit("vpsrlw", t9, codes, new Imm(2));
            b.emit("vpand", codes, codes, mask);
            b.emit("vpand", t9, t9, mask);
            b.emit("vpmaddubsw", codes, codes, a3);
            b.emit("vpmaddubsw", t9, t9, a2);
            b.emit("vpaddw", codes, t9, codes);
            b.emit("vpaddw", codes, t8, codes);
            b.emit("vpaddw", ymm(SUMS[r]), codes, ymm(SUMS[r]));
        }
        b.emit("add", W, new Imm(32));
        b.emit("add", X, new Imm(128));
        b.emit("dec", BLOCKS);
        b.emit("jne", new Label(loop));
        // clang folds the ones and the int32 sum into vpmaddwd / vpaddd as memory operands; loaded here into the
        // planes' registers, free after the loop, so that every core's table times the forms (once per group and row)
        b.emit("vmovdqu", ymm(8), Mem.at(CONSTS, I2sAvx2Gemv.CONST_ONES16, 32));
        for (int r = 0; r < n; r++) {
            b.emit("vpmaddwd", ymm(7), ymm(SUMS[r]), ymm(8));
            b.emit("vmovdqu", ymm(9), Mem.at(ACC32, 32L * r, 32));
            b.emit("vpaddd", ymm(7), ymm(7), ymm(9));
            b.emit("vmovdqu", Mem.at(ACC32, 32L * r, 32), ymm(7));
        }
    }
}
