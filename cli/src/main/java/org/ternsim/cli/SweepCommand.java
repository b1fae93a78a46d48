// `ternsim sweep`: a design-space sweep from a sweep file and/or --param options, run in parallel, resumable,
// shardable (--shard i/n) and mergeable (--merge); writes points.csv and pareto.csv into the sweep directory.
package org.ternsim.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ternsim.sim.config.ConfigException;
import org.ternsim.sim.config.SweepSpecLoader;
import org.ternsim.sim.sweep.Constraint;
import org.ternsim.sim.sweep.PointEvaluator;
import org.ternsim.sim.sweep.PointEvaluators;
import org.ternsim.sim.sweep.Sampling;
import org.ternsim.sim.sweep.SweepManifest;
import org.ternsim.sim.sweep.SweepMerge;
import org.ternsim.sim.sweep.SweepRunner;
import org.ternsim.sim.sweep.SweepSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = {"Run a design-space sweep: every point (grid or seeded random sample) of the swept hardware fields",
        "and run options is validated, then simulated in parallel; completed points are appended to",
        "<out>/<name>/points.jsonl, so a rerun (after Ctrl-C, a crash or a batch time limit) skips them. At the end:",
        "points.csv (all points) and pareto.csv (feasible points on the latency/energy/area front). Format: docs/sweeps.md."})
final class SweepCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<sweep.yaml>", description = "Sweep file (configs/sweeps/*.yaml).")
    Path file;

    @Option(names = "--hw", paramLabel = "<yaml>", description = "Base hardware config (overrides the file's hw:; default: configs/hw/zen5-2c.yaml).")
    Path hw;

    @Option(names = "--param", paramLabel = "<path=v1,v2,...>",
        description = {"A swept parameter: a dotted field of the hardware config (caches.L2.size=512KiB,1MiB,",
            "core.freq=3GHz,3.9GHz) or a run option (shape, kernel, isa, threads, cache, seed). Repeatable;",
            "adds to or replaces the file's parameters."})
    List<String> params = new ArrayList<>();

    @Option(names = "--sample", paramLabel = "<N[:seed]>", description = "Random sample of N distinct grid points (seed default 1) instead of the full grid.")
    String sample;

    @Option(names = "--constraint", paramLabel = "<expr>", description = "Constraint such as \"power_w <= 15\" (repeatable; added to the file's).")
    List<String> constraints = new ArrayList<>();

    @Option(names = "--name", paramLabel = "<name>", description = "Sweep name (default: the file's name:, else sweep-<hash of the plan>).")
    String name;

    @Option(names = "--out", defaultValue = "out/sweeps", paramLabel = "<dir>", description = "Parent of sweep directories (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--jobs", paramLabel = "<n>", description = "Points run at once (default: the machine's cores).")
    Integer jobs;

    @Option(names = "--shard", paramLabel = "<i/n>", description = "Run only shard i of n (every n-th point); merge the shards with --merge.")
    String shard;

    @Option(names = "--merge", arity = "1..*", paramLabel = "<dir>", description = "Merge the sweep directories of shards (with -o).")
    List<Path> merge;

    @Option(names = {"-q", "--quiet"}, description = "No progress output on stderr.")
    boolean quiet;

    @Option(names = {"-o", "--output"}, paramLabel = "<dir>", description = "Output directory of --merge.")
    Path output;

    @Override
    public Integer call() {
        PrintWriter outw = spec.commandLine().getOut();
        if (merge != null) {
            if (output == null) throw new UserError("--merge needs -o <dir> for the merged sweep");
            if (file != null || !params.isEmpty()) throw new UserError("--merge takes sweep directories only, no sweep file or --param");
            for (Path d : merge) {
                if (!Files.isDirectory(d)) throw new UserError(d + ": not a directory; expected a sweep directory");
            }
            OutputPaths.checkDirectory("-o", output);
            SweepRunner.Outcome o = SweepMerge.merge(merge, output);
            report(outw, o, output);
            return TernSim.OK;
        }
        SweepSpec s = spec();
        Path hwPath = hw != null ? Home.resolve(hw) : resolveHw(s.hw());
        InputFile.require(hwPath, "hardware config");
        int[] sh = shard == null ? new int[] {1, 1} : parseShard(shard);
        int n = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        if (n < 1) throw new UserError("--jobs must be >= 1, got " + n);
        PointEvaluator evaluator = PointEvaluators.byName(s.evaluator());
        if (s.name() == null) { // --param only: a name per plan, so the same command resumes and another starts afresh
            s = new SweepSpec("sweep-" + SweepManifest.planHash(s, hwPath).substring(0, 8), s.hw(), s.evaluator(),
                s.params(), s.sampling(), s.constraints(), s.objectives());
        }
        String dirName = s.name() + (sh[1] == 1 ? "" : "-shard-" + sh[0] + "of" + sh[1]);
        Path dir = out.resolve(dirName);
        OutputPaths.checkDirectory("--out", dir);
        CliProgress progress = CliProgress.lazy("sweep", quiet, spec.commandLine().getErr());
        SweepRunner.Outcome o;
        try {
            o = SweepRunner.run(s, hwPath, evaluator, new SweepRunner.Options(dir, n, sh[0], sh[1], line -> {
                if (!(progress.drawsBar() && line.startsWith("["))) { // the bar shows the points done
                    outw.println(line);
                    outw.flush();
                }
            }, progress));
        } catch (RuntimeException | Error e) {
            progress.abandon();
            throw e;
        }
        progress.finish();
        report(outw, o, dir);
        return TernSim.OK;
    }

    private SweepSpec spec() {
        SweepSpec base;
        if (file != null) {
            Path f = Home.resolve(file);
            InputFile.require(f, "sweep file");
            base = SweepSpecLoader.load(f);
        } else {
            if (params.isEmpty()) throw new UserError("nothing to sweep; give a sweep file or --param path=v1,v2,...");
            base = new SweepSpec(null, "configs/hw/zen5-2c.yaml", "gemv", Map.of(), Sampling.GRID, List.of(),
                SweepSpec.DEFAULT_OBJECTIVES);
        }
        Map<String, List<String>> extra = new LinkedHashMap<>();
        for (String p : params) {
            int eq = p.indexOf('=');
            if (eq <= 0 || eq == p.length() - 1) {
                throw new UserError("--param '" + p + "': expected path=v1,v2,... such as caches.L2.size=512KiB,1MiB");
            }
            List<String> values = Arrays.stream(p.substring(eq + 1).split(",")).map(String::trim).toList();
            if (values.stream().anyMatch(String::isEmpty) || values.stream().distinct().count() != values.size()) {
                throw new UserError("--param '" + p + "': empty or repeated value; expected distinct values v1,v2,...");
            }
            extra.put(p.substring(0, eq).trim(), values);
        }
        List<Constraint> cs = new ArrayList<>(base.constraints());
        for (String c : constraints) {
            try {
                cs.add(Constraint.parse(c, "--constraint"));
            } catch (ConfigException e) {
                throw new UserError("--constraint: " + e.getMessage());
            }
        }
        Sampling sampling = sample == null ? base.sampling() : parseSample(sample);
        String nm = name != null ? name : base.name();
        if (nm != null && !nm.matches("[A-Za-z0-9._-]+")) throw new UserError("--name '" + nm + "': expected letters, digits, . _ -");
        return new SweepSpec(nm, base.hw(), base.evaluator(), base.params(), sampling, cs, base.objectives()).withParams(extra);
    }

    /** The file's hw: relative to the sweep file's directory, else the working directory or TernSim home. */
    private Path resolveHw(String given) {
        Path p = Path.of(given);
        if (file != null && !p.isAbsolute()) {
            Path parent = Home.resolve(file).toAbsolutePath().getParent();
            if (parent != null && Files.exists(parent.resolve(p))) return parent.resolve(p);
        }
        return Home.resolve(p);
    }

    static int[] parseShard(String text) {
        String[] p = text.split("/");
        try {
            if (p.length == 2) {
                int i = Integer.parseInt(p[0].trim());
                int n = Integer.parseInt(p[1].trim());
                if (n >= 1 && i >= 1 && i <= n) return new int[] {i, n};
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserError("--shard '" + text + "': expected i/n with 1 <= i <= n, such as 1/2");
    }

    private static Sampling parseSample(String text) {
        String[] p = text.split(":");
        try {
            if (p.length <= 2) {
                int n = Integer.parseInt(p[0].trim());
                long seed = p.length == 2 ? Long.parseLong(p[1].trim()) : 1;
                if (n >= 1) return new Sampling(Sampling.Mode.RANDOM, n, seed);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserError("--sample '" + text + "': expected N or N:seed with N >= 1, such as 200:7");
    }

    private static void report(PrintWriter out, SweepRunner.Outcome o, Path dir) {
        out.printf(Locale.ROOT, "%d points (%d resumed, %d run), %d feasible, %d on the Pareto front%n", o.planned(),
            o.alreadyDone(), o.ran(), o.tables().feasible(), o.tables().frontSize());
        out.println("  points   " + dir.resolve("points.csv"));
        out.println("  pareto   " + dir.resolve("pareto.csv"));
        out.flush();
    }
}
