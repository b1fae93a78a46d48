// The BitNet a4.8 ternary x INT4 GEMV on AVX-512: the I2_S VNNI program run on int4 codes stored one per byte.
package org.ternsim.isa.lower;

import java.util.List;
import org.ternsim.isa.Program;
import org.ternsim.isa.SemanticsTable;
import org.ternsim.isa.x86.X86Semantics;

/**
 * Int4 codes are int8 codes in [-8, 7] (I2sInt4Gemv) and the VNNI program has no int16 stage ({@code vpdpbusd}
 * sums u8 code x s8 activation straight into int32), so it computes the same exact int32 sum as for int8 and needs no
 * int4-specific headroom argument, unlike the AVX2 program's widening interval (I2sInt4Avx2Lowering).
 *
 * @param rowsPerPass weight rows that share each activation load (1..8); see {@link I2sVnniGemv}
 */
public record I2sInt4Avx512Lowering(int rowsPerPass) implements GemvLowering {

    public I2sInt4Avx512Lowering {
        if (rowsPerPass < 1 || rowsPerPass > I2sVnniGemv.MAX_ROWS_PER_PASS) {
            throw new IllegalArgumentException("rowsPerPass must be 1.." + I2sVnniGemv.MAX_ROWS_PER_PASS + ", got "
                + rowsPerPass);
        }
    }

    /** The i2_s-vnni default rows per pass. */
    public static I2sInt4Avx512Lowering defaults() {
        return new I2sInt4Avx512Lowering(I2sVnniLowering.DEFAULT_ROWS_PER_PASS);
    }

    @Override
    public String kernel() {
        return "i2_s-int4";
    }

    @Override
    public String isa() {
        return "avx512";
    }

    @Override
    public SemanticsTable semantics() {
        return X86Semantics.table();
    }

    /** The I2_S x86 layout's rules (K a multiple of 128, packed weights below 2^31 bytes). */
    @Override
    public void checkShape(int rows, int cols) {
        new I2sVnniLowering(rowsPerPass).checkShape(rows, cols);
    }

    @Override
    public Program lower(int rows, int cols) {
        checkShape(rows, cols);
        return I2sVnniGemv.lower("i2_s-int4/avx512", rows, cols, rowsPerPass);
    }

    @Override
    public GemvOperands random(int rows, int cols, long seed) {
        return I2sInt4Operands.random(rows, cols, seed);
    }

    /** The AVX2 int4 data sets: random, then the int4 extremes (+1 x 7, +1 x -8, -1 x 7). */
    @Override
    public List<GemvOperands> dataSets(int rows, int cols, long seed) {
        return I2sInt4Avx2Lowering.defaults().dataSets(rows, cols, seed);
    }
}
