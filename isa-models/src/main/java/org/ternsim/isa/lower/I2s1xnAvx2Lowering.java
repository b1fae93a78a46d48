// bitnet.cpp's weight-parallel I2_S kernel (1xN) on AVX2 as a GemvLowering: rows per pass and widening interval as parameters.
package org.ternsim.isa.lower;

import java.util.List;
import org.ternsim.isa.Program;
import org.ternsim.isa.SemanticsTable;
import org.ternsim.isa.x86.X86Semantics;

/**
 * @param rowsPerPass weight rows sharing each activation load (1..8; bitnet.cpp's weight-parallel x86 build: 8)
 * @param groupBlocks 128-value blocks summed in int16 before widening (16 is exact; bitnet.cpp's 32 can wrap)
 */
public record I2s1xnAvx2Lowering(int rowsPerPass, int groupBlocks) implements GemvLowering {

    public static final int DEFAULT_ROWS_PER_PASS = 8;

    public I2s1xnAvx2Lowering {
        if (rowsPerPass < 1 || rowsPerPass > I2s1xnAvx2Gemv.MAX_ROWS_PER_PASS) {
            throw new IllegalArgumentException("rowsPerPass must be 1.." + I2s1xnAvx2Gemv.MAX_ROWS_PER_PASS + ", got "
                + rowsPerPass);
        }
        if (groupBlocks < 1 || groupBlocks > I2sAvx2Gemv.BITNET_GROUP_BLOCKS) {
            throw new IllegalArgumentException("groupBlocks must be 1..32, got " + groupBlocks);
        }
    }

    @Override
    public String kernel() {
        return "i2_s-1xn";
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
        new I2sAvx2Lowering(groupBlocks).checkShape(rows, cols);
    }

    @Override
    public Program lower(int rows, int cols) {
        checkShape(rows, cols);
        return I2s1xnAvx2Gemv.lower(rows, cols, rowsPerPass, groupBlocks);
    }

    @Override
    public GemvOperands random(int rows, int cols, long seed) {
        return new I2sAvx2Lowering(groupBlocks).random(rows, cols, seed);
    }

    @Override
    public List<GemvOperands> dataSets(int rows, int cols, long seed) {
        return new I2sAvx2Lowering(groupBlocks).dataSets(rows, cols, seed);
    }
}
