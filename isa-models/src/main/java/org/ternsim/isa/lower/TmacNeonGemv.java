// Lowers the T-MAC GEMV (2 bit planes, g = 4, int8 tables) to a NEON program: tbl lookups for 16 rows at a time.
package org.ternsim.isa.lower;

import static org.ternsim.isa.arm.ArmRegs.q;
import static org.ternsim.isa.arm.ArmRegs.v;
import static org.ternsim.isa.arm.ArmRegs.w;
import static org.ternsim.isa.arm.ArmRegs.x;

import java.util.Arrays;
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
import org.ternsim.kernels.tmac.TmacLut;
import org.ternsim.kernels.tmac.TmacShapes;
import org.ternsim.kernels.tmac.TmacWeights;

/**
 * T-MAC's NEON inner loop (kernels.md section 7) for 16 rows at a time: one 16-byte load per plane holds index byte j
 * (groups 2j and 2j+1 in the low and high nibble) of 16 rows, interleaved by the binder as T-MAC's offline
 * permutation does; the 16-entry int8 tables of groups 2j and 2j+1 are shared by both planes, so four {@code tbl}
 * fetch all four lookups and {@code saddl}/{@code saddl2} + {@code add .8h} sum them per plane in int16 (at most 16
 * lookups of |entry| <= 128 per activation group: no wrap, as the engine's int16 blocks). After each activation group
 * j the sums are widened ({@code sxtl}) and the engine's float epilogue runs lane-wise over the 16 rows:
 * a0 = fma((float) S0, lut_scale[j], lut_bias[j]) ({@code fmla} into a copy of the bias), p1 = (float) S1 *
 * lut_scale[j], and each is fused into lane j mod 16 of the row's canonical 16-lane sum (LaneSum) with w_scale; those
 * lanes live in a 2 KiB scratch region (16 lanes x 16 rows x 2 planes). At the end of the group the lanes are folded
 * (i + 8, + 4, + 2, + 1) and y = 0.5 c0 + c1 is stored. The activation-group loop is unrolled at lowering time (the
 * scratch offset j mod 16 is static); the byte loop {@code .Lblock} is a loop. A last group of fewer than 16 rows is
 * padded; not lowered: building the tables ({@code lut_ctor}), which the binder takes from the engine's TmacLut.
 */
public final class TmacNeonGemv {

    public static final int ROWS_PER_GROUP = 16;
    public static final long WEIGHTS_BASE = 0x1_0000_0000L;
    public static final long TABLES_BASE = 0x2_0000_0000L;
    public static final long LUT_PARAMS_BASE = 0x3_0000_0000L;
    public static final long CONSTS_BASE = 0x3_0001_0000L;
    public static final long SCRATCH_BASE = 0x3_0002_0000L;
    public static final long OUTPUT_BASE = 0x4_0000_0000L;
    private static final int LANES = 16;

    private static final Reg P0 = x(0);
    private static final Reg T = x(1);
    private static final Reg Y = x(2);
    private static final Reg GROUPS = x(3);
    private static final Reg BYTES = x(5);
    private static final Reg TMP = x(6);
    private static final Reg P1 = x(7);
    private static final Reg LP = x(9);
    private static final Reg STRIDE = x(10); // 16 rows of plane 0, when ADD cannot encode it
    private static final Reg SCRATCH = x(12);

    private TmacNeonGemv() {
    }

    public static void checkShape(int rows, int cols, int actGroupSize) {
        TmacShapes.check(cols, actGroupSize);
        if (rows < 1) {
            throw new IllegalArgumentException("T-MAC needs M >= 1, got " + rows);
        }
    }

    static int paddedRows(int rows) {
        return (rows + ROWS_PER_GROUP - 1) / ROWS_PER_GROUP * ROWS_PER_GROUP;
    }

    public static Program lower(int rows, int cols, int actGroupSize) {
        checkShape(rows, cols, actGroupSize);
        int groups = paddedRows(rows) / ROWS_PER_GROUP;
        int planeBytes = cols / 8;
        int actGroups = cols / actGroupSize;
        int bytesPerActGroup = actGroupSize / 8;
        Program.Builder b = new Program.Builder("tmac/neon gemv " + rows + "x" + cols + " ags" + actGroupSize,
            ArmSemantics.NEON);
        b.region(new Region("weights", WEIGHTS_BASE, groups * ROWS_PER_GROUP * 2 * planeBytes, Region.Role.INPUT));
        b.region(new Region("tables", TABLES_BASE, TmacShapes.ENTRIES * cols / TmacShapes.G, Region.Role.INPUT));
        b.region(new Region("lutparams", LUT_PARAMS_BASE, 8 * actGroups, Region.Role.INPUT));
        b.region(new Region("consts", CONSTS_BASE, 16, Region.Role.INPUT));
        b.region(new Region("scratch", SCRATCH_BASE, 2 * LANES * ROWS_PER_GROUP * 4, Region.Role.OUTPUT));
        b.region(new Region("output", OUTPUT_BASE, groups * ROWS_PER_GROUP * 4, Region.Role.OUTPUT));

        A64Imm.mov(b, P0, WEIGHTS_BASE);
        A64Imm.mov(b, Y, OUTPUT_BASE);
        A64Imm.mov(b, GROUPS, groups);
        A64Imm.mov(b, SCRATCH, SCRATCH_BASE);
        A64Imm.mov(b, TMP, CONSTS_BASE);
        b.emit("ldr", w(8), new Mem(TMP, null, 1, 0, 4));
        b.emit("dup", v(14, "4s"), w(8));                       // w_scale
        b.emit("ldr", w(8), new Mem(TMP, null, 1, 4, 4));
        b.emit("dup", v(15, "4s"), w(8));                       // 0.5f

        Operand plane1 = A64Imm.addend(b, (long) ROWS_PER_GROUP * planeBytes, STRIDE);

        b.label(".Lgroup");
        b.emit("movi", v(31, "16b"), new Imm(0x0F));
        A64Imm.mov(b, T, TABLES_BASE);
        A64Imm.mov(b, LP, LUT_PARAMS_BASE);
        b.emit("add", P1, P0, plane1);
        for (int j = 0; j < actGroups; j++) {
            for (int r = 0; r < 4; r++) {
                b.emit("movi", v(r, "16b"), new Imm(0));
            }
            A64Imm.mov(b, BYTES, bytesPerActGroup);
            b.label(j == 0 ? ".Lblock" : ".Lblock" + j);
            emitByte(b);
            b.emit("subs", BYTES, BYTES, new Imm(1));
            b.emit("b.ne", new Label(j == 0 ? ".Lblock" : ".Lblock" + j));
            emitActGroupEpilogue(b, j);
        }
        emitFold(b, Math.min(actGroups, LANES));
        b.emit("mov", P0, P1);
        b.emit("subs", GROUPS, GROUPS, new Imm(1));
        b.emit("b.ne", new Label(".Lgroup"));
        return b.build();
    }

    /** Index byte j of 16 rows for both planes: four lookups, int16 sums per plane in v0/v1 (plane 0), v2/v3 (1). */
    private static void emitByte(Program.Builder b) {
        b.emit("ld1", v(16, "16b"), new Mem(P0, null, 1, 0, 16), new Imm(16));
        b.emit("ld1", v(17, "16b"), new Mem(P1, null, 1, 0, 16), new Imm(16));
        b.emit("ld1", v(20, "16b"), v(21, "16b"), new Mem(T, null, 1, 0, 32), new Imm(32));
        b.emit("and", v(18, "16b"), v(16, "16b"), v(31, "16b"));
        b.emit("ushr", v(19, "16b"), v(16, "16b"), new Imm(4));
        b.emit("and", v(22, "16b"), v(17, "16b"), v(31, "16b"));
        b.emit("ushr", v(23, "16b"), v(17, "16b"), new Imm(4));
        b.emit("tbl", v(24, "16b"), v(20, "16b"), v(18, "16b"));
        b.emit("tbl", v(25, "16b"), v(21, "16b"), v(19, "16b"));
        b.emit("tbl", v(26, "16b"), v(20, "16b"), v(22, "16b"));
        b.emit("tbl", v(27, "16b"), v(21, "16b"), v(23, "16b"));
        b.emit("saddl", v(28, "8h"), v(24, "8b"), v(25, "8b"));
        b.emit("saddl2", v(29, "8h"), v(24, "16b"), v(25, "16b"));
        b.emit("add", v(0, "8h"), v(0, "8h"), v(28, "8h"));
        b.emit("add", v(1, "8h"), v(1, "8h"), v(29, "8h"));
        b.emit("saddl", v(28, "8h"), v(26, "8b"), v(27, "8b"));
        b.emit("saddl2", v(29, "8h"), v(26, "16b"), v(27, "16b"));
        b.emit("add", v(2, "8h"), v(2, "8h"), v(28, "8h"));
        b.emit("add", v(3, "8h"), v(3, "8h"), v(29, "8h"));
    }

    /** Scratch offset of lane {@code lane}, plane {@code plane}, rows 4q..4q+3. */
    private static long slot(int plane, int lane, int quad) {
        return ((long) plane * LANES + lane) * ROWS_PER_GROUP * 4 + 16L * quad;
    }

    /** Plane sums of activation group j through the float epilogue into lane j mod 16 of each row's sums. */
    private static void emitActGroupEpilogue(Program.Builder b, int j) {
        b.emit("ldr", w(8), new Mem(LP, null, 1, 0, 4), new Imm(4));
        b.emit("dup", v(12, "4s"), w(8));                       // lut_scale[j]
        b.emit("ldr", w(8), new Mem(LP, null, 1, 0, 4), new Imm(4));
        b.emit("dup", v(13, "4s"), w(8));                       // lut_bias[j]
        int lane = j % LANES;
        for (int plane = 0; plane < 2; plane++) {
            for (int quad = 0; quad < 4; quad++) {
                int src = 2 * plane + quad / 2;
                b.emit(quad % 2 == 0 ? "sxtl" : "sxtl2", v(4, "4s"), v(src, quad % 2 == 0 ? "4h" : "8h"));
                b.emit("scvtf", v(4, "4s"), v(4, "4s"));
                if (plane == 0) {
                    b.emit("orr", v(5, "16b"), v(13, "16b"), v(13, "16b"));
                    b.emit("fmla", v(5, "4s"), v(4, "4s"), v(12, "4s"));
                } else {
                    b.emit("fmul", v(5, "4s"), v(4, "4s"), v(12, "4s"));
                }
                if (j < LANES) {
                    b.emit("movi", v(6, "16b"), new Imm(0));
                } else {
                    b.emit("ldr", q(6), new Mem(SCRATCH, null, 1, slot(plane, lane, quad), 16));
                }
                b.emit("fmla", v(6, "4s"), v(5, "4s"), v(14, "4s"));
                b.emit("str", q(6), new Mem(SCRATCH, null, 1, slot(plane, lane, quad), 16));
            }
        }
    }

    /** Folds the 16 lanes (i + 8, + 4, + 2, + 1; unused lanes are +0) and stores y = 0.5 c0 + c1 for 16 rows. */
    private static void emitFold(Program.Builder b, int usedLanes) {
        for (int quad = 0; quad < 4; quad++) {
            for (int plane = 0; plane < 2; plane++) {
                for (int l = 0; l < LANES; l++) {
                    if (l < usedLanes) {
                        b.emit("ldr", q(16 + l), new Mem(SCRATCH, null, 1, slot(plane, l, quad), 16));
                    } else {
                        b.emit("movi", v(16 + l, "16b"), new Imm(0));
                    }
                }
                for (int half = LANES / 2; half >= 1; half /= 2) {
                    for (int i = 0; i < half; i++) {
                        b.emit("fadd", v(16 + i, "4s"), v(16 + i, "4s"), v(16 + i + half, "4s"));
                    }
                }
                b.emit("orr", v(8 + plane, "16b"), v(16, "16b"), v(16, "16b"));
            }
            b.emit("fmul", v(8, "4s"), v(8, "4s"), v(15, "4s"));
            b.emit("fadd", v(8, "4s"), v(8, "4s"), v(9, "4s"));
            b.emit("str", q(8), new Mem(Y, null, 1, 0, 16), new Imm(16));
        }
    }

    /** Interleaves 16 rows per plane byte, copies the engine's tables, scales and biases. */
    public static void bind(Memory memory, TmacWeights weights, TmacLut lut) {
        int pb = weights.planeBytes();
        byte[] out = memory.bytes("weights");
        byte[] idx = weights.indices();
        int rows = weights.rows();
        int group = 2 * pb * ROWS_PER_GROUP;
        // the padding rows of the last group (and anything past the groups), the only bytes no row writes
        Arrays.fill(out, Math.min(rows / ROWS_PER_GROUP * group, out.length), out.length, (byte) 0);
        // row by row: a row's two planes are 2 pb bytes in order, written 16 apart from its place in plane 0 of its
        // group on (plane 1 of the group follows plane 0); once per detailed call
        for (int row = 0, from = 0; row < rows; row++) {
            for (int k = 0, at = row / ROWS_PER_GROUP * group + row % ROWS_PER_GROUP; k < 2 * pb; k++) {
                out[at] = idx[from++];
                at += ROWS_PER_GROUP;
            }
        }
        bindTablesAndScales(memory, weights, lut);
    }

    /** The regions both T-MAC programs share: tables, (lut_scale, lut_bias) per activation group, w_scale and 0.5f. */
    static void bindTablesAndScales(Memory memory, TmacWeights weights, TmacLut lut) {
        byte[] t = memory.bytes("tables");
        System.arraycopy(lut.entries(), 0, t, 0, t.length);
        byte[] lp = memory.bytes("lutparams");
        for (int j = 0; j < lut.actGroups(); j++) {
            MachineState.putInt(lp, 2 * j, Float.floatToRawIntBits(lut.scales()[j]));
            MachineState.putInt(lp, 2 * j + 1, Float.floatToRawIntBits(lut.biases()[j]));
        }
        byte[] c = memory.bytes("consts");
        MachineState.putInt(c, 0, Float.floatToRawIntBits(weights.scale()));
        MachineState.putInt(c, 1, Float.floatToRawIntBits(0.5f));
    }

    public static float[] readOutput(Memory memory, int rows) {
        return Arrays.copyOf(I2sAvx2Gemv.readOutput(memory), rows);
    }
}
