// The in-process timing harness of `ternsim bench`: warm-up until the JIT settles, then repetitions of batches long
// enough for the clock, reported as median and spread; with several threads all slices start together each call.
package org.ternsim.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Not JMH: JMH wants forked JVMs and annotation-processed benchmark classes; this harness runs inside the CLI on the
 * same data the simulator sees. It follows JMH's practice where it matters: warm-up phase, several measured
 * iterations, results consumed (the kernels write their outputs to arrays that stay reachable), median over
 * iterations. One JVM, no forks: run the command twice to see run-to-run variation.
 */
final class BenchHarness {

    /** Seconds per call: median, min and max over the repetitions, and the calls per repetition. */
    record Timing(double median, double min, double max, int callsPerRep, int reps) {
        double spreadPercent() {
            return 100 * (max - min) / median;
        }
    }

    /** Warm-up stops here even if times still drift (then the spread shows it). */
    static final double MAX_WARMUP_SECONDS = 30;

    private BenchHarness() {
    }

    static Timing time(List<Runnable> slices, double warmupSeconds, int reps, double repSeconds) {
        ExecutorService pool = slices.size() > 1 ? Executors.newFixedThreadPool(slices.size(), r -> {
            Thread t = new Thread(r, "ternsim-bench");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            Runnable call = pool == null ? slices.get(0) : () -> parallel(pool, slices);
            // Warm up for at least warmupSeconds and until four successive 0.1 s windows agree within 5%: an uncompiled
            // Vector API kernel is 100x slower, and on a loaded machine C2 may need many seconds to get to it.
            long start = System.nanoTime();
            double prev = Double.NaN;
            int stableWindows = 0;
            double perCall;
            while (true) {
                long a = System.nanoTime();
                int calls = 0;
                while (System.nanoTime() - a < 100_000_000L || calls < 3) {
                    call.run();
                    calls++;
                }
                perCall = (System.nanoTime() - a) / 1e9 / calls;
                double elapsed = (System.nanoTime() - start) / 1e9;
                stableWindows = Math.abs(perCall - prev) <= 0.05 * prev ? stableWindows + 1 : 0;
                if (elapsed >= MAX_WARMUP_SECONDS || (elapsed >= warmupSeconds && stableWindows >= 3)) break;
                prev = perCall;
            }
            int batch = (int) Math.max(1, Math.min(1_000_000, repSeconds / Math.max(perCall, 1e-9)));
            double[] s = new double[reps];
            for (int r = 0; r < reps; r++) {
                long a = System.nanoTime();
                for (int i = 0; i < batch; i++) call.run();
                s[r] = (System.nanoTime() - a) / 1e9 / batch;
            }
            double[] sorted = s.clone();
            Arrays.sort(sorted);
            double median = reps % 2 == 1 ? sorted[reps / 2] : (sorted[reps / 2 - 1] + sorted[reps / 2]) / 2;
            return new Timing(median, sorted[0], sorted[reps - 1], batch, reps);
        } finally {
            if (pool != null) pool.shutdownNow();
        }
    }

    private static void parallel(ExecutorService pool, List<Runnable> slices) {
        List<Callable<Void>> tasks = new ArrayList<>();
        for (Runnable r : slices) {
            tasks.add(() -> {
                r.run();
                return null;
            });
        }
        try {
            for (Future<Void> f : pool.invokeAll(tasks)) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("benchmark interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
