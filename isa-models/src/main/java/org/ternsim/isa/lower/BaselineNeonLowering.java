// llama.cpp's TQ2_0, Q4_0 and F16 GEMVs on NEON or NEON + dotprod as GemvLowerings (see BaselineNeonGemv).
package org.ternsim.isa.lower;

import java.util.List;
import org.ternsim.isa.Program;
import org.ternsim.isa.SemanticsTable;
import org.ternsim.isa.arm.ArmSemantics;
import org.ternsim.kernels.baseline.BlockFormat;

/**
 * @param format      TQ2_0, Q4_0 or F16
 * @param dotprod     sdot for the integer formats (ISA neon-dotprod); F16 uses no dot product and exists on neon only
 * @param rowsPerPass Q4_0: 1, or 2 rows sharing each activation block with a float chain each (default 2, as ggml's
 *                    NEON loop keeps two); the other formats: 1
 */
public record BaselineNeonLowering(BlockFormat format, boolean dotprod, int rowsPerPass) implements GemvLowering {

    /** The default pass: two rows for Q4_0, one for the others. */
    public BaselineNeonLowering(BlockFormat format, boolean dotprod) {
        this(format, dotprod, format == BlockFormat.Q4_0 ? 2 : 1);
    }

    public BaselineNeonLowering {
        if (rowsPerPass != 1 && !(rowsPerPass == 2 && format == BlockFormat.Q4_0)) {
            throw new IllegalArgumentException("rowsPerPass must be 1, or 2 for q4_0, got " + rowsPerPass + " for "
                + format.kernelName());
        }
        if (format != BlockFormat.TQ2_0 && format != BlockFormat.F16 && format != BlockFormat.Q4_0) {
            throw new IllegalArgumentException("NEON baseline lowerings exist for tq2_0, q4_0 and f16, not "
                + format.kernelName());
        }
        if (dotprod && format == BlockFormat.F16) {
            throw new IllegalArgumentException("f16 has no dot-product form: use neon (a dotprod core runs it too)");
        }
    }

    @Override
    public String kernel() {
        return format.kernelName();
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
        new BaselineAvx2Lowering(format).checkShape(rows, cols);
    }

    @Override
    public Program lower(int rows, int cols) {
        checkShape(rows, cols);
        return BaselineNeonGemv.lower(format, dotprod, rowsPerPass, rows, cols);
    }

    @Override
    public GemvOperands random(int rows, int cols, long seed) {
        return BaselineOperands.random(format, rows, cols, seed);
    }

    /**
     * The AVX2 data sets (random, all +1 / -1 weights, for F16 extreme halves) and for F16 subnormal weights alone,
     * whose products are not swamped by normal ones, so a conversion that flushes them shows.
     */
    @Override
    public List<GemvOperands> dataSets(int rows, int cols, long seed) {
        List<GemvOperands> sets = new java.util.ArrayList<>(new BaselineAvx2Lowering(format).dataSets(rows, cols, seed));
        if (format == BlockFormat.F16) {
            double smallest = 5.960464477539063e-8;
            float[] x = org.ternsim.kernels.layer.SyntheticWeights.gaussian(cols, 1f, seed + 9);
            sets.add(BaselineOperands.of("subnormal halves", format, rows, cols, i -> smallest * (i % 5 - 2),
                k -> x[k]));
        }
        return sets;
    }
}
