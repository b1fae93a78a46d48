// The I2_S GEMV on AVX2 (bitnet.cpp's 1x1 kernel shape) as a GemvLowering, with its widening interval as a parameter.
package org.ternsim.isa.lower;

import java.util.List;
import org.ternsim.isa.Program;
import org.ternsim.isa.SemanticsTable;
import org.ternsim.isa.x86.X86Semantics;
import org.ternsim.kernels.format.I2sLayout;
import org.ternsim.kernels.format.I2sWeights;

/** @param groupBlocks 128-value blocks summed in int16 before widening: 16 is exact, bitnet.cpp's 32 can wrap. */
public record I2sAvx2Lowering(int groupBlocks) implements GemvLowering {

    public I2sAvx2Lowering {
        if (groupBlocks < 1 || groupBlocks > I2sAvx2Gemv.BITNET_GROUP_BLOCKS) {
            throw new IllegalArgumentException("groupBlocks must be 1..32, got " + groupBlocks);
        }
    }

    @Override
    public String kernel() {
        return "i2_s";
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
        if (rows < 1) {
            throw new IllegalArgumentException("needs M >= 1, got " + rows);
        }
        I2sLayout.X86_128.checkCols(cols);
        if ((long) rows * cols / 4 + I2sWeights.TAIL_BYTES > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(rows + "x" + cols + " is too large to execute functionally"
                + " (at most 2^31 bytes of packed weights)");
        }
    }

    @Override
    public Program lower(int rows, int cols) {
        return I2sAvx2Gemv.lower(rows, cols, groupBlocks);
    }

    @Override
    public GemvOperands random(int rows, int cols, long seed) {
        return I2sOperands.random(rows, cols, seed, I2sLayout.X86_128);
    }

    @Override
    public List<GemvOperands> dataSets(int rows, int cols, long seed) {
        return List.of(random(rows, cols, seed), I2sOperands.constant(rows, cols, 1, 127, I2sLayout.X86_128),
            I2sOperands.constant(rows, cols, -1, -128, I2sLayout.X86_128),
            I2sOperands.constant(rows, cols, 1, -128, I2sLayout.X86_128));
    }
}
