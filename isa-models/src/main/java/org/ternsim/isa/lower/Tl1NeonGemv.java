// Lowers the TL1 GEMV to a NEON program shaped like bitnet.cpp's TL1 kernel: tbl lookups of split int16 tables.
package org.ternsim.isa.lower;

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
import org.ternsim.kernels.lut.LutShapes;
import org.ternsim.kernels.lut.LutTables;
import org.ternsim.kernels.lut.Tl1Weights;
import org.ternsim.kernels.quant.Int8Activations;

/**
 * kernels.md 3.3: 16 rows at a time. One 16-byte load holds index byte j of 16 rows (the pair indices of pairs 2j
 * and 2j+1: high and low nibble; the binder interleaves rows as bitnet.cpp's {@code process_tl1} permutes them);
 * {@code ushr #4} and {@code and 0x0F} separate them. Each pair's 9-entry int16 table is stored as a 16-byte table of
 * low bytes and one of high bytes; four {@code tbl} look up both halves for both pairs, {@code zip1}/{@code zip2}
 * re-interleave them into int16 entries for rows 0-7 and 8-15, and four {@code add .8h} sum them into two int16
 * accumulators. After each block of BK activations (BK/4 index bytes) the int16 sums are sign-extended into four
 * int32 accumulators ({@code saddw}/{@code saddw2}), as the engine's per-block int16 wrap requires. The epilogue
 * (float) acc / lut_scale * w_scale runs on four lanes at once and {@code st1} writes 16 outputs. A last group of
 * fewer than 16 rows is padded by the binder with rows of (0, 0) pairs (index 4, table entry 0); their outputs are
 * written to the padded output region and not read back.
 *
 * <p>Not lowered: building the tables from the activations ({@code lut_ctor}, O(K) once per GEMV); the binder writes
 * the engine's own {@link LutTables#pairs} tables into the {@code tables} region.
 */
public final class Tl1NeonGemv {

    public static final int ROWS_PER_GROUP = 16;
    public static final long WEIGHTS_BASE = 0x1_0000_0000L;
    public static final long TABLES_BASE = 0x2_0000_0000L;
    public static final long PARAMS_BASE = 0x3_0000_0000L;
    public static final long OUTPUT_BASE = 0x4_0000_0000L;
    /** Offsets in params: the activations' LUT scale and the weight scale, as float bits. */
    public static final int PARAM_LUT_SCALE = 0;
    public static final int PARAM_W_SCALE = 4;

    private static final Reg W = x(0);
    private static final Reg T = x(1);
    private static final Reg Y = x(2);
    private static final Reg GROUPS = x(3);
    private static final Reg BLOCKS = x(4);
    private static final Reg BYTES = x(5);
    private static final Reg TMP = x(6);

    private Tl1NeonGemv() {
    }

    /** K even and BK a multiple of 4 (LutShapes); any M >= 1 (the last group is padded to 16 rows). */
    public static void checkShape(int rows, int cols, int bk) {
        LutShapes.checkTl1(cols, bk);
        if (rows < 1) {
            throw new IllegalArgumentException("TL1 needs M >= 1, got " + rows);
        }
    }

    /** Rows rounded up to whole 16-row groups. */
    public static int paddedRows(int rows) {
        return (rows + ROWS_PER_GROUP - 1) / ROWS_PER_GROUP * ROWS_PER_GROUP;
    }

    public static Program lower(int rows, int cols, int bk) {
        checkShape(rows, cols, bk);
        int groups = paddedRows(rows) / ROWS_PER_GROUP;
        int rowBytes = (cols / 2 + 1) / 2;
        int blockBytes = bk / 4;
        int fullBlocks = rowBytes / blockBytes;
        int tailBytes = rowBytes % blockBytes;
        Program.Builder b = new Program.Builder("tl1/neon gemv " + rows + "x" + cols + " bk" + bk, ArmSemantics.NEON);
        b.region(new Region("weights", WEIGHTS_BASE, groups * ROWS_PER_GROUP * rowBytes, Region.Role.INPUT));
        b.region(new Region("tables", TABLES_BASE, 64 * rowBytes, Region.Role.INPUT));
        b.region(new Region("params", PARAMS_BASE, 16, Region.Role.INPUT));
        b.region(new Region("output", OUTPUT_BASE, groups * ROWS_PER_GROUP * 4, Region.Role.OUTPUT));

        A64Imm.mov(b, W, WEIGHTS_BASE);
        A64Imm.mov(b, Y, OUTPUT_BASE);
        A64Imm.mov(b, GROUPS, groups);
        b.emit("movi", v(31, "16b"), new Imm(0x0F));
        A64Imm.mov(b, TMP, PARAMS_BASE);
        b.emit("ldr", w(7), new Mem(TMP, null, 1, PARAM_LUT_SCALE, 4));
        b.emit("dup", v(29, "4s"), w(7));
        b.emit("ldr", w(7), new Mem(TMP, null, 1, PARAM_W_SCALE, 4));
        b.emit("dup", v(30, "4s"), w(7));

        b.label(".Lgroup");
        for (int a = 2; a <= 5; a++) {
            b.emit("movi", v(a, "16b"), new Imm(0));
        }
        A64Imm.mov(b, T, TABLES_BASE);
        if (fullBlocks > 0) {
            A64Imm.mov(b, BLOCKS, fullBlocks);
            b.label(".Lbk");
            emitBlock(b, blockBytes, ".Lblock");
            b.emit("subs", BLOCKS, BLOCKS, new Imm(1));
            b.emit("b.ne", new Label(".Lbk"));
        }
        if (tailBytes > 0) {
            emitBlock(b, tailBytes, ".Ltail");
        }
        for (int a = 2; a <= 5; a++) {
            b.emit("scvtf", v(a, "4s"), v(a, "4s"));
            b.emit("fdiv", v(a, "4s"), v(a, "4s"), v(29, "4s"));
            b.emit("fmul", v(a, "4s"), v(a, "4s"), v(30, "4s"));
        }
        b.emit("st1", v(2, "4s"), v(3, "4s"), v(4, "4s"), v(5, "4s"), new Mem(Y, null, 1, 0, 64), new Imm(64));
        b.emit("subs", GROUPS, GROUPS, new Imm(1));
        b.emit("b.ne", new Label(".Lgroup"));
        return b.build();
    }

    /** One BK block of {@code bytes} index bytes: int16 sums in v0 (rows 0-7) and v1 (rows 8-15), then widened. */
    private static void emitBlock(Program.Builder b, int bytes, String loopLabel) {
        b.emit("movi", v(0, "16b"), new Imm(0));
        b.emit("movi", v(1, "16b"), new Imm(0));
        A64Imm.mov(b, BYTES, bytes);
        b.label(loopLabel);
        b.emit("ld1", v(16, "16b"), new Mem(W, null, 1, 0, 16), new Imm(16));
        b.emit("ld1", v(20, "16b"), v(21, "16b"), v(22, "16b"), v(23, "16b"), new Mem(T, null, 1, 0, 64), new Imm(64));
        b.emit("ushr", v(17, "16b"), v(16, "16b"), new Imm(4));
        b.emit("and", v(18, "16b"), v(16, "16b"), v(31, "16b"));
        b.emit("tbl", v(24, "16b"), v(20, "16b"), v(17, "16b"));
        b.emit("tbl", v(25, "16b"), v(21, "16b"), v(17, "16b"));
        b.emit("tbl", v(26, "16b"), v(22, "16b"), v(18, "16b"));
        b.emit("tbl", v(27, "16b"), v(23, "16b"), v(18, "16b"));
        b.emit("zip1", v(6, "16b"), v(24, "16b"), v(25, "16b"));
        b.emit("zip2", v(7, "16b"), v(24, "16b"), v(25, "16b"));
        b.emit("zip1", v(8, "16b"), v(26, "16b"), v(27, "16b"));
        b.emit("zip2", v(9, "16b"), v(26, "16b"), v(27, "16b"));
        b.emit("add", v(0, "8h"), v(0, "8h"), v(6, "8h"));
        b.emit("add", v(1, "8h"), v(1, "8h"), v(7, "8h"));
        b.emit("add", v(0, "8h"), v(0, "8h"), v(8, "8h"));
        b.emit("add", v(1, "8h"), v(1, "8h"), v(9, "8h"));
        b.emit("subs", BYTES, BYTES, new Imm(1));
        b.emit("b.ne", new Label(loopLabel));
        b.emit("saddw", v(2, "4s"), v(2, "4s"), v(0, "4h"));
        b.emit("saddw2", v(3, "4s"), v(3, "4s"), v(0, "8h"));
        b.emit("saddw", v(4, "4s"), v(4, "4s"), v(1, "4h"));
        b.emit("saddw2", v(5, "4s"), v(5, "4s"), v(1, "8h"));
    }

    /** The first {@code rows} outputs (the padded rows' outputs are discarded). */
    public static float[] readOutput(Memory memory, int rows) {
        return java.util.Arrays.copyOf(I2sAvx2Gemv.readOutput(memory), rows);
    }

    /** Interleaves the logical TL1 indices 16 rows at a time (padding the last group) and splits the engine's int16 tables into byte halves. */
    public static void bind(Memory memory, Tl1Weights weights, Int8Activations activations) {
        int rowBytes = weights.rowBytes();
        byte[] out = memory.bytes("weights");
        byte[] idx = weights.indices();
        if (out.length != paddedRows(weights.rows()) * rowBytes) {
            throw new IllegalArgumentException("data shape does not match the program's regions");
        }
        int rows = weights.rows();
        int group = ROWS_PER_GROUP * rowBytes;
        // the padding rows of the last group, the only bytes no row writes: (0, 0) pairs
        java.util.Arrays.fill(out, rows / ROWS_PER_GROUP * group, out.length,
            (byte) (Tl1Weights.PAD_INDEX << 4 | Tl1Weights.PAD_INDEX));
        // row by row: each row's bytes read in order, written 16 apart into its group (once per detailed call)
        for (int row = 0, from = 0; row < rows; row++) {
            for (int j = 0, at = row / ROWS_PER_GROUP * group + row % ROWS_PER_GROUP; j < rowBytes; j++) {
                out[at] = idx[from++];
                at += ROWS_PER_GROUP;
            }
        }
        bindTables(memory, weights, activations);
    }

    /**
     * The engine's int16 tables split into 16 low bytes and 16 high bytes per pair (the pad pair's table is zero) in
     * region {@code tables}, and the two scales at params 0 and 4; shared with the x86 TL1 program.
     */
    static void bindTables(Memory memory, Tl1Weights weights, Int8Activations activations) {
        int rowBytes = weights.rowBytes();
        short[] tables = LutTables.pairs(activations.codes(), 0, weights.pairs());
        byte[] t = memory.bytes("tables");
        for (int p = 0; p < 2 * rowBytes; p++) {
            for (int e = 0; e < LutTables.STRIDE; e++) {
                short entry = tables[LutTables.STRIDE * p + e];
                t[32 * p + e] = (byte) entry;
                t[32 * p + 16 + e] = (byte) (entry >> 8);
            }
        }
        byte[] params = memory.bytes("params");
        MachineState.putInt(params, PARAM_LUT_SCALE / 4, Float.floatToRawIntBits(activations.scale()));
        MachineState.putInt(params, PARAM_W_SCALE / 4, Float.floatToRawIntBits(weights.scale()));
    }
}
