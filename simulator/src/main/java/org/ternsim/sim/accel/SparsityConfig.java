// Sparsity options of the datapath: zero-weight clock gating, and skipping groups of zero activations.
package org.ternsim.sim.accel;

/**
 * Zero-weight gating is energy only: a gated PE spends no add energy on a zero weight; timing is unchanged (the adder
 * tree still has a slot per weight). Zero-activation skipping (a4.8 Top-K, ReLU^2-gated and INT4-rounded zeros) saves
 * time and energy: a zero detector flags each group of {@code skipGroup} consecutive activations that are all zero,
 * and a compaction unit feeds the array only the other groups (see {@link AccelCosts}). Skipping is exact for integer
 * activations (a zero code adds c * 0 = 0) and applies to operators whose input is declared sparse.
 *
 * @param zeroWeightGating    whether zero weights gate the add
 * @param zeroWeightFraction  fraction of weights that are 0
 * @param skipZeroActivations whether the ternary-MAC array skips all-zero activation groups
 * @param skipGroup           activations per group (a power of two up to the 128-value I2_S block); a group is skipped
 *                            only if all of its activations are zero
 * @param skipIndexCycles     cycles per token and row-group pass in which the compaction unit loads the group mask
 *                            and finds the first non-zero group before the array can start
 */
public record SparsityConfig(boolean zeroWeightGating, double zeroWeightFraction, boolean skipZeroActivations,
        int skipGroup, int skipIndexCycles) {

    /** No activation skipping. */
    public SparsityConfig(boolean zeroWeightGating, double zeroWeightFraction) {
        this(zeroWeightGating, zeroWeightFraction, false, 1, 0);
    }
}
