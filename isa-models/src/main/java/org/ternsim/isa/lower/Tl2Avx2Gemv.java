// Lowers the TL2 GEMV to an AVX2 program shaped like bitnet.cpp's generated three_tbl/two_tbl kernels (vpshufb lookups).
package org.ternsim.isa.lower;

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
import org.ternsim.kernels.lut.LutShapes;
import org.ternsim.kernels.lut.LutTables;
import org.ternsim.kernels.lut.Tl2Weights;
import org.ternsim.kernels.quant.Int8Activations;

/**
 * The loop of kernels.md §4.3 for bm = 32 rows: per 32-byte index column (one byte of each of 32 rows = two triples)
 * high / low nibbles ({@code vpsrlw 4}, {@code vpand 0x0F}); per triple the low-byte and high-byte planes of its
 * 16-entry int16 table broadcast to both 128-bit lanes ({@code vbroadcasti128}), two {@code vpshufb} lookups,
 * {@code vpunpcklbw}/{@code vpunpckhbw} rebuild the int16 entries of rows 0-15 and 16-31; the sign word of each row
 * shifted left by the triple's position and arithmetically right by 15 gives m = 0 / -1, (x + m) XOR m negates; two
 * int16 accumulators per 32 rows, widened ({@code vpmovsxwd}) into four int32 accumulators after each BK block. The
 * pair part (last TwoK activations) is the same without signs, in blocks of 32 activations. Epilogue per 8 rows:
 * {@code vcvtdq2ps}, {@code vdivps} by the LUT scale, {@code vmulps} by the weight scale: LutEpilogue's order.
 *
 * <p>Weight bytes, per 32-row block (rows padded with zero codes to whole blocks, as the codegen requires M % BM = 0):
 * per 16 triples the two sign vectors (int16 lane r = the row's sign word, rows 0-15 then 16-31), then 8 index columns;
 * then per 16 pairs 8 pair index columns. Inside a column, 8-row groups are stored in order 0, 2, 1, 3 (bitnet.cpp's
 * trick) so the lane-wise unpacks give rows in order. BK is a multiple of 48 so a sign word never straddles a block.
 *
 * <p>The tables (region {@code luts}: per triple, then per pair, 16 low bytes then 16 high bytes) are an input built
 * by the functional engine's {@link LutTables}; bitnet.cpp builds them in a separate per-row pass
 * ({@code three_lut_ctor}), which is not lowered here (its cost is O(K) per GEMV, not modelled).
 */
public final class Tl2Avx2Gemv {

    public static final int BM = 32;
    public static final long WEIGHTS_BASE = 0x1_0000_0000L;
    public static final long LUTS_BASE = 0x2_0000_0000L;
    public static final long PARAMS_BASE = 0x3_0000_0000L;
    public static final long CONSTS_BASE = 0x3_0001_0000L;
    public static final long OUTPUT_BASE = 0x4_0000_0000L;
    /** Position of each 8-row group in an index column (its own inverse). */
    private static final int[] GROUP_AT_POSITION = {0, 2, 1, 3};
    /** Bytes of the two sign vectors of 16 triples. */
    private static final int CHUNK_SIGN_BYTES = 64;
    /** Weight bytes of 16 triples of a 32-row block: the two sign vectors and 8 index columns. */
    private static final int CHUNK_BYTES = CHUNK_SIGN_BYTES + 8 * BM;

    private static final Reg W = r64(6);
    private static final Reg T = r64(7);
    private static final Reg Y = r64(2);
    private static final Reg BLOCKS = r64(8);
    private static final Reg OUTER = r64(1);
    private static final Reg INNER = r64(0);
    private static final Reg TMP = r64(9);

    private Tl2Avx2Gemv() {
    }

    /** Bytes of one 32-row block's weights. */
    static long blockBytes(int cols, int bk) {
        int threeK = LutShapes.threeK(cols, bk);
        return (long) threeK / 48 * (64 + 8 * 32) + (long) (cols - threeK) / 32 * 8 * 32;
    }

    static int paddedRows(int rows) {
        return (rows + BM - 1) / BM * BM;
    }

    public static Program lower(int rows, int cols, int bk) {
        int threeK = LutShapes.threeK(cols, bk);
        int triples = threeK / 3;
        int pairs = (cols - threeK) / 2;
        int blocks = paddedRows(rows) / BM;
        long weightBytes = blocks * blockBytes(cols, bk);
        if (weightBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(rows + "x" + cols + " is too large to execute functionally");
        }
        Program.Builder b = new Program.Builder("tl2/avx2 gemv " + rows + "x" + cols + " bk" + bk, "x86-64");
        b.region(new Region("weights", WEIGHTS_BASE, (int) Math.max(1, weightBytes), Region.Role.INPUT));
        b.region(new Region("luts", LUTS_BASE, 32 * (triples + pairs) + 32, Region.Role.INPUT));
        b.region(new Region("params", PARAMS_BASE, 8, Region.Role.INPUT));
        b.region(new Region("consts", CONSTS_BASE, 32, Region.Role.CONSTANT));
        b.region(new Region("output", OUTPUT_BASE, paddedRows(rows) * 4, Region.Role.OUTPUT));

        b.emit("mov", TMP, new Imm(CONSTS_BASE));
        b.emit("vmovdqu", ymm(15), Mem.at(TMP, 0, 32));
        b.emit("mov", TMP, new Imm(PARAMS_BASE));
        b.emit("vbroadcastss", ymm(13), Mem.at(TMP, 0, 4));
        b.emit("vbroadcastss", ymm(14), Mem.at(TMP, 4, 4));
        b.emit("mov", W, new Imm(WEIGHTS_BASE));
        b.emit("mov", Y, new Imm(OUTPUT_BASE));
        b.emit("mov", BLOCKS, new Imm(blocks));
        b.label(".Lrows");
        for (int i = 0; i < 4; i++) {
            b.emit("vpxor", ymm(i), ymm(i), ymm(i));
        }
        b.emit("mov", T, new Imm(LUTS_BASE));
        if (triples > 0) {
            b.emit("mov", OUTER, new Imm(threeK / bk));
            b.label(".Lthree");
            zeroInt16(b);
            b.emit("mov", INNER, new Imm(bk / 48));
            b.label(".Lsixteen");
            b.emit("vmovdqu", ymm(6), Mem.at(W, 0, 32));
            b.emit("vmovdqu", ymm(7), Mem.at(W, 32, 32));
            for (int j = 0; j < 8; j++) {
                emitColumn(b, 64 + 32 * j, j, true);
            }
            b.emit("add", W, new Imm(64 + 8 * 32));
            b.emit("add", T, new Imm(16 * 32));
            b.emit("dec", INNER);
            b.emit("jne", new Label(".Lsixteen"));
            widen(b);
            b.emit("dec", OUTER);
            b.emit("jne", new Label(".Lthree"));
        }
        if (pairs > 0) {
            b.emit("mov", OUTER, new Imm(pairs / 16));
            b.label(".Ltwo");
            zeroInt16(b);
            for (int j = 0; j < 8; j++) {
                emitColumn(b, 32 * j, j, false);
            }
            b.emit("add", W, new Imm(8 * 32));
            b.emit("add", T, new Imm(16 * 32));
            widen(b);
            b.emit("dec", OUTER);
            b.emit("jne", new Label(".Ltwo"));
        }
        for (int i = 0; i < 4; i++) {
            b.emit("vcvtdq2ps", ymm(i), ymm(i));
            b.emit("vdivps", ymm(i), ymm(i), ymm(13));
            b.emit("vmulps", ymm(i), ymm(i), ymm(14));
            b.emit("vmovups", Mem.at(Y, 32L * i, 32), ymm(i));
        }
        b.emit("add", Y, new Imm(4 * BM));
        b.emit("dec", BLOCKS);
        b.emit("jne", new Label(".Lrows"));
        return b.build();
    }

    private static void zeroInt16(Program.Builder b) {
        b.emit("vpxor", ymm(4), ymm(4), ymm(4));
        b.emit("vpxor", ymm(5), ymm(5), ymm(5));
    }

    /** One index column at W + offset: groups 2j (high nibble) and 2j + 1 (low nibble), tables at T + 64 j. */
    private static void emitColumn(Program.Builder b, int offset, int j, boolean signed) {
        b.emit("vmovdqu", ymm(8), Mem.at(W, offset, 32));
        b.emit("vpsrlw", ymm(9), ymm(8), new Imm(4));
        b.emit("vpand", ymm(9), ymm(9), ymm(15));
        b.emit("vpand", ymm(8), ymm(8), ymm(15));
        for (int g = 2 * j; g <= 2 * j + 1; g++) {
            Reg index = g == 2 * j ? ymm(9) : ymm(8);
            b.emit("vbroadcasti128", ymm(10), Mem.at(T, 32L * g, 16));
            b.emit("vbroadcasti128", ymm(11), Mem.at(T, 32L * g + 16, 16));
            b.emit("vpshufb", ymm(10), ymm(10), index);
            b.emit("vpshufb", ymm(11), ymm(11), index);
            b.emit("vpunpckhbw", ymm(12), ymm(10), ymm(11));
            b.emit("vpunpcklbw", ymm(10), ymm(10), ymm(11));
            accumulate(b, ymm(10), ymm(4), ymm(6), g, signed);
            accumulate(b, ymm(12), ymm(5), ymm(7), g, signed);
        }
    }

    /** acc += (x + m) ^ m with m = sign bit (15 - shift) of each lane of {@code signs} spread over the lane. */
    private static void accumulate(Program.Builder b, Reg x, Reg acc, Reg signs, int shift, boolean signed) {
        if (signed) {
            b.emit("vpsllw", ymm(11), signs, new Imm(shift));
            b.emit("vpsraw", ymm(11), ymm(11), new Imm(15));
            b.emit("vpaddw", x, x, ymm(11));
            b.emit("vpxor", x, x, ymm(11));
        }
        b.emit("vpaddw", acc, acc, x);
    }

    /** int16 rows 0-15 (ymm4) and 16-31 (ymm5) sign-extended into the int32 accumulators ymm0-3 (8 rows each). */
    private static void widen(Program.Builder b) {
        for (int half = 0; half < 2; half++) {
            Reg acc16 = ymm(4 + half);
            b.emit("vpmovsxwd", ymm(8), xmm(4 + half));
            b.emit("vpaddd", ymm(2 * half), ymm(2 * half), ymm(8));
            b.emit("vextracti128", xmm(8), acc16, new Imm(1));
            b.emit("vpmovsxwd", ymm(8), xmm(8));
            b.emit("vpaddd", ymm(2 * half + 1), ymm(2 * half + 1), ymm(8));
        }
    }

    /**
     * Writes weights (tiled layout above), tables, scales and constants into the program's regions. The weights go row
     * by row, each row's bytes read in order and written 32 bytes apart into its block (a few tens of KiB, in cache):
     * the binder runs before every call, and its former per-byte lambdas were the largest part of a call's set-up.
     */
    public static void bind(Memory memory, Tl2Weights w, Int8Activations x) {
        int rows = w.rows();
        byte[] out = memory.bytes("weights");
        long expected = paddedRows(rows) / BM * blockBytes(w.cols(), w.bk());
        if (out.length != Math.max(1, expected) || memory.bytes("output").length != paddedRows(rows) * 4) {
            throw new IllegalArgumentException("data shape does not match the program's regions");
        }
        int block = (int) blockBytes(w.cols(), w.bk());
        int chunks = w.triples() / 16;
        int tripleBytes = w.tripleRowBytes();
        int signBytes = w.signRowBytes();
        int pairBytes = w.pairRowBytes();
        int pairsAt = chunks * CHUNK_BYTES;
        byte[] indices = w.tripleIndices();
        byte[] signs = w.tripleSigns();
        byte[] pairIndices = w.pairIndices();
        // the padding rows of the last block, the only bytes no row writes: index 0, sign word 0
        java.util.Arrays.fill(out, rows / BM * block, (int) expected, (byte) 0);
        for (int row = 0; row < rows; row++) {
            int q = row % BM;
            int base = row / BM * block;
            // the row's byte in an index column: 8-row groups at positions 0, 2, 1, 3
            int column = base + CHUNK_SIGN_BYTES + 8 * GROUP_AT_POSITION[q / 8] + q % 8;
            int from = row * tripleBytes;
            int signFrom = row * signBytes;
            for (int c = 0; c < chunks; c++) {
                int at = base + c * CHUNK_BYTES + 2 * q; // sign word of row q: int16 lane q % 16 of vector q / 16
                out[at] = signs[signFrom + 2 * c];
                out[at + 1] = signs[signFrom + 2 * c + 1];
                int to = column + c * CHUNK_BYTES;
                for (int j = 0; j < 8; j++, to += BM) {
                    out[to] = indices[from++];
                }
            }
            int to = column - CHUNK_SIGN_BYTES + pairsAt;
            for (int j = 0, p = row * pairBytes; j < pairBytes; j++, to += BM) {
                out[to] = pairIndices[p + j];
            }
        }
        bindTables(memory, w, x);
        java.util.Arrays.fill(memory.bytes("consts"), (byte) 0x0F);
    }

    /** The engine's tables (per triple, then per pair: 16 low bytes, 16 high bytes) and the two scales. */
    static void bindTables(Memory memory, Tl2Weights w, Int8Activations x) {
        byte[] luts = memory.bytes("luts");
        short[] triples = LutTables.triples(x.codes(), w.triples());
        short[] pairs = LutTables.pairs(x.codes(), w.threeK(), w.twoK() / 2);
        for (int t = 0; t < w.triples(); t++) {
            planes(triples, t, luts, 32 * t);
        }
        for (int p = 0; p < w.twoK() / 2; p++) {
            planes(pairs, p, luts, 32 * (w.triples() + p));
        }
        byte[] params = memory.bytes("params");
        MachineState.putInt(params, 0, Float.floatToRawIntBits(x.scale()));
        MachineState.putInt(params, 1, Float.floatToRawIntBits(w.scale()));
    }

    /** Table g's 16 int16 entries as 16 low bytes then 16 high bytes. */
    private static void planes(short[] tables, int g, byte[] out, int at) {
        for (int e = 0; e < 16; e++) {
            short v = tables[LutTables.STRIDE * g + e];
            out[at + e] = (byte) v;
            out[at + 16 + e] = (byte) (v >> 8);
        }
    }

    public static float[] readOutput(Memory memory, int rows) {
        byte[] out = memory.bytes("output");
        float[] y = new float[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = Float.intBitsToFloat(MachineState.getInt(out, i));
        }
        return y;
    }
}
