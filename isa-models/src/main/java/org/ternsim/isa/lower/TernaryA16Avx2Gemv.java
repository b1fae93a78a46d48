// Lowers the W1.58A16 GEMV (FLUX: I2_S weights x F16/BF16 activations, float FMA) to an AVX2 or AVX-512 program.
package org.ternsim.isa.lower;

import static org.ternsim.isa.Reg.r32;
import static org.ternsim.isa.Reg.r64;
import static org.ternsim.isa.Reg.xmm;
import static org.ternsim.isa.Reg.ymm;
import static org.ternsim.isa.Reg.zmm;

import org.ternsim.isa.MachineState;
import org.ternsim.isa.Memory;
import org.ternsim.isa.Operand.Imm;
import org.ternsim.isa.Operand.Label;
import org.ternsim.isa.Operand.Mem;
import org.ternsim.isa.Program;
import org.ternsim.isa.Reg;
import org.ternsim.isa.Region;
import org.ternsim.kernels.format.I2sLayout;
import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.gemv.A16Activations;
import org.ternsim.kernels.gemv.A16Format;

/**
 * The engine's order (TernaryA16Gemv): lane L = k mod 16 of a row accumulates fma(t_k, x_k, lane) in increasing k
 * from +0, then the canonical tree (i + 8, + 4, + 2, + 1) and y = sum * w_scale with NaN canonicalised. Here lanes
 * 0-7 of a row are one ymm accumulator and lanes 8-15 another, so 16 consecutive k are one {@code vfmadd231ps} per
 * accumulator, in the same order. Per 16 k the activations are converted once for all rows of a tile
 * ({@code vcvtph2ps} for F16; {@code vpmovzxwd} + {@code vpslld 16} for BF16: both exact); per row the 2-bit codes
 * are decoded to float trits: {@code vpmovzxbd} of 8 code bytes (the x86 I2_S layout puts values j..j+7 of a
 * 128-value block's plane in consecutive bytes), {@code vpsrld} by the plane's shift, {@code vpand} 3,
 * {@code vpaddd} -1, {@code vcvtdq2ps}. The tree is {@code vaddps} ymm, {@code vextractf128} + {@code vaddps},
 * {@code vpunpckhqdq} + {@code vaddps}, {@code vmovshdup} + {@code vaddss}; then {@code vmulss} by w_scale. A NaN
 * result (exponent all ones and mantissa non-zero, tested on a GPR copy with {@code and}, {@code cmp}, {@code jne},
 * {@code and}, {@code je}: tests whose every result bit can change the outcome on the infinity data set) is replaced
 * by the canonical quiet NaN.
 * Rows are processed {@code rowsPerTile} at a time (the activations are converted once per tile), the rest of the
 * rows by a second, narrower tile loop.
 * AVX-512 ({@code wide}): a row's 16 lanes are one zmm accumulator, so 16 consecutive k are one {@code vfmadd231ps
 * zmm}, again in the engine's order; 16 code bytes widen with {@code vpmovzxbd zmm}, and the plane shift is
 * {@code vpsrlw}, not {@code vpsrld}: each dword holds one code byte with zeros above, so shifting its low word right
 * equals shifting the dword (and the Zen 4 tables have the word form). The tree starts with {@code vextracti64x4} +
 * {@code vaddps ymm} (lane i + lane i + 8, as the AVX2 first step) and continues as above.
 */
public final class TernaryA16Avx2Gemv {

    public static final int BLOCK = I2sLayout.X86_128.blockSize();
    public static final int MAX_ROWS_PER_TILE = 4;
    public static final long WEIGHTS_BASE = 0x1_0000_0000L;
    public static final long ACTIVATIONS_BASE = 0x2_0000_0000L;
    public static final long CONSTS_BASE = 0x3_0001_0000L;
    public static final long OUTPUT_BASE = 0x4_0000_0000L;
    /** Constants: 16 dwords of 3, 16 dwords of -1 (AVX2 reads the first 8 of each), w_scale, the canonical NaN. */
    private static final int CONST_THREE = 0;
    private static final int CONST_MINUS_ONE = 64;
    private static final int CONST_W_SCALE = 128;
    private static final int CONST_NAN = 132;
    private static final int CONST_BYTES = 136;

    private static final Reg W = r64(6);      // rsi: first row of the tile, current block
    private static final Reg X = r64(7);      // rdi: activation pointer, reset per tile
    private static final Reg Y = r64(2);      // rdx: output pointer
    private static final Reg TILES = r64(8);  // r8: tiles left
    private static final Reg BLOCKS = r64(1); // rcx: blocks left in this tile
    private static final Reg BITS = r32(0);   // eax: a result's bits for the NaN test (exponent)
    private static final Reg MANTISSA = r32(3); // ebx: the same bits (mantissa)
    private static final Reg C = r64(9);      // r9: constants

    private TernaryA16Avx2Gemv() {
    }

    /** The I2_S x86 layout's rules (K a multiple of 128, packed weights below 2^31 bytes). */
    public static void checkShape(int rows, int cols) {
        new I2sAvx2Lowering(I2sAvx2Gemv.SAFE_GROUP_BLOCKS).checkShape(rows, cols);
    }

    public static Program lower(int rows, int cols, int rowsPerTile, A16Format format) {
        return lower(rows, cols, rowsPerTile, format, false);
    }

    /** {@code wide}: the AVX-512 program (one zmm accumulator per row). */
    public static Program lower(int rows, int cols, int rowsPerTile, A16Format format, boolean wide) {
        checkShape(rows, cols);
        if (rowsPerTile < 1 || rowsPerTile > MAX_ROWS_PER_TILE) {
            throw new IllegalArgumentException("rowsPerTile must be 1.." + MAX_ROWS_PER_TILE + ", got " + rowsPerTile);
        }
        int rowBytes = cols / 4;
        Program.Builder b = new Program.Builder("ternary-a16/" + (wide ? "avx512" : "avx2") + " gemv " + rows + "x" + cols + " rows" + rowsPerTile + " "
            + format.name().toLowerCase(java.util.Locale.ROOT), "x86-64");
        b.region(new Region("weights", WEIGHTS_BASE, rows * rowBytes + I2sWeights.TAIL_BYTES, Region.Role.INPUT));
        b.region(new Region("activations", ACTIVATIONS_BASE, 2 * cols, Region.Role.INPUT));
        b.region(new Region("consts", CONSTS_BASE, CONST_BYTES, Region.Role.CONSTANT));
        b.region(new Region("output", OUTPUT_BASE, rows * 4, Region.Role.OUTPUT));

        b.emit("mov", W, new Imm(WEIGHTS_BASE));
        b.emit("mov", Y, new Imm(OUTPUT_BASE));
        b.emit("mov", C, new Imm(CONSTS_BASE));
        if (wide) {
            b.emit("vmovdqu64", zmm(12), Mem.at(C, CONST_THREE, 64));
            b.emit("vmovdqu64", zmm(13), Mem.at(C, CONST_MINUS_ONE, 64));
        } else {
            b.emit("vmovdqu", ymm(12), Mem.at(C, CONST_THREE, 32));
            b.emit("vmovdqu", ymm(13), Mem.at(C, CONST_MINUS_ONE, 32));
        }
        b.emit("vmovss", xmm(14), Mem.at(C, CONST_W_SCALE, 4));
        int full = rows / rowsPerTile;
        int rest = rows % rowsPerTile;
        if (full > 0) {
            emitTiles(b, full, rowsPerTile, cols, format, "", wide);
        }
        if (rest > 0) {
            emitTiles(b, 1, rest, cols, format, "r", wide);
        }
        return b.build();
    }

    /** {@code tiles} tiles of {@code r} rows each; {@code tag} keeps the labels of the two tile loops apart. */
    private static void emitTiles(Program.Builder b, int tiles, int r, int cols, A16Format format, String tag,
            boolean wide) {
        int rowBytes = cols / 4;
        b.emit("mov", TILES, new Imm(tiles));
        b.label(".Ltile" + tag);
        for (int i = 0; i < (wide ? r : 2 * r); i++) {
            if (wide) {
                b.emit("vpxord", zmm(i), zmm(i), zmm(i));
            } else {
                b.emit("vpxor", ymm(i), ymm(i), ymm(i));
            }
        }
        b.emit("mov", X, new Imm(ACTIVATIONS_BASE));
        b.emit("mov", BLOCKS, new Imm(cols / BLOCK));
        b.label(".Lblock" + tag);
        if (wide) {
            emitWideBlock(b, r, rowBytes, format);
        } else {
            emitBlock(b, r, rowBytes, format);
        }
        b.emit("add", W, new Imm(32));
        b.emit("add", X, new Imm(2 * BLOCK));
        b.emit("dec", BLOCKS);
        b.emit("jne", new Label(".Lblock" + tag));
        for (int row = 0; row < r; row++) {
            emitRowEpilogue(b, row, tag, wide);
        }
        if (r > 1) {
            b.emit("add", W, new Imm((long) (r - 1) * rowBytes));
        }
        b.emit("add", Y, new Imm(4L * r));
        b.emit("dec", TILES);
        b.emit("jne", new Label(".Ltile" + tag));
    }

    /** One 128-value block of r rows on AVX-512: per plane and 16-value half, one conversion and one FMA per row. */
    private static void emitWideBlock(Program.Builder b, int r, int rowBytes, A16Format format) {
        for (int plane = 0; plane < 4; plane++) {
            for (int half = 0; half < 2; half++) {
                long xOff = 2L * (32 * plane + 16 * half);
                if (format == A16Format.F16) {
                    b.emit("vcvtph2ps", zmm(8), Mem.at(X, xOff, 32));
                } else {
                    b.emit("vpmovzxwd", zmm(8), Mem.at(X, xOff, 32));
                    b.emit("vpslld", zmm(8), zmm(8), new Imm(16));
                }
                for (int row = 0; row < r; row++) {
                    b.emit("vpmovzxbd", zmm(10), Mem.at(W, (long) row * rowBytes + 16 * half, 16));
                    if (plane < 3) {
                        b.emit("vpsrlw", zmm(10), zmm(10), new Imm(6 - 2 * plane));
                    }
                    b.emit("vpandd", zmm(10), zmm(10), zmm(12));
                    b.emit("vpaddd", zmm(10), zmm(10), zmm(13));
                    b.emit("vcvtdq2ps", zmm(10), zmm(10));
                    b.emit("vfmadd231ps", zmm(row), zmm(10), zmm(8));
                }
            }
        }
    }

    /** One 128-value block of r rows on AVX2 (two ymm accumulators per row). */
    private static void emitBlock(Program.Builder b, int r, int rowBytes, A16Format format) {
        for (int plane = 0; plane < 4; plane++) {
            for (int half = 0; half < 2; half++) {
                long xOff = 2L * (32 * plane + 16 * half);
                emitConvert(b, ymm(8), Mem.at(X, xOff, 16), format);
                emitConvert(b, ymm(9), Mem.at(X, xOff + 16, 16), format);
                for (int row = 0; row < r; row++) {
                    for (int part = 0; part < 2; part++) {
                        long wOff = (long) row * rowBytes + 16 * half + 8 * part;
                        b.emit("vpmovzxbd", ymm(10), Mem.at(W, wOff, 8));
                        if (plane < 3) {
                            b.emit("vpsrld", ymm(10), ymm(10), new Imm(6 - 2 * plane));
                        }
                        b.emit("vpand", ymm(10), ymm(10), ymm(12));
                        b.emit("vpaddd", ymm(10), ymm(10), ymm(13));
                        b.emit("vcvtdq2ps", ymm(10), ymm(10));
                        b.emit("vfmadd231ps", ymm(2 * row + part), ymm(10), ymm(8 + part));
                    }
                }
            }
        }
    }

    /** 8 activations at {@code at} to 8 floats in {@code dst}, exactly. */
    private static void emitConvert(Program.Builder b, Reg dst, Mem at, A16Format format) {
        if (format == A16Format.F16) {
            b.emit("vcvtph2ps", dst, at);
        } else {
            b.emit("vpmovzxwd", dst, at);
            b.emit("vpslld", dst, dst, new Imm(16));
        }
    }

    /**
     * The canonical tree of row {@code row}'s lanes (AVX2: ymm 2row lanes 0-7, 2row+1 lanes 8-15; AVX-512: zmm row),
     * scale, NaN fix, store.
     */
    private static void emitRowEpilogue(Program.Builder b, int row, String tag, boolean wide) {
        int acc = wide ? row : 2 * row;
        Reg lo = ymm(acc);
        Reg x = xmm(acc);
        if (wide) {
            b.emit("vextracti64x4", ymm(11), zmm(row), new Imm(1));
            b.emit("vaddps", lo, lo, ymm(11));
        } else {
            b.emit("vaddps", lo, lo, ymm(2 * row + 1));
        }
        b.emit("vextractf128", xmm(11), lo, new Imm(1));
        b.emit("vaddps", x, x, xmm(11));
        b.emit("vpunpckhqdq", xmm(11), x, x);
        b.emit("vaddps", x, x, xmm(11));
        b.emit("vmovshdup", xmm(11), x);
        b.emit("vaddss", x, x, xmm(11));
        b.emit("vmulss", x, x, xmm(14));
        String ok = ".Lok" + tag + row;
        b.emit("vmovd", BITS, x);
        b.emit("mov", MANTISSA, BITS);
        b.emit("and", BITS, new Imm(0x7F80_0000L));
        b.emit("cmp", BITS, new Imm(0x7F80_0000L));
        b.emit("jne", new Label(ok));                  // finite
        b.emit("and", MANTISSA, new Imm(0x007F_FFFFL));
        b.emit("je", new Label(ok));                   // infinity
        b.emit("vmovss", x, Mem.at(C, CONST_NAN, 4));
        b.label(ok);
        b.emit("vmovss", Mem.at(Y, 4L * row, 4), x);
    }

    /** Writes the weights (x86 I2_S layout), the raw 16-bit activations and the constants. */
    public static void bind(Memory memory, I2sWeights weights, A16Activations x) {
        if (weights.layout() != I2sLayout.X86_128) {
            throw new IllegalArgumentException("the AVX2 program reads the x86 128-value I2_S layout, got "
                + weights.layout());
        }
        byte[] w = memory.bytes("weights");
        System.arraycopy(weights.data(), 0, w, 0, w.length);
        byte[] a = memory.bytes("activations");
        for (int k = 0; k < x.bits().length; k++) {
            MachineState.putShort(a, k, x.bits()[k]);
        }
        byte[] c = memory.bytes("consts");
        for (int i = 0; i < 16; i++) {
            MachineState.putInt(c, CONST_THREE / 4 + i, 3);
            MachineState.putInt(c, CONST_MINUS_ONE / 4 + i, -1);
        }
        MachineState.putInt(c, CONST_W_SCALE / 4, Float.floatToRawIntBits(weights.scale()));
        MachineState.putInt(c, CONST_NAN / 4, Float.floatToRawIntBits(Float.NaN));
    }
}
