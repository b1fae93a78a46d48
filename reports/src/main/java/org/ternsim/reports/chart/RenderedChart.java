// A chart written to disk: its name, the PNG and SVG files, and the SVG markup for inlining into HTML.
package org.ternsim.reports.chart;

import java.nio.file.Path;
import java.util.List;

/**
 * @param name    file base name, e.g. {@code "energy-by-component"}
 * @param title   chart title
 * @param png     the PNG file
 * @param svgFile the SVG file
 * @param svg     the {@code <svg>} element (no XML prolog), ids prefixed with the name so several can share a page
 * @param series  the series names shown in the legend, in order
 */
public record RenderedChart(String name, String title, Path png, Path svgFile, String svg, List<String> series) {
    public RenderedChart {
        series = List.copyOf(series);
    }
}
