// Small helpers the chart classes share: colouring series by name and reading series names back from a dataset.
package org.ternsim.reports.chart;

import java.util.ArrayList;
import java.util.List;
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
