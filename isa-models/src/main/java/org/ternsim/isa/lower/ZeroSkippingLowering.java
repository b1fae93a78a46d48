// A lowering whose program skips zero activations (i2_s-sparse): its time follows the input's sparsity.
package org.ternsim.isa.lower;

/** The sparse programs walk column-major weights in row chunks across four planes, not row after row. */
interface ZeroSkippingLowering extends GemvLowering {

    /** The program's memory layout of SparseOperands. */
    SparseOperands.Binding binding();

    @Override
    default boolean outputsInRowOrder() {
        return false;
    }

    @Override
    default boolean skipsZeroInputs() {
        return true;
    }

    @Override
    default GemvLowering withInputSparsity(double zeroFraction) {
        return new ZeroFractionLowering(this, zeroFraction);
    }
}
