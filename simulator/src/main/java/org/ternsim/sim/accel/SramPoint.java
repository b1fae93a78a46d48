// One CACTI-style SRAM data point: per-64-bit access energies, leakage and area for a given size at one node.
package org.ternsim.sim.accel;

/**
 * @param sizeBytes  macro size
 * @param readPj     energy of one 64-bit read
 * @param writePj    energy of one 64-bit write
 * @param leakageW   leakage power
 * @param areaMm2    area
 * @param source     where the numbers come from
 * @param estimate   whether they are scaled or assumed rather than run
 */
public record SramPoint(long sizeBytes, double readPj, double writePj, double leakageW, double areaMm2, String source,
        boolean estimate) {
}
