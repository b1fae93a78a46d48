// Lowers the activation-sparse ternary GEMV to AVX-512 (BW, VBMI2, VNNI): compress the non-zero columns, then vpdpbusd 4 at a time.
package org.ternsim.isa.lower;

import static org.ternsim.isa.Reg.k;
import static org.ternsim.isa.Reg.r32;
import static org.ternsim.isa.Reg.r64;
import static org.ternsim.isa.Reg.xmm;
import static org.ternsim.isa.Reg.zmm;

import org.ternsim.isa.MachineState;
import org.ternsim.isa.Memory;
import org.ternsim.isa.Operand;
import org.ternsim.isa.Operand.Imm;
import org.ternsim.isa.Operand.Label;
import org.ternsim.isa.Operand.Mem;
import org.ternsim.isa.Program;
import org.ternsim.isa.Reg;
import org.ternsim.isa.Region;
import org.ternsim.kernels.quant.Int8Activations;
import org.ternsim.kernels.sparse.ColumnTernaryWeights;

/**
 * Design. The AVX2 program tests each activation with a scalar branch and, per non-zero column, spends 16 vector
 * ops per 32 rows (vpmovzxbd, per plane shift / and / vpmaddwd / vpaddd). On AVX-512 the skip moves out of the inner
 * loop and the multiply becomes {@code vpdpbusd}, which sums four u8 x s8 products per int32 lane: four columns at
 * once, about 2 vector ops per column and 32 rows.
 * <ol>
 *   <li>Compress (once per GEMV): per 16 activations, {@code vptestmb} gives the non-zero mask k1;
 *   {@code vpcompressb} packs the non-zero q bytes and {@code vpcompressd} the matching column byte offsets
 *   (k * P, a running vector) to the bottom of their registers; both are stored whole and the pointers advance by
 *   {@code popcnt(k1)} (the register forms: the memory form of vpcompress is microcoded on Zen 4). The last partial
 *   16 are read with a zero-masked load. Four zero q bytes and offsets (column 0) pad the lists to whole groups of 4;
 *   a zero q adds nothing.</li>
 *   <li>Per 64-byte row block of every column (256 rows, 16 zmm accumulators), per group of 4 non-zero columns:
 *   4 zmm loads at the listed offsets, a 4-way byte transpose with in-lane {@code vpunpck{l,h}bw} and
 *   {@code vpunpck{l,h}wd} (dword = the same byte of the 4 columns), per 2-bit plane {@code vpsrlw} + {@code vpandd}
 *   0x03 (u8 codes c = t + 1), and {@code vpdpbusd} with the group's 4 q bytes broadcast as a dword
 *   ({@code vpbroadcastd m32}). The int32 sums are sum c*q exactly, as the engine's.</li>
 *   <li>I2_S epilogue ((float) acc - (float) sum q) / s * w_scale, lane-wise, 16 outputs per accumulator.</li>
 * </ol>
 * Skipping granularity is the AVX2 program's: every zero column and only those are skipped; the work is
 * ceil(nnz / 4) groups per row block instead of nnz columns.
 *
 * <p>Layout: as ColumnTernaryWeights (byte p of a column holds rows p + i P in bits 6 - 2i) with P = ceil(M / 4)
 * rounded up to a multiple of 64, and, within each 64-byte block, logical byte 16 s + i stored at
 * 16 (i / 4) + 4 j + i % 4 with j = REGISTER_OF[s]: the in-lane unpacks of 4 columns then leave bytes
 * 16 s .. 16 s + 15 in order in transposed register j, so each accumulator covers 16 consecutive rows and is stored
 * with one {@code vmovups}.
 * Rows past M get code 1 (trit 0) and their outputs are dropped. Columns stay column-major: a pass reads one whole
 * 64-byte line per listed column and never touches a skipped column's line. (A panel layout, block b of column k at
 * (b K + k) 64, was tried: zen5-2c 2560 x 6912 took 768,443 cycles against 585,401, the stream prefetchers then also
 * fetching the skipped columns' lines; SparseNeonGemv, whose pass uses 16 bytes of a line, does use panels.)
 *
 * <p>Registers: zmm0-15 accumulators (4 j + plane), zmm16-19 loads / transposed, zmm20-23 unpack halves, zmm24 plane
 * codes, zmm25 q dword, zmm26 0x03 bytes, zmm27 the weight scale. The compress stage runs before any accumulator
 * is live and uses zmm0-5 (VEX loads and stores where the register allows), k1 and k2.
 */
public final class SparseAvx512Gemv {

    public static final int BLOCK_BYTES = 64;
    public static final long WEIGHTS_BASE = SparseAvx2Gemv.WEIGHTS_BASE;
    public static final long ACTIVATIONS_BASE = SparseAvx2Gemv.ACTIVATIONS_BASE;
    public static final long CONSTS_BASE = SparseAvx2Gemv.CONSTS_BASE;
    public static final long OUTPUT_BASE = SparseAvx2Gemv.OUTPUT_BASE;
    public static final long NZ_Q_BASE = 0x5_0000_0000L;
    public static final long NZ_OFFSETS_BASE = 0x6_0000_0000L;
    /** Constants: 16 dword column offsets 0, P, .., 15 P, then (float) sum q, activation scale, weight scale. */
    private static final int CONST_SUM_Q = 64;
    private static final int CONST_ACT_SCALE = 68;
    private static final int CONST_W_SCALE = 72;

    private static final Reg W = r64(6);       // rsi: this row block in column 0
    private static final Reg X = r64(7);       // rdi: activations
    private static final Reg Y = r64(2);       // rdx: outputs of this row block (plane 0)
    private static final Reg BLOCKS = r64(8);  // r8: row blocks left
    private static final Reg COLS = r64(1);    // rcx: groups of 16 activations left
    private static final Reg C = r64(9);       // r9: constants
    private static final Reg QP = r64(10);     // r10: compressed q bytes
    private static final Reg OP = r64(11);     // r11: compressed column offsets
    private static final Reg QEND = r64(12);   // r12: end of the compressed q bytes
    private static final Reg[] COL = {r64(0), r64(3), r64(13), r64(14)}; // rax, rbx, r13, r14: a group's offsets

    private SparseAvx512Gemv() {
    }

    /** Code bytes per column in this program's layout: ceil(M / 4) rounded up to a multiple of 64. */
    public static int planeBytes(int rows) {
        return (ColumnTernaryWeights.planeBytes(rows) + BLOCK_BYTES - 1) / BLOCK_BYTES * BLOCK_BYTES;
    }

    public static void checkShape(int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("sparse GEMV needs M, K >= 1, got " + rows + "x" + cols);
        }
        if ((long) cols * planeBytes(rows) > Integer.MAX_VALUE || (long) cols * 4 + 64 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(rows + "x" + cols + " is too large to execute functionally");
        }
    }

    public static Program lower(int rows, int cols) {
        checkShape(rows, cols);
        int p = planeBytes(rows);
        Program.Builder b = new Program.Builder("i2_s-sparse/avx512 gemv " + rows + "x" + cols, "x86-64");
        b.region(new Region("weights", WEIGHTS_BASE, cols * p, Region.Role.INPUT));
        b.region(new Region("activations", ACTIVATIONS_BASE, cols, Region.Role.INPUT));
        b.region(new Region("consts", CONSTS_BASE, 80, Region.Role.CONSTANT));
        b.region(new Region("output", OUTPUT_BASE, 16 * p, Region.Role.OUTPUT));
        // Scratch written by the compress stage: the whole-register stores run up to 16 q / 16 offsets past the end.
        b.region(new Region("nz-q", NZ_Q_BASE, cols + 16, Region.Role.OUTPUT));
        b.region(new Region("nz-offsets", NZ_OFFSETS_BASE, 4 * cols + 64, Region.Role.OUTPUT));
        emitCompress(b, cols, p);
        emitRowBlocks(b, p);
        return b.build();
    }

    private static void emitCompress(Program.Builder b, int cols, int p) {
        Reg count = r64(0);
        b.emit("mov", C, new Imm(CONSTS_BASE));
        b.emit("mov", X, new Imm(ACTIVATIONS_BASE));
        b.emit("mov", QP, new Imm(NZ_Q_BASE));
        b.emit("mov", OP, new Imm(NZ_OFFSETS_BASE));
        b.emit("vmovdqu64", zmm(4), Mem.at(C, 0, 64));
        b.emit("mov", r32(0), new Imm(16L * p));
        b.emit("vpbroadcastd", zmm(5), r32(0));
        int full = cols / 16;
        int rest = cols % 16;
        if (full > 0) {
            b.emit("mov", COLS, new Imm(full));
            b.label(".Lscan");
            b.emit("vmovdqu", xmm(1), Mem.at(X, 0, 16));
            emitCompressStep(b, count, true);
            b.emit("add", X, new Imm(16));
            b.emit("dec", COLS);
            b.emit("jne", new Label(".Lscan"));
        }
        if (rest > 0) {
            // Masked-off activations past K are not read (fault suppression) and load as zero: never selected.
            b.emit("mov", r32(0), new Imm((1 << rest) - 1));
            b.emit("kmovw", k(2), r32(0));
            b.emit("vmovdqu8", new Operand.Masked(xmm(1), k(2), true), Mem.at(X, 0, 16));
            emitCompressStep(b, count, false);
        }
        // Pad to a whole group: q = 0 (adds nothing) at offset 0 (column 0, always readable).
        b.emit("vpxor", xmm(0), xmm(0), xmm(0));
        b.emit("vmovdqu", Mem.at(QP, 0, 16), xmm(0));
        b.emit("vmovdqu", Mem.at(OP, 0, 16), xmm(0));
        // End of the list rounded up to whole groups (the list starts 64-byte aligned), so that the group loop can
        // test for equality (ZF) rather than an unsigned bound.
        b.emit("lea", QEND, new Mem(QP, null, 1, 3, 8));
        b.emit("and", QEND, new Imm(-4));
    }

    /** Compress the 16 activations in xmm1 and their offsets in zmm4; {@code advance}: step the offsets by 16 P. */
    private static void emitCompressStep(Program.Builder b, Reg count, boolean advance) {
        b.emit("vptestmb", k(1), xmm(1), xmm(1));
        b.emit("vpcompressb", new Operand.Masked(xmm(2), k(1), true), xmm(1));
        b.emit("vpcompressd", new Operand.Masked(zmm(3), k(1), true), zmm(4));
        b.emit("vmovdqu", Mem.at(QP, 0, 16), xmm(2));
        b.emit("vmovdqu64", Mem.at(OP, 0, 64), zmm(3));
        b.emit("kmovw", r32(0), k(1));
        b.emit("popcnt", r32(0), r32(0));
        b.emit("add", QP, count);
        b.emit("lea", OP, new Mem(OP, count, 4, 0, 8));
        if (advance) {
            b.emit("vpaddd", zmm(4), zmm(4), zmm(5));
        }
    }

    private static void emitRowBlocks(Program.Builder b, int p) {
        b.emit("mov", r32(0), new Imm(0x03030303));
        b.emit("vpbroadcastd", zmm(26), r32(0));
        b.emit("mov", W, new Imm(WEIGHTS_BASE));
        b.emit("mov", Y, new Imm(OUTPUT_BASE));
        b.emit("mov", BLOCKS, new Imm(p / BLOCK_BYTES));
        b.label(".Lblock");
        for (int a = 0; a < 16; a++) {
            b.emit("vpxord", zmm(a), zmm(a), zmm(a));
        }
        b.emit("mov", QP, new Imm(NZ_Q_BASE));
        b.emit("mov", OP, new Imm(NZ_OFFSETS_BASE));
        b.emit("cmp", QP, QEND);
        b.emit("je", new Label(".Lepilogue"));
        b.label(".Lgroup");
        for (int c = 0; c < 4; c++) {
            b.emit("mov", r32(COL[c].index()), Mem.at(OP, 4L * c, 4));
        }
        for (int c = 0; c < 4; c++) {
            b.emit("vmovdqu8", zmm(16 + c), new Mem(W, COL[c], 1, 0, 64));
        }
        b.emit("vpbroadcastd", zmm(25), Mem.at(QP, 0, 4));
        // 4-way byte transpose within each 128-bit lane: dword i of zmm16+j = byte (i/4)*16 + 4j + i%4 of columns 0-3.
        b.emit("vpunpcklbw", zmm(20), zmm(16), zmm(17));
        b.emit("vpunpckhbw", zmm(21), zmm(16), zmm(17));
        b.emit("vpunpcklbw", zmm(22), zmm(18), zmm(19));
        b.emit("vpunpckhbw", zmm(23), zmm(18), zmm(19));
        b.emit("vpunpcklwd", zmm(16), zmm(20), zmm(22));
        b.emit("vpunpckhwd", zmm(17), zmm(20), zmm(22));
        b.emit("vpunpcklwd", zmm(18), zmm(21), zmm(23));
        b.emit("vpunpckhwd", zmm(19), zmm(21), zmm(23));
        for (int j = 0; j < 4; j++) {
            for (int plane = 0; plane < 4; plane++) {
                if (plane < 3) {
                    b.emit("vpsrlw", zmm(24), zmm(16 + j), new Imm(6 - 2 * plane));
                    b.emit("vpandd", zmm(24), zmm(24), zmm(26));
                } else {
                    b.emit("vpandd", zmm(24), zmm(16 + j), zmm(26));
                }
                b.emit("vpdpbusd", zmm(4 * j + plane), zmm(24), zmm(25));
            }
        }
        b.emit("add", QP, new Imm(4));
        b.emit("add", OP, new Imm(16));
        b.emit("cmp", QP, QEND);
        b.emit("jne", new Label(".Lgroup"));
        b.label(".Lepilogue");
        b.emit("vbroadcastss", zmm(24), Mem.at(C, CONST_SUM_Q, 4));
        b.emit("vbroadcastss", zmm(25), Mem.at(C, CONST_ACT_SCALE, 4));
        b.emit("vbroadcastss", zmm(27), Mem.at(C, CONST_W_SCALE, 4));
        for (int j = 0; j < 4; j++) {
            for (int plane = 0; plane < 4; plane++) {
                Reg acc = zmm(4 * j + plane);
                b.emit("vcvtdq2ps", acc, acc);
                b.emit("vsubps", acc, acc, zmm(24));
                b.emit("vdivps", acc, acc, zmm(25));
                b.emit("vmulps", acc, acc, zmm(27));
                b.emit("vmovups", Mem.at(Y, 4L * (plane * p + 16 * QUARTER_OF[j]), 64), acc);
            }
        }
        b.emit("add", W, new Imm(BLOCK_BYTES));
        b.emit("add", Y, new Imm(4L * BLOCK_BYTES));
        b.emit("dec", BLOCKS);
        b.emit("jne", new Label(".Lblock"));
    }

    /**
     * Transposed register j (from vpunpck{l,h}wd of the {l,h}bw halves: j = 0 lo/lo, 1 hi/lo, 2 lo/hi, 3 hi/hi of
     * the byte/word unpacks) holding each 16-row quarter of a 64-byte block. Rows 0-15 come through the high byte
     * unpack and the low word unpack, rows 16-31 through the low byte and high word unpack: a matrix of only 17 rows
     * already depends on all four unpack instructions (X86FaultsTest corrupts each one at 17 rows).
     */
    static final int[] REGISTER_OF = {2, 1, 0, 3};
    private static final int[] QUARTER_OF = new int[4];

    static {
        for (int q = 0; q < 4; q++) {
            QUARTER_OF[REGISTER_OF[q]] = q;
        }
    }

    /** The physical position, within its 64-byte block, of logical byte {@code logical} (see the class comment). */
    static int physical(int logical) {
        int j = REGISTER_OF[logical / 16];
        int i = logical % 16;
        return 16 * (i / 4) + 4 * j + i % 4;
    }

    /** Re-packs the codes in this program's layout and writes activations and constants. */
    public static void bind(Memory memory, ColumnTernaryWeights w, Int8Activations x) {
        int p = planeBytes(w.rows());
        byte[] out = memory.bytes("weights");
        for (int col = 0; col < w.cols(); col++) {
            for (int logical = 0; logical < p; logical++) {
                int packed = SparseAvx2Gemv.packedByte(w, p, col, logical);
                int block = logical / BLOCK_BYTES * BLOCK_BYTES;
                out[col * p + block + physical(logical % BLOCK_BYTES)] = (byte) packed;
            }
        }
        System.arraycopy(x.codes(), 0, memory.bytes("activations"), 0, x.codes().length);
        byte[] c = memory.bytes("consts");
        for (int i = 0; i < 16; i++) {
            MachineState.putInt(c, i, i * p);
        }
        MachineState.putInt(c, CONST_SUM_Q / 4, Float.floatToRawIntBits((float) x.sum()));
        MachineState.putInt(c, CONST_ACT_SCALE / 4, Float.floatToRawIntBits(x.scale()));
        MachineState.putInt(c, CONST_W_SCALE / 4, Float.floatToRawIntBits(w.scale()));
    }

    /** Outputs are numbered as the engine numbers rows (plane * P + byte); those past M are dropped. */
    public static float[] readOutput(Memory memory, int rows) {
        return SparseAvx2Gemv.readOutput(memory, rows);
    }

    /** The binding of this layout for SparseOperands. */
    public static final SparseOperands.Binding BINDING = new SparseOperands.Binding() {
        @Override
        public void bind(Memory memory, ColumnTernaryWeights w, Int8Activations x) {
            SparseAvx512Gemv.bind(memory, w, x);
        }

        @Override
        public float[] readOutput(Memory memory, int rows) {
            return SparseAvx512Gemv.readOutput(memory, rows);
        }
    };
}
