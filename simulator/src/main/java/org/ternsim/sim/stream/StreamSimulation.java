// Simulated memory mountain: the read-bandwidth loop of `ternsim bench memory`, run on the core model and memory hierarchy of a config.
package org.ternsim.sim.stream;

import java.util.ArrayList;
import java.util.List;
import org.ternsim.isa.AsmText;
import org.ternsim.isa.Program;
import org.ternsim.isa.arm.ArmAsmText;
import org.ternsim.isa.uarch.Microarchitecture;
import org.ternsim.isa.uarch.UarchLoader;
import org.ternsim.sim.config.CacheConfig;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.core.OutOfOrderCore;
import org.ternsim.sim.mem.MemoryHierarchy;
import org.ternsim.sim.run.MachineBuilder;

/**
 * The measured loop (tools/membw, {@code bench memory}) sums a long[] with four independent vector accumulators:
 * per iteration four vector loads, four vector adds, a pointer add, a compare and a branch. Here that loop, written
 * in the ISA's assembly, is fed to {@link OutOfOrderCore} instruction by instruction (no interpreter is needed: the
 * addresses are known), so dispatch width, ports, load queue, ROB and the caches/DRAM limit the rate as they do for
 * the kernels. Each thread reads its own contiguous slice of the working set, as in the measurement.
 *
 * <p>Timing: the working set is warmed (the measurement repeats passes, so the previous pass leaves the caches warm),
 * then up to {@code maxBytesPerThread} are timed. Working sets larger than that are timed over a prefix, which past
 * the last-level cache is the same steady streaming state.
 *
 * <p>Threads: each simulated core has private levels below the first shared one and shares the rest and DRAM. The
 * cores are stepped one loop iteration at a time in round-robin; they run the same loop at similar rates, so their
 * requests reach the shared levels close to time order, and the DRAM slot calendar accepts slightly out-of-order
 * arrivals without penalty.
 *
 * <p>x86 uses AVX-512 zmm or AVX2 ymm loads; Arm uses 128-bit NEON {@code ldr q} loads and {@code add} of four
 * accumulators, what the Vector API's preferred 128-bit species gives on those cores. The Arm loop adds {@code .4s}
 * lanes where Java adds {@code .2d}: the tables give both the same pipes and latency, and only the timing is used here.
 */
public final class StreamSimulation {

    /** One point of the curve. */
    public record Point(long workingSetBytes, int threads, double gbPerSecond, long cycles, long bytesRead) {
    }

    private static final long BASE = 0x1_0000_0000L;

    private StreamSimulation() {
    }

    /** The loop's vector width for this config: 64 B with AVX-512, 32 B with AVX2, 16 B with NEON. */
    public static int vectorBytes(HardwareConfig hw) {
        if (isArm(hw)) {
            return 16;
        }
        if (hw.core().isa().contains("avx512")) {
            return 64;
        }
        if (hw.core().isa().contains("avx2")) {
            return 32;
        }
        throw new IllegalArgumentException("simulate --op stream: " + hw.name() + " lists " + hw.core().isa()
            + "; the stream loop is written for x86 (avx2/avx512) and Arm (neon)");
    }

    private static boolean isArm(HardwareConfig hw) {
        return hw.core().isa().stream().anyMatch(i -> i.startsWith("neon"));
    }

    public static Point run(HardwareConfig hw, long workingSetBytes, int threads, long maxBytesPerThread) {
        if (threads < 1 || threads > hw.cores()) {
            throw new IllegalArgumentException(hw.name() + " has " + hw.cores() + " cores; asked for " + threads);
        }
        int vb = vectorBytes(hw);
        long step = 4L * vb;
        long slice = Math.max(step, workingSetBytes / threads / step * step);
        long timed = Math.min(slice, Math.max(step, maxBytesPerThread / step * step));
        long iterations = Math.max(1, timed / step);
        // Small sets are read over and over: time at least 64 Ki loads so the start-up transient washes out.
        long passes = Math.max(1, (65_536L * vb) / timed);
        Program loop = isArm(hw) ? armLoop() : loop(vb);
        Microarchitecture uarch = UarchLoader.load(hw.core().uarch());

        List<MemoryHierarchy> hierarchies = hierarchies(hw, threads);
        List<OutOfOrderCore> cores = new ArrayList<>();
        long warmBytes = Math.min(slice, 2 * cacheBytes(hw));
        for (int t = 0; t < threads; t++) {
            MemoryHierarchy h = hierarchies.get(t);
            // Warm the tail of the slice (beyond twice the caches the rest would be evicted anyway), so the timed
            // pass starts where the previous one left the caches.
            h.warm(BASE + t * slice + slice - warmBytes, warmBytes);
            cores.add(new OutOfOrderCore(loop, uarch, h));
        }
        for (long p = 0; p < passes; p++) {
            for (long i = 0; i < iterations; i++) {
                for (int t = 0; t < threads; t++) {
                    iteration(cores.get(t), BASE + t * slice + i * step, vb, i == iterations - 1 && p == passes - 1);
                }
            }
        }
        long cycles = 0;
        for (OutOfOrderCore c : cores) {
            cycles = Math.max(cycles, c.stats().cycles());
        }
        long bytes = passes * iterations * step * threads;
        double seconds = cycles / hw.core().freqHz();
        return new Point(workingSetBytes, threads, bytes / seconds / 1e9, cycles, bytes);
    }

    /**
     * Load-to-use latency in ns of dependent loads to random lines of the working set (the pointer chase of the
     * measurement; random lines with replacement instead of one cyclic permutation).
     */
    public static double latencyNs(HardwareConfig hw, long workingSetBytes, int steps) {
        MemoryHierarchy h = hierarchies(hw, 1).get(0);
        long lines = Math.max(2, workingSetBytes / 64);
        long warmBytes = Math.min(lines * 64, 2 * cacheBytes(hw));
        h.warm(BASE + lines * 64 - warmBytes, warmBytes);
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(42);
        long t = 0;
        for (int i = 0; i < steps / 4; i++) { // untimed: reach the steady state of the caches
            t = h.access(BASE + rnd.nextLong(lines) * 64, 8, false, t);
        }
        long t0 = t;
        for (int i = 0; i < steps; i++) {
            t = h.access(BASE + rnd.nextLong(lines) * 64, 8, false, t);
        }
        return (t - t0) / (double) steps / hw.core().freqHz() * 1e9;
    }

    private static long cacheBytes(HardwareConfig hw) {
        return hw.caches().stream().mapToLong(CacheConfig::sizeBytes).sum();
    }

    /** The whole curve: every working set for every thread count. */
    public static List<Point> mountain(HardwareConfig hw, List<Long> workingSets, List<Integer> threads,
            long maxBytesPerThread) {
        List<Point> out = new ArrayList<>();
        for (int t : threads) {
            for (long ws : workingSets) {
                out.add(run(hw, ws, t, maxBytesPerThread));
            }
        }
        return out;
    }

    /** Retires one loop iteration: 4 loads, 4 adds, pointer add, compare, branch (taken unless last). */
    private static void iteration(OutOfOrderCore core, long address, int vb, boolean last) {
        for (int k = 0; k < 4; k++) {
            core.retired(2 + 2 * k, address + (long) k * vb, vb, false);
            core.retired(3 + 2 * k, 0, 0, false);
        }
        core.retired(10, 0, 0, false);
        core.retired(11, 0, 0, false);
        core.retired(12, 0, 0, false);
    }

    private static Program loop(int vb) {
        String r = vb == 64 ? "zmm" : "ymm";
        String load = vb == 64 ? "vmovdqu64" : "vmovdqu";
        String ptr = vb == 64 ? "zmmword ptr" : "ymmword ptr";
        String add = vb == 64 ? "vpaddd" : "vpaddd";
        StringBuilder s = new StringBuilder(".program stream-read-" + r + "\n.isa x86-64\n");
        s.append("    mov r8, 0x100000000\n    mov r9, 0x200000000\n.Lloop:\n");
        for (int k = 0; k < 4; k++) {
            s.append("    ").append(load).append(' ').append(r).append(4 + k).append(", ").append(ptr).append(" [r8 + ")
                .append(k * vb).append("]\n");
            s.append("    ").append(add).append(' ').append(r).append(k).append(", ").append(r).append(k).append(", ")
                .append(r).append(4 + k).append('\n');
        }
        s.append("    add r8, ").append(4 * vb).append("\n    cmp r8, r9\n    jb .Lloop\n");
        return AsmText.parse(s.toString());
    }

    /** The same loop in AArch64: instruction indices match {@link #iteration} (loads at 2, 4, 6, 8). */
    private static Program armLoop() {
        StringBuilder s = new StringBuilder(".program stream-read-q\n.isa neon\n");
        s.append("    mov x8, #0\n    mov x9, #0\n.Lloop:\n");
        for (int k = 0; k < 4; k++) {
            s.append("    ldr q").append(4 + k).append(", [x8, #").append(k * 16).append("]\n");
            s.append("    add v").append(k).append(".4s, v").append(k).append(".4s, v").append(4 + k).append(".4s\n");
        }
        s.append("    add x8, x8, #64\n    subs x9, x9, #1\n    b.ne .Lloop\n");
        return ArmAsmText.parse(s.toString());
    }

    /** One hierarchy per core: private levels of its own, shared levels and DRAM the same objects for all. */
    private static List<MemoryHierarchy> hierarchies(HardwareConfig hw, int threads) {
        MachineBuilder.SharedParts shared = MachineBuilder.sharedParts(hw);
        List<MemoryHierarchy> out = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            out.add(MachineBuilder.coreMemory(hw, shared, null, a -> a));
        }
        return out;
    }
}
