// Orders the accesses of several simulated cores to the levels they share (shared caches and DRAM) by simulated time.
package org.ternsim.sim.mem;

/** Called by a core's hierarchy before it touches shared state at {@code cycle}; may block until it is that core's turn. */
public interface SharedGate {
    void await(long cycle);
}
