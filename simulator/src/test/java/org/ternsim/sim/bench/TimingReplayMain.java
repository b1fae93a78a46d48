// CLI bench of the timing model alone: replays a recorded instruction trace into the core, without the interpreter.
//
// Run from the repository root with the class path of SimulatorSpeedMain:
//   java -cp <as SimulatorSpeedMain> org.ternsim.sim.bench.TimingReplayMain [hw/kernel/isa] [shape] [reps]
// defaults: zen5-2c/i2_s/avx2 256x2560 100. Prints nanoseconds of simulating-thread CPU time per instruction for the
// per-call setup (memory hierarchy + warm-up, core construction) and for the replay, and the cycles as a check;
// then the median and fastest call's replay time (less disturbed by other processes on a shared host).
package org.ternsim.sim.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Locale;
import org.ternsim.isa.Memory;
import org.ternsim.isa.Program;
import org.ternsim.isa.Region;
import org.ternsim.isa.lower.GemvLowering;
import org.ternsim.isa.lower.GemvOperands;
import org.ternsim.isa.uarch.Microarchitecture;
import org.ternsim.isa.uarch.UarchLoader;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.config.HardwareConfigLoader;
import org.ternsim.sim.core.OutOfOrderCore;
import org.ternsim.sim.mem.MemoryHierarchy;
import org.ternsim.sim.run.GemvSimulation;
import org.ternsim.sim.run.MachineBuilder;

public final class TimingReplayMain {

    private TimingReplayMain() {
    }

    public static void main(String[] args) {
        String[] spec = (args.length > 0 ? args[0] : "zen5-2c/i2_s/avx2").split("/");
        String[] shape = (args.length > 1 ? args[1] : "256x2560").split("x");
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        Path dir = Path.of("configs/hw").toFile().isDirectory() ? Path.of("configs/hw") : Path.of("../configs/hw");
        HardwareConfig hw = HardwareConfigLoader.load(dir.resolve(spec[0] + ".yaml"));
        GemvLowering lowering = GemvSimulation.Request.choose(hw, spec[1], spec.length > 2 ? spec[2] : null);
        int rows = Integer.parseInt(shape[0]);
        int cols = Integer.parseInt(shape[1]);
        Program program = lowering.lower(rows, cols);
        GemvOperands data = lowering.random(rows, cols, 1);
        Microarchitecture uarch = UarchLoader.load(hw.core().uarch());
        Memory memory = new Memory(program.regions());
        data.bind(memory);
        Trace trace = new Trace();
        GemvSimulation.execute(program, lowering.semantics(), memory, trace);
        int n = trace.n;

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long setup = 0;
        long replay = 0;
        long cycles = 0;
        long[] perCall = new long[reps];
        for (int i = 0; i < reps + 3; i++) {
            long t0 = threads.getCurrentThreadCpuTime();
            MemoryHierarchy hierarchy = MachineBuilder.memory(hw);
            for (Region r : program.regions()) {
                hierarchy.warm(r.base(), r.bytes());
            }
            OutOfOrderCore core = new OutOfOrderCore(program, uarch, hierarchy);
            long t1 = threads.getCurrentThreadCpuTime();
            for (int k = 0; k < n; k++) {
                core.retired(trace.pc[k], trace.address[k], trace.bytes[k], trace.store[k]);
            }
            cycles = core.stats().cycles();
            long t2 = threads.getCurrentThreadCpuTime();
            if (i >= 3) { // the first three calls warm the JIT
                setup += t1 - t0;
                replay += t2 - t1;
                perCall[i - 3] = t2 - t1;
            }
        }
        double per = (double) n * reps;
        System.out.printf(Locale.ROOT, "%s %dx%d: %,d instructions, %d cycles; per instruction: setup %.1f ns, "
                + "timing model %.1f ns (%.1f MIPS per CPU second)%n", String.join("/", spec), rows, cols, n, cycles,
            setup / per, replay / per, per / replay * 1e3);
        // On a shared host single calls are slowed by other processes; the median and fastest call show less of that.
        java.util.Arrays.sort(perCall);
        System.out.printf(Locale.ROOT, "  timing model per call: median %.1f ns, fastest %.1f ns per instruction%n",
            (double) perCall[reps / 2] / n, (double) perCall[0] / n);
    }

    /** The listener's arguments of every executed instruction, in order. */
    private static final class Trace implements org.ternsim.isa.Interpreter.Listener {
        int n;
        int[] pc = new int[1 << 16];
        long[] address = new long[1 << 16];
        int[] bytes = new int[1 << 16];
        boolean[] store = new boolean[1 << 16];

        @Override
        public void retired(int p, long memAddress, int memBytes, boolean isStore) {
            if (n == pc.length) {
                pc = java.util.Arrays.copyOf(pc, 2 * n);
                address = java.util.Arrays.copyOf(address, 2 * n);
                bytes = java.util.Arrays.copyOf(bytes, 2 * n);
                store = java.util.Arrays.copyOf(store, 2 * n);
            }
            pc[n] = p;
            address[n] = memAddress;
            bytes[n] = memBytes;
            store[n] = isStore;
            n++;
        }
    }
}
