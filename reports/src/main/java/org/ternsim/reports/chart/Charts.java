// Small helpers the chart classes share: colouring series by name and reading series names back from a dataset.
package org.ternsim.reports.chart;

import java.util.ArrayList;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.ternsim.reports.data.RunSummary;
import org.jfree.chart.renderer.category.CategoryItemRenderer;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.xy.XYDataset;

final class Charts {

    private Charts() {
    }

    static List<String> colour(CategoryDataset data, CategoryItemRenderer r) {
        List<String> names = new ArrayList<>();
        for (int s = 0; s < data.getRowCount(); s++) {
            String name = data.getRowKey(s).toString();
            names.add(name);
            r.setSeriesPaint(s, Palette.of(name));
        }
        return names;
    }

    static List<String> colour(XYDataset data, XYItemRenderer r) {
        List<String> names = new ArrayList<>();
        for (int s = 0; s < data.getSeriesCount(); s++) {
            String name = data.getSeriesKey(s).toString();
            names.add(name);
            r.setSeriesPaint(s, Palette.of(name));
        }
        return names;
    }

    /** A log axis with one tick per decade, labelled as plain numbers (0.01, 1, 100) rather than 10^x. */
    static LogAxis decades(String label) {
        LogAxis axis = new LogAxis(label);
        axis.setSmallestValue(1e-9);
        axis.setTickUnit(new NumberTickUnit(1.0), false, true);
        axis.setNumberFormatOverride(new DecimalFormat("#,##0.########", DecimalFormatSymbols.getInstance(Locale.ROOT)));
        axis.setMinorTickCount(9);
        axis.setMinorTickMarksVisible(true);
        return axis;
    }

    /** Swaps a themed plot's domain or range axis for a decade log axis with the same label, fonts and colours. */
    static void useDecades(XYPlot plot, boolean domain) {
        ValueAxis old = domain ? plot.getDomainAxis() : plot.getRangeAxis();
        LogAxis axis = decades(old.getLabel());
        axis.setLabelFont(old.getLabelFont());
        axis.setLabelPaint(old.getLabelPaint());
        axis.setTickLabelFont(old.getTickLabelFont());
        axis.setTickLabelPaint(old.getTickLabelPaint());
        if (domain) {
            plot.setDomainAxis(axis);
        } else {
            plot.setRangeAxis(axis);
        }
    }

    /** The unit of work shared by all runs ("per token"), or a neutral phrase when their phases differ. */
    static String perUnit(List<RunSummary> runs) {
        List<String> units = runs.stream().map(r -> perUnit(r.id().phase())).distinct().toList();
        return units.size() == 1 ? units.get(0) : "per unit of work";
    }

    /** "per token" for decode, "per step" for diffusion, ... as axis labels say what one unit of work is. */
    static String perUnit(String phase) {
        if (phase == null) {
            return "per run";
        }
        if (phase.startsWith("decode")) {
            return "per token";
        }
        if (phase.startsWith("prefill")) {
            return "per prompt";
        }
        if (phase.startsWith("diffusion")) {
            return "per step";
        }
        if (phase.startsWith("image")) {
            return "per image";
        }
        return phase.startsWith("kernel") ? "per call" : "per " + phase;
    }
}
