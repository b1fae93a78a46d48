// The TL2 GEMV on AVX2 (bitnet.cpp's generated kernel, bm = 32) as a GemvLowering, with BK as its tuning parameter.
package org.ternsim.isa.lower;

import java.util.List;
import org.ternsim.isa.Program;
import org.ternsim.isa.SemanticsTable;
import org.ternsim.isa.x86.X86Semantics;
import org.ternsim.kernels.lut.LutShapes;
import org.ternsim.kernels.lut.Tl2Packer;

/**
 * @param bk activations per int16 block of the triple part: a multiple of 48 (whole sign words per block) up to 240
 *           (exact: 80 lookups of at most 384 fit int16); bitnet.cpp ships 96 and 192
 */
public record Tl2Avx2Lowering(int bk) implements GemvLowering {

    public Tl2Avx2Lowering {
        if (bk < 48 || bk > 240 || bk % 48 != 0) {
            throw new IllegalArgumentException("TL2 AVX2 needs BK in 48, 96, 144, 192, 240, got " + bk);
        }
    }

    public static Tl2Avx2Lowering defaults() {
        return new Tl2Avx2Lowering(Tl2Packer.DEFAULT_BK);
    }

    @Override
    public String kernel() {
        return "tl2";
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
        LutShapes.checkTl2(cols, bk);
    }

    @Override
    public Program lower(int rows, int cols) {
        checkShape(rows, cols);
        return Tl2Avx2Gemv.lower(rows, cols, bk);
    }

    @Override
    public GemvOperands random(int rows, int cols, long seed) {
        return Tl2Operands.random(rows, cols, seed, bk, Tl2Avx2Gemv::bind);
    }

    @Override
    public List<GemvOperands> dataSets(int rows, int cols, long seed) {
        return Tl2Operands.dataSets(rows, cols, seed, bk, Tl2Avx2Gemv::bind);
    }
}
