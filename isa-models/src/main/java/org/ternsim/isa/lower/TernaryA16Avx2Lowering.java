// The W1.58A16 GEMV (FLUX linears) on AVX2 as a GemvLowering; rows per tile and the activation format are parameters.
package org.ternsim.isa.lower;

import java.util.List;
import org.ternsim.isa.Program;
import org.ternsim.isa.SemanticsTable;
import org.ternsim.isa.x86.X86Semantics;
import org.ternsim.kernels.gemv.A16Format;

/**
 * @param rowsPerTile rows whose FMAs share one activation conversion, 1..4 (8 ymm accumulators at 4)
 * @param format      F16 ({@code vcvtph2ps}) or BF16 ({@code vpmovzxwd} + {@code vpslld})
 */
public record TernaryA16Avx2Lowering(int rowsPerTile, A16Format format) implements GemvLowering {

    public static final int DEFAULT_ROWS_PER_TILE = 4;

    public TernaryA16Avx2Lowering {
        if (rowsPerTile < 1 || rowsPerTile > TernaryA16Avx2Gemv.MAX_ROWS_PER_TILE) {
            throw new IllegalArgumentException("rowsPerTile must be 1.." + TernaryA16Avx2Gemv.MAX_ROWS_PER_TILE
                + ", got " + rowsPerTile);
        }
        java.util.Objects.requireNonNull(format, "format");
    }

    public static TernaryA16Avx2Lowering defaults() {
        return new TernaryA16Avx2Lowering(DEFAULT_ROWS_PER_TILE, A16Format.F16);
    }

    @Override
    public String kernel() {
        return "ternary-a16";
    }

    @Override
    public String isa() {
        return "avx2";
    }

    @Override
    public SemanticsTable semantics() {
        return X86Semantics.table();
    }

    @Override
    public void checkShape(int rows, int cols) {
        TernaryA16Avx2Gemv.checkShape(rows, cols);
    }

    @Override
    public Program lower(int rows, int cols) {
        return TernaryA16Avx2Gemv.lower(rows, cols, rowsPerTile, format);
    }

    @Override
    public GemvOperands random(int rows, int cols, long seed) {
        return TernaryA16Operands.random(rows, cols, seed, format);
    }

    /** Random, the largest finite magnitudes, the smallest subnormal, and infinities (NaN canonicalisation). */
    @Override
    public List<GemvOperands> dataSets(int rows, int cols, long seed) {
        float max = format == A16Format.F16 ? 65504f : Float.intBitsToFloat(0x7F7F0000);
        float tiny = format == A16Format.F16 ? 0x1p-24f : Float.intBitsToFloat(0x0001_0000);
        return List.of(random(rows, cols, seed), TernaryA16Operands.constant(rows, cols, 1, max, format),
            TernaryA16Operands.constant(rows, cols, -1, -max, format),
            TernaryA16Operands.constant(rows, cols, 1, tiny, format),
            TernaryA16Operands.infinities(rows, cols, seed, format));
    }
}
