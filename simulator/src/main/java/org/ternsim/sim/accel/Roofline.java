// The analytic roofline bound of one operator: peak compute and compulsory DRAM traffic over bandwidth.
package org.ternsim.sim.accel;

/**
 * @param computeCycles MACs / peak MACs per cycle
 * @param dramCycles    compulsory bytes (weights and activations once, outputs once) / DRAM bytes per cycle
 * @param dramBytes     the compulsory bytes
 */
public record Roofline(double computeCycles, double dramCycles, long dramBytes) {

    /** "compute" or "dram", whichever bound is larger. */
    public String bound() {
        return computeCycles >= dramCycles ? "compute" : "dram";
    }

    /** The larger of the two bounds: no schedule can be faster. */
    public double cycles() {
        return Math.max(computeCycles, dramCycles);
    }

    static Roofline of(AcceleratorConfig c, org.ternsim.isa.accel.AccelShape s) {
        // An int4 operator on a datapath that splits each adder input into int4 sub-words has that many times the peak.
        double peakPerCycle = c.peakMacsPerSecond() / c.clockHz()
                * (s.kernel().isLut() ? 1 : c.pe().lanes(s.act()) / (double) c.pe().cols());
        long weights = (long) Math.ceil(s.rows() * (s.kernel().isLut()
                ? s.weightRowBytes(s.threeK()) + s.twoK() / 4.0 : s.cols() / 4.0));
        long bytes = weights + s.tokens() * s.act().bytes(s.cols()) + 4L * s.tokens() * s.rows();
        double dramPerCycle = c.dma().bandwidthBytesPerSec() / c.clockHz();
        return new Roofline(s.macs() / peakPerCycle, bytes / dramPerCycle, bytes);
    }
}
