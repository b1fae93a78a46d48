// Area of one logic component (a PE, a LUT table, an epilogue lane, control) at one node, with its source.
package org.ternsim.sim.accel;

/** @param mm2 area in mm^2 */
public record AreaEntry(String name, double mm2, String source, boolean estimate) {
}
