// Writes a JFreeChart as PNG (raster, for slides) and SVG (vector, inlined into report.html), deterministically.
package org.ternsim.reports.chart;

import java.awt.Rectangle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

public final class ChartFiles {

    public static final int WIDTH = 960;
    public static final int HEIGHT = 540;

    private ChartFiles() {
    }

    public static RenderedChart write(JFreeChart chart, Path dir, String name, List<String> series) {
        return write(chart, dir, name, series, WIDTH, HEIGHT);
    }

    public static RenderedChart write(JFreeChart chart, Path dir, String name, List<String> series, int width, int height) {
        try {
            Files.createDirectories(dir);
            Path png = dir.resolve(name + ".png");
            ChartUtils.saveChartAsPNG(png.toFile(), chart, width, height);
            SVGGraphics2D g = new SVGGraphics2D(width, height);
            // A fixed prefix instead of JFreeSVG's time-based one: byte-identical files and unique ids per page.
            g.setDefsKeyPrefix(name + "-");
            chart.draw(g, new Rectangle(0, 0, width, height));
            String element = g.getSVGElement(name);
            Path svg = dir.resolve(name + ".svg");
            Files.writeString(svg, "<?xml version=\"1.0\"?>\n" + element + "\n", StandardCharsets.UTF_8);
            String title = chart.getTitle() == null ? name : chart.getTitle().getText();
            return new RenderedChart(name, title, png, svg, element, series);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + name + " to " + dir + ": " + e.getMessage(), e);
        }
    }
}
