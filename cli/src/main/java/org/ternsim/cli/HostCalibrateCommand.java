// `ternsim calibrate --hw X [--fit ...]` (HostCalibrateCommand): fits uncertain fields of a hardware config to kernel times measured on this host (least squares
// on relative errors, bounded 1-D Brent searches per field, coordinate-wise) and writes a calibrated config.
package org.ternsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.ternsim.sim.config.ConfigOverride;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.config.HardwareConfigLoader;
import org.ternsim.sim.config.ResolvedConfigWriter;
import org.ternsim.sim.run.AtomicFiles;
import org.ternsim.sim.run.CacheState;
import org.ternsim.sim.run.GemvSimulation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.ternsim.cli.HostMeasurements.Point;
import picocli.CommandLine.Spec;

@Command(name = "calibrate", mixinStandardHelpOptions = true,
    description = "Fit uncertain fields of a hardware config to this host: times the lowered kernels (bench kernels' "
        + "Java harness on 1 thread, or with --native the simulator's own x86 programs on 1..N threads), then "
        + "minimises the sum of squared relative errors of the simulated times over the fields (each a bounded "
        + "Brent search, repeated over the fields). Fits the config's estimate: true fields of the fit-able "
        + "kinds, or exactly the --fit fields; nothing else changes. Writes the calibrated config with the "
        + "measurements and the fit quality in its header.")
final class HostCalibrateCommand implements Callable<Integer> {

    /** The relative error counted as agreement in the fit report (issue 9's acceptance threshold). */
    private static final double WITHIN = 0.20;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--hw", required = true, paramLabel = "<yaml>", description = "Hardware config to calibrate.")
    Path hw;

    @Option(names = "--fit", paramLabel = "<path[=lo..hi]>",
        description = {"Field to fit, with optional bounds (default: half to twice its value); repeatable.",
            "Fit-able: " + FitParameter.FITTABLE + ". Default: those marked estimate: true."})
    List<String> fit = new ArrayList<>();

    @Option(names = "--kernel", split = ",", defaultValue = "i2_s",
        description = "Kernels measured and simulated (default: ${DEFAULT-VALUE}).")
    List<String> kernels;

    @Option(names = "--threads", split = ",", defaultValue = "1", paramLabel = "<n>",
        description = "Thread counts measured (default: ${DEFAULT-VALUE}); more than 1 needs --native.")
    List<Integer> threads;

    @Option(names = "--native", description = {"Measure the simulator's own x86 programs on this CPU (bench native)",
        "instead of the Java kernels: model and measurement then run the same instructions."})
    boolean nativeRuns;

    @Option(names = "--isa", defaultValue = "avx2", description = "ISA of the native programs (default: ${DEFAULT-VALUE}).")
    String isa;

    @Option(names = "--reps", defaultValue = "51", description = "Timed calls per native point (default: ${DEFAULT-VALUE}).")
    int reps;

    /** Which of a native point's timed calls stands for it. */
    enum Statistic { median, best }

    @Option(names = "--stat", defaultValue = "median", description = {"Native calls' statistic fitted: median (default)",
        "or best (the fastest call: on a host whose shared L3 and cores other tenants disturb, the undisturbed",
        "warm-cache state the simulation assumes)."})
    Statistic stat;

    /** One measured point of the fit. */

    @Option(names = "--shape", split = ",", converter = SimulateCommand.ShapeConverter.class,
        defaultValue = "2560x2560,2560x6912", description = "Shapes measured (default: ${DEFAULT-VALUE}).")
    List<Shape> shapes;

    @Option(names = "--rounds", defaultValue = "2", description = "Passes over the fields (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--evals", defaultValue = "12", description = "Simulations per field and pass, at most (default: ${DEFAULT-VALUE}).")
    int evals;

    @Option(names = "--measured", paramLabel = "<csv>", split = ",", description = {
        "Fit to the measurements of earlier runs",
        "(the <name>-measurements.csv every run writes beside its output) instead of measuring; several files give",
        "the median per point over the runs; --kernel, --shape, --threads, --native, --isa, --reps and --stat then",
        "come from the files."})
    List<Path> measuredFiles = new ArrayList<>();

    @Option(names = "--runs", defaultValue = "1", paramLabel = "<n>", description = {
        "Measurement passes over all points (default: ${DEFAULT-VALUE}); with more, the fit takes the median per",
        "point over the passes (a host's speed drifts between passes), and each pass is kept as",
        "<name>-measurements-<k>.csv beside the output."})
    int runs;

    @Option(names = "--jobs", paramLabel = "<n>", description = "Points simulated at once (default: the machine's cores).")
    Integer jobs;

    @Option(names = {"-o", "--output"}, paramLabel = "<yaml>", description = "Calibrated config (default: out/calibrate/<name>-calibrated.yaml).")
    Path output;

    /** Simulated seconds per point of each trial so far, by the trial's field values. */
    private final Map<String, double[]> trials = new HashMap<>();

    @Override
    public Integer call() {
        Path hwPath = Home.resolve(hw);
        InputFile.require(hwPath, "hardware config");
        HardwareConfig base = HardwareConfigLoader.load(hwPath);
        for (String kernel : kernels) {
            if (!org.ternsim.isa.lower.GemvLowerings.kernels().contains(kernel)) {
                throw new UserError("--kernel " + kernel + ": calibration needs a lowered kernel; lowered: "
                    + org.ternsim.isa.lower.GemvLowerings.kernels());
            }
        }
        if (!nativeRuns && stat != Statistic.median) {
            throw new UserError("--stat " + stat + ": only native runs keep every call; the Java harness reports medians");
        }
        if (!nativeRuns && threads.stream().anyMatch(t -> t != 1)) {
            throw new UserError("--threads " + threads + ": the Java harness is measured on 1 thread; use --native");
        }
        List<String> paths = fit.isEmpty() ? FitParameter.fieldsOf(base, true) : fit;
        if (paths.isEmpty()) {
            throw new UserError(hwPath + " has no estimate: true field of a fit-able kind; name fields with --fit ("
                + FitParameter.FITTABLE + ")");
        }
        List<FitParameter> params = paths.stream().map(p -> FitParameter.parse(p, base)).toList();
        OptionValues.atLeast("--rounds", rounds, 1);
        OptionValues.atLeast("--evals", evals, 3); // Brent's search needs three points
        if (jobs != null && jobs < 1) throw new UserError("--jobs must be >= 1, got " + jobs);
        if (runs < 1) throw new UserError("--runs must be >= 1, got " + runs);
        if (runs > 1 && !measuredFiles.isEmpty()) {
            throw new UserError("--runs " + runs + ": with --measured the runs are the files given");
        }
        Path target = output != null ? output : Path.of("out", "calibrate", base.name() + "-calibrated.yaml");
        OutputPaths.checkFile(output != null ? "-o" : "the default output", target);
        PrintWriter out = spec.commandLine().getOut();

        List<Point> points;
        // The runs whose median per point is fitted: the --measured files, or this call's passes when --runs > 1.
        List<Path> runFiles = new ArrayList<>(measuredFiles);
        List<HostMeasurements> passes = new ArrayList<>();
        if (!measuredFiles.isEmpty()) {
            passes.addAll(measuredFiles.stream().map(f -> HostMeasurements.read(Home.resolve(f))).toList());
            HostMeasurements m = HostMeasurements.medianOf(passes, measuredFiles);
            points = m.points();
            nativeRuns = m.harness().startsWith("native-");
            if (nativeRuns) isa = m.harness().substring("native-".length());
            stat = Statistic.valueOf(m.statistic());
            reps = m.calls();
        } else {
            for (int r = 1; r <= runs; r++) {
                if (runs > 1) {
                    out.printf(Locale.ROOT, "measurement pass %d of %d%n", r, runs);
                }
                HostMeasurements pass = new HostMeasurements(measure(out), nativeRuns ? "native-" + isa : "java",
                    nativeRuns ? stat.name() : "median", nativeRuns ? reps : 7);
                if (runs > 1) {
                    runFiles.add(pass.writeBeside(target, "-" + r));
                }
                passes.add(pass);
            }
            HostMeasurements m = HostMeasurements.medianOf(passes, runFiles);
            m.writeBeside(target);
            points = m.points();
        }
        double[] measured = points.stream().mapToDouble(Point::seconds).toArray();
        double[] x = params.stream().mapToDouble(FitParameter::current).toArray();
        double[] before = simulate(hwPath, params, x, points);
        double costBefore = cost(before, measured);
        for (int i = 0; i < points.size(); i++) {
            out.printf(Locale.ROOT, "before    %s: simulated %.1f us (%+.1f%%)%n", points.get(i).label(), before[i] * 1e6,
                100 * (before[i] / measured[i] - 1));
        }
        out.flush();
        for (int r = 0; r < rounds; r++) {
            for (int j = 0; j < params.size(); j++) {
                final int jj = j;
                FitParameter p = params.get(j);
                double[] trial = x.clone();
                double[] best = {x[jj], Double.POSITIVE_INFINITY}; // the best point seen, kept if the budget runs out
                try {
                    new BrentOptimizer(1e-3, 1e-9 * p.hi()).optimize(new MaxEval(evals), GoalType.MINIMIZE,
                        new SearchInterval(p.lo(), p.hi(), Math.min(p.hi(), Math.max(p.lo(), x[jj]))),
                        new UnivariateObjectiveFunction(v -> {
                            trial[jj] = p.integral() ? Math.round(v) : v;
                            double c = cost(simulate(hwPath, params, trial, points), measured);
                            if (c < best[1]) {
                                best[0] = trial[jj];
                                best[1] = c;
                            }
                            return c;
                        }));
                } catch (TooManyEvaluationsException e) {
                    // --evals reached: keep the best point seen
                }
                double[] tryX = x.clone();
                tryX[j] = best[0];
                if (cost(simulate(hwPath, params, tryX, points), measured) < cost(simulate(hwPath, params, x, points), measured)) {
                    x = tryX; // keep the old value unless the search found a better one
                }
                out.printf(Locale.ROOT, "pass %d   %s = %s%n", r + 1, p.path(), p.text(x[j]));
                out.flush();
            }
        }
        double[] after = simulate(hwPath, params, x, points);
        double costAfter = cost(after, measured);
        // With several runs, each point's fastest and slowest run: how far the host itself moved the measurement.
        double[][] range = passes.size() > 1 ? HostMeasurements.rangeOf(passes) : null;
        StringBuilder table = new StringBuilder();
        int noisy = 0;
        for (int i = 0; i < points.size(); i++) {
            String runsRange = "";
            if (range != null) {
                runsRange = String.format(Locale.ROOT, " (runs %.1f-%.1f)", range[i][0] * 1e6, range[i][1] * 1e6);
                noisy += (range[i][1] - range[i][0]) / measured[i] > WITHIN ? 1 : 0;
            }
            table.append(String.format(Locale.ROOT, "%s: measured %.1f us%s, simulated before %.1f us (%+.1f%%),"
                + " after %.1f us (%+.1f%%)%n", points.get(i).label(), measured[i] * 1e6, runsRange, before[i] * 1e6,
                100 * (before[i] / measured[i] - 1), after[i] * 1e6, 100 * (after[i] / measured[i] - 1)));
        }
        String quality = String.format(Locale.ROOT, "RMS relative error %.1f%% before, %.1f%% after; within %.0f%%:"
            + " %d of %d points before, %d after", 100 * Math.sqrt(costBefore / measured.length),
            100 * Math.sqrt(costAfter / measured.length), 100 * WITHIN, within(before, measured), measured.length,
            within(after, measured));
        if (range != null) {
            quality += String.format(Locale.ROOT, "; runs of %d of %d points spread by more than %.0f%% of their median",
                noisy, measured.length, 100 * WITHIN);
        }
        String measuredKernels = String.join(", ", points.stream().map(Point::kernel).distinct().toList());
        String source = "ternsim calibrate: fitted to " + measured.length + " host measurements of " + measuredKernels
            + (nativeRuns ? " (native " + isa + " programs" : " (Java kernels") + "; " + quality + "); see the file header";
        List<ConfigOverride> overrides = new ArrayList<>();
        for (int j = 0; j < params.size(); j++) overrides.addAll(params.get(j).overrides(x[j], source));
        overrides.add(new ConfigOverride("name", base.name() + "-calibrated", "ternsim calibrate of " + base.name()));
        HardwareConfig calibrated = HardwareConfigLoader.load(hwPath, overrides);
        StringBuilder header = new StringBuilder("# Calibrated from " + hwPath + " by ternsim calibrate.\n# Fitted: ");
        for (int j = 0; j < params.size(); j++) {
            header.append(j == 0 ? "" : ", ").append(params.get(j).path()).append(' ').append(params.get(j).text(
                params.get(j).current())).append(" -> ").append(params.get(j).text(x[j]));
        }
        String from = runFiles.isEmpty() ? "" : runFiles.size() == 1 ? ", read from " + runFiles.get(0)
            : ", median per point of the runs in " + runFiles.stream().map(Path::toString)
                .collect(java.util.stream.Collectors.joining(", "));
        header.append("\n# ").append(quality).append(nativeRuns
            ? "\n# Measurements (bench native: the same " + isa + " programs on this CPU, " + (stat == Statistic.best
                ? "fastest" : "median") + " of " + reps + " calls" + from + "):\n"
            : "\n# Measurements (bench kernels harness, median of 7" + from + "):\n");
        table.toString().lines().forEach(l -> header.append("#   ").append(l).append('\n'));
        write(target, header + ResolvedConfigWriter.toYaml(calibrated));
        out.print(table);
        out.println(quality);
        out.println("calibrated config: " + target);
        out.flush();
        return TernSim.OK;
    }

    /** Points whose simulated time is within {@link #WITHIN} of the measured one. */
    private static int within(double[] simulated, double[] measured) {
        int n = 0;
        for (int i = 0; i < measured.length; i++) {
            n += Math.abs(simulated[i] / measured[i] - 1) <= WITHIN ? 1 : 0;
        }
        return n;
    }

    private List<Point> measure(PrintWriter out) {
        List<Point> points = new ArrayList<>();
        if (nativeRuns) {
            String why = org.ternsim.cli.bench.NativeProgram.unavailableReason(isa);
            if (why != null) {
                throw new UserError("calibrate --native: " + why);
            }
        }
        BenchKernelsCommand bench = new BenchKernelsCommand();
        bench.warmup = 3;
        bench.reps = 7;
        bench.repTime = 0.2;
        bench.seed = 1;
        for (String kernel : kernels) {
            for (Shape shape : shapes) {
                for (int t : threads) {
                    double seconds = nativeRuns ? nativeSeconds(kernel, shape, t)
                        : javaSeconds(bench, kernel, shape);
                    Point p = new Point(kernel, shape, t, seconds);
                    points.add(p);
                    out.printf(Locale.ROOT, "measured  %s: %.1f us%n", p.label(), seconds * 1e6);
                    out.flush();
                }
            }
        }
        return points;
    }

    private static double javaSeconds(BenchKernelsCommand bench, String kernel, Shape shape) {
        BenchKernelsCommand.checkShape(kernel, shape);
        return bench.measure(kernel, shape, 1, null).timing().median();
    }

    private double nativeSeconds(String kernel, Shape shape, int t) {
        org.ternsim.isa.lower.GemvLowering l = lowering(kernel);
        try {
            l.checkShape(shape.rows(), shape.cols());
            Path work = Files.createTempDirectory("ternsim-calibrate");
            org.ternsim.cli.bench.NativeProgram.Result r = org.ternsim.cli.bench.NativeProgram.run(l, shape.rows(),
                shape.cols(), t, reps, 1, work);
            try (var walk = Files.walk(work)) {
                for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
            if (r.mismatches() != 0) {
                throw new UserError("calibrate --native: " + kernel + "/" + isa + " " + shape + " gave " + r.mismatches()
                    + " outputs that differ from the functional engine on this CPU");
            }
            return (stat == Statistic.best ? r.bestNs() : r.medianNs()) * 1e-9;
        } catch (IllegalArgumentException e) {
            throw new UserError("--shape " + shape + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("calibrate: interrupted");
        }
    }

    private org.ternsim.isa.lower.GemvLowering lowering(String kernel) {
        return org.ternsim.isa.lower.GemvLowerings.find(kernel, isa).orElseThrow(() -> new UserError("--kernel "
            + kernel + ": no " + isa + " lowering; lowered: " + org.ternsim.isa.lower.GemvLowerings.describeAll()));
    }

    /** Simulated seconds per point at field values {@code x}; trials already run are looked up, not re-simulated. */
    private double[] simulate(Path hwPath, List<FitParameter> params, double[] x, List<Point> points) {
        return trials.computeIfAbsent(Arrays.toString(x), k -> simulateAll(hwPath, params, x, points)).clone();
    }

    /** Each point is an independent simulation, so they run on {@code --jobs} threads; results do not depend on it. */
    private double[] simulateAll(Path hwPath, List<FitParameter> params, double[] x, List<Point> points) {
        List<ConfigOverride> o = new ArrayList<>();
        for (int j = 0; j < params.size(); j++) o.addAll(params.get(j).overrides(x[j], "calibration trial"));
        HardwareConfig c = HardwareConfigLoader.load(hwPath, o);
        double[] s = new double[points.size()];
        int n = Math.min(points.size(), jobs == null ? Runtime.getRuntime().availableProcessors() : jobs);
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "ternsim-calibrate");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            // largest first, so that the last point to finish is a short one
            IntStream.range(0, s.length).boxed()
                .sorted(Comparator.comparingLong((Integer i) -> -points.get(i).shape().rows() * (long) points.get(i).shape().cols()))
                .forEach(i -> futures.add(pool.submit(() -> { s[i] = simulatePoint(c, points.get(i)); })));
            for (Future<?> f : futures) f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("calibrate: interrupted");
        } finally {
            pool.shutdownNow();
        }
        return s;
    }

    private double simulatePoint(HardwareConfig c, Point p) {
        if (nativeRuns) {
            GemvSimulation.Request req = new GemvSimulation.Request(c, lowering(p.kernel()), p.shape().rows(),
                p.shape().cols(), 1, CacheState.WARM);
            return GemvSimulation.run(req, p.threads()).seconds();
        }
        KernelPrediction k = KernelPrediction.of(c, p.kernel(), p.shape().rows(), p.shape().cols(), 1);
        if (!k.available()) throw new UserError("cannot simulate " + p.label() + ": " + k.note());
        return k.seconds();
    }

    private static double cost(double[] sim, double[] measured) {
        double c = 0;
        for (int i = 0; i < sim.length; i++) {
            double e = sim[i] / measured[i] - 1;
            c += e * e;
        }
        return c;
    }

    private static void write(Path target, String text) {
        try {
            AtomicFiles.write(target, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
