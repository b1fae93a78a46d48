// Predicted vs measured (or published) values side by side per case, the measured spread drawn as error bars.
package org.ternsim.reports.chart;

import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.ternsim.reports.data.ValidationPoint;

public final class ValidationChart {

    public static final String PREDICTED = "predicted (TernSim)";
    public static final String MEASURED = "measured / published";

    private ValidationChart() {
    }

    /** All points must share {@code unit}; the report draws one chart per unit. */
    public static ChartData of(String unit, List<ValidationPoint> points) {
        ChartStyle.ensure();
        YIntervalSeries predicted = new YIntervalSeries(PREDICTED);
        YIntervalSeries measured = new YIntervalSeries(MEASURED);
        String[] names = new String[points.size()];
        for (int i = 0; i < points.size(); i++) {
            ValidationPoint p = points.get(i);
            names[i] = p.name();
            predicted.add(i - 0.08, p.predicted(), p.predicted(), p.predicted());
            measured.add(i + 0.08, p.measured(), p.measuredLow(), p.measuredHigh());
        }
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        data.addSeries(predicted);
        data.addSeries(measured);
        SymbolAxis x = new SymbolAxis("case", names);
        x.setGridBandsVisible(false);
        NumberAxis y = new NumberAxis(unit);
        y.setAutoRangeIncludesZero(true);
        XYErrorRenderer r = new XYErrorRenderer();
        XYPlot plot = new XYPlot(data, x, y, r);
        JFreeChart chart = new JFreeChart("Predicted vs measured (" + unit + ")", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        // The theme resets series paints, so it goes first and the colours after.
        org.jfree.chart.ChartFactory.getChartTheme().apply(chart);
        r.setDrawXError(false);
        r.setDrawYError(true);
        r.setCapLength(10);
        r.setErrorPaint(java.awt.Color.BLACK);
        r.setSeriesPaint(0, new java.awt.Color(0x1f77b4));
        r.setSeriesPaint(1, new java.awt.Color(0xff7f0e));
        r.setDefaultLinesVisible(false);
        r.setDefaultShapesVisible(true);
        String file = "validation-" + unit.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-+$", "");
        return new ChartData(file, ChartStyle.finish(chart), List.of(PREDICTED, MEASURED));
    }
}
