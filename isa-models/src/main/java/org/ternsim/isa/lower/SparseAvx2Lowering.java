// The activation-sparse ternary GEMV (a4.8 Top-K Wo input, ReLU^2 Wdown input) on AVX2; the row chunk is the parameter.
package org.ternsim.isa.lower;

import java.util.List;
import org.ternsim.isa.Program;
import org.ternsim.isa.SemanticsTable;
import org.ternsim.isa.x86.X86Semantics;

/** @param chunkBytes code bytes per column held in accumulators (8, 16 or 24: 4 x chunkBytes rows; default 24) */
public record SparseAvx2Lowering(int chunkBytes) implements ZeroSkippingLowering {

    public SparseAvx2Lowering {
        if (chunkBytes < 8 || chunkBytes > SparseAvx2Gemv.MAX_CHUNK_BYTES || chunkBytes % 8 != 0) {
            throw new IllegalArgumentException("chunkBytes must be 8, 16 or 24, got " + chunkBytes);
        }
    }

    public static SparseAvx2Lowering defaults() {
        return new SparseAvx2Lowering(SparseAvx2Gemv.MAX_CHUNK_BYTES);
    }

    @Override
    public String kernel() {
        return "i2_s-sparse";
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
        SparseAvx2Gemv.checkShape(rows, cols);
    }

    @Override
    public Program lower(int rows, int cols) {
        return SparseAvx2Gemv.lower(rows, cols, chunkBytes);
    }

    @Override
    public GemvOperands random(int rows, int cols, long seed) {
        return SparseOperands.random(rows, cols, seed);
    }

    /** Random half-sparse, then the int32 extremes with every other activation zero. */
    @Override
    public List<GemvOperands> dataSets(int rows, int cols, long seed) {
        return List.of(random(rows, cols, seed), SparseOperands.constant(rows, cols, 1, 127),
            SparseOperands.constant(rows, cols, -1, -128), SparseOperands.constant(rows, cols, 1, -128));
    }

    @Override
    public SparseOperands.Binding binding() {
        return SparseOperands.AVX2;
    }
}
