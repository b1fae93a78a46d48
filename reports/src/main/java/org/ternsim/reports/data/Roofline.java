// The two roofs of a target: peak MAC/s and memory bandwidth, each with its source; null where not available.
package org.ternsim.reports.data;

public record Roofline(Double peakMacsPerSecond, String peakSource, Double bytesPerSecond, String bandwidthSource) {

    public static final Roofline NONE = new Roofline(null, null, null, null);
}
