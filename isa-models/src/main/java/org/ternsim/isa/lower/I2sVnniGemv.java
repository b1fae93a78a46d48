// Lowers the I2_S GEMV (x86 128-value blocks) to an AVX-512 VNNI program: vpdpbusd on 2-bit code planes, several rows per pass.
package org.ternsim.isa.lower;

import static org.ternsim.isa.Reg.r32;
import static org.ternsim.isa.Reg.r64;
import static org.ternsim.isa.Reg.xmm;
import static org.ternsim.isa.Reg.ymm;
import static org.ternsim.isa.Reg.zmm;

import org.ternsim.isa.Operand.Imm;
import org.ternsim.isa.Operand.Label;
import org.ternsim.isa.Operand.Mem;
import org.ternsim.isa.Program;
import org.ternsim.isa.Reg;
import org.ternsim.isa.Region;
import org.ternsim.kernels.format.I2sLayout;

/**
 * Design (ours; bitnet.cpp has no VNNI kernel). A 128-value block is 32 bytes whose bits 7:6, 5:4, 3:2, 1:0 hold the
 * codes (t + 1) of values 0-31, 32-63, 64-95, 96-127. {@code vbroadcasti64x4} puts the block in both 256-bit halves;
 * {@code vpsrlvw} by (6 | 4) and (2 | 0) and an AND with 0x03 give planes 0|1 and 2|3, which line up with the
 * activations x[0..63] and x[64..127] exactly as they lie in memory, so two {@code vpdpbusd} (u8 code x s8 activation,
 * four products per int32 lane) consume the block with no int16 stage, no saturation and no widening: the int32 lanes
 * hold sum c*q exactly (|sum| <= 255 * 128 * K / 16 per lane). As in bitnet.cpp's 1xN kernel, {@code rowsPerPass}
 * weight rows share each pair of activation loads. The epilogue is I2_S's ((float) raw - (float) sum_q) / s * w_scale.
 * Registers: zmm0-7 row accumulators, zmm8/9 the row reduction, zmm13/14 shift counts, zmm15 the 0x03 mask,
 * zmm16-19 and 22 temporaries.
 */
public final class I2sVnniGemv {

    public static final int MAX_ROWS_PER_PASS = 8;

    private static final Reg W = r64(6);
    private static final Reg X = r64(7);
    private static final Reg Y = r64(2);
    private static final Reg PASSES = r64(8);
    private static final Reg BLOCKS = r64(0);
    private static final Reg TMP = r64(9);
    private static final Reg RAW = r32(10);

    private I2sVnniGemv() {
    }

    public static Program lower(int rows, int cols, int rowsPerPass) {
        return lower("i2_s-vnni/avx512", rows, cols, rowsPerPass);
    }

    /** {@code name} heads the program's title: i2_s-int4 runs this program on int4 codes stored as int8. */
    public static Program lower(String name, int rows, int cols, int rowsPerPass) {
        if (rowsPerPass < 1 || rowsPerPass > MAX_ROWS_PER_PASS) {
            throw new IllegalArgumentException("rowsPerPass must be 1.." + MAX_ROWS_PER_PASS + ", got " + rowsPerPass);
        }
        I2sLayout.X86_128.checkCols(cols);
        long packedBytes = (long) rows * cols / 4;
        int rowBytes = cols / 4;
        int blocks = cols / I2sAvx2Gemv.BLOCK;
        Program.Builder b = new Program.Builder(name + " gemv " + rows + "x" + cols + " rows" + rowsPerPass,
            "x86-64");
        b.region(new Region("weights", I2sAvx2Gemv.WEIGHTS_BASE, (int) packedBytes + 32, Region.Role.INPUT));
        b.region(new Region("activations", I2sAvx2Gemv.ACTIVATIONS_BASE, cols, Region.Role.INPUT));
        b.region(new Region("params", I2sAvx2Gemv.PARAMS_BASE, 16, Region.Role.INPUT));
        b.region(new Region("consts", I2sAvx2Gemv.CONSTS_BASE, 64, Region.Role.CONSTANT));
        b.region(new Region("output", I2sAvx2Gemv.OUTPUT_BASE, rows * 4, Region.Role.OUTPUT));

        emitUnpackConstants(b);
        Reg c32 = r32(11);
        // Epilogue scalars: (float) sum_q, activation scale, weight scale (after the packed codes).
        b.emit("mov", TMP, new Imm(I2sAvx2Gemv.PARAMS_BASE));
        b.emit("mov", c32, Mem.at(TMP, I2sAvx2Gemv.PARAM_SUM_Q, 4));
        b.emit("vcvtsi2ss", xmm(12), xmm(12), c32);
        b.emit("vmovss", xmm(11), Mem.at(TMP, I2sAvx2Gemv.PARAM_ACT_SCALE, 4));
        b.emit("mov", TMP, new Imm(I2sAvx2Gemv.WEIGHTS_BASE + packedBytes));
        b.emit("vmovss", xmm(10), Mem.at(TMP, 0, 4));
        b.emit("mov", W, new Imm(I2sAvx2Gemv.WEIGHTS_BASE));
        b.emit("mov", Y, new Imm(I2sAvx2Gemv.OUTPUT_BASE));

        int passes = rows / rowsPerPass;
        int rest = rows % rowsPerPass;
        if (passes > 0) {
            b.emit("mov", PASSES, new Imm(passes));
            b.label(".Lpass");
            emitPass(b, rowsPerPass, rowBytes, blocks, ".Lblock");
            b.emit("dec", PASSES);
            b.emit("jne", new Label(".Lpass"));
        }
        if (rest > 0) {
            emitPass(b, rest, rowBytes, blocks, ".Lrest");
        }
        return b.build();
    }

    /** Registers: zmm15 = 0x03 bytes, zmm13 = word shift counts (6 | 4), zmm14 = (2 | 0) per 256-bit half. */
    static void emitUnpackConstants(Program.Builder b) {
        Reg c32 = r32(11);
        b.emit("mov", c32, new Imm(0x03030303));
        b.emit("vpbroadcastd", zmm(15), c32);
        b.emit("mov", c32, new Imm(0x00060006));
        b.emit("vpbroadcastd", zmm(13), c32);
        b.emit("mov", c32, new Imm(0x00040004));
        b.emit("vpbroadcastd", ymm(16), c32);
        b.emit("vinserti64x4", zmm(13), zmm(13), ymm(16), new Imm(1));
        b.emit("mov", c32, new Imm(0x00020002));
        b.emit("vpbroadcastd", ymm(14), c32);
    }

    /**
     * {@code raw} = the sum of the 16 int32 lanes of {@code acc} (clobbers zmm8, zmm9). The reduction stays in
     * registers 8/9: vextracti128 is VEX-only and cannot name xmm16-31 (the assembler refuses it; `bench native` found
     * this).
     */
    static void emitHorizontalSum(Program.Builder b, Reg acc, Reg raw) {
        int r = acc.index();
        b.emit("vextracti64x4", ymm(8), acc, new Imm(1));
        b.emit("vpaddd", ymm(8), ymm(8), ymm(r));
        b.emit("vextracti128", xmm(9), ymm(8), new Imm(1));
        b.emit("vpaddd", xmm(8), xmm(8), xmm(9));
        b.emit("vpshufd", xmm(9), xmm(8), new Imm(0x4E));
        b.emit("vpaddd", xmm(8), xmm(8), xmm(9));
        b.emit("vpshufd", xmm(9), xmm(8), new Imm(0x01));
        b.emit("vpaddd", xmm(8), xmm(8), xmm(9));
        b.emit("vmovd", raw, xmm(8));
    }

    /** {@code n} rows against the whole activation vector, then their epilogues; W and Y move past the rows. */
    private static void emitPass(Program.Builder b, int n, int rowBytes, int blocks, String loop) {
        for (int r = 0; r < n; r++) {
            b.emit("vpxord", zmm(r), zmm(r), zmm(r));
        }
        b.emit("mov", X, new Imm(I2sAvx2Gemv.ACTIVATIONS_BASE));
        b.emit("mov", BLOCKS, new Imm(blocks));
        b.label(loop);
        b.emit("vmovdqu8", zmm(16), Mem.at(X, 0, 64));
        b.emit("vmovdqu8", zmm(17), Mem.at(X, 64, 64));
        for (int r = 0; r < n; r++) {
            b.emit("vbroadcasti64x4", zmm(18), Mem.at(W, (long) r * rowBytes, 32));
            b.emit("vpsrlvw", zmm(19), zmm(18), zmm(13));
            b.emit("vpsrlvw", zmm(18), zmm(18), zmm(14));
            b.emit("vpandd", zmm(19), zmm(19), zmm(15));
            b.emit("vpandd", zmm(18), zmm(18), zmm(15));
            b.emit("vpdpbusd", zmm(r), zmm(19), zmm(16));
            b.emit("vpdpbusd", zmm(r), zmm(18), zmm(17));
        }
        b.emit("add", W, new Imm(32));
        b.emit("add", X, new Imm(128));
        b.emit("dec", BLOCKS);
        b.emit("jne", new Label(loop));
        if (n > 1) {
            b.emit("add", W, new Imm((long) (n - 1) * rowBytes));
        }
        for (int r = 0; r < n; r++) {
            emitHorizontalSum(b, zmm(r), RAW);
            // vcvtsi2ss merges lanes 1-3 from its first source: the constant xmm12 (written once, before the loops)
            // keeps each row's epilogue independent; merging into xmm22 chained it to the previous row's result.
            b.emit("vcvtsi2ss", xmm(22), xmm(12), RAW);
            b.emit("vsubss", xmm(22), xmm(22), xmm(12));
            b.emit("vdivss", xmm(22), xmm(22), xmm(11));
            b.emit("vmulss", xmm(22), xmm(22), xmm(10));
            b.emit("vmovss", Mem.at(Y, 4L * r, 4), xmm(22));
        }
        b.emit("add", Y, new Imm(4L * n));
    }
}
