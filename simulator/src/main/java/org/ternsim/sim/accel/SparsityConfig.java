// Zero-weight clock gating: the fraction of ternary weights that are zero and whether the PE skips them.
package org.ternsim.sim.accel;

/**
 * Energy only: a gated PE spends no add energy on a zero weight. Timing is unchanged (the adder tree still has a
 * slot per weight). Skipping zero activations (a4.8 Top-K, ReLU^2 outputs) is not modelled.
 *
 * @param zeroWeightGating   whether zero weights gate the add
 * @param zeroWeightFraction fraction of weights that are 0
 */
public record SparsityConfig(boolean zeroWeightGating, double zeroWeightFraction) {
}
