// Every chart type rendered from real simulation results (small I2_S GEMVs) and from the end-to-end schema fixture,
// written as valid PNG and SVG with the expected series, units in the axis labels, and the same colour per name.
package org.ternsim.reports.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ternsim.reports.chart.ChartAssertions.assertValid;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ternsim.reports.TestRuns;
import org.ternsim.reports.data.RunReader;
import org.ternsim.reports.data.RunSummary;
import org.ternsim.sim.run.CacheState;

class ChartsTest {

    @TempDir
    static Path tmp;
    static RunSummary warm;
    static RunSummary cold;
    static RunSummary fixture;

    @BeforeAll
    static void runs() {
        warm = TestRuns.gemv(tmp);
        cold = RunReader.read(TestRuns.gemvRunDir(tmp, "gemv-64x256-cold", 64, 256, CacheState.COLD));
        fixture = TestRuns.fixture(tmp);
    }

    private static Path out(String name) {
        return tmp.resolve("charts-" + name);
    }

    @Test
    void latencyByClassFromARealRunAndTheFixture() throws Exception {
        RenderedChart c = LatencyBreakdownChart.perRun(List.of(warm, fixture)).writeTo(out("lat"));
        assertValid(c, "gemv", "linear", "attention", "norm", "activation", "embedding");
        assertTrue(c.svg().contains("simulated time per unit of work"), "a call and a token are different units");
        assertTrue(LatencyBreakdownChart.perRun(List.of(warm)).writeTo(out("lat1")).svg().contains("time per call (ns)"));
    }

    @Test
    void latencyByLayerHasOneBarPerLayer() throws Exception {
        ChartData d = LatencyBreakdownChart.perLayer(fixture);
        assertEquals(List.of(LatencyBreakdownChart.NO_LAYER, "layer 0", "layer 1", "layer 2"),
            d.chart().getCategoryPlot().getDataset().getColumnKeys(), "embedding and LM head outside layers");
        RenderedChart c = d.writeTo(out("layer"));
        assertValid(c, "linear", "attention");
        assertTrue(c.svg().contains("per token (ms)"), "seconds scaled to ms with the unit on the axis");
    }

    @Test
    void energyByComponentFromARealRun() throws Exception {
        RenderedChart c = EnergyBreakdownChart.of(List.of(warm, cold)).writeTo(out("energy"));
        assertValid(c, "core", "L1D", "L2", "L3", "DRAM", "static");
        assertTrue(c.svg().contains("µJ"), "energy in µJ for a tiny GEMV");
    }

    @Test
    void rooflinePlacesRealOperatorsUnderTheRoof() throws Exception {
        ChartData d = RooflineChart.of(List.of(warm));
        RenderedChart c = d.writeTo(out("roof"));
        String roof = c.series().get(0);
        assertTrue(roof.startsWith("zen5-2c roof (42.7 GB/s, "), roof);
        assertValid(c, roof, "i2_s");
        // The operator's achieved rate is below both roofs: simulated cycles >= the port bound the roof comes from.
        double rate = warm.operators().get(0).macsPerSecond();
        assertTrue(rate <= warm.roofline().peakMacsPerSecond() * (1 + 1e-9));
    }

    @Test
    void rooflineWithoutComputePeakSaysSo() throws Exception {
        RenderedChart c = RooflineChart.of(List.of(fixture)).writeTo(out("roof2"));
        assertTrue(c.series().get(0).contains("compute n/a"), c.series().toString());
        assertValid(c, "i2_s", "tl2", "q6_k", "f16");
    }

    @Test
    void rateVsModelSizeFromRunsOfSeveralSizes() throws Exception {
        List<RunSummary> runs = new ArrayList<>();
        double[][] sizes = {{0.7e9, 40}, {2.41e9, 21}, {8e9, 6.5}};
        for (double[] s : sizes) {
            runs.add(variant(fixture, "size-" + (long) s[0], Map.of("\"parameters\": 2410000000.0",
                "\"parameters\": " + s[0], "\"tokensPerSecond\": ", "\"tokensPerSecond\": " + s[1] + ", \"x\": ")));
        }
        Map<String, List<SeriesPoint>> series = RunSeries.byModelSize(runs);
        assertEquals(List.of("i2_s on zen5-2c (2 thr)"), List.copyOf(series.keySet()));
        RenderedChart c = ScalingChart.vsModelSize(series, "tokens/s").writeTo(out("size"));
        assertValid(c, "i2_s on zen5-2c (2 thr)");
        assertTrue(c.svg().contains("model size (billion parameters)"));
    }

    @Test
    void threadScalingWithIdealLine() throws Exception {
        List<RunSummary> runs = new ArrayList<>();
        double[][] points = {{1, 11.9}, {2, 21.0}, {4, 37.5}};
        for (double[] p : points) {
            runs.add(variant(fixture, "thr-" + (int) p[0], Map.of("\"threads\": 2", "\"threads\": " + (int) p[0],
                "\"tokensPerSecond\": ", "\"tokensPerSecond\": " + p[1] + ", \"x\": ")));
        }
        Map<String, List<SeriesPoint>> series = RunSeries.byThreads(runs);
        RenderedChart c = ScalingChart.vsThreads(series, "tokens/s").writeTo(out("threads"));
        assertValid(c, "bitnet-b1.58-2b4t i2_s on zen5-2c", ScalingChart.IDEAL);
    }

    @Test
    void predictedVsMeasuredWithErrorBars() throws Exception {
        RenderedChart c = ValidationChart.of("tokens/s", fixture.validation()).writeTo(out("val"));
        assertValid(c, ValidationChart.PREDICTED, ValidationChart.MEASURED);
        assertTrue(c.svg().contains("2B4T decode 2 threads"), "case names on the x axis");
    }

    @Test
    void paretoFrontOfRealRuns() throws Exception {
        List<DesignPoint> points = RunSeries.designPoints(List.of(warm, cold, fixture));
        assertEquals(3, points.size());
        RenderedChart c = ParetoChart.latencyVsEnergy(points).writeTo(out("pareto"));
        assertValid(c, ParetoChart.POINTS, ParetoChart.FRONT);
        List<DesignPoint> withArea = List.of(new DesignPoint("a", 1e-3, 2, 4.0), new DesignPoint("b", 2e-3, 1, 2.0),
            new DesignPoint("c", 3e-3, 3, 1.0));
        assertValid(ParetoChart.latencyVsArea(withArea).writeTo(out("area")), ParetoChart.FRONT);
    }

    @Test
    void sameNameSameColourInEveryChart() {
        assertEquals(Palette.of("DRAM"), Palette.of("dram"));
        assertEquals(Palette.of("i2_s"), Palette.of("i2_s"));
        assertEquals(Palette.of("accel.pe"), Palette.of("pe"));
        assertEquals(Palette.of("some-new-unit"), Palette.of("some-new-unit"));
        ChartData a = EnergyBreakdownChart.of(List.of(warm));
        ChartData b = EnergyBreakdownChart.of(List.of(fixture, warm));
        int ia = a.series().indexOf("DRAM");
        int ib = b.series().indexOf("DRAM");
        assertEquals(a.chart().getCategoryPlot().getRenderer().getSeriesPaint(ia),
            b.chart().getCategoryPlot().getRenderer().getSeriesPaint(ib));
    }

    @Test
    void componentsStackFromTheCoreOutwardsWithStaticLast() {
        assertEquals(List.of("core", "L1D", "L2", "L3", "DRAM", "accel.pe", "other", "static"),
            ComponentOrder.sorted(List.of("static", "DRAM", "L2", "accel.pe", "core", "other", "L3", "L1D")));
    }

    @Test
    void svgFilesAreDeterministic() throws Exception {
        RenderedChart a = EnergyBreakdownChart.of(List.of(warm)).writeTo(out("det-a"));
        RenderedChart b = EnergyBreakdownChart.of(List.of(warm)).writeTo(out("det-b"));
        assertEquals(Files.readString(a.svgFile()), Files.readString(b.svgFile()));
    }

    /** A copy of a run directory with text replacements in results.json, read back. */
    static RunSummary variant(RunSummary base, String name, Map<String, String> replace) throws Exception {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        String json = Files.readString(base.dir().resolve("results.json"));
        for (Map.Entry<String, String> e : replace.entrySet()) {
            assertTrue(json.contains(e.getKey()), e.getKey());
            json = json.replace(e.getKey(), e.getValue());
        }
        Files.writeString(dir.resolve("results.json"), json);
        return RunReader.read(dir);
    }
}
