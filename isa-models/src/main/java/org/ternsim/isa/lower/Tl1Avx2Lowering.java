// The TL1 GEMV on avx2 (vpshufb lookups of split int16 pair tables, 32 rows per ymm) as a GemvLowering; BK is its parameter.
package org.ternsim.isa.lower;

import java.util.List;
import org.ternsim.isa.Program;
import org.ternsim.isa.SemanticsTable;
import org.ternsim.isa.x86.X86Semantics;
import org.ternsim.kernels.lut.LutShapes;

/** @param bk activations per int16 accumulation block (the codegen uses 64 or 128; exact for BK <= 256) */
public record Tl1Avx2Lowering(int bk) implements GemvLowering {

    /** Rows per block: one ymm of index bytes. */
    public static final int ROWS_PER_BLOCK = 32;

    public Tl1Avx2Lowering {
        LutShapes.checkTl1(2, bk);
    }

    public static Tl1Avx2Lowering defaults() {
        return new Tl1Avx2Lowering(Tl1NeonLowering.DEFAULT_BK);
    }

    @Override
    public String kernel() {
        return "tl1";
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
        Tl1X86Gemv.checkShape(rows, cols, bk);
    }

    @Override
    public Program lower(int rows, int cols) {
        return Tl1X86Gemv.lower(rows, cols, bk, ROWS_PER_BLOCK);
    }

    @Override
    public GemvOperands random(int rows, int cols, long seed) {
        return Tl1Operands.random(rows, cols, bk, seed, Tl1X86Gemv.layout(ROWS_PER_BLOCK));
    }

    @Override
    public List<GemvOperands> dataSets(int rows, int cols, long seed) {
        Tl1Operands.Layout layout = Tl1X86Gemv.layout(ROWS_PER_BLOCK);
        return List.of(random(rows, cols, seed), Tl1Operands.constant(rows, cols, bk, 1, 127, layout),
            Tl1Operands.constant(rows, cols, bk, -1, -127, layout), Tl1Operands.constant(rows, cols, bk, 1, -127, layout));
    }
}
