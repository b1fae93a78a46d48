// The I2_S GEMM (prefill) on AVX2, bitnet.cpp's Nx1 loop (kernel i2_s-nx1), with N tokens per tile as a parameter.
package org.ternsim.isa.lower;

import java.util.List;
import org.ternsim.isa.Program;
import org.ternsim.isa.SemanticsTable;
import org.ternsim.isa.x86.X86Semantics;
import org.ternsim.kernels.format.I2sLayout;

/**
 * @param tokens      N, the tokens of one call (bitnet.cpp's x86 PARALLEL_SIZE is 4), 1..4
 * @param groupBlocks int16 widening interval; 16 is exact for every input, bitnet.cpp's 32 can wrap
 */
public record I2sNx1Avx2Lowering(int tokens, int groupBlocks) implements GemvLowering {

    /** bitnet.cpp's x86 PARALLEL_SIZE with ACT_PARALLEL (include/gemm-config.h; kernels.md 2.5). */
    public static final int DEFAULT_TOKENS = 4;

    public I2sNx1Avx2Lowering {
        if (tokens < 1 || tokens > I2sNx1Avx2Gemm.MAX_TOKENS) {
            throw new IllegalArgumentException("tokens must be 1.." + I2sNx1Avx2Gemm.MAX_TOKENS + ", got " + tokens);
        }
        if (groupBlocks < 1 || groupBlocks > I2sAvx2Gemv.BITNET_GROUP_BLOCKS) {
            throw new IllegalArgumentException("groupBlocks must be 1..32, got " + groupBlocks);
        }
    }

    public static I2sNx1Avx2Lowering defaults() {
        return new I2sNx1Avx2Lowering(DEFAULT_TOKENS, I2sAvx2Gemv.SAFE_GROUP_BLOCKS);
    }

    @Override
    public String kernel() {
        return "i2_s-nx1";
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
    public int activationColumns() {
        return tokens;
    }

    @Override
    public void checkShape(int rows, int cols) {
        new I2sAvx2Lowering(I2sAvx2Gemv.SAFE_GROUP_BLOCKS).checkShape(rows, cols);
    }

    @Override
    public Program lower(int rows, int cols) {
        checkShape(rows, cols);
        return I2sNx1Avx2Gemm.lower(rows, cols, tokens, groupBlocks);
    }

    @Override
    public GemvOperands random(int rows, int cols, long seed) {
        return I2sGemmOperands.random(rows, cols, tokens, seed, I2sLayout.X86_128, I2sNx1Avx2Gemm::bind);
    }

    /** Random; all +1 weights with tokens alternating 127 / -128; all -1 with -128 / 127. */
    @Override
    public List<GemvOperands> dataSets(int rows, int cols, long seed) {
        return I2sGemmOperands.dataSets(rows, cols, tokens, seed, I2sLayout.X86_128, I2sNx1Avx2Gemm::bind);
    }
}
