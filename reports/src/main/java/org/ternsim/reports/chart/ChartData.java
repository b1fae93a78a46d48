// A chart ready to write: the JFreeChart and the series names its legend shows (what tests and the report check).
package org.ternsim.reports.chart;

import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.JFreeChart;

public record ChartData(String name, JFreeChart chart, List<String> series) {
    public ChartData {
        series = List.copyOf(series);
    }

    public RenderedChart writeTo(Path dir) {
        return ChartFiles.write(chart, dir, name, series);
    }
}
