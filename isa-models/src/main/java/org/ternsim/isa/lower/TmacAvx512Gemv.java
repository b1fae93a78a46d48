// Lowers the T-MAC GEMV (2 bit planes, g = 4, int8 tables) to AVX-512: zmm vpshufb lookups for 64 rows at a time.
package org.ternsim.isa.lower;

import static org.ternsim.isa.Reg.r64;
import static org.ternsim.isa.Reg.xmm;
import static org.ternsim.isa.Reg.ymm;
import static org.ternsim.isa.Reg.zmm;

import java.util.Arrays;
import org.ternsim.isa.Memory;
import org.ternsim.isa.Operand.Imm;
import org.ternsim.isa.Operand.Label;
import org.ternsim.isa.Operand.Mem;
import org.ternsim.isa.Program;
import org.ternsim.isa.Reg;
import org.ternsim.isa.Region;
import org.ternsim.kernels.tmac.TmacLut;
import org.ternsim.kernels.tmac.TmacShapes;
import org.ternsim.kernels.tmac.TmacWeights;

/**
 * {@link TmacAvx2Gemv} widened to zmm: 64 rows per tile instead of 32, the same instructions per 4-activation group.
 * Per group and bit plane one 32-byte load holds the 4-bit index of 64 rows (low nibble row r, high nibble row r + 32);
 * {@code vpand} / {@code vpsrlw}+{@code vpand} on ymm split the nibbles, {@code vinserti64x4} joins them into one zmm,
 * and one {@code vpshufb zmm} looks all 64 up in the group's 16-entry int8 table, broadcast to the four 128-bit lanes
 * ({@code vbroadcasti32x4}). {@code vpshufb} is enough: every lane reads the same 16-entry table, so the cross-lane
 * {@code vpermb} (VBMI) would buy nothing and cost more on Zen 4 (vpermb zmm 1 uop but 2-cycle issue like vpshufb,
 * and it would need the table replicated in a 64-byte register anyway). The lookups are sign-extended
 * ({@code vpmovsxbw zmm, ymm}, low half and {@code vextracti64x4} high half) and summed per plane in int16 with
 * {@code vpaddw zmm}; as on AVX2 at most {@link TmacAvx2Gemv#MAX_ACT_GROUP} / 4 lookups are summed per activation
 * group, so the int16 sums never wrap.
 *
 * <p>The float epilogue is the AVX2 one on 16 rows per zmm: widen ({@code vpmovsxwd zmm}), convert, p0 = fma(S0,
 * lut_scale, lut_bias), p1 = S1 * lut_scale, fused into lane j mod 16 of each row's 16 canonical lane sums (8 KiB
 * scratch: 2 planes x 16 lanes x 64 rows), then the lanes are folded (i + 8, + 4, + 2, + 1) and y = 0.5 c0 + c1 is
 * stored. Every row's float operations are the AVX2 program's, in the same order, so the outputs are the engine's bit
 * for bit. Scratch and output move with {@code vmovdqu64} (bits are bits; the forms the zmm tables already time) and
 * the fold loads before it adds (no {@code vaddps zmm, m512}). zmm registers are zeroed with VEX {@code vpxor xmm}
 * (clears the whole register), as Tl2VbmiGemv does.
 * A last tile of fewer than 64 rows is padded. Not lowered: building the tables ({@code lut_ctor}).
 */
public final class TmacAvx512Gemv {

    public static final int ROWS_PER_TILE = 64;
    public static final long WEIGHTS_BASE = 0x1_0000_0000L;
    public static final long TABLES_BASE = 0x2_0000_0000L;
    public static final long LUT_PARAMS_BASE = 0x3_0000_0000L;
    public static final long CONSTS_BASE = 0x3_0001_0000L;
    public static final long SCRATCH_BASE = 0x3_0002_0000L;
    public static final long OUTPUT_BASE = 0x4_0000_0000L;
    private static final int LANES = 16;
    /** Rows per zmm of floats. */
    private static final int CHUNK_ROWS = 16;
    private static final int CHUNKS = ROWS_PER_TILE / CHUNK_ROWS;
    /** Bytes of weights per tile and 4-activation group: 32 bytes per plane. */
    private static final int GROUP_BYTES = 64;

    private static final Reg W = r64(6);
    private static final Reg T = r64(7);
    private static final Reg Y = r64(2);
    private static final Reg TILES = r64(8);
    private static final Reg GROUPS = r64(1);
    private static final Reg LP = r64(9);
    private static final Reg SCRATCH = r64(10);

    private TmacAvx512Gemv() {
    }

    static int tiles(int rows) {
        return (rows + ROWS_PER_TILE - 1) / ROWS_PER_TILE;
    }

    public static Program lower(int rows, int cols, int actGroupSize) {
        TmacAvx2Gemv.checkShape(rows, cols, actGroupSize);
        int tiles = tiles(rows);
        int groups = cols / TmacShapes.G;
        int actGroups = cols / actGroupSize;
        Program.Builder b = new Program.Builder("tmac/avx512 gemv " + rows + "x" + cols + " ags" + actGroupSize,
            "x86-64");
        b.region(new Region("weights", WEIGHTS_BASE, tiles * groups * GROUP_BYTES, Region.Role.INPUT));
        b.region(new Region("tables", TABLES_BASE, TmacShapes.ENTRIES * groups, Region.Role.INPUT));
        b.region(new Region("lutparams", LUT_PARAMS_BASE, 8 * actGroups, Region.Role.INPUT));
        b.region(new Region("consts", CONSTS_BASE, 64, Region.Role.INPUT));
        b.region(new Region("scratch", SCRATCH_BASE, 2 * LANES * ROWS_PER_TILE * 4, Region.Role.OUTPUT));
        b.region(new Region("output", OUTPUT_BASE, tiles * ROWS_PER_TILE * 4, Region.Role.OUTPUT));

        Reg tmp = r64(11);
        b.emit("mov", W, new Imm(WEIGHTS_BASE));
        b.emit("mov", Y, new Imm(OUTPUT_BASE));
        b.emit("mov", TILES, new Imm(tiles));
        b.emit("mov", SCRATCH, new Imm(SCRATCH_BASE));
        b.emit("mov", tmp, new Imm(CONSTS_BASE));
        b.emit("vbroadcastss", zmm(14), Mem.at(tmp, 0, 4));    // w_scale
        b.emit("vbroadcastss", zmm(13), Mem.at(tmp, 4, 4));    // 0.5f
        b.emit("vmovdqu", ymm(15), Mem.at(tmp, 32, 32));       // 32 x 0x0F

        b.label(".Ltile");
        b.emit("mov", T, new Imm(TABLES_BASE));
        b.emit("mov", LP, new Imm(LUT_PARAMS_BASE));
        for (int j = 0; j < actGroups; j++) {
            for (int r = 0; r < 4; r++) {
                b.emit("vpxor", xmm(r), xmm(r), xmm(r));
            }
            b.emit("mov", GROUPS, new Imm(actGroupSize / TmacShapes.G));
            String loop = j == 0 ? ".Lgroup" : ".Lgroup" + j;
            b.label(loop);
            emitGroup(b);
            b.emit("add", W, new Imm(GROUP_BYTES));
            b.emit("add", T, new Imm(TmacShapes.ENTRIES));
            b.emit("dec", GROUPS);
            b.emit("jne", new Label(loop));
            emitActGroupEpilogue(b, j);
        }
        emitFold(b, Math.min(actGroups, LANES));
        b.emit("dec", TILES);
        b.emit("jne", new Label(".Ltile"));
        return b.build();
    }

    /** One 4-activation group of 64 rows: plane 0 into zmm0 (rows 0-31) / zmm1 (32-63), plane 1 into zmm2 / zmm3. */
    private static void emitGroup(Program.Builder b) {
        b.emit("vbroadcasti32x4", zmm(4), Mem.at(T, 0, 16));
        for (int plane = 0; plane < 2; plane++) {
            b.emit("vmovdqu", ymm(5), Mem.at(W, 32L * plane, 32));
            b.emit("vpsrlw", ymm(6), ymm(5), new Imm(4));
            b.emit("vpand", ymm(5), ymm(5), ymm(15));
            b.emit("vpand", ymm(6), ymm(6), ymm(15));
            b.emit("vinserti64x4", zmm(5), zmm(5), ymm(6), new Imm(1));
            b.emit("vpshufb", zmm(5), zmm(4), zmm(5));
            b.emit("vpmovsxbw", zmm(6), ymm(5));
            b.emit("vextracti64x4", ymm(5), zmm(5), new Imm(1));
            b.emit("vpmovsxbw", zmm(5), ymm(5));
            b.emit("vpaddw", zmm(2 * plane), zmm(2 * plane), zmm(6));
            b.emit("vpaddw", zmm(2 * plane + 1), zmm(2 * plane + 1), zmm(5));
        }
    }

    /** Scratch offset of plane {@code plane}, lane {@code lane}, rows 16c..16c+15 of the tile. */
    private static long slot(int plane, int lane, int chunk) {
        return ((long) (plane * LANES + lane) * CHUNKS + chunk) * 64;
    }

    /** Plane sums of activation group j through the float epilogue into lane j mod 16 of each row's sums. */
    private static void emitActGroupEpilogue(Program.Builder b, int j) {
        b.emit("vbroadcastss", zmm(12), Mem.at(LP, 0, 4));      // lut_scale[j]
        b.emit("vbroadcastss", zmm(11), Mem.at(LP, 4, 4));      // lut_bias[j]
        b.emit("add", LP, new Imm(8));
        int lane = j % LANES;
        for (int plane = 0; plane < 2; plane++) {
            for (int chunk = 0; chunk < CHUNKS; chunk++) {
                Reg sums = zmm(2 * plane + chunk / 2);
                if (chunk % 2 == 0) {
                    b.emit("vpmovsxwd", zmm(7), ymm(sums.index()));
                } else {
                    b.emit("vextracti64x4", ymm(7), sums, new Imm(1));
                    b.emit("vpmovsxwd", zmm(7), ymm(7));
                }
                b.emit("vcvtdq2ps", zmm(7), zmm(7));
                if (plane == 0) {
                    b.emit("vmovaps", zmm(8), zmm(11));
                    b.emit("vfmadd231ps", zmm(8), zmm(7), zmm(12));
                } else {
                    b.emit("vmulps", zmm(8), zmm(7), zmm(12));
                }
                Mem at = Mem.at(SCRATCH, slot(plane, lane, chunk), 64);
                if (j < LANES) {
                    b.emit("vpxor", xmm(9), xmm(9), xmm(9));
                } else {
                    b.emit("vmovdqu64", zmm(9), at);
                }
                b.emit("vfmadd231ps", zmm(9), zmm(8), zmm(14));
                b.emit("vmovdqu64", at, zmm(9));
            }
        }
    }

    /** Folds the written lanes (i + 8, + 4, + 2, + 1) per 16 rows and stores y = 0.5 c0 + c1. */
    private static void emitFold(Program.Builder b, int usedLanes) {
        for (int chunk = 0; chunk < CHUNKS; chunk++) {
            for (int plane = 1; plane >= 0; plane--) {
                Reg last = plane == 1 ? zmm(8) : zmm(0);
                int live = usedLanes;
                for (int i = 0; i < Math.min(live, LANES / 2); i++) {
                    b.emit("vmovdqu64", zmm(i), Mem.at(SCRATCH, slot(plane, i, chunk), 64));
                    if (i + LANES / 2 < live) {
                        b.emit("vmovdqu64", zmm(16 + i), Mem.at(SCRATCH, slot(plane, i + LANES / 2, chunk), 64));
                        b.emit("vaddps", zmm(i), zmm(i), zmm(16 + i));
                    }
                }
                live = Math.min(live, LANES / 2);
                for (int half = LANES / 4; half >= 1; half /= 2) {
                    for (int i = 0; i < half && i + half < live; i++) {
                        b.emit("vaddps", half == 1 ? last : zmm(i), zmm(i), zmm(i + half));
                    }
                    live = Math.min(live, half);
                }
                if (live == 1 && usedLanes == 1 && plane == 1) {
                    b.emit("vmovaps", zmm(8), zmm(0));
                }
            }
            b.emit("vmulps", zmm(0), zmm(0), zmm(13));
            b.emit("vaddps", zmm(0), zmm(0), zmm(8));
            b.emit("vmovdqu64", Mem.at(Y, 0, 64), zmm(0));
            b.emit("add", Y, new Imm(64));
        }
    }

    /** Puts rows r and r + 32 of a tile in the low and high nibbles, copies the tables, scales and biases. */
    public static void bind(Memory memory, TmacWeights weights, TmacLut lut) {
        int groups = weights.cols() / TmacShapes.G;
        byte[] out = memory.bytes("weights");
        Arrays.fill(out, (byte) 0);
        int half = ROWS_PER_TILE / 2;
        for (int row = 0; row < weights.rows(); row++) {
            int tile = row / ROWS_PER_TILE;
            int r = row % ROWS_PER_TILE;
            int shift = r < half ? 0 : 4;
            for (int plane = 0; plane < 2; plane++) {
                for (int i = 0; i < groups; i++) {
                    int at = ((tile * groups + i) * 2 + plane) * half + r % half;
                    out[at] |= (byte) (weights.index(row, plane, i) << shift);
                }
            }
        }
        byte[] c = memory.bytes("consts");
        Arrays.fill(c, 32, 64, (byte) 0x0F);
        TmacNeonGemv.bindTablesAndScales(memory, weights, lut);
    }

    public static float[] readOutput(Memory memory, int rows) {
        return Arrays.copyOf(I2sAvx2Gemv.readOutput(memory), rows);
    }

    /** The binder and output reader of this program for TmacOperands. */
    public static final TmacOperands.Layout LAYOUT = new TmacOperands.Layout() {
        @Override
        public void bind(Memory memory, TmacWeights weights, TmacLut lut) {
            TmacAvx512Gemv.bind(memory, weights, lut);
        }

        @Override
        public float[] readOutput(Memory memory, int rows) {
            return TmacAvx512Gemv.readOutput(memory, rows);
        }
    };
}
