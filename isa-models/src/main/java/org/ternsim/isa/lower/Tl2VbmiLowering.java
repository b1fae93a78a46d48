// The TL2 GEMV on AVX-512 VBMI (64-row vpermb lookups, opmask signs) as a GemvLowering, with BK as its tuning parameter.
package org.ternsim.isa.lower;

import java.util.List;
import org.ternsim.isa.Program;
import org.ternsim.isa.SemanticsTable;
import org.ternsim.isa.x86.X86Semantics;
import org.ternsim.kernels.lut.Tl2Packer;

/**
 * @param bk activations per int16 block of the triple part, as for {@link Tl2Avx2Lowering}: a multiple of 48 (whole
 *           16-triple loop iterations) up to 240 (exact: 80 lookups of at most 384 fit int16)
 */
public record Tl2VbmiLowering(int bk) implements GemvLowering {

    public Tl2VbmiLowering {
        new Tl2Avx2Lowering(bk);
    }

    public static Tl2VbmiLowering defaults() {
        return new Tl2VbmiLowering(Tl2Packer.DEFAULT_BK);
    }

    @Override
    public String kernel() {
        return "tl2";
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
    public void checkShape(int rows, int cols) {
        new Tl2Avx2Lowering(bk).checkShape(rows, cols);
    }

    @Override
    public Program lower(int rows, int cols) {
        checkShape(rows, cols);
        return Tl2VbmiGemv.lower(rows, cols, bk);
    }

    @Override
    public GemvOperands random(int rows, int cols, long seed) {
        return Tl2Operands.random(rows, cols, seed, bk, Tl2VbmiGemv::bind);
    }

    @Override
    public List<GemvOperands> dataSets(int rows, int cols, long seed) {
        return Tl2Operands.dataSets(rows, cols, seed, bk, Tl2VbmiGemv::bind);
    }
}
