// `ternsim report <run-dir>...`: report.html with inline charts and tables (charts/ beside it as PNG + SVG) for one
// run, or a comparison of several; --trace adds a Chrome/Perfetto trace of each run's operators.
package org.ternsim.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ternsim.reports.data.ReportInputException;
import org.ternsim.reports.data.RunSummary;
import org.ternsim.reports.html.ReportWriter;
import org.ternsim.reports.progress.Progress;
import org.ternsim.reports.trace.OperatorTimeline;
import org.ternsim.reports.trace.TraceWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Write report.html for one or more run directories: summary and energy tables,",
        "charts (latency breakdown, energy by component, roofline, scaling, validation,",
        "Pareto front) inline as SVG and in charts/ as PNG and SVG, per-operator results,",
        "the provenance of every hardware number and the resolved config. Several runs",
        "give a comparison against the first. Opens offline in any browser."})
final class ReportCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "<run-dir>", description = "Run directories (out/<run>) written by simulate.")
    List<Path> runs;

    @Option(names = "--out", paramLabel = "<dir>",
        description = "Where report.html and charts/ go (default: the first run directory).")
    Path out;

    @Option(names = "--trace", description = "Also write trace.json (one run) or trace-<run>.json (several): the "
        + "operators laid end to end per run, for Perfetto UI / chrome://tracing.")
    boolean trace;

    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    boolean quiet;

    @Override
    public Integer call() {
        Path outDir = out == null ? runs.get(0) : out;
        List<RunSummary> summaries;
        try {
            summaries = ReportWriter.readAll(runs);
        } catch (ReportInputException e) {
            throw new UserError(e.getMessage());
        }
        checkUniqueLabels(summaries);
        OutputPaths.checkDirectory(out == null ? "<run-dir>" : "--out", outDir);
        ReportWriter.Written written;
        Progress progress = Progress.start("report", ReportWriter.chartCount(summaries), quiet,
            spec.commandLine().getErr());
        try {
            written = ReportWriter.write(summaries, outDir, progress);
        } catch (RuntimeException | Error e) {
            progress.abandon(); // a failed report ends on its error message, not on a "done" line
            throw e;
        }
        progress.close();
        var o = spec.commandLine().getOut();
        o.printf("report        %s (%d charts, PNG and SVG in %s/)%n", written.report(), written.charts().charts().size(),
            outDir.resolve(ReportWriter.CHARTS));
        if (!written.charts().notAvailable().isEmpty()) {
            o.println("not available " + String.join(", ", written.charts().notAvailable().keySet())
                + " (reasons in the report)");
        }
        if (trace) {
            for (RunSummary run : summaries) {
                Path file = outDir.resolve(summaries.size() == 1 ? "trace.json" : "trace-" + run.label() + ".json");
                Map<String, Object> other = new LinkedHashMap<>();
                other.put("run", run.label());
                other.put("note", OperatorTimeline.NOTE);
                TraceWriter.write(OperatorTimeline.of(run), other, file);
                o.println("trace         " + file);
            }
        }
        o.flush();
        return TernSim.OK;
    }

    /** Runs are columns and trace file names by their directory name, so two runs must not share one. */
    private static void checkUniqueLabels(List<RunSummary> runs) {
        Map<String, Path> seen = new HashMap<>();
        for (RunSummary r : runs) {
            Path before = seen.put(r.label(), r.dir());
            if (before != null) {
                throw new UserError("two run directories are both named '" + r.label() + "' (" + before + ", " + r.dir()
                    + "); give each run a distinct name (simulate --run-name)");
            }
        }
    }
}
