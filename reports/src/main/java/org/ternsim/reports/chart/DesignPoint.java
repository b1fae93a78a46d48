// A design point of a sweep or a run: name, latency, energy and (for accelerators) area; null = not available.
package org.ternsim.reports.chart;

public record DesignPoint(String name, double latencySeconds, double energyJoules, Double areaMm2) {
}
