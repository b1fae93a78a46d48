// T-MAC on AVX2 (vpshufb on int8 tables, 32 rows per tile) as a GemvLowering; act_group_size and planes are parameters.
package org.ternsim.isa.lower;

import java.util.List;
import org.ternsim.isa.Program;
import org.ternsim.isa.SemanticsTable;
import org.ternsim.isa.x86.X86Semantics;
import org.ternsim.kernels.tmac.TmacShapes;

/**
 * @param actGroupSize activations per lut_scale (T-MAC's -ags; default 64), at most TmacAvx2Gemv.MAX_ACT_GROUP
 * @param bits         bit planes: 2 for ternary weights ({@code tmac}), 4 for int4 ({@code tmac-w4})
 */
public record TmacAvx2Lowering(int actGroupSize, int bits) implements GemvLowering {

    public TmacAvx2Lowering {
        TmacAvx2Gemv.checkShape(1, actGroupSize, actGroupSize);
        TmacShapes.checkBits(bits);
    }

    /** The ternary kernel {@code tmac}. */
    public TmacAvx2Lowering(int actGroupSize) {
        this(actGroupSize, TmacShapes.BITS);
    }

    /** {@code tmac} with T-MAC's default act_group_size. */
    public static TmacAvx2Lowering defaults() {
        return defaults(TmacShapes.BITS);
    }

    /** {@code bits} planes with T-MAC's default act_group_size. */
    public static TmacAvx2Lowering defaults(int bits) {
        return new TmacAvx2Lowering(TmacShapes.DEFAULT_ACT_GROUP, bits);
    }

    @Override
    public String kernel() {
        return TmacShapes.kernelName(bits);
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
        TmacAvx2Gemv.checkShape(rows, cols, actGroupSize);
    }

    @Override
    public Program lower(int rows, int cols) {
        return TmacAvx2Gemv.lower(rows, cols, actGroupSize, bits);
    }

    @Override
    public GemvOperands random(int rows, int cols, long seed) {
        return TmacOperands.random(rows, cols, actGroupSize, bits, seed, TmacAvx2Gemv.LAYOUT);
    }

    @Override
    public List<GemvOperands> dataSets(int rows, int cols, long seed) {
        return TmacOperands.dataSets(rows, cols, actGroupSize, bits, seed, TmacAvx2Gemv.LAYOUT);
    }
}
