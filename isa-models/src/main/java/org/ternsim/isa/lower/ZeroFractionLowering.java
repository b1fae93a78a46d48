// A zero-skipping lowering whose random data carries a given share of zero activations (an operator's input sparsity).
package org.ternsim.isa.lower;

import java.util.List;
import org.ternsim.isa.Program;
import org.ternsim.isa.SemanticsTable;

/**
 * Only {@link #random} differs from {@code base}: it is what the simulator runs, so the program's compress stage sees
 * the operator's zeros. The validation data sets stay the base lowering's own (edge cases included).
 */
record ZeroFractionLowering(ZeroSkippingLowering base, double zeroFraction) implements ZeroSkippingLowering {

    ZeroFractionLowering {
        if (!(zeroFraction >= 0 && zeroFraction <= 1)) {
            throw new IllegalArgumentException("input sparsity must be in [0, 1], got " + zeroFraction);
        }
    }

    @Override
    public String kernel() {
        return base.kernel();
    }

    @Override
    public String isa() {
        return base.isa();
    }

    @Override
    public SemanticsTable semantics() {
        return base.semantics();
    }

    @Override
    public void checkShape(int rows, int cols) {
        base.checkShape(rows, cols);
    }

    @Override
    public Program lower(int rows, int cols) {
        return base.lower(rows, cols);
    }

    @Override
    public int activationColumns() {
        return base.activationColumns();
    }

    @Override
    public GemvOperands random(int rows, int cols, long seed) {
        return SparseOperands.random(rows, cols, seed, zeroFraction).boundAs(binding());
    }

    @Override
    public List<GemvOperands> dataSets(int rows, int cols, long seed) {
        return base.dataSets(rows, cols, seed);
    }

    @Override
    public SparseOperands.Binding binding() {
        return base.binding();
    }

    @Override
    public GemvLowering withInputSparsity(double fraction) {
        return new ZeroFractionLowering(base, fraction);
    }
}
