// Lowers the T-MAC GEMV (2 or 4 bit planes, g = 4, int8 tables) to AVX-512: zmm vpshufb lookups for 64 rows at a time.
package org.ternsim.isa.lower;

import static org.ternsim.isa.Reg.xmm;
import static org.ternsim.isa.Reg.ymm;
import static org.ternsim.isa.Reg.zmm;

import java.util.Arrays;
import org.ternsim.isa.Memory;
import org.ternsim.isa.Operand.Imm;
import org.ternsim.isa.Operand.Mem;
import org.ternsim.isa.Program;
import org.ternsim.isa.Reg;
import org.ternsim.kernels.tmac.TmacLut;
import org.ternsim.kernels.tmac.TmacShapes;
import org.ternsim.kernels.tmac.TmacWeights;

/**
 * {@link TmacAvx2Gemv} widened to zmm: 64 rows per tile instead of 32, the same instructions per 4-activation group and
 * plane, 2 planes (ternary, {@code tmac}) or 4 (int4, {@code tmac-w4}), the same register plan (TmacX86Loops). Per
 * group and bit plane one 32-byte load holds the 4-bit index of 64 rows (low nibble row r, high nibble row r + 32);
 * {@code vpand} / {@code vpsrlw}+{@code vpand} on ymm split the nibbles, {@code vinserti64x4} joins them into one zmm,
 * and one {@code vpshufb zmm} looks all 64 up in the group's 16-entry int8 table, broadcast to the four 128-bit lanes
 * ({@code vbroadcasti32x4}). {@code vpshufb} is enough: every lane reads the same 16-entry table, so the cross-lane
 * {@code vpermb} (VBMI) would buy nothing and cost more on Zen 4 (vpermb zmm 1 uop but 2-cycle issue like vpshufb, and
 * it would need the table replicated in a 64-byte register anyway). The lookups are sign-extended
 * ({@code vpmovsxbw zmm, ymm}, low half and {@code vextracti64x4} high half) and summed per plane in int16 with
 * {@code vpaddw zmm}; as on AVX2 at most {@link TmacAvx2Gemv#MAX_ACT_GROUP} / 4 lookups are summed per activation
 * group, so the int16 sums never wrap.
 *
 * <p>The float epilogue is the AVX2 one on 16 rows per zmm: widen ({@code vpmovsxwd zmm}), convert, p0 = fma(S0,
 * lut_scale, lut_bias), p_i = S_i * lut_scale for the other planes, fused into lane j mod 16 of each row's 16 canonical
 * lane sums (4 KiB of scratch per plane: 16 lanes x 64 rows), then the lanes are folded (i + 8, + 4, + 2, + 1) and y =
 * ((0.5 c0 + c1) + 2 c2) + 4 c3 (two planes: y = 0.5 c0 + c1) is stored. Every row's float operations are the AVX2
 * program's, in the same order, so the outputs are the engine's bit for bit. Scratch and output move with
 * {@code vmovdqu64} (bits are bits; the forms the zmm tables already time) and the fold loads before it adds (no
 * {@code vaddps zmm, m512}). zmm registers are zeroed with VEX {@code vpxor xmm} (clears the whole register), as
 * Tl2VbmiGemv does. A last tile of fewer than 64 rows is padded. Not lowered: building the tables ({@code lut_ctor}).
 */
public final class TmacAvx512Gemv {

    public static final int ROWS_PER_TILE = 64;
    public static final long WEIGHTS_BASE = TmacX86Loops.WEIGHTS_BASE;
    public static final long TABLES_BASE = TmacX86Loops.TABLES_BASE;
    public static final long LUT_PARAMS_BASE = TmacX86Loops.LUT_PARAMS_BASE;
    public static final long CONSTS_BASE = TmacX86Loops.CONSTS_BASE;
    public static final long SCRATCH_BASE = TmacX86Loops.SCRATCH_BASE;
    public static final long OUTPUT_BASE = TmacX86Loops.OUTPUT_BASE;
    private static final int LANES = TmacX86Loops.LANES;
    /** Rows per zmm of floats. */
    private static final int CHUNK_ROWS = 16;
    private static final int CHUNKS = ROWS_PER_TILE / CHUNK_ROWS;
    /** Bytes of weights per tile, 4-activation group and plane. */
    private static final int PLANE_GROUP_BYTES = 32;
    private static final TmacX86Loops.Width WIDTH =
        new TmacX86Loops.Width(ROWS_PER_TILE, PLANE_GROUP_BYTES, Reg::zmm, ymm(15), Reg::xmm);

    private static final Reg W = TmacX86Loops.W;
    private static final Reg T = TmacX86Loops.T;
    private static final Reg Y = TmacX86Loops.Y;
    private static final Reg GROUPS = TmacX86Loops.GROUPS;
    private static final Reg LP = TmacX86Loops.LP;
    private static final Reg SCRATCH = TmacX86Loops.SCRATCH;
    private static final Reg LANE = TmacX86Loops.LANE;
    private static final Reg CONSTS = TmacX86Loops.CONSTS;

    private TmacAvx512Gemv() {
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
        TmacAvx2Gemv.checkShape(rows, cols, actGroupSize);
        return TmacX86Loops.lower("avx512", WIDTH, b -> emitGroup(b, bits),
            (b, first) -> emitActGroupEpilogue(b, first, bits), (b, lanes) -> emitFold(b, lanes, bits), rows, cols,
            actGroupSize, bits);
    }

    /** One 4-activation group of 64 rows: plane 0 into zmm0 (rows 0-31) / zmm1 (32-63), plane 1 into zmm2 / zmm3... */
    private static void emitGroup(Program.Builder b, int bits) {
        b.emit("vbroadcasti32x4", zmm(4), Mem.at(T, 0, 16));
        for (int plane = 0; plane < bits; plane++) {
            int lo = TmacX86Loops.accumulator(plane, 0);
            int hi = TmacX86Loops.accumulator(plane, 1);
            b.emit("vmovdqu", ymm(5), Mem.at(W, 32L * plane, 32));
            b.emit("vpsrlw", ymm(6), ymm(5), new Imm(4));
            b.emit("vpand", ymm(5), ymm(5), ymm(15));
            b.emit("vpand", ymm(6), ymm(6), ymm(15));
            b.emit("vinserti64x4", zmm(5), zmm(5), ymm(6), new Imm(1));
            b.emit("vpshufb", zmm(5), zmm(4), zmm(5));
            b.emit("vpmovsxbw", zmm(6), ymm(5));
            b.emit("vextracti64x4", ymm(5), zmm(5), new Imm(1));
            b.emit("vpmovsxbw", zmm(5), ymm(5));
            b.emit("vpaddw", zmm(lo), zmm(lo), zmm(6));
            b.emit("vpaddw", zmm(hi), zmm(hi), zmm(5));
        }
    }

    /** Scratch offset of plane {@code plane}, lane {@code lane}, rows 16c..16c+15 of the tile. */
    private static long slot(int plane, int lane, int chunk) {
        return ((long) (plane * LANES + lane) * CHUNKS + chunk) * 64;
    }

    /**
     * Plane sums of an activation group through the float epilogue into its lane of each row's sums (lane j mod 16 of
     * group j, at {@link TmacX86Loops#LANE}); {@code firstRound}: groups 0-15, whose lanes start from zero.
     */
    private static void emitActGroupEpilogue(Program.Builder b, boolean firstRound, int bits) {
        b.emit("vbroadcastss", zmm(12), Mem.at(LP, 0, 4));      // lut_scale[j]
        b.emit("vbroadcastss", zmm(11), Mem.at(LP, 4, 4));      // lut_bias[j]
        b.emit("add", LP, new Imm(8));
        int[] t = TmacX86Loops.epilogueTemps(bits);
        for (int plane = 0; plane < bits; plane++) {
            for (int chunk = 0; chunk < CHUNKS; chunk++) {
                Reg sums = zmm(TmacX86Loops.accumulator(plane, chunk / 2));
                if (chunk % 2 == 0) {
                    b.emit("vpmovsxwd", zmm(t[0]), ymm(sums.index()));
                } else {
                    b.emit("vextracti64x4", ymm(t[0]), sums, new Imm(1));
                    b.emit("vpmovsxwd", zmm(t[0]), ymm(t[0]));
                }
                b.emit("vcvtdq2ps", zmm(t[0]), zmm(t[0]));
                if (plane == 0) {
                    b.emit("vmovaps", zmm(t[1]), zmm(11));
                    b.emit("vfmadd231ps", zmm(t[1]), zmm(t[0]), zmm(12));
                } else {
                    b.emit("vmulps", zmm(t[1]), zmm(t[0]), zmm(12));
                }
                Mem at = Mem.at(LANE, slot(plane, 0, chunk), 64);
                if (firstRound) {
                    b.emit("vpxor", xmm(t[2]), xmm(t[2]), xmm(t[2]));
                } else {
                    b.emit("vmovdqu64", zmm(t[2]), at);
                }
                b.emit("vfmadd231ps", zmm(t[2]), zmm(t[1]), zmm(14));
                b.emit("vmovdqu64", at, zmm(t[2]));
            }
        }
    }

    /**
     * Folds the written lanes (i + 8, + 4, + 2, + 1) per 16 rows, the highest plane first, and stores
     * y = ((0.5 c0 + c1) + 2 c2) + 4 c3, alphas 2 and 4 broadcast into zmm11 / zmm12 as on AVX2.
     */
    private static void emitFold(Program.Builder b, int usedLanes, int bits) {
        for (int plane = 2; plane < bits; plane++) {
            b.emit("vbroadcastss", zmm(9 + plane), Mem.at(CONSTS, 4L * plane, 4));   // alpha 2^(plane-1)
        }
        for (int chunk = 0; chunk < CHUNKS; chunk++) {
            for (int plane = bits - 1; plane >= 0; plane--) {
                Reg last = zmm(TmacX86Loops.foldTarget(plane));
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
                if (live == 1 && usedLanes == 1 && plane > 0) {
                    b.emit("vmovaps", last, zmm(0));
                }
            }
            b.emit("vmulps", zmm(0), zmm(0), zmm(13));
            b.emit("vaddps", zmm(0), zmm(0), zmm(8));
            for (int plane = 2; plane < bits; plane++) {
                Reg c = zmm(TmacX86Loops.foldTarget(plane));
                b.emit("vmulps", c, c, zmm(9 + plane));
                b.emit("vaddps", zmm(0), zmm(0), c);
            }
            b.emit("vmovdqu64", Mem.at(Y, 0, 64), zmm(0));
            b.emit("add", Y, new Imm(64));
        }
    }

    /** Puts rows r and r + 32 of a tile in the low and high nibbles (every plane), copies tables, scales and biases. */
    public static void bind(Memory memory, TmacWeights weights, TmacLut lut) {
        byte[] out = memory.bytes("weights");
        int half = ROWS_PER_TILE / 2;
        int bits = weights.bits();
        int rows = weights.rows();
        byte[] indices = weights.indices();
        int planeBytes = weights.planeBytes();
        // Byte ((tile * groups + i) * bits + plane) * half + l holds group i of row tile * 64 + l (low nibble) and of
        // row tile * 64 + 32 + l (high); index byte j holds groups 2j and 2j + 1. Each index byte is read once, for
        // both groups, and each row's plane offset once per tile: this packing runs before every simulated call.
        int perGroup = bits * half;
        int[] lowStart = new int[perGroup];
        int[] highStart = new int[perGroup];
        int at = 0;
        for (int tile = 0; tile < tiles(rows); tile++, at += planeBytes * 2 * perGroup) {
            for (int plane = 0, k = 0; plane < bits; plane++) {
                for (int l = 0; l < half; l++, k++) {
                    int low = tile * ROWS_PER_TILE + l;
                    int high = low + half;
                    lowStart[k] = low < rows ? weights.planeStart(low, plane) : -1;
                    highStart[k] = high < rows ? weights.planeStart(high, plane) : -1;
                }
            }
            for (int k = 0; k < perGroup; k += 8) {
                int whole = wholeBlocks(lowStart, highStart, k) ? planeBytes & ~7 : 0;
                packBlocks(indices, lowStart, highStart, k, whole, out, at, perGroup);
                for (int j = whole; j < planeBytes; j++) {
                    for (int e = k; e < k + 8; e++) {
                        int lo = lowStart[e] < 0 ? 0 : indices[lowStart[e] + j];
                        int hi = highStart[e] < 0 ? 0 : indices[highStart[e] + j];
                        int to = at + j * 2 * perGroup + e;
                        out[to] = (byte) (lo & 0x0F | (hi & 0x0F) << 4);
                        out[to + perGroup] = (byte) (lo >> 4 & 0x0F | hi & 0xF0);
                    }
                }
            }
        }
        Arrays.fill(out, at, out.length, (byte) 0);
        byte[] c = memory.bytes("consts");
        Arrays.fill(c, 32, 64, (byte) 0x0F);
        TmacNeonGemv.bindTablesAndScales(memory, weights, lut);
    }

    /** Whether the eight rows (low and high) from {@code k} on all exist: then whole 8 x 8 blocks are packed. */
    private static boolean wholeBlocks(int[] lowStart, int[] highStart, int k) {
        for (int e = k; e < k + 8; e++) {
            if (lowStart[e] < 0 || highStart[e] < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Packs index bytes 0 .. {@code bytes} (a multiple of 8) of the rows {@code k} .. {@code k + 7}, eight bytes of
     * eight rows at a time: the 8 x 8 block of bytes is transposed in eight longs, so that each long holds one index
     * byte of the eight rows, which is where the program reads them (consecutive bytes of the output).
     */
    private static void packBlocks(byte[] indices, int[] lowStart, int[] highStart, int k, int bytes, byte[] out,
            int tileAt, int perGroup) {
        long[] low = new long[8];
        long[] high = new long[8];
        for (int j = 0; j < bytes; j += 8) {
            for (int e = 0; e < 8; e++) {
                low[e] = (long) LONGS.get(indices, lowStart[k + e] + j);
                high[e] = (long) LONGS.get(indices, highStart[k + e] + j);
            }
            transpose8x8(low);
            transpose8x8(high);
            for (int c = 0; c < 8; c++) {
                int to = tileAt + (j + c) * 2 * perGroup + k;
                LONGS.set(out, to, low[c] & NIBBLES | (high[c] & NIBBLES) << 4);
                LONGS.set(out, to + perGroup, low[c] >>> 4 & NIBBLES | high[c] & ~NIBBLES);
            }
        }
    }

    /**
     * Byte i of rows[c], for all i and c, becomes byte c of rows[i]: three rounds of swapping blocks (bytes, then
     * pairs, then quads) between rows 1, 2 and 4 apart, written out on eight locals so that the rows stay in registers
     * (as a loop over the array, with a test per row and round, it was most of a T-MAC-W4 AVX-512 call's binding).
     */
    private static void transpose8x8(long[] rows) {
        long r0 = rows[0];
        long r1 = rows[1];
        long r2 = rows[2];
        long r3 = rows[3];
        long r4 = rows[4];
        long r5 = rows[5];
        long r6 = rows[6];
        long r7 = rows[7];
        long m = 0x00FF_00FF_00FF_00FFL;
        long t = (r0 >>> 8 ^ r1) & m;
        r1 ^= t;
        r0 ^= t << 8;
        t = (r2 >>> 8 ^ r3) & m;
        r3 ^= t;
        r2 ^= t << 8;
        t = (r4 >>> 8 ^ r5) & m;
        r5 ^= t;
        r4 ^= t << 8;
        t = (r6 >>> 8 ^ r7) & m;
        r7 ^= t;
        r6 ^= t << 8;
        m = 0x0000_FFFF_0000_FFFFL;
        t = (r0 >>> 16 ^ r2) & m;
        r2 ^= t;
        r0 ^= t << 16;
        t = (r1 >>> 16 ^ r3) & m;
        r3 ^= t;
        r1 ^= t << 16;
        t = (r4 >>> 16 ^ r6) & m;
        r6 ^= t;
        r4 ^= t << 16;
        t = (r5 >>> 16 ^ r7) & m;
        r7 ^= t;
        r5 ^= t << 16;
        m = 0x0000_0000_FFFF_FFFFL;
        t = (r0 >>> 32 ^ r4) & m;
        rows[4] = r4 ^ t;
        rows[0] = r0 ^ t << 32;
        t = (r1 >>> 32 ^ r5) & m;
        rows[5] = r5 ^ t;
        rows[1] = r1 ^ t << 32;
        t = (r2 >>> 32 ^ r6) & m;
        rows[6] = r6 ^ t;
        rows[2] = r2 ^ t << 32;
        t = (r3 >>> 32 ^ r7) & m;
        rows[7] = r7 ^ t;
        rows[3] = r3 ^ t << 32;
    }

    private static final long NIBBLES = 0x0F0F_0F0F_0F0F_0F0FL;
    private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
        long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

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
