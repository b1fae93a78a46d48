// Host memory measurements in Java: vectorised streaming-read bandwidth and pointer-chase latency over a working set (moved from tools/membw).
package org.ternsim.cli.bench;

import java.util.concurrent.atomic.AtomicInteger;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Bandwidth: each thread reads its own array (as separate processes would) with LongVector loads at the preferred
 * species (AVX-512: 8 lanes) into four independent accumulators, in short timed windows ({@link ReadWindows}); all
 * threads start each window behind a spin barrier and read their own clock. The best overlapping window is reported.
 * GB = 1e9 B.
 *
 * <p>Three things the loop needs to run at the hardware's rate (each measured on the Zen 4 dev VM, docs/validation.md
 * "Memory"): the first element read must sit on a 64-B line boundary ({@link #alignedStart}) — a long[]'s elements
 * begin 16 B into the object, and 512-bit loads that straddle two lines cost a third of the L1 rate; the accumulators are
 * added into a small array at the end of each pass, not reduced per pass and not carried across an outer loop (C2 of
 * JDK 17 boxes vector phis of an outer loop: 7 instead of 190 GB/s); and the loop is compiled before any timing.
 *
 * <p>Latency: a cyclic chase over 64-B-spaced slots in {@link ChaseOrder} order, with dependent loads; the best of
 * many short runs is reported (preemption only slows a run).
 */
public final class HostMemory {
    private static final VectorSpecies<Long> S = LongVector.SPECIES_PREFERRED;
    /** Longs per iteration of the reading loop: four vectors. */
    private static final int STEP = 4 * S.length();
    /** Candidate first elements tried by {@link #alignedStart}: one 64-B line of longs. */
    private static final int ALIGN_CANDIDATES = 8;
    /** Thread CPU time, to reject windows whose threads took turns on one CPU (see {@link ReadWindows}). */
    private static final java.lang.management.ThreadMXBean CPU_CLOCK = java.lang.management.ManagementFactory.getThreadMXBean();
    private static final boolean CPU_TIME = CPU_CLOCK.isCurrentThreadCpuTimeSupported();

    static volatile long sink; // keeps the sums alive so the JIT cannot drop the loads

    private HostMemory() {
    }

    /** Vector width of the measuring loop in bytes (what the simulated loop should use to match). */
    public static int vectorBytes() {
        return S.length() * 8;
    }

    /** Largest working set per thread the reading loop can index (int indices into one long[]). */
    public static long maxBytesPerThread() {
        return (long) (Integer.MAX_VALUE - 64) / ReadWindows.STEP_LONGS * ReadWindows.STEP_LONGS * 8;
    }

    /** Batches of windows run at most, when too few windows of a batch have all threads overlapping. */
    static final int MAX_BATCHES = 10;

    /**
     * Read bandwidth of {@code threads} threads, each over its own {@code workingSetBytes / threads}, best of the
     * timed windows in which the threads overlapped. Windows run in batches of {@code windows} (each after one
     * untimed window); on a loaded machine further batches run until a third of all windows overlapped or
     * {@link #MAX_BATCHES} batches ran.
     */
    public static ReadWindows.Score readBandwidth(long workingSetBytes, int threads, int windows)
            throws InterruptedException {
        if (threads < 1 || windows < 1) {
            throw new IllegalArgumentException("threads and windows must be at least 1");
        }
        long slice = Math.max(ReadWindows.STEP_LONGS,
            workingSetBytes / 8 / threads / ReadWindows.STEP_LONGS * ReadWindows.STEP_LONGS);
        if (slice * 8 > maxBytesPerThread()) {
            throw new IllegalArgumentException("working set " + workingSetBytes + " B is larger than "
                + threads + " x " + maxBytesPerThread() + " B");
        }
        ReadWindows.Plan plan = ReadWindows.Plan.of(slice, ReadWindows.TARGET_BYTES);
        compileReadLoop();
        // Allocated here, not in the workers: if memory runs out nobody is left waiting at the barrier.
        long[][] arrays = new long[threads][];
        for (int t = 0; t < threads; t++) {
            arrays[t] = new long[(int) slice + ALIGN_CANDIDATES];
        }
        int[] from = new int[threads];
        long[][] starts = new long[threads][windows * MAX_BATCHES];
        long[][] ends = new long[threads][windows * MAX_BATCHES];
        long[][] onCpu = CPU_TIME ? new long[threads][windows * MAX_BATCHES] : null;
        ReadWindows.Score score = null;
        for (int batch = 0; batch < MAX_BATCHES; batch++) {
            runBatch(arrays, from, plan, batch, windows, starts, ends, onCpu);
            long[][] s = new long[threads][];
            long[][] e = new long[threads][];
            long[][] c = onCpu == null ? null : new long[threads][];
            for (int t = 0; t < threads; t++) {
                s[t] = java.util.Arrays.copyOf(starts[t], (batch + 1) * windows);
                e[t] = java.util.Arrays.copyOf(ends[t], (batch + 1) * windows);
                if (c != null) c[t] = java.util.Arrays.copyOf(onCpu[t], (batch + 1) * windows);
            }
            score = ReadWindows.score(s, e, c, plan.bytesPerWindow());
            if (3L * score.overlapping() >= score.windows()) {
                break;
            }
        }
        return score;
    }

    /**
     * One batch: a thread per array, each timing {@code windows} windows into its row of {@code starts}/{@code ends}
     * from column {@code batch * windows}. The first batch touches the arrays and finds their aligned starts.
     */
    private static void runBatch(long[][] arrays, int[] from, ReadWindows.Plan plan, int batch, int windows,
            long[][] starts, long[][] ends, long[][] onCpu) throws InterruptedException {
        int threads = arrays.length;
        AtomicInteger arrived = new AtomicInteger();
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            final int id = t;
            workers[t] = new Thread(() -> {
                long[] a = arrays[id];
                long[] acc = new long[STEP];
                if (batch == 0) {
                    for (int i = 0; i < a.length; i++) {
                        a[i] = i; // touch every page before timing
                    }
                    from[id] = alignedStart(a, acc);
                }
                int base = batch * windows;
                for (int w = -1; w < windows; w++) { // window -1 warms the caches, untimed
                    spinBarrier(arrived, threads, w + 1);
                    // (Window 0 once re-read the warm-up's chunk, still partly in L3, and as the best window of
                    // each batch it overstated the DRAM plateaus: 30 instead of 24 GB/s.)
                    int lo = from[id] + plan.windowStart(batch, windows, w);
                    long c0 = onCpu == null ? 0 : CPU_CLOCK.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    readPasses(a, lo, lo + plan.chunkLongs(), plan.passes(), acc);
                    long t1 = System.nanoTime();
                    long c1 = onCpu == null ? 0 : CPU_CLOCK.getCurrentThreadCpuTime();
                    if (w >= 0) {
                        starts[id][base + w] = t0;
                        ends[id][base + w] = t1;
                        if (onCpu != null) onCpu[id][base + w] = c1 - c0;
                    }
                }
                sink += acc[0];
            }, "bench-memory-" + t);
        }
        for (Thread th : workers) {
            th.start();
        }
        for (Thread th : workers) {
            th.join();
        }
    }

    /** Waits until all {@code threads} have arrived for the {@code round}-th time (rounds count from 0). */
    private static void spinBarrier(AtomicInteger arrived, int threads, int round) {
        arrived.incrementAndGet();
        long target = (long) threads * (round + 1);
        while (arrived.get() < target) {
            Thread.onSpinWait();
        }
    }

    private static boolean compiled;

    /** Runs the reading loop often enough on a small array that the JIT has compiled it before anything is timed. */
    private static synchronized void compileReadLoop() {
        if (compiled) {
            return;
        }
        long[] small = new long[512 + ALIGN_CANDIDATES];
        long[] acc = new long[STEP];
        for (int i = 0; i < 40_000; i++) {
            readPasses(small, i % ALIGN_CANDIDATES, i % ALIGN_CANDIDATES + 512, 2, acc);
        }
        sink += acc[0];
        compiled = true;
    }

    /**
     * The first element of {@code a} at which 512-bit loads do not straddle cache lines. Java cannot ask for an
     * array's address, so this times the reading loop from each of the eight starting elements of one line over the
     * first 4 KiB (L1-resident; the best of 200 interleaved rounds of ~2.5 us each, 4 ms in all) and takes the
     * fastest. Line-split loads cost about a third of the L1 rate on Zen 4, far above the noise of a best-of; a 32-B
     * aligned start is only ~4 % slower than the 64-B aligned one, which is why there are that many rounds (with 25,
     * under load average 10, some points were read from the 32-B start).
     */
    static int alignedStart(long[] a, long[] acc) {
        int span = Math.min(512, (a.length - ALIGN_CANDIDATES) / STEP * STEP);
        if (span < STEP) {
            return 0;
        }
        int passes = Math.max(1, 65_536 / span);
        long[] best = new long[ALIGN_CANDIDATES];
        java.util.Arrays.fill(best, Long.MAX_VALUE);
        for (int round = 0; round < 200; round++) {
            for (int off = 0; off < ALIGN_CANDIDATES; off++) {
                long t0 = System.nanoTime();
                readPasses(a, off, off + span, passes, acc);
                best[off] = Math.min(best[off], System.nanoTime() - t0);
            }
        }
        return fastest(best);
    }

    /** Index of the smallest time (the first of equals). */
    static int fastest(long[] nanos) {
        int k = 0;
        for (int i = 1; i < nanos.length; i++) {
            if (nanos[i] < nanos[k]) {
                k = i;
            }
        }
        return k;
    }

    /** Reads a[from, to) {@code passes} times into the accumulators in {@code acc}; to - from a multiple of STEP. */
    static void readPasses(long[] a, int from, int to, int passes, long[] acc) {
        for (int p = 0; p < passes; p++) {
            readOnce(a, from, to, acc);
        }
    }

    /**
     * One pass: four independent vector accumulators (the add latency hidden) that start from zero and are added to
     * {@code acc} at the end — 12 vector operations per pass instead of a horizontal reduction. Starting from zero
     * matters at 4-8 KiB: loading the accumulators from {@code acc} would chain every pass's adds behind the previous
     * pass's store (store-to-load forwarding), 16 adds + ~8 cycles per 16-cycle pass at 4 KiB (measured 159 instead
     * of ~200 GB/s).
     */
    static void readOnce(long[] a, int from, int to, long[] acc) {
        int n = S.length();
        LongVector s0 = LongVector.zero(S);
        LongVector s1 = s0;
        LongVector s2 = s0;
        LongVector s3 = s0;
        // i < limit with a constant stride makes a counted loop: C2 then hoists the range checks and the safepoint
        // poll out of it (with `i + STEP <= to` both stayed in every iteration, disassembled with hsdis: 187
        // instead of 200-210 GB/s at 16 KiB).
        int limit = from + (to - from) / STEP * STEP;
        for (int i = from; i < limit; i += STEP) {
            s0 = s0.add(LongVector.fromArray(S, a, i));
            s1 = s1.add(LongVector.fromArray(S, a, i + n));
            s2 = s2.add(LongVector.fromArray(S, a, i + 2 * n));
            s3 = s3.add(LongVector.fromArray(S, a, i + 3 * n));
        }
        LongVector.fromArray(S, acc, 0).add(s0).intoArray(acc, 0);
        LongVector.fromArray(S, acc, n).add(s1).intoArray(acc, n);
        LongVector.fromArray(S, acc, 2 * n).add(s2).intoArray(acc, 2 * n);
        LongVector.fromArray(S, acc, 3 * n).add(s3).intoArray(acc, 3 * n);
    }

    /** Dependent loads per timed run of the chase: 3 ms in DRAM, shorter than a time slice of a loaded machine. */
    static final int CHASE_RUN = 20_000;

    /**
     * Best ns per dependent load over runs of {@link #CHASE_RUN} loads, {@code steps} loads in all, visiting lines in
     * {@code order}. Short runs because the best of many short runs is one that no other process interrupted.
     */
    public static double latencyNs(long workingSetBytes, long steps, ChaseOrder order) {
        int slots = (int) Math.max(2, workingSetBytes / 64); // one slot per 64-B line
        int[] next = new int[slots * 16];                    // int index of the next slot, at slot*16
        int[] visit = order.order(slots, 42);
        for (int i = 0; i < slots; i++) {
            next[visit[i] * 16] = visit[(i + 1) % slots] * 16;
        }
        int p = 0;
        for (long s = 0; s < Math.min(steps, Math.max(1_000_000, 2L * slots)); s++) {
            p = next[p]; // warm-up: caches and TLB as the timed runs find them
        }
        double best = Double.MAX_VALUE;
        for (long run = 0; run < Math.max(1, steps / CHASE_RUN); run++) {
            long t0 = System.nanoTime();
            for (int s = 0; s < CHASE_RUN; s++) {
                p = next[p];
            }
            best = Math.min(best, (double) (System.nanoTime() - t0) / CHASE_RUN);
        }
        sink += p;
        return best;
    }

    /**
     * The old tools/membw command line: {@code [threads] [MiB] [windows]} or
     * {@code latency [MiB] [steps-millions] [random|page]}.
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("latency")) {
            int mib = args.length > 1 ? Integer.parseInt(args[1]) : 512;
            long steps = (args.length > 2 ? Long.parseLong(args[2]) : 20) * 1_000_000L;
            ChaseOrder order = args.length > 3 ? ChaseOrder.valueOf(args[3].toUpperCase(java.util.Locale.ROOT))
                : ChaseOrder.RANDOM;
            System.out.printf("latency array=%d MiB %s: %.1f ns per dependent load%n", mib, order,
                latencyNs((long) mib << 20, steps, order));
            return;
        }
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int mib = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
        int windows = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        System.out.printf("species=%s array=%d MiB windows=%d cpus=%d%n", S, mib, windows,
            Runtime.getRuntime().availableProcessors());
        for (int t : threads == 1 ? new int[] {1} : new int[] {1, threads}) {
            ReadWindows.Score s = readBandwidth((long) mib << 20, t, windows);
            System.out.printf("threads=%d best=%.1f GB/s (%d of %d windows overlapped)%n", t, s.gbPerSecond(),
                s.overlapping(), s.windows());
        }
    }
}
