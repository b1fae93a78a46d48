// The DMA engine and the DRAM behind it: sustained bandwidth, latency, burst size and energy per bit.
package org.ternsim.sim.accel;

/**
 * @param bandwidthBytesPerSec sustained DRAM bandwidth the engine achieves on long streams
 * @param latencyNs            request-to-first-data latency (overlapped by double buffering, not by serial loads)
 * @param burstBytes           DRAM burst: every contiguous chunk is rounded up to whole bursts
 * @param dramType             e.g. LPDDR5X, HBM2
 * @param energyPerBitPj       DRAM access + I/O energy per bit moved
 */
public record DmaConfig(double bandwidthBytesPerSec, double latencyNs, int burstBytes, String dramType,
        double energyPerBitPj) {
}
