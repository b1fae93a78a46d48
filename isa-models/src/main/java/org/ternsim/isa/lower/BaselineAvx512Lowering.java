// llama.cpp's TQ2_0, Q4_0 and F16 GEMVs on AVX-512 as GemvLowerings (see BaselineAvx512Gemv for the programs).
package org.ternsim.isa.lower;

import java.util.List;
import org.ternsim.isa.Program;
import org.ternsim.isa.SemanticsTable;
import org.ternsim.isa.x86.X86Semantics;
import org.ternsim.kernels.baseline.BlockFormat;

/** @param format TQ2_0, Q4_0 or F16; shapes and data sets are the AVX2 lowering's (the same bytes are read). */
public record BaselineAvx512Lowering(BlockFormat format) implements GemvLowering {

    public BaselineAvx512Lowering {
        new BaselineAvx2Lowering(format);
    }

    private BaselineAvx2Lowering avx2() {
        return new BaselineAvx2Lowering(format);
    }

    @Override
    public String kernel() {
        return format.kernelName();
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
        avx2().checkShape(rows, cols);
    }

    @Override
    public Program lower(int rows, int cols) {
        checkShape(rows, cols);
        return BaselineAvx512Gemv.lower(format, rows, cols);
    }

    @Override
    public GemvOperands random(int rows, int cols, long seed) {
        return avx2().random(rows, cols, seed);
    }

    @Override
    public List<GemvOperands> dataSets(int rows, int cols, long seed) {
        return avx2().dataSets(rows, cols, seed);
    }
}
