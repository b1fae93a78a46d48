// The T-MAC GEMV on AVX-512 (vpshufb zmm on int8 tables, 64 rows per tile) as a GemvLowering; act_group_size is the parameter.
package org.ternsim.isa.lower;

import java.util.List;
import org.ternsim.isa.Program;
import org.ternsim.isa.SemanticsTable;
import org.ternsim.isa.x86.X86Semantics;
import org.ternsim.kernels.tmac.TmacShapes;

/** @param actGroupSize activations per lut_scale (T-MAC's -ags; default 64), at most TmacAvx2Gemv.MAX_ACT_GROUP */
public record TmacAvx512Lowering(int actGroupSize) implements GemvLowering {

    public TmacAvx512Lowering {
        TmacAvx2Gemv.checkShape(1, actGroupSize, actGroupSize);
    }

    public static TmacAvx512Lowering defaults() {
        return new TmacAvx512Lowering(TmacShapes.DEFAULT_ACT_GROUP);
    }

    @Override
    public String kernel() {
        return "tmac";
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
        TmacAvx2Gemv.checkShape(rows, cols, actGroupSize);
    }

    @Override
    public Program lower(int rows, int cols) {
        return TmacAvx512Gemv.lower(rows, cols, actGroupSize);
    }

    @Override
    public GemvOperands random(int rows, int cols, long seed) {
        return TmacOperands.random(rows, cols, actGroupSize, seed, TmacAvx512Gemv.LAYOUT);
    }

    @Override
    public List<GemvOperands> dataSets(int rows, int cols, long seed) {
        return List.of(random(rows, cols, seed),
            TmacOperands.constant(rows, cols, actGroupSize, 1, 127, TmacAvx512Gemv.LAYOUT),
            TmacOperands.constant(rows, cols, actGroupSize, -1, -127, TmacAvx512Gemv.LAYOUT),
            TmacOperands.constant(rows, cols, actGroupSize, 1, -127, TmacAvx512Gemv.LAYOUT));
    }
}
