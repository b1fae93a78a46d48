// How fast a detailed call could get if timing and replay cost nothing: the interpreter plus the memory model alone.
//
// Run from the repository root after `mvn -B -q -o install -DskipTests`:
//   java --add-modules jdk.incubator.vector -cp simulator/target/test-classes:cli/target/ternsim.jar \
//     org.ternsim.sim.bench.SpeedCeilingMain SHAPE hw/kernel/isa [ROUNDS=15]
// Records the memory accesses of one detailed call (address, width, load or store, issue cycle), then runs rounds of
// three parts, one after another: a functional call (the interpreter alone), the recorded accesses replayed into a
// fresh warm hierarchy (the memory model alone), and a detailed call. Prints each part's median CPU time per
// instruction and, per round, (functional + memory) / detailed: the share of a detailed call that no change to the
// core model, the replay or their bookkeeping can remove. The three parts of a round run within a second, so the
// host's noise moves them together and the share stays steady when the absolute figures do not.
package org.ternsim.sim.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import org.ternsim.sim.core.OutOfOrderCore;
import org.ternsim.sim.mem.MemoryHierarchy;
import org.ternsim.sim.run.GemvSimulation;

public final class SpeedCeilingMain {

    /** CPU seconds of rounds run, unmeasured, before the measured ones (C2 compiles all three parts meanwhile). */
    private static final long WARMUP_NANOS = 8_000_000_000L;

    private SpeedCeilingMain() {
    }

    public static void main(String[] args) {
        SimulatorSpeedBench bench = SimulatorSpeedBench.of(args[0], args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        long instructions = bench.functional();
        MemoryTrace trace = record(bench);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[][] spent = new long[3][rounds];
        double[] share = new double[rounds];
        long warmed = 0;
        for (int r = 0; r < rounds; ) {
            long t0 = threads.getCurrentThreadCpuTime();
            bench.functional();
            long t1 = threads.getCurrentThreadCpuTime();
            MemoryHierarchy fresh = bench.machine().hierarchy();
            long t2 = threads.getCurrentThreadCpuTime();
            trace.replay(fresh);
            long t3 = threads.getCurrentThreadCpuTime();
            bench.detailed();
            long t4 = threads.getCurrentThreadCpuTime();
            trace.checkCounts(fresh);
            if (warmed < WARMUP_NANOS) {
                warmed += t4 - t0;
                continue;
            }
            spent[0][r] = t1 - t0;
            spent[1][r] = t3 - t2;
            spent[2][r] = t4 - t3;
            share[r] = (double) (spent[0][r] + spent[1][r]) / spent[2][r];
            r++;
        }
        for (long[] part : spent) {
            Arrays.sort(part);
        }
        Arrays.sort(share);
        double functional = (double) spent[0][rounds / 2] / instructions;
        double memory = (double) spent[1][rounds / 2] / instructions;
        double detailed = (double) spent[2][rounds / 2] / instructions;
        System.out.printf(Locale.ROOT, "%s %s, %,d instructions, %,d accesses: ns per instruction (median of %d"
            + " rounds): functional %.1f, memory model %.1f, detailed %.1f; (functional + memory) / detailed %.2f"
            + " (quartiles %.2f-%.2f)%n", args[1], args[0], instructions, trace.length(), rounds, functional, memory,
            detailed, share[rounds / 2], share[rounds / 4], share[3 * rounds / 4]);
    }

    /** One detailed call's accesses, recorded on a fresh machine. */
    private static MemoryTrace record(SimulatorSpeedBench bench) {
        SimulatorSpeedBench.Machine machine = bench.machine();
        OutOfOrderCore core = new OutOfOrderCore(bench.program(), bench.uarch(), machine.hierarchy());
        return MemoryTrace.record(core, machine.hierarchy(),
            listener -> GemvSimulation.execute(bench.program(), bench.semantics(), machine.memory(), listener));
    }
}
