// Lowers the I2_S GEMV y = W x (M x K, ARM 64-value blocks) to a NEON program shaped like bitnet.cpp's ARM kernel.
package org.ternsim.isa.lower;

import static org.ternsim.isa.arm.ArmRegs.s;
import static org.ternsim.isa.arm.ArmRegs.v;
import static org.ternsim.isa.arm.ArmRegs.w;
import static org.ternsim.isa.arm.ArmRegs.x;

import org.ternsim.isa.MachineState;
import org.ternsim.isa.Memory;
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
 * Per weight row and 64-value block (bitnet.cpp {@code ggml_vec_dot_i2_i8_s}, ARM branch; kernels.md 2.4): one
 * 16-byte load of packed weights, {@code ushr} by 2, 4, 6 and {@code and} with 0x03 give the four code planes
 * (plane 0 = bits 7:6 = values 0..15 of the block, ..., plane 3 = bits 1:0 = values 48..63); one 64-byte
 * {@code ld1} gives the activations. With dotprod each plane is one {@code sdot} into an int32x4 accumulator.
 * Without it each plane is an {@code smlal} (low 8 bytes) and an {@code smlal2} (high 8) into int16x8 accumulators,
 * widened into int32 with {@code saddw}/{@code saddw2} every {@code groupBlocks} blocks. The row's lanes are summed
 * with {@code addv} and the bitnet.cpp epilogue ((float)raw - (float)sum_q) / act_scale * w_scale follows.
 *
 * <p>int16 exposure: with {@code accumulators} = A int16 accumulators, each lane gains 8/A products c*q per block,
 * c in 0..2 and q in -128..127, so at least -256 each; 128 products stay within int16, hence
 * groupBlocks <= 16*A is exact for every input. bitnet.cpp uses A = 1 and 32 blocks, which wraps on adversarial data.
 */
public final class I2sNeonGemv {

    public static final int BLOCK = I2sLayout.ARM_64.blockSize();
    public static final int BITNET_GROUP_BLOCKS = 32;

    public static final long WEIGHTS_BASE = I2sAvx2Gemv.WEIGHTS_BASE;
    public static final long ACTIVATIONS_BASE = I2sAvx2Gemv.ACTIVATIONS_BASE;
    public static final long PARAMS_BASE = I2sAvx2Gemv.PARAMS_BASE;
    public static final long OUTPUT_BASE = I2sAvx2Gemv.OUTPUT_BASE;
    public static final int PARAM_SUM_Q = I2sAvx2Gemv.PARAM_SUM_Q;
    public static final int PARAM_ACT_SCALE = I2sAvx2Gemv.PARAM_ACT_SCALE;

    private static final Reg W = x(0);       // packed weights, walks the whole tensor
    private static final Reg X = x(1);       // activations, reset per row
    private static final Reg Y = x(2);       // outputs
    private static final Reg ROWS = x(3);
    private static final Reg GROUPS = x(4);
    private static final Reg BLOCKS = x(5);
    private static final Reg TMP = x(6);
    private static final int MASK = 31;      // v31.16b = 0x03
    private static final int SUM_Q = 28;     // s28 = (float) sum_q
    private static final int ACT_SCALE = 29; // s29
    private static final int W_SCALE = 30;   // s30
    private static final int INT16_ACC = 8;  // v8.. int16 accumulators (no dotprod)
    private static final int WEIGHT = 16;    // v16..v19 code planes
    private static final int ACT = 20;       // v20..v23 activations

    /**
     * @param dotprod      use sdot (needs FEAT_DotProd) instead of smlal/smlal2
     * @param accumulators independent accumulators: int32x4 with dotprod, int16x8 without (1, 2, 4 or 8)
     * @param groupBlocks  blocks between widenings of the int16 accumulators (ignored with dotprod)
     */
    public record Params(boolean dotprod, int accumulators, int groupBlocks) {
        public Params {
            if (accumulators != 1 && accumulators != 2 && accumulators != 4 && accumulators != 8) {
                throw new IllegalArgumentException("accumulators must be 1, 2, 4 or 8, got " + accumulators);
            }
            if (accumulators > 4 && dotprod) {
                throw new IllegalArgumentException("with dotprod there are 4 planes per block: accumulators <= 4");
            }
            // 2048 = the int4 bound at 8 accumulators (I2sInt4NeonLowering); callers check their own exactness bound.
            if (!dotprod && (groupBlocks < 1 || groupBlocks > 2048)) {
                throw new IllegalArgumentException("groupBlocks must be 1..2048, got " + groupBlocks);
            }
        }

        /** Largest exact widening interval for this accumulator count (see the class comment). */
        public static int safeGroupBlocks(int accumulators) {
            return 16 * accumulators;
        }
    }

    private I2sNeonGemv() {
    }

    public static Program lower(int rows, int cols, Params p) {
        return lower("i2_s", rows, cols, p);
    }

    /** As {@link #lower(int, int, Params)}, the program named for {@code kernel} (the int4 variant runs the same code). */
    static Program lower(String kernel, int rows, int cols, Params p) {
        if (rows < 1) {
            throw new IllegalArgumentException("I2_S NEON GEMV needs at least one row, got " + rows);
        }
        I2sLayout.ARM_64.checkCols(cols);
        long packedBytes = (long) rows * cols / 4;
        if (packedBytes + I2sWeights.TAIL_BYTES > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("I2_S tensor of " + rows + "x" + cols + " is too large to execute functionally");
        }
        int blocks = cols / BLOCK;
        String name = kernel + "/" + (p.dotprod() ? ArmSemantics.NEON_DOTPROD : ArmSemantics.NEON) + " gemv " + rows + "x"
            + cols + " acc" + p.accumulators() + (p.dotprod() ? "" : " group" + p.groupBlocks());
        Program.Builder b = new Program.Builder(name, p.dotprod() ? ArmSemantics.NEON_DOTPROD : ArmSemantics.NEON);
        b.region(new Region("weights", WEIGHTS_BASE, (int) packedBytes + I2sWeights.TAIL_BYTES, Region.Role.INPUT));
        b.region(new Region("activations", ACTIVATIONS_BASE, cols, Region.Role.INPUT));
        b.region(new Region("params", PARAMS_BASE, 16, Region.Role.INPUT));
        b.region(new Region("output", OUTPUT_BASE, rows * 4, Region.Role.OUTPUT));

        A64Imm.mov(b, W, WEIGHTS_BASE);
        A64Imm.mov(b, Y, OUTPUT_BASE);
        A64Imm.mov(b, ROWS, rows);
        b.emit("movi", v(MASK, "16b"), new Imm(3));
        A64Imm.mov(b, TMP, PARAMS_BASE);
        b.emit("ldr", w(7), new Mem(TMP, null, 1, PARAM_SUM_Q, 4));
        b.emit("scvtf", s(SUM_Q), w(7));
        b.emit("ldr", s(ACT_SCALE), new Mem(TMP, null, 1, PARAM_ACT_SCALE, 4));
        A64Imm.add(b, TMP, W, packedBytes);  // the weight scale follows the packed codes
        b.emit("ldr", s(W_SCALE), new Mem(TMP, null, 1, 0, 4));

        b.label(".Lrow");
        int int32Accs = p.dotprod() ? p.accumulators() : 1;
        for (int a = 0; a < int32Accs; a++) {
            b.emit("movi", v(a, "16b"), new Imm(0));
        }
        A64Imm.mov(b, X, ACTIVATIONS_BASE);
        if (p.dotprod()) {
            A64Imm.mov(b, BLOCKS, blocks);
            b.label(".Lblock");
            emitBlock(b, p);
            b.emit("subs", BLOCKS, BLOCKS, new Imm(1));
            b.emit("b.ne", new Label(".Lblock"));
            for (int a = 1; a < int32Accs; a++) {
                b.emit("add", v(0, "4s"), v(0, "4s"), v(a, "4s"));
            }
        } else {
            int groups = blocks / p.groupBlocks();
            int tail = blocks % p.groupBlocks();
            if (groups > 0) {
                A64Imm.mov(b, GROUPS, groups);
                b.label(".Lgroup");
                emitGroup(b, p, p.groupBlocks(), ".Lblock");
                b.emit("subs", GROUPS, GROUPS, new Imm(1));
                b.emit("b.ne", new Label(".Lgroup"));
            }
            if (tail > 0) {
                emitGroup(b, p, tail, ".Ltail");
            }
        }
        b.emit("addv", s(0), v(0, "4s"));
        b.emit("scvtf", s(0), s(0));
        b.emit("fsub", s(0), s(0), s(SUM_Q));
        b.emit("fdiv", s(0), s(0), s(ACT_SCALE));
        b.emit("fmul", s(0), s(0), s(W_SCALE));
        b.emit("str", s(0), new Mem(Y, null, 1, 0, 4), new Imm(4));
        b.emit("subs", ROWS, ROWS, new Imm(1));
        b.emit("b.ne", new Label(".Lrow"));
        return b.build();
    }

    /** {@code count} blocks into int16 accumulators, then widened into the int32 accumulator v0. */
    private static void emitGroup(Program.Builder b, Params p, int count, String loopLabel) {
        for (int a = 0; a < p.accumulators(); a++) {
            b.emit("movi", v(INT16_ACC + a, "16b"), new Imm(0));
        }
        A64Imm.mov(b, BLOCKS, count);
        b.label(loopLabel);
        emitBlock(b, p);
        b.emit("subs", BLOCKS, BLOCKS, new Imm(1));
        b.emit("b.ne", new Label(loopLabel));
        for (int a = 0; a < p.accumulators(); a++) {
            b.emit("saddw", v(0, "4s"), v(0, "4s"), v(INT16_ACC + a, "4h"));
            b.emit("saddw2", v(0, "4s"), v(0, "4s"), v(INT16_ACC + a, "8h"));
        }
    }

    /** One 64-value block: weight planes v16 (bits 1:0) .. v19 (bits 7:6), activations v20..v23. */
    private static void emitBlock(Program.Builder b, Params p) {
        b.emit("ld1", v(WEIGHT, "16b"), new Mem(W, null, 1, 0, 16), new Imm(16));
        b.emit("ld1", v(ACT, "16b"), v(ACT + 1, "16b"), v(ACT + 2, "16b"), v(ACT + 3, "16b"),
            new Mem(X, null, 1, 0, 64), new Imm(64));
        b.emit("ushr", v(WEIGHT + 1, "16b"), v(WEIGHT, "16b"), new Imm(2));
        b.emit("ushr", v(WEIGHT + 2, "16b"), v(WEIGHT, "16b"), new Imm(4));
        // bits 7:6 shifted down by 6 are already 0..3: no mask needed (compilers drop that and, too).
        b.emit("ushr", v(WEIGHT + 3, "16b"), v(WEIGHT, "16b"), new Imm(6));
        for (int k = 0; k < 3; k++) {
            b.emit("and", v(WEIGHT + k, "16b"), v(WEIGHT + k, "16b"), v(MASK, "16b"));
        }
        // Plane for activations 16*j..16*j+15 of the block sits at bits 6-2j, i.e. in v(WEIGHT + 3 - j).
        for (int j = 0; j < 4; j++) {
            int wr = WEIGHT + 3 - j;
            int ar = ACT + j;
            if (p.dotprod()) {
                b.emit("sdot", v(j % p.accumulators(), "4s"), v(wr, "16b"), v(ar, "16b"));
            } else {
                int lo = INT16_ACC + (2 * j) % p.accumulators();
                int hi = INT16_ACC + (2 * j + 1) % p.accumulators();
                b.emit("smlal", v(lo, "8h"), v(wr, "8b"), v(ar, "8b"));
                b.emit("smlal2", v(hi, "8h"), v(wr, "16b"), v(ar, "16b"));
            }
        }
    }

    /** Writes the kernel's inputs into the program's regions, in the byte layout the program expects. */
    public static void bind(Memory memory, I2sWeights weights, Int8Activations activations) {
        if (weights.layout() != I2sLayout.ARM_64) {
            throw new IllegalArgumentException("the NEON program reads the ARM 64-value I2_S layout, got " + weights.layout());
        }
        byte[] wb = memory.bytes("weights");
        byte[] xb = memory.bytes("activations");
        if (weights.data().length != wb.length || activations.codes().length != xb.length) {
            throw new IllegalArgumentException("data shape does not match the program's regions");
        }
        System.arraycopy(weights.data(), 0, wb, 0, wb.length);
        System.arraycopy(activations.codes(), 0, xb, 0, xb.length);
        byte[] params = memory.bytes("params");
        MachineState.putInt(params, PARAM_SUM_Q / 4, activations.sum());
        MachineState.putInt(params, PARAM_ACT_SCALE / 4, Float.floatToRawIntBits(activations.scale()));
    }
}
