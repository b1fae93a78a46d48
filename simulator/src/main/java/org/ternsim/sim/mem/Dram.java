// DRAM as a bandwidth server with an idle latency: each line needs one slot of bus time, so latency grows under load.
package org.ternsim.sim.mem;

/**
 * Latency of a line = queueing for a bus slot ({@link BandwidthServer}: deterministic service, M/D/1-like for random
 * arrivals) + one line's transfer time at the sustainable bandwidth + the idle latency beyond the transfer.
 *
 * <p>Not modelled: banks, row-buffer hits and misses, read/write turnarounds, refresh, per-channel queues (channels
 * act as one server of their combined sustainable bandwidth, i.e. perfect address interleaving).
 */
public final class Dram {

    private final BandwidthServer bus;
    private final long latencyCycles;

    /**
     * @param bandwidthBytesPerCycle sustainable bandwidth in bytes per core cycle
     * @param latencyCycles idle load-to-use latency beyond the line's transfer, in core cycles
     */
    public Dram(double bandwidthBytesPerCycle, long latencyCycles, int lineBytes) {
        if (bandwidthBytesPerCycle <= 0) {
            throw new IllegalArgumentException("DRAM bandwidth must be positive");
        }
        this.bus = new BandwidthServer(bandwidthBytesPerCycle, lineBytes);
        this.latencyCycles = latencyCycles;
    }

    /** Reads or writes one line requested at {@code cycle}; returns the cycle the data arrives. */
    public long transfer(long cycle) {
        return bus.transfer(cycle) + latencyCycles;
    }

    public long lines() {
        return bus.lines();
    }

    /** Total cycles requests waited for a free bus slot (the queueing delay under load). */
    public long queuedCycles() {
        return bus.queuedCycles();
    }
}
