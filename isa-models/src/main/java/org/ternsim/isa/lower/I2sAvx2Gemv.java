// Lowers the I2_S GEMV y = W x (M x K, x86 128-value blocks) to an AVX2 program shaped like bitnet.cpp's 1x1 kernel.
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
 * Per weight row: for each 128-value block, one 32-byte load gives four 2-bit code planes (shift 6, 4, 2, 0 then
 * mask 0x03); each plane multiplies 32 int8 activations with {@code vpmaddubsw} (u8 code x s8 activation, pair sums
 * in int16) and the planes are summed into an int16 accumulator with {@code vpaddw}. Every {@code groupBlocks} blocks
 * the int16 lanes are widened with {@code vpmaddwd} by ones and added to an int32 accumulator; a horizontal sum and
 * the bitnet.cpp epilogue ((float)raw - (float)sum_q) / act_scale * w_scale follow.
 *
 * <p>Overflow: one int16 lane gains 8 products c*q per block with c in 0..2 and q in -128..127, so at most
 * 8*254 = 2032 and at least 8*-256 = -2048 per block. 16 blocks stay within [-32768, 32512], so {@code groupBlocks = 16}
 * is exact for every input. bitnet.cpp widens every 32 blocks ({@code groupBlocks = 32}); that variant wraps on
 * adversarial data (e.g. all +1 weights with activations of 127) and validation shows it.
 */
public final class I2sAvx2Gemv {

    public static final int BLOCK = I2sLayout.X86_128.blockSize();
    public static final int SAFE_GROUP_BLOCKS = 16;
    public static final int BITNET_GROUP_BLOCKS = 32;

    public static final long WEIGHTS_BASE = 0x1_0000_0000L;
    public static final long ACTIVATIONS_BASE = 0x2_0000_0000L;
    public static final long PARAMS_BASE = 0x3_0000_0000L;
    public static final long CONSTS_BASE = 0x3_0001_0000L;
    public static final long OUTPUT_BASE = 0x4_0000_0000L;

    /** Offsets in the params region: Σq as int32 and the activation scale as float, both per token. */
    public static final int PARAM_SUM_Q = 0;
    public static final int PARAM_ACT_SCALE = 4;
    /** Offsets in the constants region: 32 bytes of 0x03, then 16 int16 ones. */
    public static final int CONST_MASK = 0;
    public static final int CONST_ONES16 = 32;

    private static final Reg W = r64(6);      // rsi: weight pointer, walks the whole tensor
    private static final Reg X = r64(7);      // rdi: activation pointer, reset per row
    private static final Reg Y = r64(2);      // rdx: output pointer
    private static final Reg ROWS = r64(8);   // r8: rows left
    private static final Reg GROUPS = r64(1); // rcx: groups left in this row
    private static final Reg BLOCKS = r64(0); // rax: blocks left in this group
    private static final Reg RAW = r32(10);   // r10d: the row's int32 dot product

    private I2sAvx2Gemv() {
    }

    public static Program lower(int rows, int cols) {
        return lower(rows, cols, SAFE_GROUP_BLOCKS);
    }

    public static Program lower(int rows, int cols, int groupBlocks) {
        if (rows < 1) {
            throw new IllegalArgumentException("I2_S AVX2 GEMV needs at least one row, got " + rows);
        }
        I2sLayout.X86_128.checkCols(cols);
        if (groupBlocks < 1 || groupBlocks > BITNET_GROUP_BLOCKS) {
            throw new IllegalArgumentException("groupBlocks must be 1..32, got " + groupBlocks);
        }
        return lower("i2_s/avx2", rows, cols, groupBlocks);
    }

    /**
     * The same program under another kernel name, with the widening interval checked by the caller (int4 activations
     * allow up to {@link I2sInt4Avx2Lowering#MAX_GROUP_BLOCKS} blocks per int16 group).
     */
    static Program lower(String name, int rows, int cols, int groupBlocks) {
        long packedBytes = (long) rows * cols / 4;
        if (packedBytes + 32 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("I2_S tensor of " + rows + "x" + cols + " is too large to execute functionally");
        }
        int blocks = cols / BLOCK;
        int groups = blocks / groupBlocks;
        int tail = blocks % groupBlocks;
        String variant = groupBlocks == SAFE_GROUP_BLOCKS ? "" : " group" + groupBlocks;

        Program.Builder b = new Program.Builder(name + " gemv " + rows + "x" + cols + variant, "x86-64");
        b.region(new Region("weights", WEIGHTS_BASE, (int) packedBytes + 32, Region.Role.INPUT));
        b.region(new Region("activations", ACTIVATIONS_BASE, cols, Region.Role.INPUT));
        b.region(new Region("params", PARAMS_BASE, 16, Region.Role.INPUT));
        b.region(new Region("consts", CONSTS_BASE, 64, Region.Role.CONSTANT));
        b.region(new Region("output", OUTPUT_BASE, rows * 4, Region.Role.OUTPUT));

        Reg tmp = r64(9);
        b.emit("mov", W, new Imm(WEIGHTS_BASE));
        b.emit("mov", Y, new Imm(OUTPUT_BASE));
        b.emit("mov", ROWS, new Imm(rows));
        b.emit("mov", tmp, new Imm(CONSTS_BASE));
        b.emit("vmovdqu", ymm(15), Mem.at(tmp, CONST_MASK, 32));
        b.emit("vmovdqu", ymm(14), Mem.at(tmp, CONST_ONES16, 32));
        b.emit("mov", tmp, new Imm(PARAMS_BASE));
        b.emit("mov", r32(11), Mem.at(tmp, PARAM_SUM_Q, 4));
        b.emit("vcvtsi2ss", xmm(12), xmm(12), r32(11));
        b.emit("vmovss", xmm(11), Mem.at(tmp, PARAM_ACT_SCALE, 4));
        b.emit("mov", tmp, new Imm(WEIGHTS_BASE + packedBytes));
        b.emit("vmovss", xmm(10), Mem.at(tmp, 0, 4));

        b.label(".Lrow");
        b.emit("vpxor", ymm(0), ymm(0), ymm(0));
        b.emit("mov", X, new Imm(ACTIVATIONS_BASE));
        if (groups > 0) {
            b.emit("mov", GROUPS, new Imm(groups));
            b.label(".Lgroup");
            emitGroup(b, groupBlocks, ".Lblock");
            b.emit("dec", GROUPS);
            b.emit("jne", new Label(".Lgroup"));
        }
        if (tail > 0) {
            emitGroup(b, tail, ".Ltail");
        }
        emitHorizontalSumAndEpilogue(b);
        b.emit("add", Y, new Imm(4));
        b.emit("dec", ROWS);
        b.emit("jne", new Label(".Lrow"));
        return b.build();
    }

    /** {@code count} blocks accumulated in int16 (ymm1), then widened into the int32 accumulator (ymm0). */
    private static void emitGroup(Program.Builder b, int count, String loopLabel) {
        b.emit("vpxor", ymm(1), ymm(1), ymm(1));
        b.emit("mov", BLOCKS, new Imm(count));
        b.label(loopLabel);
        b.emit("vmovdqu", ymm(2), Mem.at(W, 0, 32));
        b.emit("vpsrlw", ymm(3), ymm(2), new Imm(6));
        b.emit("vpsrlw", ymm(4), ymm(2), new Imm(4));
        b.emit("vpsrlw", ymm(5), ymm(2), new Imm(2));
        b.emit("vpand", ymm(3), ymm(3), ymm(15));
        b.emit("vpand", ymm(4), ymm(4), ymm(15));
        b.emit("vpand", ymm(5), ymm(5), ymm(15));
        b.emit("vpand", ymm(2), ymm(2), ymm(15));
        for (int plane = 0; plane < 4; plane++) {
            b.emit("vmovdqu", ymm(6 + plane), Mem.at(X, 32L * plane, 32));
        }
        b.emit("vpmaddubsw", ymm(3), ymm(3), ymm(6));
        b.emit("vpmaddubsw", ymm(4), ymm(4), ymm(7));
        b.emit("vpmaddubsw", ymm(5), ymm(5), ymm(8));
        b.emit("vpmaddubsw", ymm(2), ymm(2), ymm(9));
        b.emit("vpaddw", ymm(3), ymm(3), ymm(4));
        b.emit("vpaddw", ymm(5), ymm(5), ymm(2));
        b.emit("vpaddw", ymm(1), ymm(1), ymm(3));
        b.emit("vpaddw", ymm(1), ymm(1), ymm(5));
        b.emit("add", W, new Imm(32));
        b.emit("add", X, new Imm(128));
        b.emit("dec", BLOCKS);
        b.emit("jne", new Label(loopLabel));
        b.emit("vpmaddwd", ymm(1), ymm(1), ymm(14));
        b.emit("vpaddd", ymm(0), ymm(0), ymm(1));
    }

    private static void emitHorizontalSumAndEpilogue(Program.Builder b) {
        emitHorizontalSum(b, 0, 1);
        b.emit("vmovd", RAW, xmm(0));
        b.emit("vcvtsi2ss", xmm(1), xmm(1), RAW);
        b.emit("vsubss", xmm(1), xmm(1), xmm(12));
        b.emit("vdivss", xmm(1), xmm(1), xmm(11));
        b.emit("vmulss", xmm(1), xmm(1), xmm(10));
        b.emit("vmovss", Mem.at(Y, 0, 4), xmm(1));
    }

    /** Adds the eight int32 lanes of ymm{@code sum} into lane 0 of xmm{@code sum}, with xmm{@code scratch} as scratch. */
    static void emitHorizontalSum(Program.Builder b, int sum, int scratch) {
        b.emit("vextracti128", xmm(scratch), ymm(sum), new Imm(1));
        b.emit("vpaddd", xmm(sum), xmm(sum), xmm(scratch));
        b.emit("vpunpckhqdq", xmm(scratch), xmm(sum), xmm(sum));
        b.emit("vpaddd", xmm(sum), xmm(sum), xmm(scratch));
        b.emit("vpshufd", xmm(scratch), xmm(sum), new Imm(1));
        b.emit("vpaddd", xmm(sum), xmm(sum), xmm(scratch));
    }

    /** Writes the kernel's inputs into the program's regions, in the byte layout the program expects. */
    public static void bind(Memory memory, I2sWeights weights, Int8Activations activations) {
        if (weights.layout() != I2sLayout.X86_128) {
            throw new IllegalArgumentException("the AVX2 program reads the x86 128-value I2_S layout, got " + weights.layout());
        }
        byte[] w = memory.bytes("weights");
        byte[] x = memory.bytes("activations");
        if (weights.data().length != w.length || activations.codes().length != x.length) {
            throw new IllegalArgumentException("data shape does not match the program's regions");
        }
        System.arraycopy(weights.data(), 0, w, 0, w.length);
        System.arraycopy(activations.codes(), 0, x, 0, x.length);
        byte[] params = memory.bytes("params");
        MachineState.putInt(params, PARAM_SUM_Q / 4, activations.sum());
        MachineState.putInt(params, PARAM_ACT_SCALE / 4, Float.floatToRawIntBits(activations.scale()));
        byte[] consts = memory.bytes("consts");
        for (int i = 0; i < 32; i++) {
            consts[CONST_MASK + i] = 0x03;
        }
        for (int i = 0; i < 16; i++) {
            MachineState.putShort(consts, CONST_ONES16 / 2 + i, 1);
        }
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
