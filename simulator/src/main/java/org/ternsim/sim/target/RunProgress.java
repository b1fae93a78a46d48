// How far a target's costing of a run has got, for a progress display (host time, not simulated time).
package org.ternsim.sim.target;

/** Told the number of simulations a run needs once, then each one's completion (from any thread). */
public interface RunProgress {

    RunProgress NONE = new RunProgress() {
        @Override
        public void planned(long simulations) {
        }

        @Override
        public void done() {
        }
    };

    void planned(long simulations);

    /** One simulation finished; called concurrently from worker threads. */
    void done();
}
