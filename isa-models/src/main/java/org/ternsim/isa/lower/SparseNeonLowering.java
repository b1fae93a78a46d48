// The activation-sparse ternary GEMV on NEON (smlal/smlal2, int16 widened) or NEON + dotprod (sdot, 4 columns at once).
package org.ternsim.isa.lower;

import java.util.List;
import org.ternsim.isa.Program;
import org.ternsim.isa.SemanticsTable;
import org.ternsim.isa.arm.ArmSemantics;

/** @param dotprod sdot on groups of 4 non-zero columns (ISA neon-dotprod) or smlal per column (ISA neon) */
public record SparseNeonLowering(boolean dotprod) implements ZeroSkippingLowering {

    @Override
    public String kernel() {
        return "i2_s-sparse";
    }

    @Override
    public String isa() {
        return dotprod ? ArmSemantics.NEON_DOTPROD : ArmSemantics.NEON;
    }

    @Override
    public SemanticsTable semantics() {
        return ArmSemantics.forIsa(isa());
    }

    @Override
    public void checkShape(int rows, int cols) {
        SparseNeonGemv.checkShape(rows, cols);
    }

    @Override
    public Program lower(int rows, int cols) {
        return SparseNeonGemv.lower(rows, cols, dotprod);
    }

    @Override
    public GemvOperands random(int rows, int cols, long seed) {
        return SparseOperands.random(rows, cols, seed).boundAs(binding());
    }

    /** The AVX2 program's data sets (random half-sparse, int32 extremes with every other activation zero). */
    @Override
    public List<GemvOperands> dataSets(int rows, int cols, long seed) {
        return SparseAvx2Lowering.defaults().dataSets(rows, cols, seed).stream()
            .map(d -> (GemvOperands) ((SparseOperands) d).boundAs(binding())).toList();
    }

    @Override
    public SparseOperands.Binding binding() {
        return SparseNeonGemv.BINDING;
    }
}
