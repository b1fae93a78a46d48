// report.html is self-contained (no external resources), shows every table and chart, says "not available" where the
// results lack a field, and compares several runs.
package org.ternsim.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ternsim.reports.TestRuns;
import org.ternsim.reports.data.RunSummary;
import org.ternsim.reports.progress.Progress;

class HtmlReportTest {

    @TempDir
    static Path tmp;
    static RunSummary gemv;
    static RunSummary fixture;

    @BeforeAll
    static void runs() {
        gemv = TestRuns.gemv(tmp);
        fixture = TestRuns.fixture(tmp);
    }

    static ReportWriter.Written write(Path out, RunSummary... runs) {
        return ReportWriter.write(List.of(runs), out, Progress.start("t", 0, Progress.Mode.QUIET, System.err));
    }

    @Test
    void singleRunReportIsSelfContained() throws Exception {
        ReportWriter.Written w = write(tmp.resolve("one"), gemv);
        String html = Files.readString(w.report());
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), "no external resources");
        assertFalse(html.contains("<link") || html.contains("@import") || html.contains("<img"), "no fetched files");
        assertEquals(w.charts().charts().size(), count(html, "<figure class=\"chart\""));
        assertEquals(w.charts().charts().size(), count(html, "<svg "));
        for (String id : new String[] {"summary-table", "energy-table", "functional-table"}) {
            assertTrue(html.contains("id=\"" + id + "\""), id);
        }
        assertTrue(html.contains("PASS bit-exact"), "functional status shown");
        assertTrue(html.contains("caches[L1D].size"), "provenance of hardware numbers");
        assertTrue(html.contains("lscpu on the dev VM"), "their sources");
        assertTrue(html.contains("Resolved hardware config"), "resolved config inlined");
        assertTrue(html.contains("not available"), "tokens/s of a kernel call is not available");
        assertTrue(html.contains("Thread scaling</b>: needs runs"), "why a chart is missing");
        for (var c : w.charts().charts()) {
            assertTrue(Files.exists(c.png()) && Files.exists(c.svgFile()));
            assertTrue(html.contains("href=\"charts/" + c.name() + ".png\""), "relative PNG link");
        }
    }

    @Test
    void comparisonHasAColumnPerRunAndRatios() throws Exception {
        ReportWriter.Written w = write(tmp.resolve("cmp"), gemv, fixture);
        String html = Files.readString(w.report());
        assertTrue(html.contains("<th>" + gemv.label() + "</th><th>" + TestRuns.FIXTURE + "</th>"));
        assertTrue(html.contains("speed vs " + gemv.label()));
        assertTrue(html.contains("id=\"validation-table\""), "validation points of the fixture");
        assertTrue(html.contains("id=\"chart-pareto-latency-energy\""));
        assertTrue(html.contains("id=\"chart-roofline\""));
        // 26 fixture operators + 1 GEMV, each a row of an operators table
        Matcher m = Pattern.compile("<table class=\"operators\">(.*?)</table>", Pattern.DOTALL).matcher(html);
        int rows = 0;
        while (m.find()) {
            rows += count(m.group(1), "<tr>") - 1;
        }
        assertEquals(27, rows);
    }

    @Test
    void runsWithAnAreaGetALatencyVsAreaParetoChart() throws Exception {
        List<RunSummary> runs = new java.util.ArrayList<>();
        for (String area : new String[] {"3.5", "1.25"}) {
            Path dir = tmp.resolve("accel-" + area);
            Files.createDirectories(dir);
            String json = Files.readString(fixture.dir().resolve("results.json"));
            assertTrue(json.contains("\"summary\": {"));
            Files.writeString(dir.resolve("results.json"), json.replace("\"summary\": {",
                "\"summary\": {\"areaMm2\": " + area + ", "));
            runs.add(org.ternsim.reports.data.RunReader.read(dir));
        }
        assertEquals(1.25, runs.get(1).totals().areaMm2());
        ReportWriter.Written w = ReportWriter.write(runs, tmp.resolve("area"),
            Progress.start("t", 0, Progress.Mode.QUIET, System.err));
        String html = Files.readString(w.report());
        assertTrue(html.contains("id=\"chart-pareto-latency-area\""));
        assertTrue(html.contains("1.25 mm²"));
    }

    @Test
    void rewritingAReportRemovesChartsItNoLongerHas() throws Exception {
        Path out = tmp.resolve("again");
        write(out, gemv, fixture);
        assertTrue(Files.exists(out.resolve("charts/validation-tokens-s.png")));
        write(out, gemv);
        assertFalse(Files.exists(out.resolve("charts/validation-tokens-s.png")), "stale chart removed");
        assertTrue(Files.exists(out.resolve("charts/roofline.png")));
    }

    @Test
    void reportIsDeterministic() throws Exception {
        String a = Files.readString(write(tmp.resolve("d1"), fixture).report());
        String b = Files.readString(write(tmp.resolve("d2"), fixture).report());
        assertEquals(a, b);
    }

    @Test
    void progressCountsOneStepPerChart() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int charts = ReportWriter.chartCount(List.of(fixture));
        try (Progress p = Progress.start("report", charts, Progress.Mode.LINES, out)) {
            ReportWriter.write(List.of(fixture), tmp.resolve("p"), p);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("report: " + charts + "/" + charts + " (100%), done in"), text);
    }

    static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
