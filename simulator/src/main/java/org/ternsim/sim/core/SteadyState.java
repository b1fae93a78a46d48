// The converged per-iteration cost of a loop, and how to extrapolate it to iterations not simulated in detail.
package org.ternsim.sim.core;

/**
 * @param loop               the loop measured
 * @param cyclesPerIteration mean retire-to-retire cycles of the closing branch (outer-loop overhead amortised) after convergence
 *                           (all measured iterations when it never converged)
 * @param iterations         iterations of the loop simulated (every execution of its closing branch)
 * @param measured           iterations that gave a per-iteration cycle count (all but the first)
 * @param convergedAfter     measured iterations before the window means agreed; -1 when they never did
 */
public record SteadyState(Loop loop, double cyclesPerIteration, long iterations, long measured, long convergedAfter) {

    public boolean converged() {
        return convergedAfter >= 0;
    }

    /** Cycles the loop would take for {@code moreIterations} further iterations at the steady-state rate. */
    public double extrapolate(long moreIterations) {
        return cyclesPerIteration * moreIterations;
    }
}
