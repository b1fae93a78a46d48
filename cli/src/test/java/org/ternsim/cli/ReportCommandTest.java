// `ternsim report`: from simulate's run directory to report.html (and a trace), comparisons, and one-line errors.
package org.ternsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

    @TempDir
    static Path tmp;
    static Path warm;
    static Path cold;

    @BeforeAll
    static void simulate() {
        System.setProperty("ternsim.home", "..");
        String out = tmp.resolve("out").toString();
        assertEquals(0, TernSimCliTest.run("simulate", "--shape", "64x256", "--out", out, "--run-name", "warm").code());
        assertEquals(0, TernSimCliTest.run("simulate", "--shape", "64x256", "--cache", "cold", "--out", out,
            "--run-name", "cold").code());
        warm = tmp.resolve("out/warm");
        cold = tmp.resolve("out/cold");
    }

    @Test
    void reportGoesIntoTheRunDirectory() throws Exception {
        TernSimCliTest.Outcome o = TernSimCliTest.run("report", "--quiet", "--trace", warm.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("report        " + warm.resolve("report.html")), o.out());
        String html = Files.readString(warm.resolve("report.html"));
        assertTrue(html.contains("<svg ") && html.contains("id=\"summary-table\""));
        assertTrue(Files.exists(warm.resolve("charts/energy-by-component.png")));
        assertTrue(Files.exists(warm.resolve("charts/roofline.svg")));
        JsonNode trace = new ObjectMapper().readTree(warm.resolve("trace.json").toFile());
        assertTrue(trace.get("traceEvents").size() >= 1 + 4, "one operator plus naming metadata");
    }

    @Test
    void severalRunsMakeAComparisonInOut() throws Exception {
        Path out = tmp.resolve("cmp");
        TernSimCliTest.Outcome o = TernSimCliTest.run("report", "-q", "--out", out.toString(), warm.toString(),
            cold.toString(), "--trace");
        assertEquals(0, o.code(), o.err());
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("speed vs warm"), "comparison against the first run");
        assertTrue(html.contains("id=\"chart-pareto-latency-energy\""), "two runs make a Pareto chart");
        assertTrue(Files.exists(out.resolve("trace-warm.json")) && Files.exists(out.resolve("trace-cold.json")));
        assertFalse(Files.exists(cold.resolve("report.html")), "--out keeps the run directories untouched");
    }

    @Test
    void notARunDirectoryIsAOneLineUserError() {
        TernSimCliTest.Outcome o = TernSimCliTest.run("report", tmp.resolve("nope").toString());
        assertEquals(TernSim.USAGE, o.code());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertTrue(o.err().contains("nope: not a directory"), o.err());
        assertFalse(o.err().contains("Exception"), o.err());
    }

    @Test
    void malformedResultsNameFileAndLine() throws Exception {
        Path bad = tmp.resolve("bad");
        Files.createDirectories(bad);
        Files.writeString(bad.resolve("results.json"), "{\n\"a\": [1,\n}");
        TernSimCliTest.Outcome o = TernSimCliTest.run("report", bad.toString());
        assertEquals(TernSim.USAGE, o.code());
        assertTrue(o.err().contains("results.json:3: invalid JSON"), o.err());
    }

    @Test
    void foreignOrDamagedResultsAreRejectedAndNothingIsWritten() throws Exception {
        Path foreign = tmp.resolve("foreign");
        Files.createDirectories(foreign);
        Files.writeString(foreign.resolve("results.json"), "{\"schema\": 99}");
        UserErrors.line(TernSimCliTest.run("report", "-q", foreign.toString()), "results.json: no schemaVersion");
        Path damaged = tmp.resolve("damaged");
        Files.createDirectories(damaged);
        Files.writeString(damaged.resolve("results.json"), Files.readString(warm.resolve("results.json"))
            .replaceFirst("\"cycles\" : \\d+", "\"cycles\" : \"banana\""));
        UserErrors.line(TernSimCliTest.run("report", "-q", damaged.toString()),
            "results.json: performance.cycles: expected a number, got \"banana\"");
        for (Path dir : new Path[] {foreign, damaged}) {
            assertFalse(Files.exists(dir.resolve("report.html")) || Files.exists(dir.resolve("charts")), dir.toString());
        }
    }

    @Test
    void noRunDirectoryIsAUsageError() {
        assertEquals(TernSim.USAGE, TernSimCliTest.run("report").code());
    }

    @Test
    void aReportThatCannotBeWrittenEndsOnItsErrorNotOnADoneLine() throws Exception {
        Path out = tmp.resolve("blocked");
        Files.createDirectories(out);
        Files.writeString(out.resolve("charts"), "a file where the charts folder belongs");
        TernSimCliTest.Outcome o = TernSimCliTest.run("report", "--out", out.toString(), warm.toString());
        assertTrue(o.code() != 0, o.err());
        assertFalse(o.err().contains("done in"), o.err());
        assertFalse(o.err().contains("Exception"), o.err());
        assertFalse(Files.exists(out.resolve("report.html")), "no partial report");
    }
}
