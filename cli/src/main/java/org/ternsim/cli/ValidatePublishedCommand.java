// `ternsim validate published`: simulate the published bitnet.cpp points of configs/calibration and report the errors.
package org.ternsim.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.ternsim.sim.calibration.Calibration;
import org.ternsim.sim.calibration.PublishedPoint;
import org.ternsim.sim.run.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "published", mixinStandardHelpOptions = true,
    description = {"Simulate the published bitnet.cpp and T-MAC measurements (kernels.md",
        "§2.5, §8.3, §8.5) with the bundled configs and print the comparison table",
        "with error statistics; rows whose hardware config or kernel is missing",
        "are pending."})
final class ValidatePublishedCommand implements Callable<Integer> {

    /** The heading of the section this command owns in docs/validation.md. */
    static final String HEADING = "## End-to-end vs published";

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", paramLabel = "<csv>", description = "Published points (default: configs/calibration/bitnet-cpu-published.csv).")
    Path data;

    @Option(names = "--write", paramLabel = "<md>", description = "Replace (or append) the \"" + HEADING + "\" section of this markdown file.")
    Path write;

    @Option(names = {"-q", "--quiet"}, description = "No progress output on stderr.")
    boolean quiet;

    @Override
    public Integer call() {
        Path csv = data == null ? Home.dir().resolve("configs/calibration/bitnet-cpu-published.csv") : Home.resolve(data);
        InputFile.require(csv, "calibration data");
        List<PublishedPoint> points = Calibration.read(csv);
        CliProgress progress = CliProgress.lazy("validate published", quiet, spec.commandLine().getErr());
        List<Calibration.Row> rows;
        try {
            rows = Calibration.run(Home.dir(), points, progress);
        } catch (RuntimeException | Error e) {
            progress.abandon();
            throw e;
        }
        progress.finish();
        String md = Calibration.markdown(rows, Calibration.stats(rows));
        spec.commandLine().getOut().print(md);
        spec.commandLine().getOut().flush();
        if (write != null) {
            replaceSection(write, md);
        }
        return TernSim.OK;
    }

    /** Replaces the section from HEADING to the next "## " heading, or appends it. */
    static void replaceSection(Path file, String section) {
        try {
            String text = Files.exists(file) ? Files.readString(file) : "";
            int start = text.indexOf(HEADING);
            String updated;
            if (start < 0) {
                updated = text + (text.isEmpty() || text.endsWith("\n\n") ? "" : text.endsWith("\n") ? "\n" : "\n\n")
                    + section;
            } else {
                int next = text.indexOf("\n## ", start + HEADING.length());
                updated = text.substring(0, start) + section + (next < 0 ? "" : "\n" + text.substring(next + 1));
            }
            AtomicFiles.write(file, updated); // a failure part-way leaves the file as it was
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
