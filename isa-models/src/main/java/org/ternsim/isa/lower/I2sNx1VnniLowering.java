// The I2_S GEMM (prefill) on AVX-512 VNNI, bitnet.cpp's Nx1 loop (kernel i2_s-nx1), with N and columns per pass.
package org.ternsim.isa.lower;

import java.util.List;
import org.ternsim.isa.Program;
import org.ternsim.isa.SemanticsTable;
import org.ternsim.isa.x86.X86Semantics;

/**
 * @param tokens         N, the activation columns of one call (a prefill chunk); see {@link #activationColumns()}
 * @param columnsPerPass columns sharing each unpacked weight block (bitnet.cpp's PARALLEL_SIZE), 1..8
 */
public record I2sNx1VnniLowering(int tokens, int columnsPerPass) implements GemvLowering {

    public static final int DEFAULT_TOKENS = 8;
    public static final int DEFAULT_COLUMNS_PER_PASS = 4;

    public I2sNx1VnniLowering {
        if (tokens < 1) {
            throw new IllegalArgumentException("tokens must be >= 1, got " + tokens);
        }
        if (columnsPerPass < 1 || columnsPerPass > I2sNx1VnniGemm.MAX_COLUMNS_PER_PASS) {
            throw new IllegalArgumentException("columnsPerPass must be 1.." + I2sNx1VnniGemm.MAX_COLUMNS_PER_PASS
                + ", got " + columnsPerPass);
        }
    }

    @Override
    public String kernel() {
        return "i2_s-nx1";
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
        return I2sNx1VnniGemm.lower(rows, cols, tokens, columnsPerPass);
    }

    @Override
    public GemvOperands random(int rows, int cols, long seed) {
        return I2sGemmOperands.random(rows, cols, tokens, seed);
    }

    /** Random; all +1 weights with tokens alternating 127 / -128; all -1 with -128 / 127. */
    @Override
    public List<GemvOperands> dataSets(int rows, int cols, long seed) {
        return List.of(random(rows, cols, seed), I2sGemmOperands.constant(rows, cols, tokens, 1, 127, -128),
            I2sGemmOperands.constant(rows, cols, tokens, -1, -128, 127));
    }
}
