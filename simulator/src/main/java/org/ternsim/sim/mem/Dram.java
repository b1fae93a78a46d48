// DRAM as a bandwidth server with an idle latency: requests queue for the data bus, so latency grows under load.
package org.ternsim.sim.mem;

public final class Dram {

    private final double cyclesPerLine;
    private final long latencyCycles;
    private double busFree;
    private long lines;

    /**
     * @param bandwidthBytesPerCycle sustainable bandwidth in bytes per core cycle
     * @param latencyCycles idle load-to-use latency beyond the last-level cache, in core cycles
     */
    public Dram(double bandwidthBytesPerCycle, long latencyCycles, int lineBytes) {
        if (bandwidthBytesPerCycle <= 0) {
            throw new IllegalArgumentException("DRAM bandwidth must be positive");
        }
        this.cyclesPerLine = lineBytes / bandwidthBytesPerCycle;
        this.latencyCycles = latencyCycles;
    }

    /** Reads or writes one line requested at {@code cycle}; returns the cycle the data arrives. */
    public long transfer(long cycle) {
        double start = Math.max(cycle, busFree);
        busFree = start + cyclesPerLine;
        lines++;
        return (long) Math.ceil(start + cyclesPerLine) + latencyCycles;
    }

    public long lines() {
        return lines;
    }
}
