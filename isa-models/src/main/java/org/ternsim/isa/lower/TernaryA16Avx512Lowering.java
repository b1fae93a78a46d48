// The W1.58A16 GEMV (FLUX linears) on AVX-512 as a GemvLowering; rows per tile and the activation format are parameters.
package org.ternsim.isa.lower;

import java.util.List;
import org.ternsim.isa.Program;
import org.ternsim.isa.SemanticsTable;
import org.ternsim.isa.x86.X86Semantics;
import org.ternsim.kernels.gemv.A16Format;

/**
 * The AVX2 program with one zmm accumulator per row (TernaryA16Avx2Gemv, {@code wide}), same float order.
 *
 * @param rowsPerTile rows whose FMAs share one activation conversion, 1..4 (4 zmm accumulators at 4)
 * @param format      F16 ({@code vcvtph2ps zmm}) or BF16 ({@code vpmovzxwd zmm} + {@code vpslld})
 */
public record TernaryA16Avx512Lowering(int rowsPerTile, A16Format format) implements GemvLowering {

    public TernaryA16Avx512Lowering {
        if (rowsPerTile < 1 || rowsPerTile > TernaryA16Avx2Gemv.MAX_ROWS_PER_TILE) {
            throw new IllegalArgumentException("rowsPerTile must be 1.." + TernaryA16Avx2Gemv.MAX_ROWS_PER_TILE
                + ", got " + rowsPerTile);
        }
        java.util.Objects.requireNonNull(format, "format");
    }

    public static TernaryA16Avx512Lowering defaults() {
        return new TernaryA16Avx512Lowering(TernaryA16Avx2Lowering.DEFAULT_ROWS_PER_TILE, A16Format.F16);
    }

    @Override
    public String kernel() {
        return "ternary-a16";
    }

    @Override
    public String isa() {
        return "avx512";
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
        return TernaryA16Avx2Gemv.lower(rows, cols, rowsPerTile, format, true);
    }

    @Override
    public GemvOperands random(int rows, int cols, long seed) {
        return TernaryA16Operands.random(rows, cols, seed, format);
    }

    /** The AVX2 data sets: random, the largest finite magnitudes, the smallest subnormal, and infinities. */
    @Override
    public List<GemvOperands> dataSets(int rows, int cols, long seed) {
        return new TernaryA16Avx2Lowering(rowsPerTile, format).dataSets(rows, cols, seed);
    }
}
