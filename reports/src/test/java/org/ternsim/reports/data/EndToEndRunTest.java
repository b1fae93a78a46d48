// Real end-to-end results (BitNet dummy 125M decode, 1 and 2 threads) read, charted and reported: the format the
// workload simulator writes, not only the hand-made fixture.
package org.ternsim.reports.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ternsim.reports.TestRuns;
import org.ternsim.reports.chart.ChartAssertions;
import org.ternsim.reports.chart.RenderedChart;
import org.ternsim.reports.html.ReportWriter;
import org.ternsim.reports.progress.Progress;

class EndToEndRunTest {

    @Test
    void readsTheWorkloadResults(@TempDir Path tmp) {
        RunSummary s = TestRuns.endToEnd(tmp, 1);
        assertEquals("1", s.schemaVersion());
        assertEquals("bitnet-dummy-125m", s.id().workload());
        assertEquals("decode", s.id().phase());
        assertEquals("zen5-2c", s.id().hardware());
        assertEquals(1, s.id().threads());
        assertEquals("i2_s", s.id().kernel());
        assertEquals(223, s.operators().size());
        double sum = s.operators().stream().mapToDouble(OperatorResult::seconds).sum();
        assertEquals(s.totals().latencySeconds(), sum, 1e-9 * sum);
        assertEquals(11, s.operators().stream().map(OperatorResult::layer).filter(java.util.Objects::nonNull)
            .distinct().count(), "layer 0 .. layer 10");
        assertTrue(s.id().modelParams() > 0.1e9 && s.id().modelParams() < 0.15e9, "~125M: " + s.id().modelParams());
        assertTrue(s.provenance().stream().anyMatch(v -> v.field().equals("dram.bandwidth")), "second YAML document");
        assertEquals(42.7e9, s.roofline().bytesPerSecond(), 1);
    }

    @Test
    void everyChartTheTwoRunsSupportIsValid(@TempDir Path tmp) throws Exception {
        List<RunSummary> runs = List.of(TestRuns.endToEnd(tmp, 1), TestRuns.endToEnd(tmp, 2));
        ReportWriter.Written w = ReportWriter.write(runs, tmp.resolve("report"),
            Progress.start("t", 0, Progress.Mode.QUIET, System.err));
        List<String> names = w.charts().charts().stream().map(RenderedChart::name).toList();
        assertTrue(names.containsAll(List.of("latency-by-class", "latency-by-layer-1", "latency-by-layer-2",
            "energy-by-component", "roofline", "thread-scaling", "pareto-latency-energy")), names.toString());
        for (RenderedChart r : w.charts().charts()) {
            ChartAssertions.assertValid(r, r.series().toArray(String[]::new));
        }
        String html = Files.readString(w.report());
        assertTrue(html.contains("bitnet-dummy-125m i2_s on zen5-2c"), "thread-scaling series");
    }
}
