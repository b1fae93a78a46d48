// CLI bench of simulation speed that reports thread CPU time as well as wall time (robust on a shared, loaded machine).
//
// Run from the repository root after building the test classpath as for SimulatorSpeedBench:
//   java --add-modules jdk.incubator.vector \
//     -cp simulator/target/test-classes:simulator/target/classes:$(cat simulator/cp.txt) \
//     org.ternsim.sim.bench.SimulatorSpeedMain [shape=256x2560] [reps=10] [modes=functional,detailed] [hw/kernel/isa]
// ("run" is "detailed" without building the cache model and binding the program's memory, which each call does first,
// as SimulatorSpeedBench.detailedRunOnly; "interp" is "functional" with the memory bound outside the timing: the
// interpreter alone, the part of a "run" call that is not timing; pass one mode alone to profile it without the
// others in the recording; the last argument picks another config and lowering, e.g. cobalt-100/i2_s/neon-dotprod;
// default zen5-2c/i2_s/avx2).
// Without cp.txt (dependency:build-classpath needs the sibling modules installed), the shaded CLI jar serves as the
// class path: -cp simulator/target/test-classes:cli/target/ternsim.jar; A/B runs put an old and a new jar there.
// Besides the total it prints the median and fastest call (MIPS per CPU second of that call), which other processes on
// a shared host disturb less than the total.
package org.ternsim.sim.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import org.ternsim.isa.Memory;
import org.ternsim.sim.run.GemvSimulation;
import org.ternsim.sim.speed.HostProbe;

public final class SimulatorSpeedMain {

    /** CPU seconds of warm-up calls before the timed ones ({@code -Dspeed.warmup=SECONDS}, default 6). */
    private static final long WARMUP_SECONDS = Long.getLong("speed.warmup", 6);

    /** Whether to read the {@link HostProbe} before and after each mode's timed calls ({@code -Dspeed.probe=true}). */
    private static final boolean PROBE = Boolean.getBoolean("speed.probe");

    private SimulatorSpeedMain() {
    }

    public static void main(String[] args) {
        SimulatorSpeedBench bench = new SimulatorSpeedBench();
        bench.shape = args.length > 0 ? args[0] : "256x2560";
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        bench.kernel = args.length > 3 ? args[3] : SimulatorSpeedBench.DEFAULT_KERNEL;
        bench.setup();
        long instructions = bench.functional();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        String[] modes = (args.length > 2 ? args[2] : "functional,detailed").split(",");
        HostProbe probe = PROBE ? new HostProbe() : null;
        for (String mode : modes) {
            // Warm-up for the JIT: at least three calls and WARMUP_SECONDS of CPU time, as the JMH bench's 3 x 2 s.
            // Three calls of a 30 ms kernel ended while C2 was still compiling, which put medians below steady state.
            long warmed = 0;
            for (int i = 0; i < 3 || warmed < WARMUP_SECONDS * 1_000_000_000L; i++) {
                warmed += run(bench, mode, threads)[0];
            }
            HostProbe.Reading before = probe == null ? null : probe.read();
            long[] perCall = new long[reps];
            long cpu = 0;
            long wall = 0;
            for (int i = 0; i < reps; i++) {
                long[] spent = run(bench, mode, threads);
                perCall[i] = spent[0];
                cpu += spent[0];
                wall += spent[1];
            }
            if (probe != null) {
                System.out.printf(Locale.ROOT, "%-10s %s%n", mode, HostProbe.line(before, probe.read()));
            }
            double cpuS = cpu / 1e9;
            double wallS = wall / 1e9;
            System.out.printf(Locale.ROOT, "%-10s %s %s: %,d instructions x %d: %.2f MIPS per CPU second, %.2f MIPS wall%n",
                mode, bench.kernel, bench.shape, instructions, reps, instructions * reps / cpuS / 1e6, instructions * reps / wallS / 1e6);
            // On a shared host single calls are slowed by other processes; the median and fastest call show less of that.
            if (Boolean.getBoolean("speed.calls")) {
                // each call's CPU time in tenths of a millisecond, in order (a JIT or host change shows as a step)
                System.out.println(java.util.Arrays.toString(java.util.Arrays.stream(perCall).map(t -> t / 100_000)
                    .toArray()));
            }
            java.util.Arrays.sort(perCall);
            System.out.printf(Locale.ROOT, "%-10s per call: median %.2f, fastest %.2f MIPS per CPU second%s%n", mode,
                instructions / (perCall[reps / 2] / 1e3), instructions / (perCall[0] / 1e3),
                mode.equals("functional") || mode.equals("interp") ? ""
                    : String.format(Locale.ROOT, " (%,d replayed per call)", bench.lastReplayed));
        }
    }

    /** Runs one call; returns the CPU and wall nanoseconds of its timed part. */
    private static long[] run(SimulatorSpeedBench bench, String mode, ThreadMXBean threads) {
        SimulatorSpeedBench.Machine machine = mode.equals("run") ? bench.machine() : null; // built outside the timing
        Memory bound = mode.equals("interp") ? bench.boundMemory() : null; // likewise
        long cpu0 = threads.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        switch (mode) {
            case "functional" -> bench.functional();
            case "detailed" -> bench.detailed();
            case "run" -> bench.detailedRunOnly(machine);
            case "interp" -> GemvSimulation.execute(bench.program(), bench.semantics(), bound, (pc, a, b, st) -> { });
            default -> throw new IllegalArgumentException(
                "mode " + mode + ": expected functional, detailed, run or interp");
        }
        return new long[] {threads.getCurrentThreadCpuTime() - cpu0, System.nanoTime() - wall0};
    }
}
