// One point of a scaling series: x (model parameters, threads, ...) and y (tokens/s, s/step, ...).
package org.ternsim.reports.chart;

public record SeriesPoint(double x, double y) {
}
