// The I2_S GEMM (prefill) on NEON with dot product, bitnet.cpp's Nx1 loop (kernel i2_s-nx1), N tokens per tile.
package org.ternsim.isa.lower;

import java.util.List;
import org.ternsim.isa.Program;
import org.ternsim.isa.SemanticsTable;
import org.ternsim.isa.arm.ArmSemantics;
import org.ternsim.kernels.format.I2sLayout;

/** @param tokens N, the tokens of one call (bitnet.cpp's PARALLEL_SIZE with dot product is 8), 1..8 */
public record I2sNx1NeonLowering(int tokens) implements GemvLowering {

    /** bitnet.cpp's NEON + DOTPROD PARALLEL_SIZE with ACT_PARALLEL (include/gemm-config.h; kernels.md 2.5). */
    public static final int DEFAULT_TOKENS = 8;

    public I2sNx1NeonLowering {
        if (tokens < 1 || tokens > I2sNx1NeonGemm.MAX_TOKENS) {
            throw new IllegalArgumentException("tokens must be 1.." + I2sNx1NeonGemm.MAX_TOKENS + ", got " + tokens);
        }
    }

    @Override
    public String kernel() {
        return "i2_s-nx1";
    }

    @Override
    public String isa() {
        return ArmSemantics.NEON_DOTPROD;
    }

    @Override
    public SemanticsTable semantics() {
        return ArmSemantics.forIsa(isa());
    }

    @Override
    public int activationColumns() {
        return tokens;
    }

    @Override
    public void checkShape(int rows, int cols) {
        I2sNeonLowering.defaults(true).checkShape(rows, cols);
    }

    @Override
    public Program lower(int rows, int cols) {
        checkShape(rows, cols);
        return I2sNx1NeonGemm.lower(rows, cols, tokens);
    }

    @Override
    public GemvOperands random(int rows, int cols, long seed) {
        return I2sGemmOperands.random(rows, cols, tokens, seed, I2sLayout.ARM_64, I2sNx1NeonGemm::bind);
    }

    /** Random; all +1 weights with tokens alternating 127 / -128; all -1 with -128 / 127. */
    @Override
    public List<GemvOperands> dataSets(int rows, int cols, long seed) {
        return I2sGemmOperands.dataSets(rows, cols, tokens, seed, I2sLayout.ARM_64, I2sNx1NeonGemm::bind);
    }
}
