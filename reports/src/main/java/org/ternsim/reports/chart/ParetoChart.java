// Design points of a sweep (or the runs of a comparison) as latency vs energy, or latency vs area, with the Pareto
// front (both minimised) drawn as a line through the non-dominated points.
package org.ternsim.reports.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.labels.StandardXYItemLabelGenerator;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

public final class ParetoChart {

    public static final String POINTS = "design points";
    public static final String FRONT = "Pareto front";

    private ParetoChart() {
    }

    public static ChartData latencyVsEnergy(List<DesignPoint> points) {
        double maxT = points.stream().mapToDouble(DesignPoint::latencySeconds).max().orElse(1);
        double maxE = points.stream().mapToDouble(DesignPoint::energyJoules).max().orElse(1);
        SiScale t = SiScale.of(maxT, "s");
        SiScale e = SiScale.of(maxE, "J");
        return build("pareto-latency-energy", "Pareto front: latency vs energy", points,
            p -> t.apply(p.latencySeconds()), p -> e.apply(p.energyJoules()),
            "latency (" + t.unit() + ")", "energy (" + e.unit() + ")");
    }

    /** Only the points that have an area. */
    public static ChartData latencyVsArea(List<DesignPoint> points) {
        List<DesignPoint> withArea = points.stream().filter(p -> p.areaMm2() != null).toList();
        double maxT = withArea.stream().mapToDouble(DesignPoint::latencySeconds).max().orElse(1);
        SiScale t = SiScale.of(maxT, "s");
        return build("pareto-latency-area", "Pareto front: latency vs area", withArea,
            p -> t.apply(p.latencySeconds()), DesignPoint::areaMm2, "latency (" + t.unit() + ")", "area (mm²)");
    }

    private static ChartData build(String name, String title, List<DesignPoint> points, ToDoubleFunction<DesignPoint> x,
            ToDoubleFunction<DesignPoint> y, String xLabel, String yLabel) {
        ChartStyle.ensure();
        XYSeries all = new XYSeries(POINTS, false, true);
        points.forEach(p -> all.add(x.applyAsDouble(p), y.applyAsDouble(p)));
        XYSeries front = new XYSeries(FRONT, false, true);
        ParetoFront.of(points, x, y).forEach(p -> front.add(x.applyAsDouble(p), y.applyAsDouble(p)));
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(all);
        data.addSeries(front);
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL, true,
            false, false);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
        r.setSeriesLinesVisible(0, false);
        r.setSeriesShapesVisible(0, true);
        r.setSeriesPaint(0, new Color(0x1f77b4));
        r.setSeriesLinesVisible(1, true);
        r.setSeriesShapesVisible(1, true);
        r.setSeriesPaint(1, new Color(0xd62728));
        r.setSeriesStroke(1, new BasicStroke(2.5f));
        // Name each design point beside its marker, so the front can be read without the table.
        r.setSeriesItemLabelGenerator(0, new StandardXYItemLabelGenerator("{0}") {
            @Override
            public String generateLabel(org.jfree.data.xy.XYDataset dataset, int series, int item) {
                return points.size() <= 12 ? nameAt(points, x, y, dataset.getXValue(series, item),
                    dataset.getYValue(series, item)) : null;
            }
        });
        r.setSeriesItemLabelsVisible(0, true);
        chart.getXYPlot().setRenderer(r);
        // Design points spanning orders of magnitude (a kernel call beside a model) need log axes to be told apart.
        if (spread(points, x) > 100) {
            Charts.useDecades(chart.getXYPlot(), true);
        }
        if (spread(points, y) > 100) {
            Charts.useDecades(chart.getXYPlot(), false);
        }
        // The front is drawn over the points it passes through.
        chart.getXYPlot().setSeriesRenderingOrder(org.jfree.chart.plot.SeriesRenderingOrder.FORWARD);
        chart.getXYPlot().getDomainAxis().setLowerMargin(0.1);
        chart.getXYPlot().getDomainAxis().setUpperMargin(0.15);
        return new ChartData(name, ChartStyle.finish(chart), List.of(POINTS, FRONT));
    }

    private static double spread(List<DesignPoint> points, ToDoubleFunction<DesignPoint> f) {
        double min = points.stream().mapToDouble(f).filter(v -> v > 0).min().orElse(1);
        double max = points.stream().mapToDouble(f).max().orElse(1);
        return max / min;
    }

    private static String nameAt(List<DesignPoint> points, ToDoubleFunction<DesignPoint> x, ToDoubleFunction<DesignPoint> y,
            double px, double py) {
        return points.stream().filter(p -> x.applyAsDouble(p) == px && y.applyAsDouble(p) == py).map(DesignPoint::name)
            .findFirst().orElse(null);
    }
}
