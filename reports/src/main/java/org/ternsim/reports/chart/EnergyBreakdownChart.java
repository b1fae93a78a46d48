// Stacked bars of energy by component (core, caches, DRAM, accelerator units, static), one bar per run.
package org.ternsim.reports.chart;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.ternsim.reports.data.RunSummary;

public final class EnergyBreakdownChart {

    private EnergyBreakdownChart() {
    }

    /** Runs without a component breakdown get an empty bar; the report says "not available" for them. */
    public static ChartData of(List<RunSummary> runs) {
        ChartStyle.ensure();
        Set<String> components = new LinkedHashSet<>();
        double max = 0;
        for (RunSummary run : runs) {
            components.addAll(run.totals().energyByComponent().keySet());
            max = Math.max(max, run.totals().energyByComponent().values().stream().mapToDouble(Double::doubleValue).sum());
        }
        SiScale scale = SiScale.of(max, "J");
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (String c : ComponentOrder.sorted(components)) {
            for (RunSummary run : runs) {
                data.addValue(scale.apply(run.totals().energyByComponent().getOrDefault(c, 0.0)), c, run.label());
            }
        }
        String unit = Charts.perUnit(runs);
        JFreeChart chart = ChartFactory.createStackedBarChart("Energy " + unit + " by component", "run",
            "energy " + unit + " (" + scale.unit() + ")", data, PlotOrientation.VERTICAL, true, false, false);
        StackedBarRenderer r = (StackedBarRenderer) chart.getCategoryPlot().getRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setMaximumBarWidth(0.12);
        return new ChartData("energy-by-component", ChartStyle.finish(chart), Charts.colour(data, r));
    }
}
