// The look shared by all charts: readable font sizes, white background, light grid, anti-aliased drawing.
package org.ternsim.reports.chart;

import java.awt.Color;
import java.awt.Font;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.text.TextUtils;

public final class ChartStyle {

    private static final String FAMILY = "SansSerif";

    private ChartStyle() {
    }

    static {
        StandardChartTheme theme = (StandardChartTheme) StandardChartTheme.createJFreeTheme();
        theme.setExtraLargeFont(new Font(FAMILY, Font.BOLD, 20));
        theme.setLargeFont(new Font(FAMILY, Font.BOLD, 15));
        theme.setRegularFont(new Font(FAMILY, Font.PLAIN, 14));
        theme.setSmallFont(new Font(FAMILY, Font.PLAIN, 12));
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setDomainGridlinePaint(new Color(0xdddddd));
        theme.setRangeGridlinePaint(new Color(0xdddddd));
        theme.setShadowVisible(false);
        ChartFactory.setChartTheme(theme);
        // Rotated labels (the y axis title) as real text rather than glyph outlines: searchable, selectable SVG.
        TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    /** Installs the theme (once, in the static initialiser); every chart factory method calls this first. */
    static void ensure() {
        // nothing more: loading the class ran the static block
    }

    /** Finishes a chart: theme-independent touches that every chart gets. */
    static JFreeChart finish(JFreeChart chart) {
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        Plot plot = chart.getPlot();
        plot.setOutlineVisible(false);
        if (plot instanceof CategoryPlot cp) {
            cp.setRangeGridlinesVisible(true);
        } else if (plot instanceof XYPlot xp) {
            xp.setDomainGridlinesVisible(true);
            xp.setRangeGridlinesVisible(true);
        }
        return chart;
    }
}
