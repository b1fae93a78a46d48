// Roofline of each target (memory roof = bandwidth x intensity, compute roof = peak MAC/s) with every operator placed
// at its arithmetic intensity and achieved throughput, one marker series per kernel. Log-log axes.
package org.ternsim.reports.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.ternsim.reports.data.OperatorResult;
import org.ternsim.reports.data.Roofline;
import org.ternsim.reports.data.RunSummary;

public final class RooflineChart {

    private RooflineChart() {
    }

    public static ChartData of(List<RunSummary> runs) {
        ChartStyle.ensure();
        Map<String, XYSeries> points = new LinkedHashMap<>();
        double minX = Double.MAX_VALUE;
        double maxX = 0;
        for (RunSummary run : runs) {
            for (OperatorResult op : run.operators()) {
                Double x = op.intensity();
                Double y = op.macsPerSecond();
                if (x != null && y != null && x > 0 && y > 0) {
                    String kernel = op.kernel() == null ? "unknown kernel" : op.kernel();
                    points.computeIfAbsent(kernel, k -> new XYSeries(k, false, true)).add(x.doubleValue(), y / 1e9);
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                }
            }
        }
        if (maxX == 0) {
            minX = 0.1;
            maxX = 10;
        }
        Map<String, Roofline> roofs = new LinkedHashMap<>();
        for (RunSummary run : runs) {
            roofs.putIfAbsent(run.id().hardware() == null ? run.label() : run.id().hardware(), run.roofline());
        }
        for (Roofline roof : roofs.values()) {
            if (roof.peakMacsPerSecond() != null && roof.bytesPerSecond() != null) {
                double ridge = roof.peakMacsPerSecond() / roof.bytesPerSecond();
                minX = Math.min(minX, ridge);
                maxX = Math.max(maxX, ridge);
            }
        }
        // One decade of room on each side, so the ridge and the operators sit inside the plot.
        double lo = Math.pow(10, Math.floor(Math.log10(minX)) - 1);
        double hi = Math.pow(10, Math.ceil(Math.log10(maxX)) + 1);
        XYSeriesCollection data = new XYSeriesCollection();
        List<Integer> roofSeries = new ArrayList<>();
        for (Map.Entry<String, Roofline> e : roofs.entrySet()) {
            XYSeries roof = roof(e.getKey(), e.getValue(), lo, hi);
            if (roof != null) {
                roofSeries.add(data.getSeriesCount());
                data.addSeries(roof);
            }
        }
        points.values().forEach(data::addSeries);

        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
        XYPlot plot = new XYPlot(data, Charts.decades("arithmetic intensity (MAC/byte)"),
            Charts.decades("throughput (GMAC/s)"), r);
        JFreeChart chart = new JFreeChart("Roofline with operators placed", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        org.jfree.chart.ChartFactory.getChartTheme().apply(chart);
        List<String> names = Charts.colour(data, r);
        for (int s = 0; s < data.getSeriesCount(); s++) {
            boolean isRoof = roofSeries.contains(s);
            r.setSeriesLinesVisible(s, isRoof);
            r.setSeriesShapesVisible(s, !isRoof);
            if (isRoof) {
                r.setSeriesPaint(s, roofSeries.indexOf(s) == 0 ? Color.DARK_GRAY : Palette.of(names.get(s)));
                r.setSeriesStroke(s, new BasicStroke(2.5f));
            }
        }
        return new ChartData("roofline", ChartStyle.finish(chart), names);
    }

    /** min(bandwidth x I, peak) sampled on a log grid; one roof alone when the other is not available; null if neither. */
    static XYSeries roof(String hardware, Roofline roof, double lo, double hi) {
        Double bw = roof.bytesPerSecond();
        Double peak = roof.peakMacsPerSecond();
        if (bw == null && peak == null) {
            return null;
        }
        String label = hardware + " roof (" + (bw == null ? "bandwidth n/a" : fmt(bw / 1e9) + " GB/s") + ", "
            + (peak == null ? "compute n/a" : fmt(peak / 1e9) + " GMAC/s") + ")";
        XYSeries s = new XYSeries(label, true, true);
        int steps = 48;
        for (int i = 0; i <= steps; i++) {
            double intensity = lo * Math.pow(hi / lo, (double) i / steps);
            double mem = bw == null ? Double.MAX_VALUE : bw * intensity;
            double top = Math.min(mem, peak == null ? Double.MAX_VALUE : peak);
            s.add(intensity, top / 1e9);
        }
        if (bw != null && peak != null) {
            s.add(peak / bw, peak / 1e9);  // the ridge point, exactly
        }
        return s;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.1f", v);
    }
}
