// MemBandwidth: measures this machine's DRAM streaming-read bandwidth and idle load-to-use latency.
//
// Run (single-file source launch, Java 17+):
//   java --add-modules jdk.incubator.vector tools/membw/MemBandwidth.java [threads] [MiB] [reps]
//   java --add-modules jdk.incubator.vector tools/membw/MemBandwidth.java latency [MiB] [steps-millions]
//
// Bandwidth mode: each thread owns a disjoint slice of one long[] of MiB mebibytes (default 1024) and sums it
// with LongVector at the preferred species (AVX-512 -> 8 lanes) and four independent accumulators, so the
// loop is load-bound, not add-latency-bound. Every repetition is timed separately; threads start together
// behind a barrier and the wall time is from the barrier to the last thread's finish. We print best and
// median GB/s (GB = 1e9 B) over repetitions, for 1 thread and for the requested thread count.
// The array is 16x larger than the L3 the VM actually provides, so every repetition streams from DRAM.
//
// Latency mode: a random cyclic permutation of 64-B-spaced slots (Sattolo's algorithm) is chased with
// dependent loads; ns per load is DRAM load-to-use latency plus TLB misses (4 KiB or THP pages, as the
// JVM gets them), which is what the simulator's "idle latency" means for a streaming-free access.
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

public final class MemBandwidth {
    private static final VectorSpecies<Long> S = LongVector.SPECIES_PREFERRED;
    static volatile long sink; // keeps the sums alive so the JIT cannot drop the loads

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("latency")) {
            int mib = args.length > 1 ? Integer.parseInt(args[1]) : 512;
            long steps = (args.length > 2 ? Long.parseLong(args[2]) : 20) * 1_000_000L;
            latency(mib, steps);
            return;
        }
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int mib = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        long[] a = new long[(int) ((long) mib * 1024 * 1024 / 8)];
        for (int i = 0; i < a.length; i++) a[i] = i; // touch every page before timing
        System.out.printf("species=%s array=%d MiB reps=%d cpus=%d%n", S, mib, reps,
                Runtime.getRuntime().availableProcessors());
        // Warm up the JIT on the full loop once per thread count, then measure.
        for (int t : threads == 1 ? new int[] {1} : new int[] {1, threads}) {
            run(a, t, 2);
            double[] gbs = run(a, t, reps);
            Arrays.sort(gbs);
            System.out.printf("threads=%d best=%.1f GB/s median=%.1f GB/s worst=%.1f GB/s all=%s%n", t,
                    gbs[gbs.length - 1], median(gbs), gbs[0], fmt(gbs));
        }
    }

    private static double[] run(long[] a, int threads, int reps) throws Exception {
        double[] out = new double[reps];
        int slice = (a.length / threads) / S.length() * S.length();
        for (int r = 0; r < reps; r++) {
            CyclicBarrier start = new CyclicBarrier(threads + 1);
            List<Thread> ts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                final int from = t * slice;
                Thread th = new Thread(() -> {
                    try { start.await(); } catch (Exception e) { throw new RuntimeException(e); }
                    sink += sum(a, from, from + slice);
                });
                th.start();
                ts.add(th);
            }
            start.await();
            long t0 = System.nanoTime();
            for (Thread th : ts) th.join();
            long ns = System.nanoTime() - t0;
            out[r] = (double) slice * threads * 8 / ns; // bytes per ns == GB/s
        }
        return out;
    }

    /** Vectorised sum of a[from, to); four accumulators hide the add latency. */
    static long sum(long[] a, int from, int to) {
        int step = S.length() * 4;
        LongVector s0 = LongVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        int i = from;
        for (; i + step <= to; i += step) {
            s0 = s0.add(LongVector.fromArray(S, a, i));
            s1 = s1.add(LongVector.fromArray(S, a, i + S.length()));
            s2 = s2.add(LongVector.fromArray(S, a, i + 2 * S.length()));
            s3 = s3.add(LongVector.fromArray(S, a, i + 3 * S.length()));
        }
        long s = s0.add(s1).add(s2).add(s3).reduceLanes(VectorOperators.ADD);
        for (; i < to; i++) s += a[i];
        return s;
    }

    private static void latency(int mib, long steps) {
        int slots = (int) ((long) mib * 1024 * 1024 / 64); // one slot per 64-B line
        int[] next = new int[slots * 16];                   // int index of the next slot, at slot*16
        int[] perm = new int[slots];
        for (int i = 0; i < slots; i++) perm[i] = i;
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = slots - 1; i > 0; i--) { // Sattolo: one cycle through all slots
            int j = rnd.nextInt(i);
            int t = perm[i]; perm[i] = perm[j]; perm[j] = t;
        }
        for (int i = 0; i < slots; i++) next[perm[i] * 16] = perm[(i + 1) % slots] * 16;
        for (int rep = 0; rep < 5; rep++) {
            int p = 0;
            long t0 = System.nanoTime();
            for (long s = 0; s < steps; s++) p = next[p];
            long ns = System.nanoTime() - t0;
            sink += p;
            System.out.printf("latency array=%d MiB steps=%d: %.1f ns per dependent load%n", mib, steps,
                    (double) ns / steps);
        }
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String fmt(double[] v) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) b.append(i == 0 ? "" : ", ").append(String.format("%.1f", v[i]));
        return b.append(']').toString();
    }
}
