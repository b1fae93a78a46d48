// One on-chip SRAM buffer: total size (both double-buffer halves), banks, bank word width and ports per bank.
package org.ternsim.sim.accel;

/**
 * @param name       weight, activation, lut or output
 * @param sizeBytes  total capacity; with double buffering each of the two slots gets half
 * @param banks      independently addressed banks
 * @param widthBytes bytes per bank word (one access per port per cycle)
 * @param ports      ports per bank
 */
public record BufferConfig(String name, long sizeBytes, int banks, int widthBytes, int ports) {

    /** Bytes the buffer can deliver per cycle with no conflicts. */
    public long bytesPerCycle() {
        return (long) banks * widthBytes * ports;
    }

    /** Size of one bank, which sets its access energy. */
    public long bankBytes() {
        return sizeBytes / banks;
    }
}
