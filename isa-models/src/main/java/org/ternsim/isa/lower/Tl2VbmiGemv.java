// Lowers the TL2 GEMV to an AVX-512 VBMI program: 64 rows per vpermb lookup, triple signs as opmask rows.
package org.ternsim.isa.lower;

import static org.ternsim.isa.Reg.k;
import static org.ternsim.isa.Reg.r64;
import static org.ternsim.isa.Reg.xmm;
import static org.ternsim.isa.Reg.ymm;
import static org.ternsim.isa.Reg.zmm;

import org.ternsim.isa.Memory;
import org.ternsim.isa.Operand.Imm;
import org.ternsim.isa.Operand.Label;
import org.ternsim.isa.Operand.Masked;
import org.ternsim.isa.Operand.Mem;
import org.ternsim.isa.Program;
import org.ternsim.isa.Reg;
import org.ternsim.isa.Region;
import org.ternsim.kernels.lut.LutShapes;
import org.ternsim.kernels.lut.LutTables;
import org.ternsim.kernels.lut.Tl2Weights;
import org.ternsim.kernels.quant.Int8Activations;

/**
 * Design (ours; bitnet.cpp has no AVX-512 TL2 kernel). AVX2's {@code vpshufb} looks up within 128-bit lanes, so each
 * 16-byte table plane must be broadcast to both lanes and one lookup serves 32 rows. VBMI's {@code vpermb} indexes all
 * 64 bytes of a zmm, so one lookup serves 64 rows, and the table is a memory operand read as it lies (a 64-byte read
 * starting at the plane; only its first 16 bytes are ever selected, since indices are 0..15):
 * <ul>
 *   <li>per 64-byte index column (one byte of each of 64 rows = triples 2j and 2j + 1): {@code vpsrlw 4} and two
 *       {@code vpandd 0x0F} give the two index vectors;</li>
 *   <li>per triple two {@code vpermb} (low-byte plane at T + 32 g, high-byte plane at T + 32 g + 16) and
 *       {@code vpunpcklbw}/{@code vpunpckhbw} rebuild the int16 entries: the lane-wise unpacks put rows 0-7, 16-23,
 *       32-39, 48-55 in the "low" vector and rows 8-15, 24-31, 40-47, 56-63 in the "high" one, so both carry real
 *       rows even when M is small (no re-ordering of the index column, and no work spent on padding rows in one
 *       half);</li>
 *   <li>the triple's signs are stored transposed, one bit per int16 lane ({@code kmovd} a mask for each vector),
 *       and {@code vpsubw x{k}, 0, x} negates the selected rows: two instructions where AVX2 needs four per 16 rows
 *       (shift, arithmetic shift, add, xor);</li>
 *   <li>two int16 accumulators per BK block (exact: at most 80 entries of at most 384), widened by
 *       {@code vpmovsxwd} into four int32 accumulators of rows r..r+7 and r+16..r+23, r = 0, 32, 8, 40.</li>
 * </ul>
 * The pair part (last TwoK activations) is the same without signs. Epilogue per 16 rows: {@code vcvtdq2ps},
 * {@code vdivps} by the LUT scale, {@code vmulps} by the weight scale (LutEpilogue's order), stored as two 8-row
 * halves.
 *
 * <p>Weight bytes per 64-row block (rows padded with zero codes): per 16 triples, 16 sign masks of 8 bytes (bit i of
 * the first little-endian uint32 = sign of the row in lane i of the low vector, the second uint32 likewise for the
 * high vector), then 8 index columns of 64 bytes in row order; then per 16 pairs 8 pair index columns. The tables are
 * the functional engine's {@link LutTables} in the AVX2 lowering's layout (per triple / pair 16 low bytes, 16 high
 * bytes); bitnet.cpp builds them in a separate pass that is not lowered here.
 *
 * <p>zmm registers are zeroed with VEX {@code vpxor xmm, xmm, xmm} (it clears the whole register), the idiom compilers
 * emit for {@code _mm512_setzero_si512}: every core recognises it as dependency-breaking, while LLVM 19's Znver4
 * model does not treat EVEX {@code vpxord zmm} as a zero idiom.
 */
public final class Tl2VbmiGemv {

    public static final int BM = 64;
    private static final int MASK_BYTES = 8;
    /** Bytes of the 16 sign masks of 16 triples. */
    private static final int CHUNK_SIGN_BYTES = 16 * MASK_BYTES;
    /** Weight bytes of 16 triples of a 64-row block: the sign masks and 8 index columns. */
    private static final int CHUNK_BYTES = CHUNK_SIGN_BYTES + 8 * BM;
    private static final java.lang.invoke.VarHandle LONGS =
        java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    /** First row of the int32 accumulators zmm0-3: each holds rows r..r+7 and r+16..r+23. */
    private static final int[] FIRST_ROW = {0, 32, 8, 40};

    private static final Reg W = r64(6);
    private static final Reg T = r64(7);
    private static final Reg Y = r64(2);
    private static final Reg BLOCKS = r64(8);
    private static final Reg OUTER = r64(1);
    private static final Reg INNER = r64(0);
    private static final Reg TMP = r64(9);
    private static final Reg ZERO = zmm(14);
    private static final Reg NIBBLE = zmm(15);

    private Tl2VbmiGemv() {
    }

    /** Bytes of one 64-row block's weights. */
    static long blockBytes(int cols, int bk) {
        int threeK = LutShapes.threeK(cols, bk);
        return (long) threeK / 48 * (16 * MASK_BYTES + 8 * BM) + (long) (cols - threeK) / 32 * 8 * BM;
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
        Program.Builder b = new Program.Builder("tl2/avx512 gemv " + rows + "x" + cols + " bk" + bk, "x86-64");
        b.region(new Region("weights", Tl2Avx2Gemv.WEIGHTS_BASE, (int) Math.max(1, weightBytes), Region.Role.INPUT));
        // 64-byte table reads from the last plane run 48 bytes past it.
        b.region(new Region("luts", Tl2Avx2Gemv.LUTS_BASE, 32 * (triples + pairs) + 64, Region.Role.INPUT));
        b.region(new Region("params", Tl2Avx2Gemv.PARAMS_BASE, 8, Region.Role.INPUT));
        b.region(new Region("output", Tl2Avx2Gemv.OUTPUT_BASE, paddedRows(rows) * 4, Region.Role.OUTPUT));

        b.emit("mov", TMP, new Imm(0x0F0F0F0F));
        b.emit("vpbroadcastd", NIBBLE, r32(TMP));
        b.emit("vpxor", xmm(14), xmm(14), xmm(14));
        b.emit("mov", TMP, new Imm(Tl2Avx2Gemv.PARAMS_BASE));
        b.emit("vbroadcastss", zmm(13), Mem.at(TMP, 0, 4));
        b.emit("vbroadcastss", zmm(12), Mem.at(TMP, 4, 4));
        b.emit("mov", W, new Imm(Tl2Avx2Gemv.WEIGHTS_BASE));
        b.emit("mov", Y, new Imm(Tl2Avx2Gemv.OUTPUT_BASE));
        b.emit("mov", BLOCKS, new Imm(blocks));
        b.label(".Lrows");
        for (int i = 0; i < 4; i++) {
            b.emit("vpxor", xmm(i), xmm(i), xmm(i));
        }
        b.emit("mov", T, new Imm(Tl2Avx2Gemv.LUTS_BASE));
        if (triples > 0) {
            b.emit("mov", OUTER, new Imm(threeK / bk));
            b.label(".Lthree");
            zeroInt16(b);
            b.emit("mov", INNER, new Imm(bk / 48));
            b.label(".Lsixteen");
            for (int j = 0; j < 8; j++) {
                emitColumn(b, 16 * MASK_BYTES + BM * j, j, true);
            }
            b.emit("add", W, new Imm(16 * MASK_BYTES + 8 * BM));
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
                emitColumn(b, BM * j, j, false);
            }
            b.emit("add", W, new Imm(8 * BM));
            b.emit("add", T, new Imm(16 * 32));
            widen(b);
            b.emit("dec", OUTER);
            b.emit("jne", new Label(".Ltwo"));
        }
        for (int i = 0; i < 4; i++) {
            b.emit("vcvtdq2ps", zmm(i), zmm(i));
            b.emit("vdivps", zmm(i), zmm(i), zmm(13));
            b.emit("vmulps", zmm(i), zmm(i), zmm(12));
            b.emit("vmovups", Mem.at(Y, 4L * FIRST_ROW[i], 32), ymm(i));
            b.emit("vextracti64x4", ymm(8), zmm(i), new Imm(1));
            b.emit("vmovups", Mem.at(Y, 4L * (FIRST_ROW[i] + 16), 32), ymm(8));
        }
        b.emit("add", Y, new Imm(4 * BM));
        b.emit("dec", BLOCKS);
        b.emit("jne", new Label(".Lrows"));
        return b.build();
    }

    private static Reg r32(Reg r64) {
        return Reg.r32(r64.index());
    }

    private static void zeroInt16(Program.Builder b) {
        b.emit("vpxor", xmm(4), xmm(4), xmm(4));
        b.emit("vpxor", xmm(5), xmm(5), xmm(5));
    }

    /** One index column at W + offset: triples 2j (high nibble) and 2j + 1 (low nibble), tables at T + 64 j. */
    private static void emitColumn(Program.Builder b, int offset, int j, boolean signed) {
        b.emit("vmovdqu8", zmm(8), Mem.at(W, offset, 64));
        b.emit("vpsrlw", zmm(9), zmm(8), new Imm(4));
        b.emit("vpandd", zmm(9), zmm(9), NIBBLE);
        b.emit("vpandd", zmm(8), zmm(8), NIBBLE);
        for (int g = 2 * j; g <= 2 * j + 1; g++) {
            Reg index = g == 2 * j ? zmm(9) : zmm(8);
            b.emit("vpermb", zmm(10), index, Mem.at(T, 32L * g, 64));
            b.emit("vpermb", zmm(11), index, Mem.at(T, 32L * g + 16, 64));
            b.emit("vpunpckhbw", zmm(16), zmm(10), zmm(11));
            b.emit("vpunpcklbw", zmm(10), zmm(10), zmm(11));
            if (signed) {
                b.emit("kmovd", k(1), Mem.at(W, (long) MASK_BYTES * g, 4));
                b.emit("kmovd", k(2), Mem.at(W, (long) MASK_BYTES * g + 4, 4));
                b.emit("vpsubw", new Masked(zmm(10), k(1), false), ZERO, zmm(10));
                b.emit("vpsubw", new Masked(zmm(16), k(2), false), ZERO, zmm(16));
            }
            b.emit("vpaddw", zmm(4), zmm(4), zmm(10));
            b.emit("vpaddw", zmm(5), zmm(5), zmm(16));
        }
    }

    /** int16 rows 0-31 (zmm4) and 32-63 (zmm5) sign-extended into the int32 accumulators zmm0-3 (16 rows each). */
    private static void widen(Program.Builder b) {
        for (int half = 0; half < 2; half++) {
            Reg acc16 = zmm(4 + half);
            b.emit("vpmovsxwd", zmm(8), ymm(4 + half));
            b.emit("vpaddd", zmm(2 * half), zmm(2 * half), zmm(8));
            b.emit("vextracti64x4", ymm(8), acc16, new Imm(1));
            b.emit("vpmovsxwd", zmm(8), ymm(8));
            b.emit("vpaddd", zmm(2 * half + 1), zmm(2 * half + 1), zmm(8));
        }
    }

    /**
     * ORs the sign masks of the block's {@code n} rows from {@code r0} into {@code masks} (16 per chunk, one per
     * triple t of the chunk): row q's sign of triple 16c + t, bit 15 - t of its little-endian sign word c, goes to bit
     * 32 (q / 8 % 2) + 8 (q / 16) + q % 8 of mask 16c + t, the lane of row q in the vector its kmovd masks (the low
     * vector holds rows 0-7, 16-23, 32-39 and 48-55). Eight rows fill one byte of each mask, so each sign byte of
     * eight rows is an 8 x 8 bit matrix, transposed at once rather than bit by bit.
     */
    private static void gatherSigns(long[] masks, byte[] signs, int signBytes, int r0, int n, int chunks) {
        for (int q0 = 0; q0 < n; q0 += 8) {
            int shift = 32 * (q0 / 8 % 2) + 8 * (q0 / 16);
            for (int c = 0; c < chunks; c++) {
                long low = 0;   // byte k: word bits 0-7 of row q0 + k, triples 15..8
                long high = 0;  // byte k: word bits 8-15, triples 7..0
                for (int k = 0; k < 8 && q0 + k < n; k++) {
                    int at = (r0 + q0 + k) * signBytes + 2 * c;
                    low |= (long) (signs[at] & 0xFF) << 8 * k;
                    high |= (long) (signs[at + 1] & 0xFF) << 8 * k;
                }
                low = transpose8(low);
                high = transpose8(high);
                for (int j = 0; j < 8; j++) {
                    masks[16 * c + 15 - j] |= (low >>> 8 * j & 0xFF) << shift;
                    masks[16 * c + 7 - j] |= (high >>> 8 * j & 0xFF) << shift;
                }
            }
        }
    }

    /** The 8 x 8 bit matrix with bit j of byte k moved to bit k of byte j (Hacker's Delight, transpose8). */
    static long transpose8(long x) {
        long t = (x ^ x >>> 7) & 0x00AA00AA00AA00AAL;
        x = x ^ t ^ t << 7;
        t = (x ^ x >>> 14) & 0x0000CCCC0000CCCCL;
        x = x ^ t ^ t << 14;
        t = (x ^ x >>> 28) & 0x00000000F0F0F0F0L;
        return x ^ t ^ t << 28;
    }

    /**
     * Writes weights (tiled layout above), tables and scales into the program's regions. The weights go block by block
     * and row by row, each row's bytes read in order and written 64 bytes apart into its block; a block's sign masks
     * are gathered in longs and stored once. Every weight byte is written (the masks were OR-ed into the region, so
     * they were right only on a zeroed one); the binder runs before every call, and its former per-byte lambdas and
     * per-bit stores were the top frame of a 2560x2560 call's profile.
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
        long[] masks = new long[16 * chunks];
        // the padding rows of the last block: index 0 (their mask bits stay 0 below)
        java.util.Arrays.fill(out, rows / BM * block, (int) expected, (byte) 0);
        for (int r0 = 0, base = 0; r0 < rows; r0 += BM, base += block) {
            java.util.Arrays.fill(masks, 0L);
            for (int q = 0; q < BM && r0 + q < rows; q++) {
                int row = r0 + q;
                int from = row * tripleBytes;
                for (int c = 0, to = base + CHUNK_SIGN_BYTES + q; c < chunks; c++, to += CHUNK_BYTES) {
                    for (int j = 0, at = to; j < 8; j++, at += BM) {
                        out[at] = indices[from++];
                    }
                }
                for (int j = 0, p = row * pairBytes, at = base + pairsAt + q; j < pairBytes; j++, at += BM) {
                    out[at] = pairIndices[p + j];
                }
            }
            gatherSigns(masks, signs, signBytes, r0, Math.min(BM, rows - r0), chunks);
            for (int c = 0; c < chunks; c++) {
                for (int t = 0; t < 16; t++) {
                    LONGS.set(out, base + c * CHUNK_BYTES + MASK_BYTES * t, masks[16 * c + t]);
                }
            }
        }
        Tl2Avx2Gemv.bindTables(memory, w, x);
    }
}
