// Host kernel timings as `calibrate` records them beside a calibrated config and reads them back (--measured).
package org.ternsim.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ternsim.isa.lower.GemvLowerings;
import org.ternsim.sim.run.AtomicFiles;

/**
 * One CSV row per point, {@value #HEADER}: harness is {@code java} or {@code native-<isa>}, statistic {@code median}
 * or {@code best} of {@code calls} timed calls; all rows of a file share harness, statistic and calls.
 */
record HostMeasurements(List<Point> points, String harness, String statistic, int calls) {

    static final String HEADER = "kernel,shape,threads,seconds,harness,statistic,calls";

    /** One measured kernel call. */
    record Point(String kernel, Shape shape, int threads, double seconds) {
        String label() {
            return kernel + " " + shape + " " + threads + (threads == 1 ? " thread" : " threads");
        }
    }

    /** Writes {@code <name>-measurements.csv} beside {@code config} ({@code <name>-calibrated.yaml} or {@code <name>.yaml}). */
    void writeBeside(Path config) {
        writeBeside(config, "");
    }

    /** Writes {@code <name>-measurements<suffix>.csv} beside {@code config}; returns the file. */
    Path writeBeside(Path config, String suffix) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (Point p : points) {
            csv.append(String.format(Locale.ROOT, "%s,%s,%d,%.9e,%s,%s,%d%n", p.kernel(), p.shape(), p.threads(),
                p.seconds(), harness, statistic, calls));
        }
        String name = config.getFileName().toString().replaceFirst("-calibrated\\.yaml$|\\.ya?ml$", "");
        Path target = config.toAbsolutePath().resolveSibling(name + "-measurements" + suffix + ".csv");
        try {
            AtomicFiles.write(target, csv.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
        return target;
    }

    /** Reads a file written by {@link #writeBeside}; a malformed row is a one-line error naming file and line. */
    static HostMeasurements read(Path file) {
        List<String> lines;
        if (Files.isDirectory(file) || !Files.exists(file)) {
            throw new UserError("--measured " + file + ": " + (Files.exists(file) ? "is a directory" : "not found")
                + "; expected a <name>-measurements.csv written by calibrate");
        }
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new UserError("--measured " + file + ": not UTF-8 text (a binary file?); expected a CSV file with"
                + " the header '" + HEADER + "'");
        } catch (IOException e) {
            throw new UserError("--measured " + file + ": cannot read (" + e.getMessage() + ")");
        }
        if (lines.isEmpty() || !lines.get(0).strip().equals(HEADER)) {
            throw new UserError(file + ":1: expected the header '" + HEADER + "'");
        }
        List<Point> points = new ArrayList<>();
        String kind = null;
        String[] f = null;
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty()) continue;
            f = line.split(",", -1);
            String where = file + ":" + (n + 1) + ": ";
            if (f.length != 7) throw new UserError(where + "expected 7 fields (" + HEADER + "), got " + f.length);
            String rowKind = f[4] + "," + f[5] + "," + f[6];
            if (kind != null && !kind.equals(rowKind)) {
                throw new UserError(where + "harness,statistic,calls: expected " + kind + " as on the rows above, got " + rowKind);
            }
            kind = rowKind;
            if (!f[4].equals("java") && !f[4].startsWith("native-")) {
                throw new UserError(where + "harness: expected java or native-<isa>, got " + f[4]);
            }
            if (!f[5].equals("median") && !f[5].equals("best")) {
                throw new UserError(where + "statistic: expected median or best, got " + f[5]);
            }
            int threads;
            double seconds;
            try {
                threads = Integer.parseInt(f[2]);
                seconds = Double.parseDouble(f[3]);
                Integer.parseInt(f[6]);
            } catch (NumberFormatException e) {
                throw new UserError(where + "threads, seconds, calls: expected an integer, a number and an integer, got "
                    + f[2] + ", " + f[3] + ", " + f[6]);
            }
            if (threads < 1 || !(seconds > 0)) throw new UserError(where + "expected threads >= 1 and seconds > 0");
            if (threads > 1 && f[4].equals("java")) {
                throw new UserError(where + "threads: the Java harness is measured on 1 thread, got " + threads);
            }
            if (!GemvLowerings.kernels().contains(f[0])) {
                throw new UserError(where + "kernel: expected a lowered kernel " + GemvLowerings.kernels() + ", got " + f[0]);
            }
            Shape shape;
            try {
                shape = Shape.parse(f[1]);
            } catch (RuntimeException e) {
                throw new UserError(where + "shape: expected MxK, got " + f[1]);
            }
            points.add(new Point(f[0], shape, threads, seconds));
        }
        if (points.isEmpty()) throw new UserError(file + ": no measurements");
        return new HostMeasurements(List.copyOf(points), f[4], f[5], Integer.parseInt(f[6]));
    }

    /**
     * Per point, the median over runs measured at different times (the host's speed drifts by 20-40 % between hours,
     * far more than within one run's calls). Every run must hold the same points with the same harness and statistic;
     * an even number of runs gives the mean of the middle two.
     */
    static HostMeasurements medianOf(List<HostMeasurements> runs, List<?> files) {
        HostMeasurements first = runs.get(0);
        if (runs.size() == 1) return first;
        List<Point> points = new ArrayList<>();
        for (int r = 1; r < runs.size(); r++) {
            HostMeasurements run = runs.get(r);
            String where = "--measured " + files.get(r) + ": ";
            if (!run.harness.equals(first.harness) || !run.statistic.equals(first.statistic)) {
                throw new UserError(where + "harness,statistic: expected " + first.harness + "," + first.statistic
                    + " as in " + files.get(0) + ", got " + run.harness + "," + run.statistic);
            }
            if (!labels(run).equals(labels(first))) {
                throw new UserError(where + "expected the points of " + files.get(0) + " in the same order ("
                    + String.join("; ", labels(first)) + ")");
            }
        }
        for (int i = 0; i < first.points.size(); i++) {
            final int at = i;
            double[] seconds = runs.stream().mapToDouble(run -> run.points.get(at).seconds()).sorted().toArray();
            int mid = seconds.length / 2;
            double median = seconds.length % 2 == 1 ? seconds[mid] : (seconds[mid - 1] + seconds[mid]) / 2;
            Point p = first.points.get(i);
            points.add(new Point(p.kernel(), p.shape(), p.threads(), median));
        }
        int calls = runs.stream().mapToInt(HostMeasurements::calls).min().getAsInt();
        return new HostMeasurements(List.copyOf(points), first.harness, first.statistic, calls);
    }

    /**
     * Per point, the fastest and slowest of the runs ({@code [point][0]} and {@code [point][1]}), for runs that
     * {@link #medianOf} accepted.
     */
    static double[][] rangeOf(List<HostMeasurements> runs) {
        double[][] range = new double[runs.get(0).points.size()][];
        for (int i = 0; i < range.length; i++) {
            final int at = i;
            double[] seconds = runs.stream().mapToDouble(run -> run.points.get(at).seconds()).toArray();
            range[i] = new double[] {java.util.Arrays.stream(seconds).min().getAsDouble(),
                java.util.Arrays.stream(seconds).max().getAsDouble()};
        }
        return range;
    }

    private static List<String> labels(HostMeasurements run) {
        return run.points.stream().map(Point::label).toList();
    }
}
