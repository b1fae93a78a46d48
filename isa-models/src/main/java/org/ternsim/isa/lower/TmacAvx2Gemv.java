// Lowers the T-MAC GEMV (2 or 4 bit planes, g = 4, int8 tables) to AVX2: vpshufb lookups for 32 rows at a time.
package org.ternsim.isa.lower;

import static org.ternsim.isa.Reg.xmm;
import static org.ternsim.isa.Reg.ymm;

import java.util.Arrays;
import org.ternsim.isa.Memory;
import org.ternsim.isa.Operand.Imm;
import org.ternsim.isa.Operand.Mem;
import org.ternsim.isa.Program;
import org.ternsim.isa.Reg;
import org.ternsim.kernels.tmac.TmacGemv;
import org.ternsim.kernels.tmac.TmacLut;
import org.ternsim.kernels.tmac.TmacShapes;
import org.ternsim.kernels.tmac.TmacWeights;

/**
 * T-MAC's AVX2 {@code tbl_g4_int8_float_update_impl} (kernels.md section 7) for 32 rows at a time, with b = 2 bit
 * planes (ternary, {@code tmac}) or 4 (int4, {@code tmac-w4}). Per 4-activation group i and bit plane, one 16-byte load
 * holds the group's 4-bit index of 32 rows (low nibble row r, high nibble row r + 16: T-MAC's offline permutation, done
 * here by the binder); {@code vpand} / {@code vpsrlw}+{@code vpand} split the nibbles, {@code vinserti128} puts them in
 * the two 128-bit lanes ({@code _mm256_set_m128i(top, bot)}) and one {@code vpshufb} looks both up in the group's
 * 16-entry int8 table, broadcast to both lanes ({@code vbroadcasti128}; the table is shared by all planes). The lookups
 * are sign-extended ({@code vpmovsxbw}, low lane and {@code vextracti128} high lane: T-MAC's SignedWideningAdder) and
 * summed per plane in int16 with {@code vpaddw}. At most {@link #MAX_ACT_GROUP} / 4 = {@value TmacGemv#INT16_BLOCK}
 * lookups of |entry| <= 128 are summed per activation group, so the int16 sums never wrap and equal the engine's int32
 * group sums.
 *
 * <p>After activation group j the sums are widened ({@code vpmovsxwd}), converted ({@code vcvtdq2ps}) and the engine's
 * float epilogue (TmacEpilogue) runs lane-wise over the rows: p0 = fma((float) S0, lut_scale[j], lut_bias[j])
 * ({@code vfmadd231ps} into a copy of the bias), p_i = (float) S_i * lut_scale[j] ({@code vmulps}) for the other
 * planes; each is fused into lane j mod 16 of the row's canonical 16-lane sum (LaneSum) with w_scale
 * ({@code vfmadd231ps}). Those lanes live in a 2 KiB-per-plane scratch region (b planes x 16 lanes x 32 rows). At the
 * end of the 32 rows the lanes are folded (i + 8, + 4, + 2, + 1) and y = ((0.5 c0 + c1) + 2 c2) + 4 c3 (two planes: y =
 * 0.5 c0 + c1) is stored. Four planes take 4 index loads and 4 {@code vpshufb} per group (twice the work of two) and
 * eight int16 accumulators (TmacX86Loops' register plan). Lanes never written (fewer than 16 activation groups) are +0
 * in the engine and are skipped here: a lane is never -0 (it starts at +0 and fma with a +0 addend or an exact
 * cancellation gives +0 under round-to-nearest), so adding +0 to it is the identity. The activation groups run as
 * loops (TmacX86Loops): groups 0-15 into fresh lanes, then passes over the 16 lanes again, the lane addressed through
 * a register, so every activation group runs the same code whatever K is (T-MAC's generated kernels loop over K
 * too); the group loop {@code .Lgroup} is the innermost loop. A last tile of
 * fewer than 32 rows is padded. Not lowered: building the tables ({@code lut_ctor}), which the binder takes from
 * TmacLut.
 */
public final class TmacAvx2Gemv {

    public static final int ROWS_PER_TILE = 32;
    /** Largest act_group_size whose int16 plane sums cannot wrap: 4 x TmacGemv.INT16_BLOCK lookups. */
    public static final int MAX_ACT_GROUP = TmacShapes.G * TmacGemv.INT16_BLOCK;
    public static final long WEIGHTS_BASE = TmacX86Loops.WEIGHTS_BASE;
    public static final long TABLES_BASE = TmacX86Loops.TABLES_BASE;
    public static final long LUT_PARAMS_BASE = TmacX86Loops.LUT_PARAMS_BASE;
    public static final long CONSTS_BASE = TmacX86Loops.CONSTS_BASE;
    public static final long SCRATCH_BASE = TmacX86Loops.SCRATCH_BASE;
    public static final long OUTPUT_BASE = TmacX86Loops.OUTPUT_BASE;
    private static final int LANES = TmacX86Loops.LANES;
    /** Bytes of weights per tile, 4-activation group and plane. */
    private static final int PLANE_GROUP_BYTES = 16;
    private static final TmacX86Loops.Width WIDTH =
        new TmacX86Loops.Width(ROWS_PER_TILE, PLANE_GROUP_BYTES, Reg::ymm, xmm(15), Reg::ymm);

    private static final Reg W = TmacX86Loops.W;
    private static final Reg T = TmacX86Loops.T;
    private static final Reg Y = TmacX86Loops.Y;
    private static final Reg GROUPS = TmacX86Loops.GROUPS;
    private static final Reg LP = TmacX86Loops.LP;
    private static final Reg SCRATCH = TmacX86Loops.SCRATCH;
    private static final Reg LANE = TmacX86Loops.LANE;
    private static final Reg CONSTS = TmacX86Loops.CONSTS;

    private TmacAvx2Gemv() {
    }

    public static void checkShape(int rows, int cols, int actGroupSize) {
        TmacShapes.check(cols, actGroupSize);
        if (actGroupSize > MAX_ACT_GROUP) {
            throw new IllegalArgumentException("T-MAC AVX2 sums an activation group in int16: act_group_size must be"
                + " at most " + MAX_ACT_GROUP + ", got " + actGroupSize);
        }
        if (rows < 1) {
            throw new IllegalArgumentException("T-MAC needs M >= 1, got " + rows);
        }
    }

    static int tiles(int rows) {
        return WIDTH.tiles(rows);
    }

    /** The ternary ({@value TmacShapes#BITS}-plane) program. */
    public static Program lower(int rows, int cols, int actGroupSize) {
        return lower(rows, cols, actGroupSize, TmacShapes.BITS);
    }

    /** The program for weights of {@code bits} planes (2 or 4). */
    public static Program lower(int rows, int cols, int actGroupSize, int bits) {
        checkShape(rows, cols, actGroupSize);
        return TmacX86Loops.lower("avx2", WIDTH, b -> emitGroup(b, bits),
            (b, first) -> emitActGroupEpilogue(b, first, bits), (b, lanes) -> emitFold(b, lanes, bits), rows, cols,
            actGroupSize, bits);
    }

    /** One 4-activation group of 32 rows: each plane's lookups added to its two accumulators (plane 0: ymm0/ymm1). */
    private static void emitGroup(Program.Builder b, int bits) {
        b.emit("vbroadcasti128", ymm(4), Mem.at(T, 0, 16));
        for (int plane = 0; plane < bits; plane++) {
            int lo = TmacX86Loops.accumulator(plane, 0);
            int hi = TmacX86Loops.accumulator(plane, 1);
            b.emit("vmovdqu", xmm(5), Mem.at(W, 16L * plane, 16));
            b.emit("vpsrlw", xmm(6), xmm(5), new Imm(4));
            b.emit("vpand", xmm(5), xmm(5), xmm(15));
            b.emit("vpand", xmm(6), xmm(6), xmm(15));
            b.emit("vinserti128", ymm(5), ymm(5), xmm(6), new Imm(1));
            b.emit("vpshufb", ymm(5), ymm(4), ymm(5));
            b.emit("vpmovsxbw", ymm(6), xmm(5));
            b.emit("vextracti128", xmm(5), ymm(5), new Imm(1));
            b.emit("vpmovsxbw", ymm(5), xmm(5));
            b.emit("vpaddw", ymm(lo), ymm(lo), ymm(6));
            b.emit("vpaddw", ymm(hi), ymm(hi), ymm(5));
        }
    }

    /** Scratch offset of plane {@code plane}, lane {@code lane}, rows 8c..8c+7 of the tile. */
    private static long slot(int plane, int lane, int chunk) {
        return ((long) (plane * LANES + lane) * (ROWS_PER_TILE / 8) + chunk) * 32;
    }

    /**
     * Plane sums of an activation group through the float epilogue into its lane of each row's sums (lane j mod 16 of
     * group j, at {@link TmacX86Loops#LANE}); {@code firstRound}: groups 0-15, whose lanes start from zero.
     */
    private static void emitActGroupEpilogue(Program.Builder b, boolean firstRound, int bits) {
        b.emit("vbroadcastss", ymm(12), Mem.at(LP, 0, 4));      // lut_scale[j]
        b.emit("vbroadcastss", ymm(11), Mem.at(LP, 4, 4));      // lut_bias[j]
        b.emit("add", LP, new Imm(8));
        int[] t = TmacX86Loops.epilogueTemps(bits);
        for (int plane = 0; plane < bits; plane++) {
            for (int chunk = 0; chunk < 4; chunk++) {
                Reg sums = ymm(TmacX86Loops.accumulator(plane, chunk / 2));
                if (chunk % 2 == 0) {
                    b.emit("vpmovsxwd", ymm(t[0]), xmm(sums.index()));
                } else {
                    b.emit("vextracti128", xmm(t[0]), sums, new Imm(1));
                    b.emit("vpmovsxwd", ymm(t[0]), xmm(t[0]));
                }
                b.emit("vcvtdq2ps", ymm(t[0]), ymm(t[0]));
                if (plane == 0) {
                    b.emit("vmovaps", ymm(t[1]), ymm(11));
                    b.emit("vfmadd231ps", ymm(t[1]), ymm(t[0]), ymm(12));
                } else {
                    b.emit("vmulps", ymm(t[1]), ymm(t[0]), ymm(12));
                }
                Mem at = Mem.at(LANE, slot(plane, 0, chunk), 32);
                if (firstRound) {
                    b.emit("vpxor", ymm(t[2]), ymm(t[2]), ymm(t[2]));
                } else {
                    b.emit("vmovups", ymm(t[2]), at);
                }
                b.emit("vfmadd231ps", ymm(t[2]), ymm(t[1]), ymm(14));
                b.emit("vmovups", at, ymm(t[2]));
            }
        }
    }

    /**
     * Folds the written lanes (i + 8, + 4, + 2, + 1) per 8 rows, the highest plane first, and stores
     * y = ((0.5 c0 + c1) + 2 c2) + 4 c3; alphas 2 and 4 are broadcast into ymm11 / ymm12 (lut_bias and lut_scale,
     * free until the next tile's first epilogue).
     */
    private static void emitFold(Program.Builder b, int usedLanes, int bits) {
        for (int plane = 2; plane < bits; plane++) {
            b.emit("vbroadcastss", ymm(9 + plane), Mem.at(CONSTS, 4L * plane, 4));   // alpha 2^(plane-1)
        }
        for (int chunk = 0; chunk < 4; chunk++) {
            for (int plane = bits - 1; plane >= 0; plane--) {
                // The result lands in ymm0 for plane 0; the other planes' last step keeps c_i in its fold target.
                Reg last = ymm(TmacX86Loops.foldTarget(plane));
                int live = usedLanes;
                for (int i = 0; i < Math.min(live, LANES / 2); i++) {
                    b.emit("vmovups", ymm(i), Mem.at(SCRATCH, slot(plane, i, chunk), 32));
                    if (i + LANES / 2 < live) {
                        b.emit("vaddps", ymm(i), ymm(i), Mem.at(SCRATCH, slot(plane, i + LANES / 2, chunk), 32));
                    }
                }
                live = Math.min(live, LANES / 2);
                for (int half = LANES / 4; half >= 1; half /= 2) {
                    for (int i = 0; i < half && i + half < live; i++) {
                        b.emit("vaddps", half == 1 ? last : ymm(i), ymm(i), ymm(i + half));
                    }
                    live = Math.min(live, half);
                }
                if (live == 1 && usedLanes == 1 && plane > 0) {
                    b.emit("vmovaps", last, ymm(0));
                }
            }
            b.emit("vmulps", ymm(0), ymm(0), ymm(13));
            b.emit("vaddps", ymm(0), ymm(0), ymm(8));
            for (int plane = 2; plane < bits; plane++) {
                Reg c = ymm(TmacX86Loops.foldTarget(plane));
                b.emit("vmulps", c, c, ymm(9 + plane));
                b.emit("vaddps", ymm(0), ymm(0), c);
            }
            b.emit("vmovups", Mem.at(Y, 0, 32), ymm(0));
            b.emit("add", Y, new Imm(32));
        }
    }

    /** Puts rows r and r + 16 of a tile in the low and high nibbles (every plane), copies tables, scales and biases. */
    public static void bind(Memory memory, TmacWeights weights, TmacLut lut) {
        int rows = weights.rows();
        int groups = weights.cols() / TmacShapes.G;
        int bits = weights.bits();
        int groupBytes = bits * PLANE_GROUP_BYTES;
        byte[] out = memory.bytes("weights");
        // The binding is timed with every simulated call. Byte j of a tile's 16 for group i and a plane holds row j's
        // index in its low nibble and row j + 16's in its high one. The output is written in order, each byte once,
        // and each plane byte read gives two groups (even i its low nibble, odd i its high one); the 32 rows' planes
        // of a tile are read side by side, a byte of each per pair of groups. The indices are read straight from the
        // plane bytes, as TmacWeights.index reads them without its bounds checks. A row past the last (a padded
        // tile) has index 0 everywhere.
        byte[] indices = weights.indices();
        int tiles = (rows + ROWS_PER_TILE - 1) / ROWS_PER_TILE;
        int[] starts = new int[bits * ROWS_PER_TILE];
        int at = 0;
        for (int tile = 0; tile < tiles; tile++) {
            for (int plane = 0; plane < bits; plane++) {
                for (int r = 0; r < ROWS_PER_TILE; r++) {
                    int row = tile * ROWS_PER_TILE + r;
                    starts[plane * ROWS_PER_TILE + r] = row < rows ? weights.planeStart(row, plane) : -1;
                }
            }
            for (int pair = 0; pair < groups / 2; pair++) { // K is a multiple of 8 (TmacShapes.checkWeights)
                for (int plane = 0; plane < bits; plane++, at += PLANE_GROUP_BYTES) {
                    for (int j = 0; j < PLANE_GROUP_BYTES; j++) {
                        int lowStart = starts[plane * ROWS_PER_TILE + j];
                        int highStart = starts[plane * ROWS_PER_TILE + j + 16];
                        int l = lowStart < 0 ? 0 : indices[lowStart + pair];
                        int h = highStart < 0 ? 0 : indices[highStart + pair];
                        out[at + j] = (byte) (l & 0xF | (h & 0xF) << 4);
                        out[at + groupBytes + j] = (byte) (l >> 4 & 0xF | (h >> 4 & 0xF) << 4);
                    }
                }
                at += groupBytes; // the odd group's bytes, written above
            }
        }
        Arrays.fill(out, at, out.length, (byte) 0);
        Arrays.fill(memory.bytes("consts"), (byte) 0x0F);      // bytes 16..31: the nibble mask
        TmacNeonGemv.bindTablesAndScales(memory, weights, lut);
    }

    public static float[] readOutput(Memory memory, int rows) {
        return Arrays.copyOf(I2sAvx2Gemv.readOutput(memory), rows);
    }

    /** The binder and output reader of this program for TmacOperands. */
    public static final TmacOperands.Layout LAYOUT = new TmacOperands.Layout() {
        @Override
        public void bind(Memory memory, TmacWeights weights, TmacLut lut) {
            TmacAvx2Gemv.bind(memory, weights, lut);
        }

        @Override
        public float[] readOutput(Memory memory, int rows) {
            return TmacAvx2Gemv.readOutput(memory, rows);
        }
    };
}
