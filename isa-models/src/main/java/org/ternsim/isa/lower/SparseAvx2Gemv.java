// Lowers the activation-sparse ternary GEMV (column-major codes, zero activations skipped) to an AVX2 program.
package org.ternsim.isa.lower;

import static org.ternsim.isa.Reg.r32;
import static org.ternsim.isa.Reg.r64;
import static org.ternsim.isa.Reg.xmm;
import static org.ternsim.isa.Reg.ymm;

import java.util.Arrays;
import org.ternsim.isa.MachineState;
import org.ternsim.isa.Memory;
import org.ternsim.isa.Operand.Imm;
import org.ternsim.isa.Operand.Label;
import org.ternsim.isa.Operand.Mem;
import org.ternsim.isa.Program;
import org.ternsim.isa.Reg;
import org.ternsim.isa.Region;
import org.ternsim.kernels.quant.Int8Activations;
import org.ternsim.kernels.sparse.ColumnTernaryWeights;

/**
 * SparseGemv's loop order: for each column k whose int8 activation q_k is non-zero ({@code movsx} + {@code cmp} +
 * {@code je} skip the rest), acc[m] += c[m][k] * q_k for every row, in int32 (exact, as the engine). Rows are taken in
 * chunks of {@code chunkBytes} code bytes per column; a chunk's 4 x chunkBytes rows (4 planes of the column layout)
 * live in int32 ymm accumulators for the whole column loop. Per 8 code bytes: {@code vpmovzxbd} (8 bytes to 8 dwords),
 * per plane {@code vpsrld} by 6 - 2 plane and {@code vpand} 3 give the codes c, {@code vpmaddwd} with the broadcast q
 * (low word q, high word times c's zero high word) gives c * q exactly, {@code vpaddd} accumulates. After the columns
 * the I2_S epilogue ((float) acc - (float) sum q) / s * w_scale runs lane-wise ({@code vcvtdq2ps}, {@code vsubps},
 * {@code vdivps}, {@code vmulps}: the engine's operations in its order) and 8 outputs per accumulator are stored.
 *
 * <p>Layout: the engine's ColumnTernaryWeights puts row p + i P (P = ceil(M / 4)) in byte p, plane i; the binder
 * re-packs with P rounded up to a multiple of 8 (rows past M get code 1, trit 0), so every 8-byte load stays within
 * one column and every plane's rows are whole 8-row runs; outputs past M are dropped.
 */
public final class SparseAvx2Gemv {

    public static final int MAX_CHUNK_BYTES = 24;
    public static final long WEIGHTS_BASE = 0x1_0000_0000L;
    public static final long ACTIVATIONS_BASE = 0x2_0000_0000L;
    public static final long CONSTS_BASE = 0x3_0001_0000L;
    public static final long OUTPUT_BASE = 0x4_0000_0000L;
    /** Constants: 8 dwords of 3, then (float) sum q, activation scale, weight scale. */
    private static final int CONST_THREE = 0;
    private static final int CONST_SUM_Q = 32;
    private static final int CONST_ACT_SCALE = 36;
    private static final int CONST_W_SCALE = 40;

    private static final Reg W = r64(6);       // rsi: current column of this chunk
    private static final Reg X = r64(7);       // rdi: activation pointer
    private static final Reg Y = r64(2);       // rdx: outputs of this chunk (plane 0)
    private static final Reg CHUNK = r64(10);  // r10: first code byte of this chunk, relative to a column
    private static final Reg CHUNKS = r64(8);  // r8: chunks left
    private static final Reg COLS = r64(1);    // rcx: columns left
    private static final Reg Q = r32(0);       // eax: q_k
    private static final Reg C = r64(9);       // r9: constants

    private SparseAvx2Gemv() {
    }

    /** Code bytes per column in this program's layout: ceil(M / 4) rounded up to a multiple of 8. */
    public static int planeBytes(int rows) {
        return (ColumnTernaryWeights.planeBytes(rows) + 7) / 8 * 8;
    }

    public static void checkShape(int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("sparse GEMV needs M, K >= 1, got " + rows + "x" + cols);
        }
        if ((long) cols * planeBytes(rows) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(rows + "x" + cols + " is too large to execute functionally");
        }
    }

    public static Program lower(int rows, int cols, int chunkBytes) {
        checkShape(rows, cols);
        if (chunkBytes < 8 || chunkBytes > MAX_CHUNK_BYTES || chunkBytes % 8 != 0) {
            throw new IllegalArgumentException("chunkBytes must be 8, 16 or 24 (12 ymm accumulators at 24), got "
                + chunkBytes);
        }
        int p = planeBytes(rows);
        Program.Builder b = new Program.Builder("i2_s-sparse/avx2 gemv " + rows + "x" + cols + " chunk" + chunkBytes,
            "x86-64");
        b.region(new Region("weights", WEIGHTS_BASE, cols * p, Region.Role.INPUT));
        b.region(new Region("activations", ACTIVATIONS_BASE, cols, Region.Role.INPUT));
        b.region(new Region("consts", CONSTS_BASE, 48, Region.Role.CONSTANT));
        b.region(new Region("output", OUTPUT_BASE, 16 * p, Region.Role.OUTPUT));
        b.emit("mov", C, new Imm(CONSTS_BASE));
        b.emit("mov", Y, new Imm(OUTPUT_BASE));
        b.emit("xor", r32(10), r32(10));
        int full = p / chunkBytes;
        int rest = p % chunkBytes;
        if (full > 0) {
            emitChunks(b, full, chunkBytes, cols, p, "");
        }
        if (rest > 0) {
            emitChunks(b, 1, rest, cols, p, "r");
        }
        return b.build();
    }

    /** {@code chunks} chunks of {@code bytes} code bytes each (4 x bytes rows); {@code tag} keeps labels apart. */
    private static void emitChunks(Program.Builder b, int chunks, int bytes, int cols, int p, String tag) {
        int groups = bytes / 8;
        b.emit("mov", CHUNKS, new Imm(chunks));
        b.label(".Lchunk" + tag);
        for (int a = 0; a < 4 * groups; a++) {
            b.emit("vpxor", ymm(a), ymm(a), ymm(a));
        }
        b.emit("vmovdqu", ymm(13), Mem.at(C, CONST_THREE, 32));
        b.emit("mov", W, new Imm(WEIGHTS_BASE));
        b.emit("add", W, CHUNK);
        b.emit("mov", X, new Imm(ACTIVATIONS_BASE));
        b.emit("mov", COLS, new Imm(cols));
        b.label(".Lcol" + tag);
        b.emit("movsx", Q, Mem.at(X, 0, 1));
        b.emit("cmp", Q, new Imm(0));
        b.emit("je", new Label(".Lskip" + tag));
        b.emit("vmovd", xmm(12), Q);
        b.emit("vpbroadcastd", ymm(12), xmm(12));
        for (int g = 0; g < groups; g++) {
            b.emit("vpmovzxbd", ymm(14), Mem.at(W, 8L * g, 8));
            for (int plane = 0; plane < 4; plane++) {
                if (plane < 3) {
                    b.emit("vpsrld", ymm(15), ymm(14), new Imm(6 - 2 * plane));
                    b.emit("vpand", ymm(15), ymm(15), ymm(13));
                } else {
                    b.emit("vpand", ymm(15), ymm(14), ymm(13));
                }
                b.emit("vpmaddwd", ymm(15), ymm(15), ymm(12));
                b.emit("vpaddd", ymm(4 * g + plane), ymm(4 * g + plane), ymm(15));
            }
        }
        b.label(".Lskip" + tag);
        b.emit("add", W, new Imm(p));
        b.emit("add", X, new Imm(1));
        b.emit("dec", COLS);
        b.emit("jne", new Label(".Lcol" + tag));
        b.emit("vbroadcastss", ymm(12), Mem.at(C, CONST_SUM_Q, 4));
        b.emit("vbroadcastss", ymm(13), Mem.at(C, CONST_ACT_SCALE, 4));
        b.emit("vbroadcastss", ymm(14), Mem.at(C, CONST_W_SCALE, 4));
        for (int g = 0; g < groups; g++) {
            for (int plane = 0; plane < 4; plane++) {
                Reg acc = ymm(4 * g + plane);
                b.emit("vcvtdq2ps", acc, acc);
                b.emit("vsubps", acc, acc, ymm(12));
                b.emit("vdivps", acc, acc, ymm(13));
                b.emit("vmulps", acc, acc, ymm(14));
                b.emit("vmovups", Mem.at(Y, 4L * (plane * p + 8 * g), 32), acc);
            }
        }
        b.emit("add", Y, new Imm(4L * bytes));
        b.emit("add", CHUNK, new Imm(bytes));
        b.emit("dec", CHUNKS);
        b.emit("jne", new Label(".Lchunk" + tag));
    }

    /** Re-packs the codes with this program's plane size and writes activations and constants. */
    public static void bind(Memory memory, ColumnTernaryWeights w, Int8Activations x) {
        int p = planeBytes(w.rows());
        byte[] out = memory.bytes("weights");
        for (int k = 0; k < w.cols(); k++) {
            for (int byteIndex = 0; byteIndex < p; byteIndex++) {
                out[k * p + byteIndex] = (byte) packedByte(w, p, k, byteIndex);
            }
        }
        System.arraycopy(x.codes(), 0, memory.bytes("activations"), 0, x.codes().length);
        byte[] c = memory.bytes("consts");
        for (int i = 0; i < 8; i++) {
            MachineState.putInt(c, CONST_THREE / 4 + i, 3);
        }
        MachineState.putInt(c, CONST_SUM_Q / 4, Float.floatToRawIntBits((float) x.sum()));
        MachineState.putInt(c, CONST_ACT_SCALE / 4, Float.floatToRawIntBits(x.scale()));
        MachineState.putInt(c, CONST_W_SCALE / 4, Float.floatToRawIntBits(w.scale()));
    }

    /**
     * Byte {@code byteIndex} of column {@code col} with plane size {@code p}: rows byteIndex + plane * p in bits
     * 7-2 plane, code 1 (trit 0) for rows past M. Where p is the engine's own plane size (ceil(M / 4) already a multiple
     * of the program's block, as in every model shape) that is the engine's byte with its padding rows set to code 1,
     * whatever the tensor holds there; reading it code by code (a division each) was most of a detailed call's set-up.
     */
    static int packedByte(ColumnTernaryWeights w, int p, int col, int byteIndex) {
        int rows = w.rows();
        if (p == w.planeBytes()) {
            int packed = w.data()[col * p + byteIndex] & 0xFF;
            for (int plane = 3; plane >= 0 && plane * p + byteIndex >= rows; plane--) {
                int shift = 6 - 2 * plane;
                packed = (packed & ~(3 << shift)) | 1 << shift;
            }
            return packed;
        }
        int packed = 0;
        for (int plane = 0; plane < 4; plane++) {
            int row = plane * p + byteIndex;
            packed |= (row < rows ? w.code(row, col) : 1) << (6 - 2 * plane);
        }
        return packed;
    }

    /** The program numbers outputs as the engine numbers rows (plane * P + byte); those past M are dropped. */
    public static float[] readOutput(Memory memory, int rows) {
        return Arrays.copyOf(I2sAvx2Gemv.readOutput(memory), rows);
    }
}
