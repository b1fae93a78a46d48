// Lowers the activation-sparse ternary GEMV to NEON: a branch-free compress of the non-zero columns, then sdot (or smlal) per row block.
package org.ternsim.isa.lower;

import static org.ternsim.isa.arm.ArmRegs.q;
import static org.ternsim.isa.arm.ArmRegs.v;
import static org.ternsim.isa.arm.ArmRegs.w;
import static org.ternsim.isa.arm.ArmRegs.x;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.ternsim.isa.MachineState;
import org.ternsim.isa.Memory;
import org.ternsim.isa.Operand;
import org.ternsim.isa.Operand.Imm;
import org.ternsim.isa.Operand.Label;
import org.ternsim.isa.Operand.Mem;
import org.ternsim.isa.Program;
import org.ternsim.isa.Reg;
import org.ternsim.isa.Region;
import org.ternsim.isa.arm.ArmEncoding;
import org.ternsim.isa.arm.ArmSemantics;
import org.ternsim.kernels.quant.Int8Activations;
import org.ternsim.kernels.sparse.ColumnTernaryWeights;

/**
 * Same skipping as the AVX2 and AVX-512 programs (every zero column, only those), in two stages.
 * <ol>
 *   <li>Compress, branch-free (NEON has no compress instruction, and a data-dependent branch on half-sparse
 *   activations mispredicts about every other column): per column {@code ldrb} q, store q ({@code strb}) and the
 *   column's byte offset ({@code str w}) at slot n unconditionally, then n += (q != 0) as (q + 255) >> 8
 *   ({@code add}, {@code lsr}: q is the zero-extended byte, so the sum fits and x9 = w9). Four zero q and offsets pad the list.</li>
 *   <li>Per 16-byte row block of every column (64 rows, 4 planes of 16):
 *     <ul>
 *       <li>dotprod: per group of 4 listed columns, 4 {@code ldr q} at the offsets, a 4-way byte transpose with
 *       {@code zip1}/{@code zip2} on .16b then .8h (word i of register j = byte 4 j + i of the 4 columns, in order:
 *       no layout permutation on 128-bit registers), per plane {@code ushr} (+ {@code and} 0x03) and {@code sdot}
 *       with the 4 q bytes replicated by {@code ld1r {v.4s}}: 16 int32x4 accumulators, exact.</li>
 *       <li>without dotprod: per listed column, {@code ld1r {v.16b}} q, one {@code ldr q}, per plane
 *       {@code smlal}/{@code smlal2} into int16x8 accumulators, widened into int32 ({@code saddw}/{@code saddw2})
 *       every {@value #WIDEN_COLUMNS} columns: |c q| <= 256 and 128 x -256 = -32768, so int16 is exact.</li>
 *     </ul></li>
 *   <li>I2_S epilogue ((float) acc - (float) sum q) / s * w_scale lane-wise ({@code scvtf}, {@code fsub},
 *   {@code fdiv}, {@code fmul}), one {@code str q} per accumulator (at Y + 4 plane P + 16 quarter; past M = 21792 that
 *   offset exceeds STR q's 65520, and planes 1-3 store through base registers Y + 4P, + 8P, + 12P).</li>
 * </ol>
 * Layout: ColumnTernaryWeights' bytes with P = ceil(M / 4) rounded up to a multiple of 16 (rows past M: code 1,
 * dropped), stored as panels: the 16 bytes of row block b of column k at (b K + k) 16. With 64 rows of accumulators
 * per pass (16 registers x 4 lanes), a plain column-major layout would read 16 bytes of a different 64-byte line per
 * column and come back to each line in 4 passes over the whole matrix (2560 x 2560: 1.6 MB, more than N2's L2); in
 * panels every pass streams whole lines in increasing order. The listed offsets are k * 16 within a panel.
 */
public final class SparseNeonGemv {

    public static final int BLOCK_BYTES = 16;
    /** int16 accumulation interval without dotprod (exact for every input, see the class comment). */
    public static final int WIDEN_COLUMNS = 128;
    public static final long WEIGHTS_BASE = SparseAvx2Gemv.WEIGHTS_BASE;
    public static final long ACTIVATIONS_BASE = SparseAvx2Gemv.ACTIVATIONS_BASE;
    public static final long CONSTS_BASE = SparseAvx2Gemv.CONSTS_BASE;
    public static final long OUTPUT_BASE = SparseAvx2Gemv.OUTPUT_BASE;
    public static final long NZ_Q_BASE = SparseAvx512Gemv.NZ_Q_BASE;
    public static final long NZ_OFFSETS_BASE = SparseAvx512Gemv.NZ_OFFSETS_BASE;

    private static final Reg W = x(0);      // this row block in column 0
    private static final Reg X = x(1);      // activations
    private static final Reg Y = x(2);      // outputs of this row block (plane 0)
    private static final Reg COLS = x(3);
    private static final Reg BLOCKS = x(4);
    private static final Reg C = x(5);      // constants
    private static final Reg OFFP = x(7);   // listed offsets, walking
    private static final Reg QP = x(8);     // listed q bytes, walking
    private static final Reg QBASE = x(10);
    private static final Reg OBASE = x(12);
    private static final Reg N = x(13);     // listed columns
    private static final Reg QEND = x(15);
    private static final Reg WIDEN = x(16); // columns left before the next widening (no dotprod)
    private static final Reg STEP = x(17);  // K 16, the next panel, when ADD cannot encode it
    private static final Reg PLANE_BYTES = x(22); // 4 P, with plane base registers x19-x21 (large M)
    private static final int[] COL = {6, 9, 11, 14}; // w6, w9, w11, w14: a group's offsets (dotprod)
    private static final int SUM_Q = 27;    // v27-v29: (float) sum q, activation scale, weight scale, replicated
    private static final int ACT_SCALE = 28;
    private static final int W_SCALE = 29;

    private SparseNeonGemv() {
    }

    /** Code bytes per column in this program's layout: ceil(M / 4) rounded up to a multiple of 16. */
    public static int planeBytes(int rows) {
        return (ColumnTernaryWeights.planeBytes(rows) + BLOCK_BYTES - 1) / BLOCK_BYTES * BLOCK_BYTES;
    }

    public static void checkShape(int rows, int cols) {
        SparseAvx512Gemv.checkShape(rows, cols);
    }

    public static Program lower(int rows, int cols, boolean dotprod) {
        checkShape(rows, cols);
        int p = planeBytes(rows);
        String isa = dotprod ? ArmSemantics.NEON_DOTPROD : ArmSemantics.NEON;
        Program.Builder b = new Program.Builder("i2_s-sparse/" + isa + " gemv " + rows + "x" + cols, isa);
        b.region(new Region("weights", WEIGHTS_BASE, cols * p, Region.Role.INPUT));
        b.region(new Region("activations", ACTIVATIONS_BASE, cols, Region.Role.INPUT));
        b.region(new Region("consts", CONSTS_BASE, 12, Region.Role.CONSTANT));
        b.region(new Region("output", OUTPUT_BASE, 16 * p, Region.Role.OUTPUT));
        b.region(new Region("nz-q", NZ_Q_BASE, cols + 4, Region.Role.OUTPUT));
        b.region(new Region("nz-offsets", NZ_OFFSETS_BASE, 4 * cols + 16, Region.Role.OUTPUT));
        emitCompress(b, cols);
        A64Imm.mov(b, C, CONSTS_BASE);
        b.emit("ld1r", v(SUM_Q, "4s"), new Mem(C, null, 1, 0, 4), new Imm(4));
        b.emit("ld1r", v(ACT_SCALE, "4s"), new Mem(C, null, 1, 0, 4), new Imm(4));
        b.emit("ld1r", v(W_SCALE, "4s"), new Mem(C, null, 1, 0, 4), new Imm(4));
        A64Imm.mov(b, W, WEIGHTS_BASE);
        A64Imm.mov(b, Y, OUTPUT_BASE);
        A64Imm.mov(b, BLOCKS, p / BLOCK_BYTES);
        Operand panel = A64Imm.addend(b, (long) cols * BLOCK_BYTES, STEP);
        // STR q reaches 65520 bytes past its base: beyond that (M > ~21800) planes 1-3 get base registers.
        boolean planeBases = !ArmEncoding.loadStoreOffset(4L * (3 * p + 12), 16);
        if (planeBases) {
            A64Imm.mov(b, PLANE_BYTES, 4L * p);
        }
        b.label(".Lblock");
        for (int a = 0; a < 16; a++) {
            b.emit("movi", v(a, "16b"), new Imm(0));
        }
        b.emit("mov", QP, QBASE);
        b.emit("mov", OFFP, OBASE);
        b.emit("cmp", QP, QEND);
        b.emit("b.hs", new Label(".Lepilogue"));
        if (dotprod) {
            emitGroups(b);
        } else {
            emitColumns(b);
        }
        b.label(".Lepilogue");
        if (planeBases) {
            for (int plane = 1; plane < 4; plane++) {
                b.emit("add", planeBase(plane), planeBase(plane - 1), PLANE_BYTES);
            }
        }
        for (int a = 0; a < 16; a++) {
            // dotprod: accumulator 4 j + plane holds byte 4 j + i; smlal: 4 plane + r holds byte 4 r + i.
            int plane = dotprod ? a % 4 : a / 4;
            int quarter = dotprod ? a / 4 : a % 4;
            Reg acc = v(a, "4s");
            b.emit("scvtf", acc, acc);
            b.emit("fsub", acc, acc, v(SUM_Q, "4s"));
            b.emit("fdiv", acc, acc, v(ACT_SCALE, "4s"));
            b.emit("fmul", acc, acc, v(W_SCALE, "4s"));
            b.emit("str", q(a), planeBases ? new Mem(planeBase(plane), null, 1, 16L * quarter, 16)
                : new Mem(Y, null, 1, 4L * (plane * p + 4 * quarter), 16));
        }
        b.emit("add", W, W, panel);
        b.emit("add", Y, Y, new Imm(4L * BLOCK_BYTES));
        b.emit("subs", BLOCKS, BLOCKS, new Imm(1));
        b.emit("b.ne", new Label(".Lblock"));
        return b.build();
    }

    private static void emitCompress(Program.Builder b, int cols) {
        A64Imm.mov(b, X, ACTIVATIONS_BASE);
        A64Imm.mov(b, QBASE, NZ_Q_BASE);
        A64Imm.mov(b, OBASE, NZ_OFFSETS_BASE);
        A64Imm.mov(b, N, 0);
        A64Imm.mov(b, x(11), 0);
        A64Imm.mov(b, COLS, cols);
        b.label(".Lscan");
        b.emit("ldrb", w(9), new Mem(X, null, 1, 0, 1), new Imm(1));
        b.emit("strb", w(9), new Mem(QBASE, N, 1, 0, 1));
        b.emit("str", w(11), new Mem(OBASE, N, 4, 0, 4));
        b.emit("add", x(14), x(9), new Imm(255));
        b.emit("lsr", x(14), x(14), new Imm(8));
        b.emit("add", N, N, x(14));
        b.emit("add", x(11), x(11), new Imm(BLOCK_BYTES));
        b.emit("subs", COLS, COLS, new Imm(1));
        b.emit("b.ne", new Label(".Lscan"));
        // Pad to a whole group: q = 0 (adds nothing) at offset 0 (column 0, always readable).
        A64Imm.mov(b, x(14), 0);
        b.emit("str", w(14), new Mem(QBASE, N, 1, 0, 4));
        A64Imm.mov(b, x(6), 4);
        b.emit("madd", OFFP, N, x(6), OBASE);
        b.emit("movi", v(24, "16b"), new Imm(0));
        b.emit("str", q(24), new Mem(OFFP, null, 1, 0, 16));
        b.emit("add", QEND, QBASE, N);
    }

    /** dotprod: groups of 4 listed columns; accumulator 4 j + plane. */
    private static void emitGroups(Program.Builder b) {
        b.emit("movi", v(26, "16b"), new Imm(3));
        b.label(".Lgroup");
        for (int c = 0; c < 4; c++) {
            b.emit("ldr", w(COL[c]), new Mem(OFFP, null, 1, 4L * c, 4));
        }
        b.emit("add", OFFP, OFFP, new Imm(16));
        for (int c = 0; c < 4; c++) {
            b.emit("ldr", q(16 + c), new Mem(W, x(COL[c]), 1, 0, 16));
        }
        b.emit("ld1r", v(25, "4s"), new Mem(QP, null, 1, 0, 4), new Imm(4));
        b.emit("zip1", v(20, "16b"), v(16, "16b"), v(17, "16b"));
        b.emit("zip2", v(21, "16b"), v(16, "16b"), v(17, "16b"));
        b.emit("zip1", v(22, "16b"), v(18, "16b"), v(19, "16b"));
        b.emit("zip2", v(23, "16b"), v(18, "16b"), v(19, "16b"));
        b.emit("zip1", v(16, "8h"), v(20, "8h"), v(22, "8h"));
        b.emit("zip2", v(17, "8h"), v(20, "8h"), v(22, "8h"));
        b.emit("zip1", v(18, "8h"), v(21, "8h"), v(23, "8h"));
        b.emit("zip2", v(19, "8h"), v(21, "8h"), v(23, "8h"));
        for (int j = 0; j < 4; j++) {
            int acc = 4 * j;
            emitPlanes(b, v(16 + j, "16b"), 24, 26, plane -> b.emit("sdot", v(acc + plane, "4s"), v(24, "16b"),
                v(25, "16b")));
        }
        b.emit("cmp", QP, QEND);
        b.emit("b.lo", new Label(".Lgroup"));
    }

    /** Without dotprod: one listed column at a time into int16 (v16-v23), widened every WIDEN_COLUMNS columns. */
    private static void emitColumns(Program.Builder b) {
        b.emit("movi", v(31, "16b"), new Imm(3));
        b.label(".Lwiden");
        for (int a = 16; a < 24; a++) {
            b.emit("movi", v(a, "16b"), new Imm(0));
        }
        A64Imm.mov(b, WIDEN, WIDEN_COLUMNS);
        b.label(".Lcolumn");
        b.emit("ldr", w(6), new Mem(OFFP, null, 1, 0, 4), new Imm(4));
        b.emit("ld1r", v(30, "16b"), new Mem(QP, null, 1, 0, 1), new Imm(1));
        b.emit("ldr", q(24), new Mem(W, x(6), 1, 0, 16));
        emitPlanes(b, v(24, "16b"), 25, 31, plane -> {
            b.emit("smlal", v(16 + 2 * plane, "8h"), v(25, "8b"), v(30, "8b"));
            b.emit("smlal2", v(17 + 2 * plane, "8h"), v(25, "16b"), v(30, "16b"));
        });
        b.emit("cmp", QP, QEND);
        b.emit("b.hs", new Label(".Lflush"));
        b.emit("subs", WIDEN, WIDEN, new Imm(1));
        b.emit("b.ne", new Label(".Lcolumn"));
        b.label(".Lflush");
        for (int plane = 0; plane < 4; plane++) {
            for (int half = 0; half < 2; half++) {
                Reg narrow = v(16 + 2 * plane + half, "8h");
                int lo = 4 * plane + 2 * half;
                b.emit("saddw", v(lo, "4s"), v(lo, "4s"), v(narrow.index(), "4h"));
                b.emit("saddw2", v(lo + 1, "4s"), v(lo + 1, "4s"), narrow);
            }
        }
        b.emit("cmp", QP, QEND);
        b.emit("b.lo", new Label(".Lwiden"));
    }

    /** Outputs of this row block in plane {@code plane}: Y itself for plane 0, x19-x21 for planes 1-3. */
    private static Reg planeBase(int plane) {
        return plane == 0 ? Y : x(18 + plane);
    }

    private interface PlaneUse {
        void emit(int plane);
    }

    /** Codes of each plane of {@code packed} into {@code tmp} (plane 0 = bits 7:6 needs no mask on byte lanes). */
    private static void emitPlanes(Program.Builder b, Reg packed, int tmp, int mask, PlaneUse use) {
        for (int plane = 0; plane < 4; plane++) {
            if (plane < 3) {
                b.emit("ushr", v(tmp, "16b"), packed, new Imm(6 - 2 * plane));
                if (plane > 0) {
                    b.emit("and", v(tmp, "16b"), v(tmp, "16b"), v(mask, "16b"));
                }
            } else {
                b.emit("and", v(tmp, "16b"), packed, v(mask, "16b"));
            }
            use.emit(plane);
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * Re-packs the codes with this program's plane size and writes activations and constants. Where that plane size is
     * the engine's (ceil(M / 4) a multiple of 16, as in every model shape) the bytes are the engine's: each 16-byte row
     * block of a column is copied as two longs into its panel, panels written in order, and only the bytes holding
     * padding rows (byte >= M - 3 P) are then set by {@link SparseAvx2Gemv#packedByte}; byte by byte through it was
     * a tenth of a functional call on a 2560 x 2560 GEMV.
     */
    public static void bind(Memory memory, ColumnTernaryWeights wts, Int8Activations act) {
        int p = planeBytes(wts.rows());
        int cols = wts.cols();
        byte[] out = memory.bytes("weights");
        int firstPadded = 0;
        if (p == wts.planeBytes()) {
            byte[] data = wts.data();
            int to = 0;
            for (int block = 0; block < p; block += BLOCK_BYTES) {
                for (int from = block; from < cols * p; from += p, to += BLOCK_BYTES) {
                    LONGS.set(out, to, (long) LONGS.get(data, from));
                    LONGS.set(out, to + 8, (long) LONGS.get(data, from + 8));
                }
            }
            firstPadded = Math.max(0, wts.rows() - 3 * p);
        }
        for (int k = 0; k < cols; k++) {
            for (int byteIndex = firstPadded; byteIndex < p; byteIndex++) {
                int packed = SparseAvx2Gemv.packedByte(wts, p, k, byteIndex);
                out[byteIndex / BLOCK_BYTES * cols * BLOCK_BYTES + k * BLOCK_BYTES + byteIndex % BLOCK_BYTES] =
                    (byte) packed;
            }
        }
        System.arraycopy(act.codes(), 0, memory.bytes("activations"), 0, act.codes().length);
        byte[] c = memory.bytes("consts");
        MachineState.putInt(c, 0, Float.floatToRawIntBits((float) act.sum()));
        MachineState.putInt(c, 1, Float.floatToRawIntBits(act.scale()));
        MachineState.putInt(c, 2, Float.floatToRawIntBits(wts.scale()));
    }

    /** The binding of this layout for SparseOperands. */
    public static final SparseOperands.Binding BINDING = new SparseOperands.Binding() {
        @Override
        public void bind(Memory memory, ColumnTernaryWeights w, Int8Activations x) {
            SparseNeonGemv.bind(memory, w, x);
        }

        @Override
        public float[] readOutput(Memory memory, int rows) {
            return SparseAvx2Gemv.readOutput(memory, rows);
        }
    };
}
