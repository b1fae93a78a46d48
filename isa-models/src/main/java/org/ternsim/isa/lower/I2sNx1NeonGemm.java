// Lowers the I2_S GEMM (prefill: N int8 activation columns) to NEON with dot product: bitnet.cpp's Nx1 loop.
package org.ternsim.isa.lower;

import static org.ternsim.isa.arm.ArmRegs.s;
import static org.ternsim.isa.arm.ArmRegs.v;
import static org.ternsim.isa.arm.ArmRegs.w;
import static org.ternsim.isa.arm.ArmRegs.x;

import org.ternsim.isa.MachineState;
import org.ternsim.isa.Memory;
import org.ternsim.isa.Operand;
import org.ternsim.isa.Operand.Imm;
import org.ternsim.isa.Operand.Label;
import org.ternsim.isa.Operand.Mem;
import org.ternsim.isa.Program;
import org.ternsim.isa.Reg;
import org.ternsim.isa.Region;
import org.ternsim.isa.arm.ArmSemantics;
import org.ternsim.kernels.format.I2sLayout;
import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.quant.Int8Activations;

/**
 * The NEON + dot product branch of bitnet.cpp's {@code ggml_vec_dot_i2_i8_s_Nx1} (src/ggml-bitnet-mad.cpp; kernels.md
 * 2.4, 2.5): per weight row and 64-value block, one 16-byte load and the unpack ({@code ushr} 2, 4, 6, {@code and}
 * 0x03) are done once; each of the N tokens then loads its 64 activations and adds 4 {@code sdot} into its own
 * int32x4 accumulator, so a token's 4-sdot chain overlaps the other tokens' chains. As in {@link I2sNeonGemv} the
 * bits 7:6 plane needs no mask. Each token's activations are read through their own pointer with a post-indexed
 * 4-register {@code ld1} (bitnet.cpp's {@code py + iy * by}); outputs go through a pointer per token, post-indexed by
 * 4 bytes, to y[t][row] (token-major, as I2sGemm defines y). The epilogue is I2_S's
 * ((float) raw - (float) sum_q) / s * w_scale with that token's sum_q and scale.
 *
 * <p>Regions as {@link I2sNx1VnniGemm}. Registers: v0-7 token accumulators, v16-19 code planes, v20-23 activations,
 * s24/s25 epilogue temporaries, s30 the weight scale, v31 the mask; x8-15 activation and x19-26 output pointers.
 * N is at most 8, bitnet.cpp's PARALLEL_SIZE with dot product (include/gemm-config.h).
 */
public final class I2sNx1NeonGemm {

    public static final int MAX_TOKENS = 8;

    private static final Reg W = x(0);
    private static final Reg ROWS = x(3);
    private static final Reg ROW_BYTES = x(4); // K, when SUB cannot encode it
    private static final Reg BLOCKS = x(5);
    private static final Reg P = x(6);
    private static final int XPTR = 8;
    private static final int YPTR = 19;
    private static final int WEIGHT = 16;
    private static final int ACT = 20;
    private static final int T0 = 24;
    private static final int T1 = 25;
    private static final int W_SCALE = 30;
    private static final int MASK = 31;

    private I2sNx1NeonGemm() {
    }

    public static Program lower(int rows, int cols, int tokens) {
        if (tokens < 1 || tokens > MAX_TOKENS) {
            throw new IllegalArgumentException("tokens must be 1.." + MAX_TOKENS + ", got " + tokens);
        }
        I2sLayout.ARM_64.checkCols(cols);
        long packedBytes = (long) rows * cols / 4;
        if (packedBytes + I2sWeights.TAIL_BYTES > Integer.MAX_VALUE || (long) tokens * rows * 4 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(rows + "x" + cols + " x " + tokens + " tokens is too large to execute"
                + " functionally");
        }
        int blocks = cols / I2sNeonGemv.BLOCK;
        Program.Builder b = new Program.Builder("i2_s-nx1/" + ArmSemantics.NEON_DOTPROD + " gemm " + rows + "x" + cols
            + " n" + tokens, ArmSemantics.NEON_DOTPROD);
        b.region(new Region("weights", I2sNeonGemv.WEIGHTS_BASE, (int) packedBytes + I2sWeights.TAIL_BYTES,
            Region.Role.INPUT));
        b.region(new Region("activations", I2sNeonGemv.ACTIVATIONS_BASE, tokens * cols, Region.Role.INPUT));
        b.region(new Region("params", I2sNeonGemv.PARAMS_BASE, 8 * tokens, Region.Role.INPUT));
        b.region(new Region("output", I2sNeonGemv.OUTPUT_BASE, tokens * rows * 4, Region.Role.OUTPUT));

        b.emit("movi", v(MASK, "16b"), new Imm(3));
        A64Imm.mov(b, W, I2sNeonGemv.WEIGHTS_BASE);
        A64Imm.add(b, P, W, packedBytes);  // the weight scale follows the packed codes
        b.emit("ldr", s(W_SCALE), new Mem(P, null, 1, 0, 4));
        A64Imm.mov(b, P, I2sNeonGemv.PARAMS_BASE);
        A64Imm.mov(b, x(YPTR), I2sNeonGemv.OUTPUT_BASE);
        for (int c = 1; c < tokens; c++) {
            A64Imm.add(b, x(YPTR + c), x(YPTR), 4L * rows * c);
        }
        A64Imm.mov(b, ROWS, rows);
        // Token c > 0 walks from ACT + c K; a row leaves it one row further on, so each row starts by stepping it back
        // (one instruction, as the mov of a constant it replaces: ACT + c K takes movz + movk).
        Operand rowBytes = tokens > 1 ? A64Imm.addend(b, cols, ROW_BYTES) : null;
        for (int c = 1; c < tokens; c++) {
            A64Imm.mov(b, x(XPTR + c), I2sNeonGemv.ACTIVATIONS_BASE + (long) (c + 1) * cols);
        }
        b.label(".Lrow");
        for (int c = 0; c < tokens; c++) {
            b.emit("movi", v(c, "16b"), new Imm(0));
            if (c == 0) {
                A64Imm.mov(b, x(XPTR), I2sNeonGemv.ACTIVATIONS_BASE);
            } else {
                b.emit("sub", x(XPTR + c), x(XPTR + c), rowBytes);
            }
        }
        A64Imm.mov(b, BLOCKS, blocks);
        b.label(".Lblock");
        b.emit("ld1", v(WEIGHT, "16b"), new Mem(W, null, 1, 0, 16), new Imm(16));
        b.emit("ushr", v(WEIGHT + 1, "16b"), v(WEIGHT, "16b"), new Imm(2));
        b.emit("ushr", v(WEIGHT + 2, "16b"), v(WEIGHT, "16b"), new Imm(4));
        b.emit("ushr", v(WEIGHT + 3, "16b"), v(WEIGHT, "16b"), new Imm(6));
        for (int k = 0; k < 3; k++) {
            b.emit("and", v(WEIGHT + k, "16b"), v(WEIGHT + k, "16b"), v(MASK, "16b"));
        }
        for (int c = 0; c < tokens; c++) {
            b.emit("ld1", v(ACT, "16b"), v(ACT + 1, "16b"), v(ACT + 2, "16b"), v(ACT + 3, "16b"),
                new Mem(x(XPTR + c), null, 1, 0, 64), new Imm(64));
            // Activations 16j..16j+15 of the block meet the plane at bits 6-2j, v(WEIGHT + 3 - j).
            for (int j = 0; j < 4; j++) {
                b.emit("sdot", v(c, "4s"), v(WEIGHT + 3 - j, "16b"), v(ACT + j, "16b"));
            }
        }
        b.emit("subs", BLOCKS, BLOCKS, new Imm(1));
        b.emit("b.ne", new Label(".Lblock"));
        for (int c = 0; c < tokens; c++) {
            b.emit("addv", s(T0), v(c, "4s"));
            b.emit("scvtf", s(T0), s(T0));
            b.emit("ldr", w(7), new Mem(P, null, 1, 8L * c + I2sNeonGemv.PARAM_SUM_Q, 4));
            b.emit("scvtf", s(T1), w(7));
            b.emit("fsub", s(T0), s(T0), s(T1));
            b.emit("ldr", s(T1), new Mem(P, null, 1, 8L * c + I2sNeonGemv.PARAM_ACT_SCALE, 4));
            b.emit("fdiv", s(T0), s(T0), s(T1));
            b.emit("fmul", s(T0), s(T0), s(W_SCALE));
            b.emit("str", s(T0), new Mem(x(YPTR + c), null, 1, 0, 4), new Imm(4));
        }
        b.emit("subs", ROWS, ROWS, new Imm(1));
        b.emit("b.ne", new Label(".Lrow"));
        return b.build();
    }

    /** Weights in the ARM 64-value layout, the N activation vectors back to back, per token sum_q and scale. */
    public static void bind(Memory memory, I2sWeights weights, Int8Activations[] tokens) {
        if (weights.layout() != I2sLayout.ARM_64) {
            throw new IllegalArgumentException("the NEON program reads the ARM 64-value I2_S layout, got "
                + weights.layout());
        }
        byte[] wb = memory.bytes("weights");
        byte[] xb = memory.bytes("activations");
        int cols = weights.cols();
        if (weights.data().length != wb.length || (long) tokens.length * cols != xb.length) {
            throw new IllegalArgumentException("data shape does not match the program's regions");
        }
        System.arraycopy(weights.data(), 0, wb, 0, wb.length);
        byte[] params = memory.bytes("params");
        for (int t = 0; t < tokens.length; t++) {
            System.arraycopy(tokens[t].codes(), 0, xb, t * cols, cols);
            MachineState.putInt(params, 2 * t, tokens[t].sum());
            MachineState.putInt(params, 2 * t + 1, Float.floatToRawIntBits(tokens[t].scale()));
        }
    }
}
