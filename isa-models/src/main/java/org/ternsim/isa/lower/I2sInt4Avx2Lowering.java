// The BitNet a4.8 ternary x INT4 GEMV on AVX2: the I2_S 1x1 program with the widening interval int4 codes allow.
package org.ternsim.isa.lower;

import java.util.List;
import org.ternsim.isa.Program;
import org.ternsim.isa.SemanticsTable;
import org.ternsim.isa.x86.X86Semantics;

/**
 * Int4 codes are int8 codes in [-8, 7] (I2sInt4Gemv), so the I2_S program computes the same int32 sum; what int4
 * changes is the int16 headroom. One int16 lane of {@code vpmaddubsw} + {@code vpaddw} gains 8 products c*q per
 * 128-value block with c in 0..2 and q in -8..7, so within [-128, 112] per block: {@value #MAX_GROUP_BLOCKS} blocks stay
 * within [-32768, 28672] and the int16 sums cannot wrap (the int8 kernel must widen every 16 blocks). The default
 * widens once per 256 blocks, i.e. once per row for K up to 32768, which removes the widening work from the loop.
 *
 * @param groupBlocks 128-value blocks summed in int16 before widening, 1..{@value #MAX_GROUP_BLOCKS}
 */
public record I2sInt4Avx2Lowering(int groupBlocks) implements GemvLowering {

    public static final int MAX_GROUP_BLOCKS = 256;

    public I2sInt4Avx2Lowering {
        if (groupBlocks < 1 || groupBlocks > MAX_GROUP_BLOCKS) {
            throw new IllegalArgumentException("groupBlocks must be 1.." + MAX_GROUP_BLOCKS
                + " (int16 sums of int4 products wrap beyond), got " + groupBlocks);
        }
    }

    public static I2sInt4Avx2Lowering defaults() {
        return new I2sInt4Avx2Lowering(MAX_GROUP_BLOCKS);
    }

    @Override
    public String kernel() {
        return "i2_s-int4";
    }

    @Override
    public String isa() {
        return "avx2";
    }

    @Override
    public SemanticsTable semantics() {
        return X86Semantics.table();
    }

    /** The I2_S x86 layout's rules (K a multiple of 128, packed weights below 2^31 bytes). */
    @Override
    public void checkShape(int rows, int cols) {
        new I2sAvx2Lowering(I2sAvx2Gemv.SAFE_GROUP_BLOCKS).checkShape(rows, cols);
    }

    @Override
    public Program lower(int rows, int cols) {
        checkShape(rows, cols);
        return I2sAvx2Gemv.lower("i2_s-int4/avx2", rows, cols, groupBlocks);
    }

    @Override
    public GemvOperands random(int rows, int cols, long seed) {
        return I2sInt4Operands.random(rows, cols, seed);
    }

    /** Random, then the int16 extremes: +1 x 7 (largest sum), +1 x -8 (smallest: -32768 after 256 blocks), -1 x 7. */
    @Override
    public List<GemvOperands> dataSets(int rows, int cols, long seed) {
        return List.of(random(rows, cols, seed), I2sInt4Operands.constant(rows, cols, 1, 7),
            I2sInt4Operands.constant(rows, cols, 1, -8), I2sInt4Operands.constant(rows, cols, -1, 7));
    }
}
