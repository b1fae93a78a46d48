// The I2_S GEMV on AVX-512 VNNI (kernel i2_s-vnni) as a GemvLowering, with rows per pass as its tuning parameter.
package org.ternsim.isa.lower;

import java.util.List;
import org.ternsim.isa.Program;
import org.ternsim.isa.SemanticsTable;
import org.ternsim.isa.x86.X86Semantics;
import org.ternsim.kernels.format.I2sLayout;

/** @param rowsPerPass weight rows that share each activation load (1..8); see {@link I2sVnniGemv}. */
public record I2sVnniLowering(int rowsPerPass) implements GemvLowering {

    public static final int DEFAULT_ROWS_PER_PASS = 4;

    public I2sVnniLowering {
        if (rowsPerPass < 1 || rowsPerPass > I2sVnniGemv.MAX_ROWS_PER_PASS) {
            throw new IllegalArgumentException("rowsPerPass must be 1.." + I2sVnniGemv.MAX_ROWS_PER_PASS + ", got "
                + rowsPerPass);
        }
    }

    @Override
    public String kernel() {
        return "i2_s-vnni";
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
        new I2sAvx2Lowering(I2sAvx2Gemv.SAFE_GROUP_BLOCKS).checkShape(rows, cols);
    }

    @Override
    public Program lower(int rows, int cols) {
        checkShape(rows, cols);
        return I2sVnniGemv.lower(rows, cols, rowsPerPass);
    }

    @Override
    public GemvOperands random(int rows, int cols, long seed) {
        return I2sOperands.random(rows, cols, seed, I2sLayout.X86_128);
    }

    @Override
    public List<GemvOperands> dataSets(int rows, int cols, long seed) {
        return new I2sAvx2Lowering(I2sAvx2Gemv.SAFE_GROUP_BLOCKS).dataSets(rows, cols, seed);
    }
}
