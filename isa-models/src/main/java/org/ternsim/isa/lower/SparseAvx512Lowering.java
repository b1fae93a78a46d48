// The activation-sparse ternary GEMV (a4.8 Top-K Wo input, ReLU^2 Wdown input) on AVX-512 BW + VBMI2 + VNNI.
package org.ternsim.isa.lower;

import java.util.List;
import org.ternsim.isa.Program;
import org.ternsim.isa.SemanticsTable;
import org.ternsim.isa.x86.X86Semantics;

/** No tuning parameter: the row block is one 64-byte block per column (16 zmm accumulators); see SparseAvx512Gemv. */
public record SparseAvx512Lowering() implements ZeroSkippingLowering {

    @Override
    public String kernel() {
        return "i2_s-sparse";
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
        SparseAvx512Gemv.checkShape(rows, cols);
    }

    @Override
    public Program lower(int rows, int cols) {
        return SparseAvx512Gemv.lower(rows, cols);
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
        return SparseAvx512Gemv.BINDING;
    }
}
