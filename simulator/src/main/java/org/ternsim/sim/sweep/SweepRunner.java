// Runs the points of a sweep (or of one shard) in parallel in-process, appending each completed point to the sweep
// directory's points file; a rerun skips completed points, and SIGINT stops cleanly keeping them. At the end it
// writes points.csv and pareto.csv atomically.
package org.ternsim.sim.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.ternsim.sim.target.RunProgress;
import org.ternsim.sim.config.ConfigException;
import org.ternsim.sim.config.ConfigOverride;
import org.ternsim.sim.run.AtomicFiles;

public final class SweepRunner {
    /** Beyond this many invalid points only a count is reported. */
    private static final int MAX_REPORTED = 20;

    private SweepRunner() {}

    /** Where and how to run: shard i of n (1/1 = everything), jobs = points run at once. */
    public record Options(Path dir, int jobs, int shard, int shards, Consumer<String> log, RunProgress progress) {
        public Options(Path dir, int jobs, int shard, int shards, Consumer<String> log) {
            this(dir, jobs, shard, shards, log, RunProgress.NONE);
        }
    }

    /** What happened: points of this run, found done, run now; the tables written. */
    public record Outcome(int planned, int alreadyDone, int ran, SweepCsv.Tables tables) {}

    public static Outcome run(SweepSpec spec, Path hwFile, PointEvaluator evaluator, Options o) {
        List<SweepPoint> all = plan(spec, evaluator);
        List<SweepPoint> mine = SweepPlan.shard(all, o.shard(), o.shards());
        String shard = o.shards() == 1 ? "all" : o.shard() + "/" + o.shards();
        SweepManifest manifest = new SweepManifest(spec.name(), SweepManifest.planHash(spec, hwFile), shard, all.size(),
                mine.size(), spec.constraints().stream().map(Constraint::toString).toList(), spec.objectives());
        Path pointsPath = o.dir().resolve(PointsFile.NAME);
        SweepManifest existing = SweepManifest.read(o.dir());
        if (existing != null && (!existing.plan().equals(manifest.plan()) || !existing.shard().equals(shard))) {
            throw new ConfigException(o.dir() + " holds a different sweep (plan " + existing.plan() + ", shard "
                    + existing.shard() + "); expected the same sweep file, parameters and base config to resume,"
                    + " or another --name / --out");
        }
        Map<Integer, SweepPoint> byIndex = new HashMap<>();
        mine.forEach(p -> byIndex.put(p.index(), p));
        Map<Integer, PointRecord> done = new LinkedHashMap<>();
        for (PointRecord r : PointsFile.read(pointsPath)) {
            SweepPoint p = byIndex.get(r.index());
            if (p == null || !p.params().equals(r.params())) {
                throw new ConfigException(pointsPath + ": point " + r.index() + " does not belong to this sweep;"
                        + " expected the points file of the same sweep");
            }
            done.putIfAbsent(r.index(), r);
        }
        List<SweepPoint> todo = mine.stream().filter(p -> !done.containsKey(p.index())).toList();
        Map<Integer, PointEvaluator.Job> jobs = prepare(todo, hwFile, evaluator, spec.name());
        try {
            Files.createDirectories(o.dir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + o.dir() + ": " + e.getMessage(), e);
        }
        manifest.write(o.dir());
        o.log().accept(String.format(java.util.Locale.ROOT, "sweep %s: %d points%s, %d done already, %d to run on %d threads",
                spec.name(), mine.size(), o.shards() == 1 ? "" : " (shard " + shard + " of " + all.size() + ")",
                done.size(), todo.size(), o.jobs()));
        o.progress().planned(todo.size());
        runAll(todo, jobs, pointsPath, o, mine.size() - todo.size(), mine.size());
        List<PointRecord> records = PointsFile.read(pointsPath);
        SweepCsv.Tables tables = writeTables(o.dir(), records, spec.constraints(), spec.objectives());
        return new Outcome(mine.size(), done.size(), todo.size(), tables);
    }

    /** The sweep's points, after checking that every constraint names a parameter or a metric. */
    static List<SweepPoint> plan(SweepSpec spec, PointEvaluator evaluator) {
        for (Constraint c : spec.constraints()) {
            if (!spec.params().containsKey(c.column()) && !evaluator.metrics().contains(c.column())) {
                throw new ConfigException((c.origin().isEmpty() ? "" : c.origin() + ": ") + "constraint '" + c
                        + "' names '" + c.column() + "', which is neither a swept"
                        + " parameter nor a metric; expected one of " + String.join(", ", spec.params().keySet())
                        + ", " + String.join(", ", evaluator.metrics()));
            }
        }
        return SweepPlan.points(spec);
    }

    /** Validates every point before any runs, so a bad value fails in seconds, not hours in. */
    /** Prepares every point of {@code spec} without running any: ConfigException listing the invalid ones. */
    public static void check(SweepSpec spec, Path hwFile, PointEvaluator evaluator) {
        prepare(SweepPlan.points(spec), hwFile, evaluator, spec.name());
    }

    private static Map<Integer, PointEvaluator.Job> prepare(List<SweepPoint> points, Path hwFile,
            PointEvaluator evaluator, String sweepName) {
        Map<Integer, PointEvaluator.Job> jobs = new HashMap<>();
        List<String> problems = new ArrayList<>();
        int bad = 0;
        for (SweepPoint p : points) {
            Map<String, String> options = new LinkedHashMap<>(evaluator.runOptions());
            List<ConfigOverride> overrides = new ArrayList<>();
            p.params().forEach((k, v) -> {
                if (options.containsKey(k)) options.put(k, v);
                else overrides.add(new ConfigOverride(k, v, "sweep " + sweepName + " point " + p.index() + ": " + k + "=" + v));
            });
            try {
                jobs.put(p.index(), evaluator.prepare(hwFile, overrides, options));
            } catch (ConfigException e) {
                bad++;
                for (String line : e.problems()) {
                    if (problems.size() < MAX_REPORTED) problems.add("sweep point " + p.index() + " (" + p.label() + "): " + line);
                }
            } catch (IllegalArgumentException e) {
                bad++;
                if (problems.size() < MAX_REPORTED) problems.add("sweep point " + p.index() + " (" + p.label() + "): " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            if (bad > 1) problems.add(bad + " of " + points.size() + " points are invalid; nothing was run");
            throw new ConfigException(problems);
        }
        return jobs;
    }

    private static void runAll(List<SweepPoint> todo, Map<Integer, PointEvaluator.Job> jobs, Path pointsPath, Options o,
            int startDone, int total) {
        if (todo.isEmpty()) return;
        PointsFile file = new PointsFile(pointsPath);
        AtomicInteger completed = new AtomicInteger(startDone);
        Thread hook = new Thread(() -> {
            file.close(); // waits for a write in progress; later points are not recorded
            System.err.println("ternsim: interrupted; " + completed.get() + " of " + total + " points are kept in "
                    + pointsPath + ", run the same command again to resume");
        }, "ternsim-sweep-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, o.jobs()), r -> {
            Thread t = new Thread(r, "ternsim-sweep");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (SweepPoint p : todo) {
                futures.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    Map<String, Object> metrics = jobs.get(p.index()).evaluate();
                    if (file.append(new PointRecord(p.index(), p.params(), metrics))) {
                        o.progress().done();
                        int n = completed.incrementAndGet();
                        o.log().accept(String.format(java.util.Locale.ROOT, "[%d/%d] point %d %s (%.1f s)", n, total,
                                p.index(), p.label(), (System.nanoTime() - t0) / 1e9));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (ExecutionException e) {
            pool.shutdownNow();
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("sweep interrupted", e);
        } finally {
            pool.shutdown();
            file.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook reports
            }
        }
    }

    static SweepCsv.Tables writeTables(Path dir, List<PointRecord> records, List<Constraint> constraints,
            List<String> objectives) {
        SweepCsv.Tables t = SweepCsv.render(records, constraints, objectives);
        try {
            AtomicFiles.write(dir.resolve("points.csv"), t.points());
            AtomicFiles.write(dir.resolve("pareto.csv"), t.pareto());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the tables in " + dir + ": " + e.getMessage(), e);
        }
        return t;
    }
}
