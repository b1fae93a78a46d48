// Line charts of a rate against a size: tokens/s (or s/step) vs model size, one series per kernel or hardware config,
// as the bitnet.cpp and T-MAC papers plot them; and tokens/s vs threads with the ideal linear-scaling line.
package org.ternsim.reports.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

public final class ScalingChart {

    public static final String IDEAL = "ideal linear scaling";

    private ScalingChart() {
    }

    /**
     * @param series    series name (kernel or hardware config) -> points with x = model parameters, y = rate
     * @param rateLabel y axis label with unit, e.g. {@code "tokens/s"} or {@code "s/step"}
     */
    public static ChartData vsModelSize(Map<String, List<SeriesPoint>> series, String rateLabel) {
        XYSeriesCollection data = collect(series, 1e-9);
        JFreeChart chart = ChartFactory.createXYLineChart(rateLabel + " vs model size", "model size (billion parameters)",
            rateLabel, data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        // Log scale where sizes span more than a decade (125M ... 100B), linear otherwise (ticks stay readable).
        double min = data.getSeriesCount() == 0 ? 1 : data.getDomainLowerBound(false);
        double max = data.getSeriesCount() == 0 ? 1 : data.getDomainUpperBound(false);
        if (min > 0 && max / min > 10) {
            Charts.useDecades(plot, true);
        }
        return finish("rate-vs-model-size", chart, data, -1);
    }

    /** Series of (threads, tokens/s); an ideal line from each series' first point is added to the first series. */
    public static ChartData vsThreads(Map<String, List<SeriesPoint>> series, String rateLabel) {
        XYSeriesCollection data = collect(series, 1);
        int ideal = -1;
        if (!series.isEmpty()) {
            List<SeriesPoint> first = series.values().iterator().next().stream()
                .sorted((a, b) -> Double.compare(a.x(), b.x())).toList();
            if (!first.isEmpty()) {
                XYSeries line = new XYSeries(IDEAL);
                SeriesPoint p0 = first.get(0);
                for (SeriesPoint p : first) {
                    line.add(p.x(), p0.y() * p.x() / p0.x());
                }
                ideal = data.getSeriesCount();
                data.addSeries(line);
            }
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Thread scaling", "threads", rateLabel, data,
            PlotOrientation.VERTICAL, true, false, false);
        ((NumberAxis) chart.getXYPlot().getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return finish("thread-scaling", chart, data, ideal);
    }

    private static XYSeriesCollection collect(Map<String, List<SeriesPoint>> series, double xScale) {
        ChartStyle.ensure();
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, List<SeriesPoint>> e : series.entrySet()) {
            XYSeries s = new XYSeries(e.getKey(), true, true);
            e.getValue().forEach(p -> s.add(p.x() * xScale, p.y()));
            data.addSeries(s);
        }
        return data;
    }

    private static ChartData finish(String name, JFreeChart chart, XYSeriesCollection data, int dashed) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        List<String> names = Charts.colour(data, r);
        for (int s = 0; s < data.getSeriesCount(); s++) {
            r.setSeriesStroke(s, new BasicStroke(2.5f));
        }
        if (dashed >= 0) {
            r.setSeriesPaint(dashed, Color.GRAY);
            r.setSeriesShapesVisible(dashed, false);
            r.setSeriesStroke(dashed, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f));
        }
        chart.getXYPlot().setRenderer(r);
        return new ChartData(name, ChartStyle.finish(chart), names);
    }
}
