// Reads run directories and writes report.html plus charts/ (PNG and SVG of every chart) into an output directory.
package org.ternsim.reports.html;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.ternsim.reports.data.RunReader;
import org.ternsim.reports.data.RunSummary;
import org.ternsim.reports.progress.Progress;

public final class ReportWriter {

    public static final String REPORT = "report.html";
    public static final String CHARTS = "charts";

    /** What was written: the report file, the charts, and the runs as read. */
    public record Written(Path report, ReportCharts.Result charts, List<RunSummary> runs) {
    }

    private ReportWriter() {
    }

    /** Reads every run first (so a bad directory fails before anything is written), then renders. */
    public static List<RunSummary> readAll(List<Path> runDirs) {
        List<RunSummary> runs = new ArrayList<>();
        for (Path dir : runDirs) {
            runs.add(RunReader.read(dir));
        }
        return runs;
    }

    public static Written write(List<RunSummary> runs, Path outDir, Progress progress) {
        try {
            Files.createDirectories(outDir);
            removeOldCharts(outDir.resolve(CHARTS));
            ReportCharts.Result charts = ReportCharts.render(runs, outDir.resolve(CHARTS), name -> progress.advance());
            String html = HtmlReport.render(runs, charts, outDir);
            Path report = outDir.resolve(REPORT);
            Path tmp = Files.createTempFile(outDir, ".report", ".tmp");
            Files.writeString(tmp, html, StandardCharsets.UTF_8);
            Files.move(tmp, report, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Written(report, charts, runs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + outDir + ": " + e.getMessage(), e);
        }
    }

    /** A report written again (other runs, other charts) must not leave the previous report's charts behind. */
    private static void removeOldCharts(Path chartDir) throws IOException {
        if (!Files.isDirectory(chartDir)) {
            return;
        }
        try (var files = Files.list(chartDir)) {
            for (Path f : files.toList()) {
                String n = f.getFileName().toString();
                if (Files.isRegularFile(f) && (n.endsWith(".png") || n.endsWith(".svg"))) {
                    Files.delete(f);
                }
            }
        }
    }

    /** How many charts {@link #write} will render for these runs (for a progress total). */
    public static int chartCount(List<RunSummary> runs) {
        return ReportCharts.plan(runs, new java.util.LinkedHashMap<>()).size();
    }
}
