// Turns a set of runs into the series the comparison charts plot: rate vs model size, rate vs threads, design points.
package org.ternsim.reports.chart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ternsim.reports.data.RunSummary;

public final class RunSeries {

    private RunSeries() {
    }

    /** "tokens/s" when any run has it, else "s/step" when any has that, else null (nothing to plot). */
    public static String rateLabel(List<RunSummary> runs) {
        if (runs.stream().anyMatch(r -> r.totals().tokensPerSecond() != null)) {
            return "tokens/s";
        }
        return runs.stream().anyMatch(r -> r.totals().secondsPerStep() != null) ? "s/step" : null;
    }

    private static Double rate(RunSummary r, String label) {
        return "tokens/s".equals(label) ? r.totals().tokensPerSecond() : r.totals().secondsPerStep();
    }

    /** Series "kernel on hardware (N threads)" of (model parameters, rate); runs without a model size are left out. */
    public static Map<String, List<SeriesPoint>> byModelSize(List<RunSummary> runs) {
        String label = rateLabel(runs);
        Map<String, List<SeriesPoint>> out = new LinkedHashMap<>();
        for (RunSummary r : runs) {
            Double rate = label == null ? null : rate(r, label);
            if (r.id().modelParams() != null && rate != null) {
                String key = nz(r.id().kernel()) + " on " + nz(r.id().hardware())
                    + (r.id().threads() == null ? "" : " (" + r.id().threads() + " thr)");
                out.computeIfAbsent(key, k -> new ArrayList<>()).add(new SeriesPoint(r.id().modelParams(), rate));
            }
        }
        out.values().removeIf(points -> points.size() < 2);
        return out;
    }

    /** Series "workload kernel on hardware" of (threads, tokens/s); only series with two or more thread counts. */
    public static Map<String, List<SeriesPoint>> byThreads(List<RunSummary> runs) {
        Map<String, List<SeriesPoint>> out = new LinkedHashMap<>();
        for (RunSummary r : runs) {
            Double rate = r.totals().tokensPerSecond();
            if (r.id().threads() != null && rate != null) {
                String key = nz(r.id().workload()) + " " + nz(r.id().kernel()) + " on " + nz(r.id().hardware());
                out.computeIfAbsent(key, k -> new ArrayList<>()).add(new SeriesPoint(r.id().threads(), rate));
            }
        }
        out.values().removeIf(points -> points.stream().mapToDouble(SeriesPoint::x).distinct().count() < 2);
        return out;
    }

    /** Every run with both a latency and an energy is a design point; area where the results give one. */
    public static List<DesignPoint> designPoints(List<RunSummary> runs) {
        List<DesignPoint> out = new ArrayList<>();
        for (RunSummary r : runs) {
            if (r.totals().latencySeconds() != null && r.totals().energyJoules() != null) {
                out.add(new DesignPoint(r.label(), r.totals().latencySeconds(), r.totals().energyJoules(),
                    r.totals().areaMm2()));
            }
        }
        return out;
    }

    private static String nz(String s) {
        return s == null ? "?" : s;
    }
}
