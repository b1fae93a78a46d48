// End to end: report.html opened in headless Chromium loads without console errors, its inline script marks it
// complete, and the DOM holds the charts and tables. A screenshot is kept in target/report-e2e/ as an artefact.
// Skipped only when Chromium is not installed (.ci/run installs Debian's chromium).
package org.ternsim.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ternsim.reports.TestRuns;
import org.ternsim.reports.progress.Progress;

class ReportBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path ARTEFACTS = Path.of("target/report-e2e");

    @TempDir
    static Path tmp;

    @BeforeAll
    static void needsChromium() {
        assumeTrue(Files.isExecutable(CHROMIUM),
            "SKIPPED: " + CHROMIUM + " not installed (apt-get install chromium; .ci/run does this)");
    }

    record Browser(int exit, String stdout, String stderr) {
        /** Any console message (Chromium logs them as "INFO:CONSOLE:n] ..." with --enable-logging=stderr) or uncaught error. */
        List<String> consoleErrors() {
            List<String> bad = new ArrayList<>();
            for (String line : stderr.split("\n")) {
                if (line.contains("Uncaught") || line.contains(":CONSOLE")) {
                    bad.add(line);
                }
            }
            return bad;
        }
    }

    static Browser chromium(Path profile, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0"));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "chromium", ".out");
        Path err = Files.createTempFile(tmp, "chromium", ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 90 s: " + String.join(" ", cmd));
        }
        return new Browser(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void reportLoadsWithoutConsoleErrorsAndShowsChartsAndTables() throws Exception {
        Path out = tmp.resolve("report");
        ReportWriter.Written w = ReportWriter.write(List.of(TestRuns.gemv(tmp), TestRuns.fixture(tmp)), out,
            Progress.start("t", 0, Progress.Mode.QUIET, System.err));
        String url = w.report().toAbsolutePath().toUri().toString();

        Browser dom = chromium(tmp.resolve("profile-dom"), "--dump-dom", url);
        assertEquals(0, dom.exit(), dom.stderr());
        assertTrue(dom.stdout().contains("data-report-ready=\"ok\""), "inline script ran and found every chart");
        assertEquals(w.charts().charts().size(), HtmlReportTest.count(dom.stdout(), "<figure class=\"chart\""));
        assertTrue(HtmlReportTest.count(dom.stdout(), "<svg") >= w.charts().charts().size());
        assertTrue(dom.stdout().contains("id=\"summary-table\"") && dom.stdout().contains("class=\"operators\""));
        assertEquals(List.of(), dom.consoleErrors());

        Files.createDirectories(ARTEFACTS);
        Path shot = ARTEFACTS.resolve("report.png").toAbsolutePath();
        Files.deleteIfExists(shot);
        Browser s = chromium(tmp.resolve("profile-shot"), "--screenshot=" + shot, "--window-size=1280,2000", url);
        assertEquals(0, s.exit(), s.stderr());
        assertEquals(List.of(), s.consoleErrors());
        byte[] png = Files.readAllBytes(shot);
        assertTrue(png.length > 10_000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "screenshot is a PNG");
        Files.copy(w.report(), ARTEFACTS.resolve("report.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void aScriptErrorWouldBeDetected() throws Exception {
        Path page = tmp.resolve("broken.html");
        Files.writeString(page, "<!DOCTYPE html><html><body><script>undefinedFunction();</script></body></html>");
        Browser b = chromium(tmp.resolve("profile-broken"), "--dump-dom", page.toUri().toString());
        assertTrue(b.consoleErrors().stream().anyMatch(l -> l.contains("undefinedFunction")),
            "the console check must see an uncaught error; stderr was:\n" + b.stderr());
    }
}
