// The I2_S GEMV on NEON (smlal/smlal2 widening) or NEON + dotprod (sdot) as a GemvLowering; tuning as record fields.
package org.ternsim.isa.lower;

import java.util.List;
import org.ternsim.isa.Program;
import org.ternsim.isa.SemanticsTable;
import org.ternsim.isa.arm.ArmSemantics;
import org.ternsim.kernels.format.I2sLayout;
import org.ternsim.kernels.format.I2sWeights;

/**
 * @param dotprod      sdot (ISA neon-dotprod) or smlal/smlal2 (ISA neon)
 * @param accumulators independent accumulators; bitnet.cpp uses 1
 * @param groupBlocks  int16 widening interval without dotprod; 16 x accumulators is exact, bitnet.cpp's 32 can wrap
 */
public record I2sNeonLowering(boolean dotprod, int accumulators, int groupBlocks) implements GemvLowering {

    public I2sNeonLowering {
        new I2sNeonGemv.Params(dotprod, accumulators, groupBlocks);
    }

    /** bitnet.cpp's shape (one accumulator) with an exact widening interval. */
    public static I2sNeonLowering defaults(boolean dotprod) {
        return new I2sNeonLowering(dotprod, 1, I2sNeonGemv.Params.safeGroupBlocks(1));
    }

    @Override
    public String kernel() {
        return "i2_s";
    }

    @Override
    public String isa() {
        return dotprod ? ArmSemantics.NEON_DOTPROD : ArmSemantics.NEON;
    }

    @Override
    public SemanticsTable semantics() {
        return ArmSemantics.forIsa(isa());
    }

    @Override
    public void checkShape(int rows, int cols) {
        if (rows < 1) {
            throw new IllegalArgumentException("needs M >= 1, got " + rows);
        }
        I2sLayout.ARM_64.checkCols(cols);
        if ((long) rows * cols / 4 + I2sWeights.TAIL_BYTES > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(rows + "x" + cols + " is too large to execute functionally"
                + " (at most 2^31 bytes of packed weights)");
        }
    }

    @Override
    public Program lower(int rows, int cols) {
        return I2sNeonGemv.lower(rows, cols, new I2sNeonGemv.Params(dotprod, accumulators, groupBlocks));
    }

    @Override
    public GemvOperands random(int rows, int cols, long seed) {
        return new I2sNeonOperands(I2sOperands.random(rows, cols, seed, I2sLayout.ARM_64));
    }

    @Override
    public List<GemvOperands> dataSets(int rows, int cols, long seed) {
        return List.of(random(rows, cols, seed),
            new I2sNeonOperands(I2sOperands.constant(rows, cols, 1, 127, I2sLayout.ARM_64)),
            new I2sNeonOperands(I2sOperands.constant(rows, cols, -1, -128, I2sLayout.ARM_64)),
            new I2sNeonOperands(I2sOperands.constant(rows, cols, 1, -128, I2sLayout.ARM_64)));
    }
}
