// Lowers the I2_S GEMM (prefill: N int8 activation columns) to AVX2: bitnet.cpp's Nx1 loop with vpmaddubsw.
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
import org.ternsim.kernels.format.I2sLayout;
import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.quant.Int8Activations;

/**
 * The AVX2 branch of bitnet.cpp's {@code ggml_vec_dot_i2_i8_s_Nx1} (src/ggml-bitnet-mad.cpp; kernels.md 2.3, 2.5):
 * per weight row and 128-value block, one 32-byte load and the unpack (3 {@code vpsrlw}, 4 {@code vpand}) are done
 * once; then each of the N tokens costs 4 activation loads, 4 {@code vpmaddubsw} and 4 {@code vpaddw} (3 to combine
 * the planes, 1 into that token's int16 accumulator). Every {@code groupBlocks} blocks each token's int16 lanes are
 * widened with {@code vpmaddwd} by ones into its int32 accumulator. Per token the epilogue is I2_S's
 * ((float) raw - (float) sum_q) / s * w_scale with that token's sum_q and scale.
 *
 * <p>Exactness: per block and token an int16 lane gains 8 products as in {@link I2sAvx2Gemv}, so 16 blocks per
 * widening are exact for every input; bitnet.cpp widens every 32 blocks, which wraps on adversarial data.
 *
 * <p>Regions as {@link I2sNx1VnniGemm} (activations N x K, params 8 bytes per token, output N x M token-major) plus
 * the {@link I2sAvx2Gemv} constants. The block loop is the one clang 19 -O3 -march=znver3 compiles from
 * bitnet.cpp's source (docs/validation.md, "End-to-end vs published: reading the misses"): ymm0 the 0x03 mask,
 * ymm1 the int16 ones (both held, nothing spills), ymm2-5 int32 and ymm6-9 int16 accumulators of tokens 3..0,
 * ymm10-13 code planes, ymm14-15 products; activations are memory operands of {@code vpmaddubsw}. The 16 ymm
 * registers bound N at 4, bitnet.cpp's x86 PARALLEL_SIZE (include/gemm-config.h). Not bitnet.cpp's: the
 * dequantization epilogue (bitnet.cpp's ggml.c applies it outside the kernel) and the per-call overhead of its
 * GEMM driver, which calls the kernel once per weight row.
 */
public final class I2sNx1Avx2Gemm {

    public static final int MAX_TOKENS = 4;

    private static final Reg W = r64(6);      // rsi: weights, walks the whole tensor
    private static final Reg X = r64(7);      // rdi: token 0's activations, reset per row
    private static final Reg Y = r64(2);
    private static final Reg P = r64(3);
    private static final Reg ROWS = r64(15);
    private static final Reg GROUPS = r64(11);
    private static final Reg BLOCKS = r64(5);
    private static final Reg IDX = r64(14);   // byte offset of the block in this group's weights (x4: activations)
    private static final Reg BY = r64(13);    // bitnet.cpp's by: bytes between two tokens' activation rows (K)
    private static final Reg PA = r64(0);     // rax, rcx: token pointers advanced by BY, as clang allocates them
    private static final Reg PC = r64(1);
    private static final Reg TMP = r64(9);
    private static final Reg SCALE = r64(12);
    private static final Reg SUM = r32(8);
    // Vector registers as clang 19 allocates them for N = 4: token c's int32 accumulator in ymm(5 - c), its int16
    // accumulator in ymm(9 - c).
    private static final int MASK = 0;
    private static final int ONES = 1;
    private static final int ACC32 = 5;
    private static final int ACC16 = 9;
    private static final int PLANE3 = 10;
    private static final int PLANE2 = 11;
    private static final int PLANE1 = 12;
    private static final int PLANE0 = 13;
    private static final int T0 = 14;
    private static final int T1 = 15;

    private I2sNx1Avx2Gemm() {
    }

    public static Program lower(int rows, int cols, int tokens, int groupBlocks) {
        if (tokens < 1 || tokens > MAX_TOKENS) {
            throw new IllegalArgumentException("tokens must be 1.." + MAX_TOKENS + ", got " + tokens);
        }
        if (groupBlocks < 1 || groupBlocks > I2sAvx2Gemv.BITNET_GROUP_BLOCKS) {
            throw new IllegalArgumentException("groupBlocks must be 1..32, got " + groupBlocks);
        }
        I2sLayout.X86_128.checkCols(cols);
        long packedBytes = (long) rows * cols / 4;
        if (packedBytes + 32 > Integer.MAX_VALUE || (long) tokens * rows * 4 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(rows + "x" + cols + " x " + tokens + " tokens is too large to execute"
                + " functionally");
        }
        int blocks = cols / I2sAvx2Gemv.BLOCK;
        int groups = blocks / groupBlocks;
        int tail = blocks % groupBlocks;
        Program.Builder b = new Program.Builder("i2_s-nx1/avx2 gemm " + rows + "x" + cols + " n" + tokens
            + (groupBlocks == I2sAvx2Gemv.SAFE_GROUP_BLOCKS ? "" : " group" + groupBlocks), "x86-64");
        b.region(new Region("weights", I2sAvx2Gemv.WEIGHTS_BASE, (int) packedBytes + 32, Region.Role.INPUT));
        b.region(new Region("activations", I2sAvx2Gemv.ACTIVATIONS_BASE, tokens * cols, Region.Role.INPUT));
        b.region(new Region("params", I2sAvx2Gemv.PARAMS_BASE, 8 * tokens, Region.Role.INPUT));
        b.region(new Region("consts", I2sAvx2Gemv.CONSTS_BASE, 64, Region.Role.CONSTANT));
        b.region(new Region("output", I2sAvx2Gemv.OUTPUT_BASE, tokens * rows * 4, Region.Role.OUTPUT));

        b.emit("mov", TMP, new Imm(I2sAvx2Gemv.CONSTS_BASE));
        b.emit("vmovdqu", ymm(MASK), Mem.at(TMP, I2sAvx2Gemv.CONST_MASK, 32));
        b.emit("vmovdqu", ymm(ONES), Mem.at(TMP, I2sAvx2Gemv.CONST_ONES16, 32));
        b.emit("mov", BY, new Imm(cols));
        b.emit("mov", SCALE, new Imm(I2sAvx2Gemv.WEIGHTS_BASE + packedBytes));
        b.emit("mov", W, new Imm(I2sAvx2Gemv.WEIGHTS_BASE));
        b.emit("mov", Y, new Imm(I2sAvx2Gemv.OUTPUT_BASE));
        b.emit("mov", P, new Imm(I2sAvx2Gemv.PARAMS_BASE));
        b.emit("mov", ROWS, new Imm(rows));
        b.label(".Lrow");
        for (int c = 0; c < tokens; c++) {
            b.emit("vpxor", ymm(ACC32 - c), ymm(ACC32 - c), ymm(ACC32 - c));
        }
        b.emit("mov", X, new Imm(I2sAvx2Gemv.ACTIVATIONS_BASE));
        if (groups > 0) {
            b.emit("mov", GROUPS, new Imm(groups));
            b.label(".Lgroup");
            emitGroup(b, tokens, groupBlocks, ".Lblock");
            b.emit("dec", GROUPS);
            b.emit("jne", new Label(".Lgroup"));
        }
        if (tail > 0) {
            emitGroup(b, tokens, tail, ".Ltail");
        }
        for (int c = 0; c < tokens; c++) {
            emitEpilogue(b, c, rows);
        }
        b.emit("add", Y, new Imm(4));
        b.emit("dec", ROWS);
        b.emit("jne", new Label(".Lrow"));
        return b.build();
    }

    /**
     * {@code count} blocks into each token's int16 accumulator, then widened into its int32 accumulator. The block
     * body is what clang 19 -O3 makes of bitnet.cpp's loop (docs/validation.md, "the compiled loop"): the activation
     * loads fold into {@code vpmaddubsw}, weights are addressed as [W + IDX] and token 0's activations as
     * [X + 4*IDX]; the other tokens' rows are {@code by} = K bytes apart, reached through two {@code lea}-advanced
     * pointers; per token the products are summed as acc += p0, acc += p1 + p2, acc += p3.
     */
    private static void emitGroup(Program.Builder b, int tokens, int count, String loop) {
        for (int c = 0; c < tokens; c++) {
            b.emit("vpxor", ymm(ACC16 - c), ymm(ACC16 - c), ymm(ACC16 - c));
        }
        b.emit("xor", r32(14), r32(14));  // IDX = 0 (clang: xor r14d, r14d)
        b.emit("mov", BLOCKS, new Imm(count));
        b.label(loop);
        // Plane k (shift 6 - 2k) multiplies activations 32k..32k+31 of the block; plane 3 is the loaded bytes masked.
        b.emit("vmovdqu", ymm(PLANE3), new Mem(W, IDX, 1, 0, 32));
        if (tokens > 1) {
            b.emit("lea", PA, new Mem(X, IDX, 4, 0, 8));
        }
        if (tokens > 2) {
            b.emit("lea", PC, new Mem(PA, BY, 1, 0, 8));
        }
        b.emit("vpsrlw", ymm(PLANE0), ymm(PLANE3), new Imm(6));
        b.emit("vpsrlw", ymm(PLANE2), ymm(PLANE3), new Imm(2));
        b.emit("vpsrlw", ymm(PLANE1), ymm(PLANE3), new Imm(4));
        b.emit("vpand", ymm(PLANE3), ymm(PLANE3), ymm(MASK));
        b.emit("vpand", ymm(PLANE0), ymm(PLANE0), ymm(MASK));
        b.emit("vpand", ymm(PLANE2), ymm(PLANE2), ymm(MASK));
        b.emit("vpand", ymm(PLANE1), ymm(PLANE1), ymm(MASK));
        for (int c = 0; c < tokens; c++) {
            if (c == 3) {
                b.emit("lea", PA, new Mem(PC, BY, 1, 0, 8));
            }
            int acc = ACC16 - c;
            b.emit("vpmaddubsw", ymm(T0), ymm(PLANE0), activation(c, 0));
            b.emit("vpaddw", ymm(acc), ymm(T0), ymm(acc));
            b.emit("vpmaddubsw", ymm(T1), ymm(PLANE2), activation(c, 64));
            b.emit("vpmaddubsw", ymm(T0), ymm(PLANE1), activation(c, 32));
            b.emit("vpaddw", ymm(T0), ymm(T0), ymm(T1));
            b.emit("vpaddw", ymm(acc), ymm(acc), ymm(T0));
            b.emit("vpmaddubsw", ymm(T0), ymm(PLANE3), activation(c, 96));
            b.emit("vpaddw", ymm(acc), ymm(acc), ymm(T0));
        }
        b.emit("add", IDX, new Imm(32));
        b.emit("dec", BLOCKS);
        b.emit("jne", new Label(loop));
        for (int c = 0; c < tokens; c++) {
            b.emit("vpmaddwd", ymm(ACC16 - c), ymm(ACC16 - c), ymm(ONES));
            b.emit("vpaddd", ymm(ACC32 - c), ymm(ACC16 - c), ymm(ACC32 - c));
        }
        b.emit("add", W, new Imm(32L * count));
        b.emit("add", X, new Imm(128L * count));
    }

    /** Token c's 32 activations at byte d of the block: [X + 4*IDX + d] for token 0, [BY + ptr + d] for the others. */
    private static Mem activation(int c, long d) {
        return switch (c) {
            case 0 -> new Mem(X, IDX, 4, d, 32);
            case 1 -> new Mem(BY, PA, 1, d, 32);
            case 2 -> new Mem(BY, PC, 1, d, 32);
            default -> new Mem(BY, PA, 1, d, 32);
        };
    }

    /**
     * Token c's horizontal sum as clang 19 compiles bitnet.cpp's hsum_i32_8 and (float) sumi (two {@code vpshufd},
     * {@code vcvtdq2ps}: no round trip through a general register), then the I2_S dequantization, which bitnet.cpp
     * leaves to ggml.c; stored at y[c][row].
     */
    private static void emitEpilogue(Program.Builder b, int c, int rows) {
        Reg acc = xmm(ACC32 - c);
        b.emit("vextracti128", xmm(T0), ymm(ACC32 - c), new Imm(1));
        b.emit("vpaddd", acc, xmm(T0), acc);
        b.emit("vpshufd", xmm(T0), acc, new Imm(0xEE));
        b.emit("vpaddd", acc, acc, xmm(T0));
        b.emit("vpshufd", xmm(T0), acc, new Imm(0x55));
        b.emit("vpaddd", acc, xmm(T0), acc);
        b.emit("vcvtdq2ps", acc, acc);
        b.emit("mov", SUM, Mem.at(P, 8L * c, 4));
        b.emit("vcvtsi2ss", xmm(T1), xmm(T1), SUM);
        b.emit("vsubss", acc, acc, xmm(T1));
        b.emit("vmovss", xmm(T1), Mem.at(P, 8L * c + 4, 4));
        b.emit("vdivss", acc, acc, xmm(T1));
        b.emit("vmovss", xmm(T1), Mem.at(SCALE, 0, 4));
        b.emit("vmulss", acc, acc, xmm(T1));
        b.emit("vmovss", Mem.at(Y, 4L * rows * c, 4), acc);
    }

    /** The Nx1 regions as {@link I2sNx1VnniGemm#bind}, plus the mask and int16 ones of {@link I2sAvx2Gemv}. */
    public static void bind(Memory memory, I2sWeights weights, Int8Activations[] tokens) {
        I2sNx1VnniGemm.bind(memory, weights, tokens);
        byte[] consts = memory.bytes("consts");
        for (int i = 0; i < 32; i++) {
            consts[I2sAvx2Gemv.CONST_MASK + i] = 0x03;
        }
        for (int i = 0; i < 16; i++) {
            MachineState.putShort(consts, I2sAvx2Gemv.CONST_ONES16 / 2 + i, 1);
        }
    }
}
