// Lowers the TL2 GEMV to NEON: two-register tbl lookups in signed 32-entry tables, sign bits folded into the index.
package org.ternsim.isa.lower;

import static org.ternsim.isa.arm.ArmRegs.v;
import static org.ternsim.isa.arm.ArmRegs.w;
import static org.ternsim.isa.arm.ArmRegs.x;

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
import org.ternsim.kernels.lut.LutShapes;
import org.ternsim.kernels.lut.LutTables;
import org.ternsim.kernels.lut.Tl2Weights;
import org.ternsim.kernels.quant.Int8Activations;

/**
 * bitnet.cpp ships TL2 for x86 only; this is the NEON program designed after its TL1 NEON kernel (kernels.md §3.3)
 * and the AVX2 TL2 one (§4.3), 16 rows at a time. Where AVX2 applies each triple's sign after the lookup
 * ({@code vpsllw}/{@code vpsraw} to a mask, then {@code (x + m) ^ m} on both int16 halves: 8 ops per triple and 16
 * rows on NEON), this program looks the sign up: each triple's table is 32 entries, entry e = T[e] and entry 16 + e =
 * -T[e] as int16 (the reference's {@code (T + m) ^ m} for m = -1, bit for bit), split into a low-byte and a high-byte
 * plane of two registers each. The sign goes into bit 4 of the index with {@code cmtst} (lane has sign bit k) and
 * {@code bit} (insert that mask's bit 4 into the index), so a triple costs 2 + 2 {@code tbl} + 2 {@code zip} + 2 {@code add} for
 * 16 rows. The price is 64 table bytes per triple instead of 32 (tables are read once per 16 rows, from L1/L2).
 *
 * <p>Weights, per 16-row group, in the order the loop reads them: per BK block, per 8 triples, four 16-byte index
 * columns (byte r of column j is row r's logical index byte: triple 2j in the high nibble, 2j + 1 in the low one)
 * and one sign column (bit k of byte r = row r's triple k is negative) — 5 bits per triple, TL2's own density; then
 * the pair part (last TwoK activations) per 32 activations as eight TL1 index columns. Sums are int16 per BK block
 * (triples) and per 32 activations (pairs), widened with {@code saddw}/{@code saddw2} into four int32 accumulators,
 * as {@link org.ternsim.kernels.lut.ScalarTl2Gemv} wraps them. Epilogue (float) acc / lut_scale * w_scale per 4
 * rows, {@code st1} of 16 outputs. A last group of fewer than 16 rows is padded with zero rows whose outputs are not
 * read back.
 *
 * <p>Not lowered: building the tables from the activations (O(K) once per GEMV, {@code three_lut_ctor} in
 * bitnet.cpp); the binder writes the engine's {@link LutTables} entries (and their negations) into {@code tables}.
 */
public final class Tl2NeonGemv {

    public static final int ROWS_PER_GROUP = 16;
    /** Triples per sign column (one bit each in a byte). */
    public static final int TRIPLES_PER_CHUNK = 8;
    /** Weight bytes of one chunk of a 16-row group: four index columns and a sign column. */
    private static final int CHUNK_BYTES = 5 * ROWS_PER_GROUP;
    public static final long WEIGHTS_BASE = 0x1_0000_0000L;
    public static final long TABLES_BASE = 0x2_0000_0000L;
    public static final long PARAMS_BASE = 0x3_0000_0000L;
    public static final long OUTPUT_BASE = 0x4_0000_0000L;

    private static final Reg W = x(0);
    private static final Reg T = x(1);
    private static final Reg Y = x(2);
    private static final Reg GROUPS = x(3);
    private static final Reg BLOCKS = x(4);
    private static final Reg INNER = x(5);
    private static final Reg TMP = x(6);
    /** v22 + k holds the byte 1 << k that cmtst tests for triple k of a chunk. */
    private static final int BIT_MASKS = 22;

    private Tl2NeonGemv() {
    }

    /** BK a multiple of 24 (whole sign bytes per block) and TL2's K rule; any M >= 1. */
    public static void checkShape(int rows, int cols, int bk) {
        if (rows < 1) {
            throw new IllegalArgumentException("TL2 needs M >= 1, got " + rows);
        }
        LutShapes.checkTl2(cols, bk);
    }

    public static int paddedRows(int rows) {
        return (rows + ROWS_PER_GROUP - 1) / ROWS_PER_GROUP * ROWS_PER_GROUP;
    }

    /** Weight bytes of one 16-row group: 80 per 8 triples, 128 per 32 pair activations. */
    static long groupBytes(int cols, int bk) {
        int threeK = LutShapes.threeK(cols, bk);
        return (long) threeK / 3 * 10 + (long) (cols - threeK) * 4;
    }

    public static Program lower(int rows, int cols, int bk) {
        checkShape(rows, cols, bk);
        int threeK = LutShapes.threeK(cols, bk);
        int triples = threeK / 3;
        int twoK = cols - threeK;
        int groups = paddedRows(rows) / ROWS_PER_GROUP;
        long weightBytes = groups * groupBytes(cols, bk);
        if (weightBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(rows + "x" + cols + " is too large to execute functionally");
        }
        Program.Builder b = new Program.Builder("tl2/neon gemv " + rows + "x" + cols + " bk" + bk, ArmSemantics.NEON);
        b.region(new Region("weights", WEIGHTS_BASE, (int) weightBytes, Region.Role.INPUT));
        b.region(new Region("tables", TABLES_BASE, 64 * triples + 16 * twoK + 16, Region.Role.INPUT));
        b.region(new Region("params", PARAMS_BASE, 16, Region.Role.INPUT));
        b.region(new Region("output", OUTPUT_BASE, paddedRows(rows) * 4, Region.Role.OUTPUT));

        A64Imm.mov(b, W, WEIGHTS_BASE);
        A64Imm.mov(b, Y, OUTPUT_BASE);
        A64Imm.mov(b, GROUPS, groups);
        b.emit("movi", v(31, "16b"), new Imm(0x0F));
        b.emit("movi", v(30, "16b"), new Imm(0x10));
        for (int k = 0; k < TRIPLES_PER_CHUNK; k++) {
            b.emit("movi", v(BIT_MASKS + k, "16b"), new Imm(1 << k));
        }
        A64Imm.mov(b, TMP, PARAMS_BASE);
        b.emit("ldr", w(7), new Mem(TMP, null, 1, 0, 4));
        b.emit("dup", v(20, "4s"), w(7));
        b.emit("ldr", w(7), new Mem(TMP, null, 1, 4, 4));
        b.emit("dup", v(21, "4s"), w(7));

        b.label(".Lgroup");
        for (int a = 2; a <= 5; a++) {
            b.emit("movi", v(a, "16b"), new Imm(0));
        }
        A64Imm.mov(b, T, TABLES_BASE);
        if (triples > 0) {
            A64Imm.mov(b, BLOCKS, threeK / bk);
            b.label(".Lblock");
            zeroInt16(b);
            A64Imm.mov(b, INNER, bk / 3 / TRIPLES_PER_CHUNK);
            b.label(".Lchunk");
            b.emit("ld1", v(6, "16b"), v(7, "16b"), v(8, "16b"), v(9, "16b"), new Mem(W, null, 1, 0, 64), new Imm(64));
            b.emit("ld1", v(10, "16b"), new Mem(W, null, 1, 0, 16), new Imm(16));
            for (int j = 0; j < 4; j++) {
                b.emit("ushr", v(11, "16b"), v(6 + j, "16b"), new Imm(4));
                triple(b, 2 * j);
                b.emit("and", v(11, "16b"), v(6 + j, "16b"), v(31, "16b"));
                triple(b, 2 * j + 1);
            }
            b.emit("subs", INNER, INNER, new Imm(1));
            b.emit("b.ne", new Label(".Lchunk"));
            widen(b);
            b.emit("subs", BLOCKS, BLOCKS, new Imm(1));
            b.emit("b.ne", new Label(".Lblock"));
        }
        if (twoK > 0) {
            A64Imm.mov(b, BLOCKS, twoK / LutShapes.TL2_PAIR_BLOCK);
            b.label(".Lpairs");
            zeroInt16(b);
            A64Imm.mov(b, INNER, LutShapes.TL2_PAIR_BLOCK / 4);
            b.label(".Lcolumn");
            b.emit("ld1", v(6, "16b"), new Mem(W, null, 1, 0, 16), new Imm(16));
            b.emit("ld1", v(16, "16b"), v(17, "16b"), v(18, "16b"), v(19, "16b"), new Mem(T, null, 1, 0, 64), new Imm(64));
            b.emit("ushr", v(7, "16b"), v(6, "16b"), new Imm(4));
            b.emit("and", v(8, "16b"), v(6, "16b"), v(31, "16b"));
            lookup(b, v(16, "16b"), null, v(17, "16b"), null, v(7, "16b"));
            lookup(b, v(18, "16b"), null, v(19, "16b"), null, v(8, "16b"));
            b.emit("subs", INNER, INNER, new Imm(1));
            b.emit("b.ne", new Label(".Lcolumn"));
            widen(b);
            b.emit("subs", BLOCKS, BLOCKS, new Imm(1));
            b.emit("b.ne", new Label(".Lpairs"));
        }
        for (int a = 2; a <= 5; a++) {
            b.emit("scvtf", v(a, "4s"), v(a, "4s"));
            b.emit("fdiv", v(a, "4s"), v(a, "4s"), v(20, "4s"));
            b.emit("fmul", v(a, "4s"), v(a, "4s"), v(21, "4s"));
        }
        b.emit("st1", v(2, "4s"), v(3, "4s"), v(4, "4s"), v(5, "4s"), new Mem(Y, null, 1, 0, 64), new Imm(64));
        b.emit("subs", GROUPS, GROUPS, new Imm(1));
        b.emit("b.ne", new Label(".Lgroup"));
        return b.build();
    }

    /** Triple k of the chunk, |v| already in v11: fold in its sign bit, look up, accumulate. */
    private static void triple(Program.Builder b, int k) {
        b.emit("cmtst", v(12, "16b"), v(10, "16b"), v(BIT_MASKS + k, "16b"));
        b.emit("bit", v(11, "16b"), v(12, "16b"), v(30, "16b"));
        b.emit("ld1", v(16, "16b"), v(17, "16b"), v(18, "16b"), v(19, "16b"), new Mem(T, null, 1, 0, 64), new Imm(64));
        lookup(b, v(16, "16b"), v(17, "16b"), v(18, "16b"), v(19, "16b"), v(11, "16b"));
    }

    /** Low and high byte planes (one or two table registers each) looked up, re-interleaved, added to v0 / v1. */
    private static void lookup(Program.Builder b, Reg lo, Reg lo2, Reg hi, Reg hi2, Reg index) {
        b.emit("tbl", lo2 == null ? new Operand[] {v(13, "16b"), lo, index} : new Operand[] {v(13, "16b"), lo, lo2, index});
        b.emit("tbl", hi2 == null ? new Operand[] {v(14, "16b"), hi, index} : new Operand[] {v(14, "16b"), hi, hi2, index});
        b.emit("zip1", v(15, "16b"), v(13, "16b"), v(14, "16b"));
        b.emit("zip2", v(14, "16b"), v(13, "16b"), v(14, "16b"));
        b.emit("add", v(0, "8h"), v(0, "8h"), v(15, "8h"));
        b.emit("add", v(1, "8h"), v(1, "8h"), v(14, "8h"));
    }

    private static void zeroInt16(Program.Builder b) {
        b.emit("movi", v(0, "16b"), new Imm(0));
        b.emit("movi", v(1, "16b"), new Imm(0));
    }

    /** int16 sums of rows 0-7 (v0) and 8-15 (v1) sign-extended into the int32 accumulators v2-v5. */
    private static void widen(Program.Builder b) {
        b.emit("saddw", v(2, "4s"), v(2, "4s"), v(0, "4h"));
        b.emit("saddw2", v(3, "4s"), v(3, "4s"), v(0, "8h"));
        b.emit("saddw", v(4, "4s"), v(4, "4s"), v(1, "4h"));
        b.emit("saddw2", v(5, "4s"), v(5, "4s"), v(1, "8h"));
    }

    /**
     * Writes the weights (layout above), the signed split tables and the two scales into the program's regions. The
     * weights go row by row, each row's bytes read in order and written 16 bytes apart into its group (a few KiB, in
     * cache): the binder runs before every call, and its former per-byte lambdas and accessors took a fifth of a
     * detailed TL2 call.
     */
    public static void bind(Memory memory, Tl2Weights w, Int8Activations x) {
        int rows = w.rows();
        byte[] out = memory.bytes("weights");
        long group = groupBytes(w.cols(), w.bk());
        if (out.length != paddedRows(rows) / ROWS_PER_GROUP * group
            || memory.bytes("output").length != paddedRows(rows) * 4) {
            throw new IllegalArgumentException("data shape does not match the program's regions");
        }
        if (w.triples() % TRIPLES_PER_CHUNK != 0) {
            throw new IllegalArgumentException("TL2 NEON needs whole sign bytes: " + w.triples()
                + " triples per row is not a multiple of " + TRIPLES_PER_CHUNK);
        }
        int chunks = w.triples() / TRIPLES_PER_CHUNK;
        int tripleBytes = w.tripleRowBytes();
        int signBytes = w.signRowBytes();
        int pairBytes = w.pairRowBytes();
        int pairsAt = chunks * CHUNK_BYTES;
        byte[] indices = w.tripleIndices();
        byte[] signs = w.tripleSigns();
        byte[] pairIndices = w.pairIndices();
        // the padding rows of the last group, the only bytes no row writes: index 0 without sign
        java.util.Arrays.fill(out, (int) (rows / ROWS_PER_GROUP * group), out.length, (byte) 0);
        for (int row = 0; row < rows; row++) {
            int base = (int) (row / ROWS_PER_GROUP * group) + row % ROWS_PER_GROUP;
            int from = row * tripleBytes;
            int signFrom = row * signBytes;
            for (int c = 0, at = base; c < chunks; c++, at += CHUNK_BYTES) {
                out[at] = indices[from++];
                out[at + ROWS_PER_GROUP] = indices[from++];
                out[at + 2 * ROWS_PER_GROUP] = indices[from++];
                out[at + 3 * ROWS_PER_GROUP] = indices[from++];
                // triples 8c..8c+7 are bits 15 - 8 (c mod 2) - k of sign word c / 2 (little-endian): bits 7 - k of
                // its byte c ^ 1, which the sign column wants as bits k
                out[at + 4 * ROWS_PER_GROUP] = (byte) (Integer.reverse(signs[signFrom + (c ^ 1)]) >>> 24);
            }
            for (int j = 0, p = row * pairBytes, at = base + pairsAt; j < pairBytes; j++, at += ROWS_PER_GROUP) {
                out[at] = pairIndices[p + j];
            }
        }
        byte[] t = memory.bytes("tables");
        short[] triples = LutTables.triples(x.codes(), w.triples());
        for (int g = 0; g < w.triples(); g++) {
            for (int e = 0; e < LutTables.STRIDE; e++) {
                short pos = triples[LutTables.STRIDE * g + e];
                short neg = (short) -pos;
                t[64 * g + e] = (byte) pos;
                t[64 * g + 16 + e] = (byte) neg;
                t[64 * g + 32 + e] = (byte) (pos >> 8);
                t[64 * g + 48 + e] = (byte) (neg >> 8);
            }
        }
        short[] pairs = LutTables.pairs(x.codes(), w.threeK(), w.twoK() / 2);
        int base = 64 * w.triples();
        for (int p = 0; p < w.twoK() / 2; p++) {
            for (int e = 0; e < LutTables.STRIDE; e++) {
                short entry = pairs[LutTables.STRIDE * p + e];
                t[base + 32 * p + e] = (byte) entry;
                t[base + 32 * p + 16 + e] = (byte) (entry >> 8);
            }
        }
        byte[] params = memory.bytes("params");
        MachineState.putInt(params, 0, Float.floatToRawIntBits(x.scale()));
        MachineState.putInt(params, 1, Float.floatToRawIntBits(w.scale()));
    }
}
