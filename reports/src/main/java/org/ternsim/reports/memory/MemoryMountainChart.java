// Chart of the memory mountain: read bandwidth over working-set size (log scale), one line per source x threads, PNG + SVG.
package org.ternsim.reports.memory;

import java.awt.Color;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

public final class MemoryMountainChart {

    private MemoryMountainChart() {
    }

    /** Writes {@code <base>.png} and {@code <base>.svg}; returns the PNG path. */
    public static Path write(Path base, String title, List<MemoryMountain.Row> rows) throws IOException {
        Map<String, XYSeries> series = new LinkedHashMap<>();
        for (MemoryMountain.Row r : rows) {
            String key = r.source() + " " + r.machine() + ", " + r.threads() + " thread" + (r.threads() == 1 ? "" : "s");
            series.computeIfAbsent(key, XYSeries::new).add(r.workingSet() / 1024.0, r.readGBps());
        }
        XYSeriesCollection data = new XYSeriesCollection();
        series.values().forEach(data::addSeries);
        LogAxis x = new LogAxis("working set (KiB, log scale)");
        x.setBase(2);
        NumberAxis y = new NumberAxis("read bandwidth (GB/s)");
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        Files.createDirectories(base.toAbsolutePath().getParent());
        Path png = base.resolveSibling(base.getFileName() + ".png");
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 560);
        SVGGraphics2D g = new SVGGraphics2D(900, 560);
        chart.draw(g, new Rectangle(0, 0, 900, 560));
        Files.writeString(base.resolveSibling(base.getFileName() + ".svg"), g.getSVGDocument());
        return png;
    }
}
