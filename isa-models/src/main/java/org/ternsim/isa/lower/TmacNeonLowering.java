// The T-MAC GEMV on NEON (tbl on int8 tables, 16 rows per group) as a GemvLowering; act_group_size is the parameter.
package org.ternsim.isa.lower;

import java.util.List;
import org.ternsim.isa.Program;
import org.ternsim.isa.SemanticsTable;
import org.ternsim.isa.arm.ArmSemantics;
import org.ternsim.kernels.tmac.TmacShapes;

/** @param actGroupSize activations per lut_scale (T-MAC's -ags; default 64) */
public record TmacNeonLowering(int actGroupSize) implements GemvLowering {

    public TmacNeonLowering {
        TmacShapes.check(actGroupSize, actGroupSize);
    }

    @Override
    public String kernel() {
        return "tmac";
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
        return TmacNeonGemv.lower(rows, cols, actGroupSize);
    }

    @Override
    public GemvOperands random(int rows, int cols, long seed) {
        return TmacOperands.random(rows, cols, actGroupSize, seed);
    }

    @Override
    public List<GemvOperands> dataSets(int rows, int cols, long seed) {
        return List.of(random(rows, cols, seed), TmacOperands.constant(rows, cols, actGroupSize, 1, 127),
            TmacOperands.constant(rows, cols, actGroupSize, -1, -127),
            TmacOperands.constant(rows, cols, actGroupSize, 1, -127));
    }
}
