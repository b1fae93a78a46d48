// Decides which charts a set of runs supports, renders them into a charts directory, and says why the others are
// missing (e.g. "thread scaling: needs runs that differ only in threads").
package org.ternsim.reports.html;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.ternsim.reports.chart.ChartData;
import org.ternsim.reports.chart.DesignPoint;
import org.ternsim.reports.chart.EnergyBreakdownChart;
import org.ternsim.reports.chart.LatencyBreakdownChart;
import org.ternsim.reports.chart.ParetoChart;
import org.ternsim.reports.chart.RenderedChart;
import org.ternsim.reports.chart.RooflineChart;
import org.ternsim.reports.chart.RunSeries;
import org.ternsim.reports.chart.ScalingChart;
import org.ternsim.reports.chart.SeriesPoint;
import org.ternsim.reports.chart.ValidationChart;
import org.ternsim.reports.data.RunSummary;
import org.ternsim.reports.data.ValidationPoint;

public final class ReportCharts {

    /**
     * @param charts       rendered charts in report order
     * @param notAvailable chart title -> why it could not be drawn from these runs
     */
    public record Result(List<RenderedChart> charts, Map<String, String> notAvailable) {
    }

    private ReportCharts() {
    }

    /** The charts these runs support, without rendering (cheap; lets a caller size a progress bar). */
    public static List<ChartData> plan(List<RunSummary> runs, Map<String, String> notAvailable) {
        List<ChartData> out = new ArrayList<>();
        boolean timed = runs.stream().flatMap(r -> r.operators().stream()).anyMatch(o -> o.seconds() != null);
        if (timed) {
            out.add(LatencyBreakdownChart.perRun(runs));
        } else {
            notAvailable.put("Latency by operator class", "no operator has a simulated time");
        }
        for (int i = 0; i < runs.size(); i++) {
            RunSummary r = runs.get(i);
            if (r.operators().stream().anyMatch(o -> o.layer() != null && o.seconds() != null)) {
                ChartData c = LatencyBreakdownChart.perLayer(r);
                out.add(runs.size() == 1 ? c : new ChartData(c.name() + "-" + (i + 1), c.chart(), c.series()));
            } else {
                notAvailable.put("Latency by layer: " + r.label(), "the results have no layers (a single kernel call)");
            }
        }
        if (runs.stream().anyMatch(r -> !r.totals().energyByComponent().isEmpty())) {
            out.add(EnergyBreakdownChart.of(runs));
        } else {
            notAvailable.put("Energy by component", "no run has summary.energyByComponent");
        }
        boolean placeable = runs.stream().flatMap(r -> r.operators().stream())
            .anyMatch(o -> o.intensity() != null && o.macsPerSecond() != null && o.intensity() > 0);
        if (placeable) {
            out.add(RooflineChart.of(runs));
        } else {
            notAvailable.put("Roofline", "no operator has both bytes and MACs");
        }
        String rate = RunSeries.rateLabel(runs);
        Map<String, List<SeriesPoint>> bySize = RunSeries.byModelSize(runs);
        if (!bySize.isEmpty()) {
            out.add(ScalingChart.vsModelSize(bySize, rate));
        } else {
            notAvailable.put("Rate vs model size",
                "needs two or more runs of different model sizes with tokens/s or s/step and the model's parameter count");
        }
        Map<String, List<SeriesPoint>> byThreads = RunSeries.byThreads(runs);
        if (!byThreads.isEmpty()) {
            out.add(ScalingChart.vsThreads(byThreads, "tokens/s"));
        } else {
            notAvailable.put("Thread scaling", "needs runs of the same workload, kernel and hardware at two or more thread counts");
        }
        Map<String, List<ValidationPoint>> byUnit = new LinkedHashMap<>();
        runs.forEach(r -> r.validation().forEach(p -> byUnit.computeIfAbsent(p.unit() == null ? "value" : p.unit(),
            k -> new ArrayList<>()).add(p)));
        byUnit.forEach((unit, points) -> out.add(ValidationChart.of(unit, points)));
        if (byUnit.isEmpty()) {
            notAvailable.put("Predicted vs measured", "no run carries validation points (see docs/validation.md)");
        }
        List<DesignPoint> points = RunSeries.designPoints(runs);
        if (points.size() >= 2) {
            out.add(ParetoChart.latencyVsEnergy(points));
        } else {
            notAvailable.put("Pareto front (latency vs energy)", "needs two or more runs with latency and energy");
        }
        if (points.stream().filter(p -> p.areaMm2() != null).count() >= 2) {
            out.add(ParetoChart.latencyVsArea(points));
        } else {
            notAvailable.put("Pareto front (latency vs area)", "needs two or more runs with an area (accelerators)");
        }
        return out;
    }

    /** Renders every chart the runs support into {@code chartDir} as PNG and SVG; {@code each} is told per chart. */
    public static Result render(List<RunSummary> runs, Path chartDir, Consumer<String> each) {
        Map<String, String> notAvailable = new LinkedHashMap<>();
        List<RenderedChart> rendered = new ArrayList<>();
        for (ChartData c : plan(runs, notAvailable)) {
            rendered.add(c.writeTo(chartDir));
            each.accept(c.name());
        }
        return new Result(rendered, notAvailable);
    }
}
