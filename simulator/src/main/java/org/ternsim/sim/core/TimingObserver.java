// Receives the stage timestamps of every instruction the core times, for steady-state detection, timelines and port views.
package org.ternsim.sim.core;

/** Called once per executed instruction, in program order, after the core has timed it. */
@FunctionalInterface
public interface TimingObserver {

    /**
     * @param pc        static instruction index
     * @param dispatch  cycle the instruction was dispatched (renamed)
     * @param issue     cycle its first uop started executing (= ready cycle when it uses no port)
     * @param complete  cycle its result is ready
     * @param retire    cycle it retired
     * @param ports     port index of each uop, in usage order; only the first {@code portCount} entries are valid and
     *                  the array is reused by the next call
     * @param portCount number of uops placed on ports
     */
    void timed(int pc, long dispatch, long issue, long complete, long retire, int[] ports, int portCount);
}
