// Main memory as the core model sees it: a bandwidth ceiling, an idle latency and an energy per bit.
package org.ternsim.sim.config;

import java.util.Objects;

/**
 * @param type                 e.g. {@code "DDR5-6000"}
 * @param bandwidthBytesPerSec sustainable bandwidth in B/s available to this system; what the timing model uses
 * @param peakBytesPerSec      interface peak in B/s (channels x bus width x transfer rate); informational
 * @param latencyNs            idle load-to-use latency in ns
 * @param channels             memory channels
 * @param energyPjPerBit       read/write energy per bit transferred, in pJ (device + PHY + channel)
 * @param backgroundPowerW     refresh and standby power in W, charged for the whole run time
 * @param dataRateMTs          transfers per second per pin in MT/s; 0 when not given (informational)
 * @param busBits              data bits per channel; 0 when not given (informational)
 */
public record DramConfig(String type, double bandwidthBytesPerSec, double peakBytesPerSec, double latencyNs,
        int channels, double energyPjPerBit, double backgroundPowerW, double dataRateMTs, int busBits) {

    /** A DRAM described by bandwidths only. */
    public DramConfig(String type, double bandwidthBytesPerSec, double peakBytesPerSec, double latencyNs,
            int channels, double energyPjPerBit, double backgroundPowerW) {
        this(type, bandwidthBytesPerSec, peakBytesPerSec, latencyNs, channels, energyPjPerBit, backgroundPowerW, 0, 0);
    }

    public DramConfig {
        Objects.requireNonNull(type, "type");
        if (!(bandwidthBytesPerSec > 0) || !(peakBytesPerSec > 0)) throw new IllegalArgumentException("bandwidth");
        if (channels < 1) throw new IllegalArgumentException("channels");
    }
}
