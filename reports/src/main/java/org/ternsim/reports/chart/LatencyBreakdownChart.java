// Stacked bars of simulated time by operator class: per layer of one run, or per token (unit of work) of several runs.
package org.ternsim.reports.chart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.ternsim.reports.data.OperatorResult;
import org.ternsim.reports.data.RunSummary;

public final class LatencyBreakdownChart {

    static final String NO_LAYER = "outside layers";

    private LatencyBreakdownChart() {
    }

    /** One bar per layer (in execution order), stacked by operator class; operators without a layer share one bar. */
    public static ChartData perLayer(RunSummary run) {
        Map<String, Map<String, Double>> byLayer = new LinkedHashMap<>();
        for (OperatorResult op : run.operators()) {
            if (op.seconds() != null) {
                String layer = op.layer() == null ? NO_LAYER : op.layer();
                byLayer.computeIfAbsent(layer, k -> new LinkedHashMap<>()).merge(op.opClass(), op.seconds(), Double::sum);
            }
        }
        String unit = Charts.perUnit(run.id().phase());
        return build("latency-by-layer", "Latency by layer and operator class: " + run.label(), "layer", unit, byLayer);
    }

    /** One bar per run, stacked by operator class: the time of one token (step, call) and where it goes. */
    public static ChartData perRun(List<RunSummary> runs) {
        Map<String, Map<String, Double>> byRun = new LinkedHashMap<>();
        for (RunSummary run : runs) {
            Map<String, Double> classes = byRun.computeIfAbsent(run.label(), k -> new LinkedHashMap<>());
            for (OperatorResult op : run.operators()) {
                if (op.seconds() != null) {
                    classes.merge(op.opClass(), op.seconds(), Double::sum);
                }
            }
        }
        String unit = Charts.perUnit(runs);
        return build("latency-by-class", "Latency " + unit + " by operator class", "run", unit, byRun);
    }

    private static ChartData build(String name, String title, String categoryLabel, String perUnit,
            Map<String, Map<String, Double>> values) {
        ChartStyle.ensure();
        double max = 0;
        Set<String> classes = new LinkedHashSet<>();
        for (Map<String, Double> bar : values.values()) {
            max = Math.max(max, bar.values().stream().mapToDouble(Double::doubleValue).sum());
            classes.addAll(bar.keySet());
        }
        SiScale scale = SiScale.of(max, "s");
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (String cls : classes) {
            for (Map.Entry<String, Map<String, Double>> bar : values.entrySet()) {
                data.addValue(scale.apply(bar.getValue().getOrDefault(cls, 0.0)), cls, bar.getKey());
            }
        }
        JFreeChart chart = ChartFactory.createStackedBarChart(title, categoryLabel,
            "simulated time " + perUnit + " (" + scale.unit() + ")", data, PlotOrientation.VERTICAL, true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        StackedBarRenderer r = (StackedBarRenderer) plot.getRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setMaximumBarWidth(0.12);
        if (values.size() > 8) {
            plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        List<String> series = new ArrayList<>(Charts.colour(data, r));
        return new ChartData(name, ChartStyle.finish(chart), series);
    }
}
