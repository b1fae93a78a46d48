// Receives what a simulation does in simulated time, as llvm-mca's views receive its events: a trace writer, a
// statistics view or a test implements it; the simulator knows nothing about what they make of it.
package org.ternsim.sim.timeline;

/**
 * Calls arrive in simulated execution order of the operators (events inside one operator are in the order the target
 * recorded them, not necessarily by time). Implementations need not be thread-safe: one run calls from one thread.
 */
public interface SimListener {

    void span(SimSpan span);

    default void counter(SimCounter counter) {
    }
}
