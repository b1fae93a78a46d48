// llama.cpp's TQ2_0, Q4_0 and F16 GEMVs on AVX2 as GemvLowerings (see BaselineAvx2Gemv for the programs).
package org.ternsim.isa.lower;

import java.util.List;
import org.ternsim.isa.Program;
import org.ternsim.isa.SemanticsTable;
import org.ternsim.isa.x86.X86Semantics;
import org.ternsim.kernels.baseline.BlockFormat;

/** @param format TQ2_0, Q4_0 or F16; neither has a tuning parameter, since the engine fixes the float order. */
public record BaselineAvx2Lowering(BlockFormat format) implements GemvLowering {

    public BaselineAvx2Lowering {
        if (format != BlockFormat.TQ2_0 && format != BlockFormat.F16 && format != BlockFormat.Q4_0) {
            throw new IllegalArgumentException("AVX2 baseline lowerings exist for tq2_0, q4_0 and f16, not "
                + format.kernelName());
        }
    }

    @Override
    public String kernel() {
        return format.kernelName();
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
        format.checkCols(cols);
        if ((long) rows * BaselineAvx2Gemv.rowBytes(format, cols) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(rows + "x" + cols + " is too large to execute functionally");
        }
    }

    @Override
    public Program lower(int rows, int cols) {
        checkShape(rows, cols);
        return BaselineAvx2Gemv.lower(format, rows, cols);
    }

    @Override
    public GemvOperands random(int rows, int cols, long seed) {
        return BaselineOperands.random(format, rows, cols, seed);
    }

    /** Random; then all +1 / -1 weights x constant activations; for F16 also extreme halves (max, subnormal, -0). */
    @Override
    public List<GemvOperands> dataSets(int rows, int cols, long seed) {
        List<GemvOperands> sets = new java.util.ArrayList<>();
        sets.add(random(rows, cols, seed));
        sets.add(BaselineOperands.of("all weights +1, all activations +1", format, rows, cols, i -> 1, k -> 1));
        sets.add(BaselineOperands.of("all weights -1, activations +-1", format, rows, cols, i -> -1,
            k -> k % 2 == 0 ? 1 : -1));
        if (format == BlockFormat.F16) {
            double[] halves = {65504, -65504, 5.960464477539063e-8, -0.0, 1, 3.0517578125e-5};
            float[] x = org.ternsim.kernels.layer.SyntheticWeights.gaussian(cols, 1f, seed + 7);
            sets.add(BaselineOperands.of("extreme halves (max, subnormal, -0)", format, rows, cols,
                i -> halves[i % halves.length], k -> x[k] * 1e4));
        }
        return sets;
    }
}
