// Host memory measurements in Java: vectorised streaming-read bandwidth and pointer-chase latency over a working set (moved from tools/membw).
package org.ternsim.cli.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Bandwidth: each thread owns a disjoint slice of one long[] and sums it with LongVector at the preferred species
 * (AVX-512: 8 lanes) and four independent accumulators, so the loop is load-bound, not add-latency-bound. Small
 * working sets are summed repeatedly so that one timed repetition lasts long enough to time; threads start together
 * behind a barrier, each reads the clock itself, and a repetition runs from the first thread's start to the last
 * thread's finish. GB = 1e9 B.
 *
 * <p>Latency: a random cyclic permutation of 64-B-spaced slots (Sattolo's algorithm) chased with dependent loads; ns
 * per load includes TLB misses (4 KiB or THP pages, as the JVM gets them).
 */
public final class HostMemory {
    private static final VectorSpecies<Long> S = LongVector.SPECIES_PREFERRED;
    static volatile long sink; // keeps the sums alive so the JIT cannot drop the loads

    private HostMemory() {
    }

    /** Vector width of the measuring loop in bytes (what the simulated loop should use to match). */
    public static int vectorBytes() {
        return S.length() * 8;
    }

    /** Median read bandwidth in GB/s over {@code reps} timed repetitions (after one untimed warm-up). */
    public static double readGBps(long workingSetBytes, int threads, int reps) throws InterruptedException {
        int step = S.length() * 4;
        int slice = (int) Math.max(step, workingSetBytes / 8 / threads / step * step);
        long[] a = new long[slice * threads];
        for (int i = 0; i < a.length; i++) {
            a[i] = i; // touch every page before timing
        }
        compileSumLoop();
        // Each repetition reads at least 256 MiB per thread, so that it lasts tens of milliseconds.
        int passes = (int) Math.max(1, (256L << 20) / (slice * 8L));
        long[][] starts = new long[threads][reps + 1];
        long[][] ends = new long[threads][reps + 1];
        CyclicBarrier together = new CyclicBarrier(threads);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            final int id = t;
            Thread th = new Thread(() -> {
                long s = 0;
                for (int r = 0; r <= reps; r++) { // repetition 0 is the warm-up
                    await(together);
                    starts[id][r] = System.nanoTime();
                    s += sumPasses(a, id * slice, id * slice + slice, passes);
                    ends[id][r] = System.nanoTime();
                }
                SINKS[id % SINKS.length] = s;
            }, "bench-memory-" + t);
            workers.add(th);
        }
        for (Thread th : workers) {
            th.start();
        }
        for (Thread th : workers) {
            th.join();
        }
        double[] gbs = new double[reps];
        for (int r = 1; r <= reps; r++) {
            // Each thread takes its own clock readings: a coordinating thread would be descheduled when the
            // workers occupy every CPU, and its late start reading made two-thread points impossibly fast.
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (int t = 0; t < threads; t++) {
                first = Math.min(first, starts[t][r]);
                last = Math.max(last, ends[t][r]);
            }
            gbs[r - 1] = (double) slice * 8 * threads * passes / (last - first);
        }
        Arrays.sort(gbs);
        return gbs[gbs.length / 2];
    }

    private static final long[] SINKS = new long[64];
    private static boolean compiled;

    /**
     * Calls the summing loop often enough on a small array that the JIT has compiled it before the first timed
     * repetition, whatever the working set.
     */
    private static synchronized void compileSumLoop() {
        if (compiled) {
            return;
        }
        long[] small = new long[512];
        long s = 0;
        for (int i = 0; i < 40_000; i++) {
            s += sumPasses(small, 0, small.length, 2);
        }
        SINKS[SINKS.length - 1] = s;
        compiled = true;
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.BrokenBarrierException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sums a[from, to) {@code passes} times. Each pass is a call of {@link #sum}: vector accumulators carried across
     * an outer loop are boxed by C2 (JDK 17, seen in the disassembly: 3.7 instead of 87 GB/s), so each pass reduces
     * its own accumulators; that costs about a dozen instructions per pass, visible only below 16 KiB.
     */
    static long sumPasses(long[] a, int from, int to, int passes) {
        long s = 0;
        for (int p = 0; p < passes; p++) {
            s += sum(a, from, to);
        }
        return s;
    }

    /** Vectorised sum of a[from, to); four accumulators hide the add latency. */
    static long sum(long[] a, int from, int to) {
        int step = S.length() * 4;
        LongVector s0 = LongVector.zero(S);
        LongVector s1 = s0;
        LongVector s2 = s0;
        LongVector s3 = s0;
        int i = from;
        for (; i + step <= to; i += step) {
            s0 = s0.add(LongVector.fromArray(S, a, i));
            s1 = s1.add(LongVector.fromArray(S, a, i + S.length()));
            s2 = s2.add(LongVector.fromArray(S, a, i + 2 * S.length()));
            s3 = s3.add(LongVector.fromArray(S, a, i + 3 * S.length()));
        }
        long s = s0.add(s1).add(s2).add(s3).reduceLanes(VectorOperators.ADD);
        for (; i < to; i++) {
            s += a[i];
        }
        return s;
    }

    /** Median ns per dependent load over 5 repetitions of {@code steps} loads. */
    public static double latencyNs(long workingSetBytes, long steps) {
        int slots = (int) Math.max(2, workingSetBytes / 64); // one slot per 64-B line
        int[] next = new int[slots * 16];                    // int index of the next slot, at slot*16
        int[] perm = new int[slots];
        for (int i = 0; i < slots; i++) {
            perm[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = slots - 1; i > 0; i--) { // Sattolo: one cycle through all slots
            int j = rnd.nextInt(i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        for (int i = 0; i < slots; i++) {
            next[perm[i] * 16] = perm[(i + 1) % slots] * 16;
        }
        double[] ns = new double[5];
        int p = 0;
        for (long s = 0; s < Math.min(steps, 1_000_000); s++) {
            p = next[p]; // warm-up
        }
        for (int rep = 0; rep < ns.length; rep++) {
            long t0 = System.nanoTime();
            for (long s = 0; s < steps; s++) {
                p = next[p];
            }
            ns[rep] = (double) (System.nanoTime() - t0) / steps;
        }
        sink += p;
        Arrays.sort(ns);
        return ns[ns.length / 2];
    }

    /** The old tools/membw command line: {@code [threads] [MiB] [reps]} or {@code latency [MiB] [steps-millions]}. */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("latency")) {
            int mib = args.length > 1 ? Integer.parseInt(args[1]) : 512;
            long steps = (args.length > 2 ? Long.parseLong(args[2]) : 20) * 1_000_000L;
            System.out.printf("latency array=%d MiB: %.1f ns per dependent load%n", mib,
                latencyNs((long) mib << 20, steps));
            return;
        }
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int mib = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        System.out.printf("species=%s array=%d MiB reps=%d cpus=%d%n", S, mib, reps,
            Runtime.getRuntime().availableProcessors());
        for (int t : threads == 1 ? new int[] {1} : new int[] {1, threads}) {
            System.out.printf("threads=%d median=%.1f GB/s%n", t, readGBps((long) mib << 20, t, reps));
        }
    }
}
