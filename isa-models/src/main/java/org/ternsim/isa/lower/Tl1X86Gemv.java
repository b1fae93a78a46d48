// Lowers the TL1 GEMV to x86: vpshufb lookups of split int16 pair tables, 32 rows per ymm (AVX2) or 64 per zmm (AVX-512).
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
import org.ternsim.kernels.lut.LutShapes;
import org.ternsim.kernels.lut.Tl1Weights;
import org.ternsim.kernels.quant.Int8Activations;

/**
 * bitnet.cpp ships TL1 for Arm only; this is its kernel (kernels.md §3.3) with the x86 idioms of its TL2 pair part
 * (§4.3, {@link Tl2Avx2Gemv}): one index column holds one byte per row (pair 2j in the high nibble, 2j + 1 in the
 * low one) of a block of 32 rows (ymm) or 64 rows (zmm); {@code vpsrlw 4} and {@code vpand 0x0F} split it; per pair
 * the 16 low bytes and the 16 high bytes of its int16 table go to every 128-bit lane ({@code vbroadcasti128} /
 * {@code vbroadcasti32x4}), two {@code vpshufb} look both planes up, {@code vpunpcklbw}/{@code vpunpckhbw} rebuild
 * the int16 entries and two {@code vpaddw} sum them into the int16 accumulators of the first and the second half of
 * the rows. The unpacks work inside 128-bit lanes, so the binder stores 8-row groups in the order 0, 2, 1, 3 (ymm:
 * bitnet.cpp's trick) or 0, 4, 1, 5, 2, 6, 3, 7 (zmm) and the unpacked halves come out in row order. After each
 * block of BK activations (and a last partial block) the int16 sums are sign-extended ({@code vpmovsxwd}) into int32
 * accumulators, as the engine's per-block int16 wrap requires; the epilogue (float) acc / lut_scale * w_scale runs
 * on 8 or 16 rows per register. A last block of rows is padded with pad-index rows whose outputs are not read back.
 *
 * <p>Not lowered: building the tables from the activations ({@code lut_ctor}, O(K) once per GEMV); the binder writes
 * the engine's tables (Tl1NeonGemv#bindTables layout: per pair 16 low then 16 high bytes).
 */
public final class Tl1X86Gemv {

    public static final long WEIGHTS_BASE = 0x1_0000_0000L;
    public static final long TABLES_BASE = 0x2_0000_0000L;
    public static final long PARAMS_BASE = 0x3_0000_0000L;
    public static final long CONSTS_BASE = 0x3_0001_0000L;
    public static final long OUTPUT_BASE = 0x4_0000_0000L;

    private static final Reg W = r64(6);
    private static final Reg T = r64(7);
    private static final Reg Y = r64(2);
    private static final Reg BLOCKS = r64(8);
    private static final Reg OUTER = r64(1);
    private static final Reg INNER = r64(0);
    private static final Reg TMP = r64(9);

    private Tl1X86Gemv() {
    }

    /** Rows per block: 32 (one ymm of index bytes) or 64 (one zmm). */
    static void checkRowsPerBlock(int rowsPerBlock) {
        if (rowsPerBlock != 32 && rowsPerBlock != 64) {
            throw new IllegalArgumentException("TL1 x86 blocks are 32 (ymm) or 64 (zmm) rows, got " + rowsPerBlock);
        }
    }

    public static void checkShape(int rows, int cols, int bk) {
        Tl1NeonGemv.checkShape(rows, cols, bk);
    }

    static int paddedRows(int rows, int rowsPerBlock) {
        return (rows + rowsPerBlock - 1) / rowsPerBlock * rowsPerBlock;
    }

    /** Which 8-row group of the block is stored at 8-byte position p of a column (lane-wise unpacks undo it). */
    static int groupAt(int position, int rowsPerBlock) {
        int lanes = rowsPerBlock / 16;
        return position % 2 == 0 ? position / 2 : lanes + position / 2;
    }

    public static Program lower(int rows, int cols, int bk, int rowsPerBlock) {
        checkShape(rows, cols, bk);
        checkRowsPerBlock(rowsPerBlock);
        boolean z = rowsPerBlock == 64;
        int rowBytes = (cols / 2 + 1) / 2;
        int blockBytes = bk / 4;
        int fullBlocks = rowBytes / blockBytes;
        int tailBytes = rowBytes % blockBytes;
        int blocks = paddedRows(rows, rowsPerBlock) / rowsPerBlock;
        long weightBytes = (long) paddedRows(rows, rowsPerBlock) * rowBytes;
        if (weightBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(rows + "x" + cols + " is too large to execute functionally");
        }
        String isa = z ? "avx512" : "avx2";
        Program.Builder b = new Program.Builder("tl1/" + isa + " gemv " + rows + "x" + cols + " bk" + bk, "x86-64");
        b.region(new Region("weights", WEIGHTS_BASE, (int) weightBytes, Region.Role.INPUT));
        b.region(new Region("tables", TABLES_BASE, 64 * rowBytes, Region.Role.INPUT));
        b.region(new Region("params", PARAMS_BASE, 16, Region.Role.INPUT));
        b.region(new Region("consts", CONSTS_BASE, rowsPerBlock, Region.Role.CONSTANT));
        b.region(new Region("output", OUTPUT_BASE, paddedRows(rows, rowsPerBlock) * 4, Region.Role.OUTPUT));

        b.emit("mov", TMP, new Imm(CONSTS_BASE));
        b.emit(z ? "vmovdqu64" : "vmovdqu", vec(z, 15), Mem.at(TMP, 0, rowsPerBlock));
        b.emit("mov", TMP, new Imm(PARAMS_BASE));
        b.emit("vbroadcastss", vec(z, 13), Mem.at(TMP, 0, 4));
        b.emit("vbroadcastss", vec(z, 14), Mem.at(TMP, 4, 4));
        b.emit("mov", W, new Imm(WEIGHTS_BASE));
        b.emit("mov", Y, new Imm(OUTPUT_BASE));
        b.emit("mov", BLOCKS, new Imm(blocks));
        b.label(".Lrows");
        for (int i = 0; i < 4; i++) {
            zero(b, z, i);
        }
        b.emit("mov", T, new Imm(TABLES_BASE));
        if (fullBlocks > 0) {
            b.emit("mov", OUTER, new Imm(fullBlocks));
            b.label(".Lbk");
            emitBlock(b, z, rowsPerBlock, blockBytes, ".Lcolumn");
            b.emit("dec", OUTER);
            b.emit("jne", new Label(".Lbk"));
        }
        if (tailBytes > 0) {
            emitBlock(b, z, rowsPerBlock, tailBytes, ".Ltail");
        }
        for (int i = 0; i < 4; i++) {
            b.emit("vcvtdq2ps", vec(z, i), vec(z, i));
            b.emit("vdivps", vec(z, i), vec(z, i), vec(z, 13));
            b.emit("vmulps", vec(z, i), vec(z, i), vec(z, 14));
            b.emit(z ? "vmovdqu64" : "vmovups", Mem.at(Y, (long) rowsPerBlock * i, rowsPerBlock), vec(z, i));
        }
        b.emit("add", Y, new Imm(4L * rowsPerBlock));
        b.emit("dec", BLOCKS);
        b.emit("jne", new Label(".Lrows"));
        return b.build();
    }

    private static Reg vec(boolean z, int i) {
        return z ? zmm(i) : ymm(i);
    }

    /** A zero register: VEX vpxor on the xmm view clears the whole ymm/zmm (the idiom Tl2VbmiGemv uses for zmm). */
    private static void zero(Program.Builder b, boolean z, int i) {
        Reg r = z ? xmm(i) : ymm(i);
        b.emit("vpxor", r, r, r);
    }

    /** One int16 block of {@code columns} index columns, one per iteration, then widened into the int32 sums. */
    private static void emitBlock(Program.Builder b, boolean z, int rowsPerBlock, int columns, String loop) {
        zero(b, z, 4);
        zero(b, z, 5);
        b.emit("mov", INNER, new Imm(columns));
        b.label(loop);
        b.emit(z ? "vmovdqu64" : "vmovdqu", vec(z, 8), Mem.at(W, 0, rowsPerBlock));
        b.emit("vpsrlw", vec(z, 9), vec(z, 8), new Imm(4));
        b.emit(z ? "vpandd" : "vpand", vec(z, 9), vec(z, 9), vec(z, 15));
        b.emit(z ? "vpandd" : "vpand", vec(z, 8), vec(z, 8), vec(z, 15));
        for (int pair = 0; pair < 2; pair++) {
            Reg index = vec(z, pair == 0 ? 9 : 8);
            String broadcast = z ? "vbroadcasti32x4" : "vbroadcasti128";
            b.emit(broadcast, vec(z, 10), Mem.at(T, 32L * pair, 16));
            b.emit(broadcast, vec(z, 11), Mem.at(T, 32L * pair + 16, 16));
            b.emit("vpshufb", vec(z, 10), vec(z, 10), index);
            b.emit("vpshufb", vec(z, 11), vec(z, 11), index);
            b.emit("vpunpckhbw", vec(z, 12), vec(z, 10), vec(z, 11));
            b.emit("vpunpcklbw", vec(z, 10), vec(z, 10), vec(z, 11));
            b.emit("vpaddw", vec(z, 4), vec(z, 4), vec(z, 10));
            b.emit("vpaddw", vec(z, 5), vec(z, 5), vec(z, 12));
        }
        b.emit("add", W, new Imm(rowsPerBlock));
        b.emit("add", T, new Imm(64));
        b.emit("dec", INNER);
        b.emit("jne", new Label(loop));
        for (int half = 0; half < 2; half++) {
            Reg acc16 = vec(z, 4 + half);
            if (z) {
                b.emit("vpmovsxwd", zmm(8), ymm(4 + half));
                b.emit("vpaddd", zmm(2 * half), zmm(2 * half), zmm(8));
                b.emit("vextracti64x4", ymm(8), acc16, new Imm(1));
                b.emit("vpmovsxwd", zmm(8), ymm(8));
            } else {
                b.emit("vpmovsxwd", ymm(8), xmm(4 + half));
                b.emit("vpaddd", ymm(2 * half), ymm(2 * half), ymm(8));
                b.emit("vextracti128", xmm(8), acc16, new Imm(1));
                b.emit("vpmovsxwd", ymm(8), xmm(8));
            }
            b.emit("vpaddd", vec(z, 2 * half + 1), vec(z, 2 * half + 1), vec(z, 8));
        }
    }

    /** Index bytes per block of rows, column after column, 8-row groups in lane order; the tables and scales. */
    public static void bind(Memory memory, Tl1Weights w, Int8Activations x, int rowsPerBlock) {
        int rowBytes = w.rowBytes();
        byte[] out = memory.bytes("weights");
        if (out.length != (long) paddedRows(w.rows(), rowsPerBlock) * rowBytes) {
            throw new IllegalArgumentException("data shape does not match the program's regions");
        }
        Arrays.fill(out, (byte) (Tl1Weights.PAD_INDEX << 4 | Tl1Weights.PAD_INDEX));
        // Byte j of row r0 + rowAt[p] goes to position p of column j of its block. Row by row, so that the source is
        // read in order (the binding is timed with every simulated call; column by column it gathered across rows).
        int[] rowAt = new int[rowsPerBlock];
        for (int p = 0; p < rowsPerBlock; p++) {
            rowAt[p] = 8 * groupAt(p / 8, rowsPerBlock) + p % 8;
        }
        byte[] indices = w.indices();
        for (int r0 = 0; r0 < w.rows(); r0 += rowsPerBlock) {
            int block = r0 * rowBytes; // the block's first byte: rowsPerBlock bytes per column
            for (int p = 0; p < rowsPerBlock; p++) {
                int row = r0 + rowAt[p];
                if (row >= w.rows()) {
                    continue;
                }
                for (int j = 0, from = row * rowBytes, to = block + p; j < rowBytes; j++, to += rowsPerBlock) {
                    out[to] = indices[from + j];
                }
            }
        }
        Tl1NeonGemv.bindTables(memory, w, x);
        Arrays.fill(memory.bytes("consts"), (byte) 0x0F);
    }

    public static float[] readOutput(Memory memory, int rows) {
        return Arrays.copyOf(I2sAvx2Gemv.readOutput(memory), rows);
    }

    /** The layout of this program for Tl1Operands. */
    static Tl1Operands.Layout layout(int rowsPerBlock) {
        return new Tl1Operands.Layout() {
            @Override
            public void bind(Memory memory, Tl1Weights weights, Int8Activations activations) {
                Tl1X86Gemv.bind(memory, weights, activations, rowsPerBlock);
            }

            @Override
            public float[] readOutput(Memory memory, int rows) {
                return Tl1X86Gemv.readOutput(memory, rows);
            }
        };
    }
}
