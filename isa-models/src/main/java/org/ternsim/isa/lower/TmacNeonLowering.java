// T-MAC on NEON (tbl on int8 tables, 16 rows per group) as a GemvLowering; act_group_size and planes are parameters.
package org.ternsim.isa.lower;

import java.util.List;
import org.ternsim.isa.Program;
import org.ternsim.isa.SemanticsTable;
import org.ternsim.isa.arm.ArmSemantics;
import org.ternsim.kernels.tmac.TmacShapes;

/**
 * @param actGroupSize activations per lut_scale (T-MAC's -ags; default 64)
 * @param bits         bit planes: 2 for ternary weights ({@code tmac}), 4 for int4 ({@code tmac-w4})
 */
public record TmacNeonLowering(int actGroupSize, int bits) implements GemvLowering {

    public TmacNeonLowering {
        TmacShapes.check(actGroupSize, actGroupSize);
        TmacShapes.checkBits(bits);
    }

    /** The ternary kernel {@code tmac}. */
    public TmacNeonLowering(int actGroupSize) {
        this(actGroupSize, TmacShapes.BITS);
    }

    @Override
    public String kernel() {
        return TmacShapes.kernelName(bits);
    }

    @Override
    public String isa() {
        return ArmSemantics.NEON;
    }

    @Override
    public SemanticsTable semantics() {
        return ArmSemantics.neon();
    }

    @Override
    public void checkShape(int rows, int cols) {
        TmacNeonGemv.checkShape(rows, cols, actGroupSize);
    }

    @Override
    public Program lower(int rows, int cols) {
        return TmacNeonGemv.lower(rows, cols, actGroupSize, bits);
    }

    @Override
    public GemvOperands random(int rows, int cols, long seed) {
        return TmacOperands.random(rows, cols, actGroupSize, bits, seed, TmacOperands.NEON);
    }

    @Override
    public List<GemvOperands> dataSets(int rows, int cols, long seed) {
        return TmacOperands.dataSets(rows, cols, actGroupSize, bits, seed, TmacOperands.NEON);
    }
}
