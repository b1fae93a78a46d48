// The W1.58A16 (FLUX) GEMV on NEON as a GemvLowering: activation format as the parameter (see TernaryA16NeonGemv).
package org.ternsim.isa.lower;

import java.util.List;
import org.ternsim.isa.Program;
import org.ternsim.isa.SemanticsTable;
import org.ternsim.isa.arm.ArmSemantics;
import org.ternsim.kernels.format.I2sLayout;
import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.gemv.A16Format;

/**
 * @param format F16 (default, fcvtl) or BF16 (shll); the float order is the engine's, so there is no other tuning
 *               parameter: the four accumulators are its 16 lanes
 */
public record TernaryA16NeonLowering(A16Format format) implements GemvLowering {

    public TernaryA16NeonLowering {
        java.util.Objects.requireNonNull(format, "format");
    }

    @Override
    public String kernel() {
        return "ternary-a16";
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
        if (rows < 1) {
            throw new IllegalArgumentException("needs M >= 1, got " + rows);
        }
        I2sLayout.ARM_64.checkCols(cols);
        if ((long) rows * cols / 4 + I2sWeights.TAIL_BYTES > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(rows + "x" + cols + " is too large to execute functionally");
        }
    }

    @Override
    public Program lower(int rows, int cols) {
        checkShape(rows, cols);
        return TernaryA16NeonGemv.lower(format, rows, cols);
    }

    @Override
    public GemvOperands random(int rows, int cols, long seed) {
        return A16NeonOperands.random(format, rows, cols, seed);
    }

    /**
     * Random; extreme values (the format's largest, subnormals, -0, +-1; BF16 sums of the largest overflow to inf
     * and NaN); subnormal activations alone (not swamped by normal ones); one infinite activation, which makes every
     * row NaN (0 x inf); one negative NaN with a payload, which the output must turn into the canonical NaN.
     */
    @Override
    public List<GemvOperands> dataSets(int rows, int cols, long seed) {
        double max = format == A16Format.F16 ? 65504 : 3.3895313892515355e38;
        double sub = format == A16Format.F16 ? 5.960464477539063e-8 : 9.183549615799121e-41;
        double[] extremes = {max, -max, sub, -0.0, 1, -1, -sub, 0.5};
        float[] x = org.ternsim.kernels.layer.SyntheticWeights.gaussian(cols, 1f, seed + 1);
        return List.of(random(rows, cols, seed),
            A16NeonOperands.of("extreme values (max, subnormal, -0)", format, rows, cols, seed,
                k -> extremes[k % extremes.length]),
            A16NeonOperands.of("subnormal activations", format, rows, cols, seed, k -> sub * (k % 7 - 3)),
            A16NeonOperands.of("one infinite activation", format, rows, cols, seed,
                k -> k == cols / 2 ? Double.POSITIVE_INFINITY : x[k]),
            A16NeonOperands.withBits("one NaN activation (negative, with payload)", format, rows, cols, seed,
                k -> k == cols / 3 ? (short) (format == A16Format.F16 ? 0xFE01 : 0xFFC1) : null));
    }
}
