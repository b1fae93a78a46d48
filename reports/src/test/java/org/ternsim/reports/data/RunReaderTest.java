// The reader accepts the foundation's single-GEMV results.json and the end-to-end schema, and rejects non-runs clearly.
package org.ternsim.reports.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ternsim.reports.TestRuns;

class RunReaderTest {

    @Test
    void singleGemvBecomesOneOperator(@TempDir Path tmp) {
        RunSummary s = TestRuns.gemv(tmp);
        assertEquals(RunSummary.LEGACY_SCHEMA, s.schemaVersion());
        assertEquals(1, s.operators().size());
        OperatorResult op = s.operators().get(0);
        assertEquals("i2_s", op.kernel());
        assertEquals("64x256", op.shape());
        assertEquals(64.0 * 256, op.macs());
        assertTrue(op.seconds() > 0 && op.cycles() > 0 && op.energyJoules() > 0);
        assertEquals(op.seconds(), s.totals().latencySeconds());
        assertNull(s.totals().tokensPerSecond());
        double sum = s.totals().energyByComponent().values().stream().mapToDouble(Double::doubleValue).sum();
        assertEquals(s.totals().energyJoules(), sum, 1e-9 * sum);
        assertEquals(Boolean.TRUE, s.functional().passed());
        assertEquals(42.7e9, s.roofline().bytesPerSecond(), 1);
        assertNotNull(s.roofline().peakMacsPerSecond());
        assertTrue(s.provenance().stream().anyMatch(v -> v.field().equals("caches[L1D].size") && v.value().equals("48KiB")));
        assertTrue(s.provenance().stream().anyMatch(v -> v.field().startsWith("energy.actions.") && v.estimate()));
    }

    @Test
    void modelSizeIsDerivedFromLinearWeightsWhenNotGiven(@TempDir Path tmp) throws IOException {
        Path dir = TestRuns.fixtureDir(tmp);
        String json = Files.readString(dir.resolve("results.json"));
        Files.writeString(dir.resolve("results.json"), json.replace("\"parameters\"", "\"notParameters\""));
        double perLayer = 3840.0 * 2560 + 2560.0 * 2560 + 13824.0 * 2560 + 2560.0 * 6912;
        assertEquals(3 * perLayer + 128256.0 * 2560, RunReader.read(dir).id().modelParams(), "embedding excluded");
    }

    @Test
    void flatAlternativesAreReadToo(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("results.json"), "{\"schemaVersion\": 1, \"run\": {\"phase\": \"prefill\","
            + " \"hardware\": \"hw\", \"threads\": 4, \"kernel\": \"tl2\"}, \"operators\": [{\"name\": \"a\","
            + " \"layer\": \"L7\", \"shape\": [8, 16], \"bytes\": 100, \"flops\": 256, \"seconds\": 1e-6}]}");
        RunSummary s = RunReader.read(tmp);
        assertEquals("prefill", s.id().phase());
        assertEquals(4, s.id().threads());
        assertEquals("tl2", s.id().kernel());
        OperatorResult op = s.operators().get(0);
        assertEquals("L7", op.layer());
        assertEquals("8x16", op.shape());
        assertEquals(1.28, op.intensity(), 1e-12, "flops / 2 MACs per byte");
    }

    @Test
    void endToEndSchemaIsReadWithLayersAndClasses(@TempDir Path tmp) {
        RunSummary s = TestRuns.fixture(tmp);
        assertEquals("1", s.schemaVersion());
        assertEquals("i2_s", s.id().kernel(), "run.kernels.linear");
        assertEquals("zen5-2c", s.id().hardware(), "run.target.name");
        assertEquals("bitnet-b1.58-2b4t", s.id().workload());
        assertEquals("decode", s.id().phase());
        assertEquals(2, s.id().threads());
        assertEquals(2.41e9, s.id().modelParams());
        assertEquals(26, s.operators().size());
        assertEquals("layer 0", s.operators().get(1).layer());
        assertEquals("norm", s.operators().get(1).opClass());
        assertEquals(null, s.operators().get(0).layer(), "layer -1 is outside layers");
        assertEquals("3840x2560", s.operators().get(2).shape(), "shapeText preferred over the shape object");
        assertEquals(2_460_160L, s.operators().get(2).bytes(), "weights + activations");
        double sum = s.operators().stream().mapToDouble(OperatorResult::seconds).sum();
        assertEquals(s.totals().latencySeconds(), sum, 1e-12);
        assertEquals(6, s.totals().energyByComponent().size());
        assertEquals(3, s.validation().size());
        assertEquals(42.7e9, s.roofline().bytesPerSecond(), 1);
        assertNull(s.roofline().peakMacsPerSecond(), "the fixture gives no peak: not available, not invented");
    }

    @Test
    void missingFieldsAreNullNotErrors(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("results.json"), "{\"schemaVersion\": 1, \"operators\": [{\"name\": \"x\"}]}");
        RunSummary s = RunReader.read(tmp);
        assertEquals(1, s.operators().size());
        assertNull(s.operators().get(0).seconds());
        assertNull(s.totals().latencySeconds());
        assertEquals(CheckStatus.NOT_AVAILABLE, s.functional());
        assertNull(s.resolvedConfig());
    }

    @Test
    void foreignSchemasAndWrongTypesAreRejected(@TempDir Path tmp) throws IOException {
        Path results = tmp.resolve("results.json");
        Files.writeString(results, "{\"schema\": 99}");
        ReportInputException e = assertThrows(ReportInputException.class, () -> RunReader.read(tmp));
        assertTrue(e.getMessage().contains("results.json: no schemaVersion"), e.getMessage());
        Files.writeString(results, "{\"schemaVersion\": 99, \"operators\": []}");
        e = assertThrows(ReportInputException.class, () -> RunReader.read(tmp));
        assertTrue(e.getMessage().contains("schemaVersion 99 is not supported; expected 1"), e.getMessage());
        Files.writeString(results, "{\"schemaVersion\": 1, \"summary\": {\"latencySeconds\": \"fast\"}}");
        e = assertThrows(ReportInputException.class, () -> RunReader.read(tmp));
        assertTrue(e.getMessage().contains("summary.latencySeconds: expected a number, got \"fast\""), e.getMessage());
        Files.writeString(results, "{\"schemaVersion\": 1, \"operators\": [{\"name\": \"x\", \"cycles\": [1]}]}");
        e = assertThrows(ReportInputException.class, () -> RunReader.read(tmp));
        assertTrue(e.getMessage().contains("operators[0].cycles: expected a number"), e.getMessage());
        Files.writeString(results, "{\"run\": {\"rows\": \"banana\"}, \"performance\": {\"cycles\": 5}}");
        e = assertThrows(ReportInputException.class, () -> RunReader.read(tmp));
        assertTrue(e.getMessage().contains("run.rows: expected a number, got \"banana\""), e.getMessage());
    }

    @Test
    void notARunDirectoryIsOneLineNamingThePath(@TempDir Path tmp) throws IOException {
        ReportInputException e = assertThrows(ReportInputException.class, () -> RunReader.read(tmp));
        assertTrue(e.getMessage().contains("no results.json"), e.getMessage());
        Files.writeString(tmp.resolve("results.json"), "{\n  \"a\": ,\n}");
        e = assertThrows(ReportInputException.class, () -> RunReader.read(tmp));
        assertTrue(e.getMessage().contains("results.json:2: invalid JSON"), e.getMessage());
        assertThrows(ReportInputException.class, () -> RunReader.read(tmp.resolve("nope")));
    }
}
