// Lowers the T-MAC GEMV (2 or 4 bit planes, g = 4, int8 tables) to a NEON program: tbl lookups for 16 rows at a time.
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
 * T-MAC's NEON inner loop (kernels.md section 7) for 16 rows at a time and b = 2 (ternary, {@code tmac}) or 4 (int4,
 * {@code tmac-w4}) bit planes: one 16-byte load per plane holds index byte j (groups 2j and 2j+1 in the low and high
 * nibble) of 16 rows, interleaved by the binder as T-MAC's offline permutation does; the 16-entry int8 tables of
 * groups 2j and 2j+1 are shared by all planes, so per pair of planes four {@code tbl} fetch four lookups and
 * {@code saddl}/{@code saddl2} + {@code add .8h} sum them per plane in int16 (at most 16 lookups of |entry| <= 128
 * per activation group: no wrap, as the engine's int16 blocks). Four planes are two such pairs: 4 index loads, 8
 * {@code tbl} per byte, the tables loaded once. After each activation group j the sums are widened ({@code sxtl})
 * and the engine's float epilogue runs lane-wise over the 16 rows: p0 = fma((float) S0, lut_scale[j], lut_bias[j])
 * ({@code fmla} into a copy of the bias), p_i = (float) S_i * lut_scale[j] for the other planes, and each is fused
 * into lane j mod 16 of the row's canonical 16-lane sum (LaneSum) with w_scale; those lanes live in a scratch region
 * (16 lanes x 16 rows x b planes x 4 bytes). At the end of the group the lanes are folded (i + 8, + 4, + 2, + 1) and
 * y = ((0.5 c0 + c1) + 2 c2) + 4 c3 (y = 0.5 c0 + c1 for two planes) is stored. The activation-group loop is
 * unrolled at lowering time (the scratch offset j mod 16 is static); the byte loop {@code .Lblock} is a loop. A last
 * group of fewer than 16 rows is padded; not lowered: building the tables ({@code lut_ctor}), which the binder takes
 * from the engine's TmacLut.
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

    /** Index pointers of planes 0-3 (row group's plane i starts i x 16 x K / 8 bytes after plane 0). */
    private static final Reg[] P = {x(0), x(7), x(11), x(13)};
    private static final Reg P0 = P[0];
    private static final Reg T = x(1);
    private static final Reg Y = x(2);
    private static final Reg GROUPS = x(3);
    private static final Reg BYTES = x(5);
    private static final Reg TMP = x(6);
    private static final Reg LP = x(9);
    private static final Reg STRIDE = x(10); // 16 rows of one plane, when ADD cannot encode it
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

    /** The ternary ({@value TmacShapes#BITS}-plane) program. */
    public static Program lower(int rows, int cols, int actGroupSize) {
        return lower(rows, cols, actGroupSize, TmacShapes.BITS);
    }

    /** The program for weights of {@code bits} planes (2 or 4). */
    public static Program lower(int rows, int cols, int actGroupSize, int bits) {
        checkShape(rows, cols, actGroupSize);
        TmacShapes.checkBits(bits);
        int groups = paddedRows(rows) / ROWS_PER_GROUP;
        int planeBytes = cols / 8;
        int actGroups = cols / actGroupSize;
        int bytesPerActGroup = actGroupSize / 8;
        Program.Builder b = new Program.Builder(TmacShapes.kernelName(bits) + "/neon gemv " + rows + "x" + cols
            + " ags" + actGroupSize, ArmSemantics.NEON);
        b.region(new Region("weights", WEIGHTS_BASE, groups * ROWS_PER_GROUP * bits * planeBytes, Region.Role.INPUT));
        b.region(new Region("tables", TABLES_BASE, TmacShapes.ENTRIES * cols / TmacShapes.G, Region.Role.INPUT));
        b.region(new Region("lutparams", LUT_PARAMS_BASE, 8 * actGroups, Region.Role.INPUT));
        b.region(new Region("consts", CONSTS_BASE, 16, Region.Role.INPUT));
        b.region(new Region("scratch", SCRATCH_BASE, bits * LANES * ROWS_PER_GROUP * 4, Region.Role.OUTPUT));
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

        Operand plane = A64Imm.addend(b, (long) ROWS_PER_GROUP * planeBytes, STRIDE);

        b.label(".Lgroup");
        b.emit("movi", v(31, "16b"), new Imm(0x0F));
        A64Imm.mov(b, T, TABLES_BASE);
        A64Imm.mov(b, LP, LUT_PARAMS_BASE);
        for (int i = 1; i < bits; i++) {
            b.emit("add", P[i], P[i - 1], plane);
        }
        for (int j = 0; j < actGroups; j++) {
            for (int i = 0; i < bits; i++) {
                b.emit("movi", v(sums(i, 0), "16b"), new Imm(0));
                b.emit("movi", v(sums(i, 1), "16b"), new Imm(0));
            }
            A64Imm.mov(b, BYTES, bytesPerActGroup);
            b.label(j == 0 ? ".Lblock" : ".Lblock" + j);
            for (int pair = 0; pair < bits / 2; pair++) {
                emitBytePair(b, pair);
            }
            b.emit("subs", BYTES, BYTES, new Imm(1));
            b.emit("b.ne", new Label(j == 0 ? ".Lblock" : ".Lblock" + j));
            emitActGroupEpilogue(b, j, bits);
        }
        emitFold(b, Math.min(actGroups, LANES), bits);
        // the last plane's pointer ends where the next row group's plane 0 starts
        b.emit("mov", P0, P[bits - 1]);
        b.emit("subs", GROUPS, GROUPS, new Imm(1));
        b.emit("b.ne", new Label(".Lgroup"));
        return b.build();
    }

    /**
     * The int16 sums of plane {@code plane}, rows 0-7 ({@code half} 0) and 8-15: v0-v3 for planes 0 and 1, v8-v11 for
     * planes 2 and 3 (v4-v6 are the epilogue's temporaries, v12-v15 its constants).
     */
    private static int sums(int plane, int half) {
        return (plane < 2 ? 0 : 4) + 2 * plane + half;
    }

    /**
     * Index byte j of 16 rows for planes 2 pair and 2 pair + 1: four lookups, int16 sums per plane. The first pair
     * loads the two tables; the second reuses them and the same temporaries.
     */
    private static void emitBytePair(Program.Builder b, int pair) {
        int lo = 2 * pair;
        b.emit("ld1", v(16, "16b"), new Mem(P[lo], null, 1, 0, 16), new Imm(16));
        b.emit("ld1", v(17, "16b"), new Mem(P[lo + 1], null, 1, 0, 16), new Imm(16));
        if (pair == 0) {
            b.emit("ld1", v(20, "16b"), v(21, "16b"), new Mem(T, null, 1, 0, 32), new Imm(32));
        }
        b.emit("and", v(18, "16b"), v(16, "16b"), v(31, "16b"));
        b.emit("ushr", v(19, "16b"), v(16, "16b"), new Imm(4));
        b.emit("and", v(22, "16b"), v(17, "16b"), v(31, "16b"));
        b.emit("ushr", v(23, "16b"), v(17, "16b"), new Imm(4));
        b.emit("tbl", v(24, "16b"), v(20, "16b"), v(18, "16b"));
        b.emit("tbl", v(25, "16b"), v(21, "16b"), v(19, "16b"));
        b.emit("tbl", v(26, "16b"), v(20, "16b"), v(22, "16b"));
        b.emit("tbl", v(27, "16b"), v(21, "16b"), v(23, "16b"));
        for (int i = 0; i < 2; i++) {
            b.emit("saddl", v(28, "8h"), v(24 + 2 * i, "8b"), v(25 + 2 * i, "8b"));
            b.emit("saddl2", v(29, "8h"), v(24 + 2 * i, "16b"), v(25 + 2 * i, "16b"));
            b.emit("add", v(sums(lo + i, 0), "8h"), v(sums(lo + i, 0), "8h"), v(28, "8h"));
            b.emit("add", v(sums(lo + i, 1), "8h"), v(sums(lo + i, 1), "8h"), v(29, "8h"));
        }
    }

    /** Scratch offset of lane {@code lane}, plane {@code plane}, rows 4q..4q+3. */
    private static long slot(int plane, int lane, int quad) {
        return ((long) plane * LANES + lane) * ROWS_PER_GROUP * 4 + 16L * quad;
    }

    /** Plane sums of activation group j through the float epilogue into lane j mod 16 of each row's sums. */
    private static void emitActGroupEpilogue(Program.Builder b, int j, int bits) {
        b.emit("ldr", w(8), new Mem(LP, null, 1, 0, 4), new Imm(4));
        b.emit("dup", v(12, "4s"), w(8));                       // lut_scale[j]
        b.emit("ldr", w(8), new Mem(LP, null, 1, 0, 4), new Imm(4));
        b.emit("dup", v(13, "4s"), w(8));                       // lut_bias[j]
        int lane = j % LANES;
        for (int plane = 0; plane < bits; plane++) {
            for (int quad = 0; quad < 4; quad++) {
                int src = sums(plane, quad / 2);
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

    /**
     * Folds the 16 lanes (i + 8, + 4, + 2, + 1; unused lanes are +0) of each plane into v8 + plane and stores
     * y = ((0.5 c0 + c1) + 2 c2) + 4 c3 for 16 rows; alphas 2 and 4 come from the consts region into v12 and v13
     * (lut_scale and lut_bias, free until the next row group's first epilogue).
     */
    private static void emitFold(Program.Builder b, int usedLanes, int bits) {
        for (int i = 2; i < bits; i++) {
            b.emit("ldr", w(8), new Mem(TMP, null, 1, 4L * i, 4));
            b.emit("dup", v(10 + i, "4s"), w(8));                // alpha 2^(i-1)
        }
        for (int quad = 0; quad < 4; quad++) {
            for (int plane = 0; plane < bits; plane++) {
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
            for (int plane = 2; plane < bits; plane++) {
                b.emit("fmul", v(8 + plane, "4s"), v(8 + plane, "4s"), v(10 + plane, "4s"));
                b.emit("fadd", v(8, "4s"), v(8, "4s"), v(8 + plane, "4s"));
            }
            b.emit("str", q(8), new Mem(Y, null, 1, 0, 16), new Imm(16));
        }
    }

    /** Interleaves 16 rows per plane byte (any number of planes), copies the engine's tables, scales and biases. */
    public static void bind(Memory memory, TmacWeights weights, TmacLut lut) {
        int pb = weights.planeBytes();
        byte[] out = memory.bytes("weights");
        byte[] idx = weights.indices();
        int rows = weights.rows();
        int planeBytes = weights.bits() * pb;
        int group = planeBytes * ROWS_PER_GROUP;
        // the padding rows of the last group (and anything past the groups), the only bytes no row writes
        Arrays.fill(out, Math.min(rows / ROWS_PER_GROUP * group, out.length), out.length, (byte) 0);
        // row by row: a row's b planes are b pb bytes in order, written 16 apart from its place in plane 0 of its
        // group on (plane i + 1 of the group follows plane i); once per detailed call
        for (int row = 0, from = 0; row < rows; row++) {
            for (int k = 0, at = row / ROWS_PER_GROUP * group + row % ROWS_PER_GROUP; k < planeBytes; k++) {
                out[at] = idx[from++];
                at += ROWS_PER_GROUP;
            }
        }
        bindTablesAndScales(memory, weights, lut);
    }

    /**
     * The regions all T-MAC programs share: tables, (lut_scale, lut_bias) per activation group, and the consts w_scale,
     * then the plane alphas 1/2, 2 and 4 at bytes 4, 8 and 12 (alpha 1 needs no multiply).
     */
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
        MachineState.putInt(c, 1, Float.floatToRawIntBits(TmacShapes.alpha(0)));
        MachineState.putInt(c, 2, Float.floatToRawIntBits(TmacShapes.alpha(2)));
        MachineState.putInt(c, 3, Float.floatToRawIntBits(TmacShapes.alpha(3)));
    }

    public static float[] readOutput(Memory memory, int rows) {
        return Arrays.copyOf(I2sAvx2Gemv.readOutput(memory), rows);
    }
}
