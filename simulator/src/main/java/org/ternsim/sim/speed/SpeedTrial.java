// One lowered GEMV simulated call after call, to time the simulator itself: functional or detailed, per CPU second.
package org.ternsim.sim.speed;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;
import org.ternsim.isa.Memory;
import org.ternsim.isa.Program;
import org.ternsim.isa.Region;
import org.ternsim.isa.SemanticsTable;
import org.ternsim.isa.lower.GemvLowering;
import org.ternsim.isa.lower.GemvOperands;
import org.ternsim.isa.uarch.Microarchitecture;
import org.ternsim.isa.uarch.UarchLoader;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.config.HardwareConfigLoader;
import org.ternsim.sim.core.OutOfOrderCore;
import org.ternsim.sim.mem.MemoryHierarchy;
import org.ternsim.sim.run.CacheState;
import org.ternsim.sim.run.GemvSimulation;
import org.ternsim.sim.run.MachineBuilder;

/**
 * The program, its random operands and the microarchitecture are set up once; each call then does what
 * `ternsim simulate` does for one GEMV. A detailed call builds the config's cache hierarchy, warms it with the
 * program's regions, binds the operands into a fresh memory and lets the interpreter drive the out-of-order core;
 * a functional call binds the operands and runs the interpreter alone. {@link #measure} times calls by the calling
 * thread's CPU time, after a warm-up for the JIT, so that other threads and processes count only where they slow
 * this one.
 */
public final class SpeedTrial {

    /** The benchmark kernels of issue 4's speed criterion, as hw config / kernel / ISA. */
    public static final List<String> BENCHMARK_KERNELS = List.of(
        "zen5-2c/i2_s/avx2", "cobalt-100/i2_s/neon-dotprod", "zen5-2c/tq2_0/avx2", "cobalt-100/q4_0/neon-dotprod",
        "zen5-2c/tmac-w4/avx2", "cobalt-100/tl1/neon", "zen4-2c/i2_s/avx2", "zen5-2c/tl2/avx2", "zen5-2c/q4_0/avx2",
        "cobalt-100/tl2/neon", "zen5-2c/tmac/avx2", "zen5-2c/tmac-w4/avx512", "zen5-2c/i2_s-vnni/avx512",
        "cobalt-100/tmac-w4/neon", "zen5-2c/i2_s-sparse/avx2", "zen5-2c/tl2/avx512", "zen5-2c/f16/avx512");

    /** Million simulated instructions per second the criterion asks of detailed mode on one core. */
    public static final double TARGET_MIPS = 20;

    /** What a call runs. */
    public enum Mode { FUNCTIONAL, DETAILED }

    /** A trial's timed calls: the instructions each simulated, and the CPU nanoseconds each took, in call order. */
    public record Reading(long instructions, long replayedPerCall, long[] callNanos) {
        public double medianMips() {
            long[] sorted = callNanos.clone();
            Arrays.sort(sorted);
            return instructions / (sorted[sorted.length / 2] / 1e3);
        }

        public double fastestMips() {
            return instructions / (Arrays.stream(callNanos).min().orElseThrow() / 1e3);
        }
    }

    private final HardwareConfig hw;
    private final Program program;
    private final SemanticsTable semantics;
    private final GemvOperands data;
    private final Microarchitecture uarch;
    private final long instructions;
    private long lastReplayed;

    /** The trial of {@code req} (its seed for the operands; warm caches whatever its cache state). */
    public SpeedTrial(GemvSimulation.Request req) {
        GemvLowering lowering = req.lowering();
        this.hw = req.hw();
        this.program = lowering.lower(req.rows(), req.cols());
        this.data = lowering.random(req.rows(), req.cols(), req.seed());
        this.semantics = lowering.semantics();
        this.uarch = UarchLoader.load(hw.core().uarch());
        this.instructions = functional();
    }

    /** A hardware config and the lowering of a kernel for it: what a trial runs, before its program is built. */
    public record Target(HardwareConfig hw, GemvLowering lowering) {
        /**
         * The call at rows x cols, with the operands of seed 1.
         *
         * @throws IllegalArgumentException when the lowering cannot take the shape or the core lacks its ISA
         */
        public GemvSimulation.Request request(int rows, int cols) {
            return new GemvSimulation.Request(hw, lowering, rows, cols, 1, CacheState.WARM);
        }
    }

    /**
     * The target of {@code spec}, {@code hw/kernel} or {@code hw/kernel/isa} with hw a config under {@code configs}
     * (without the ISA, the core's first ISA that lowers the kernel).
     *
     * @throws IllegalArgumentException naming what is wrong with the spec
     */
    public static Target target(Path configs, String spec) {
        String[] parts = spec.split("/", -1);
        if (parts.length < 2 || parts.length > 3 || Arrays.stream(parts).anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("'" + spec + "': expected hw/kernel or hw/kernel/isa, such as "
                + BENCHMARK_KERNELS.get(0));
        }
        Path config = configs.resolve(parts[0] + ".yaml");
        if (!Files.isRegularFile(config)) {
            throw new IllegalArgumentException("'" + spec + "': no hardware config " + config);
        }
        HardwareConfig hw = HardwareConfigLoader.load(config);
        return new Target(hw, GemvSimulation.Request.choose(hw, parts[1], parts.length == 3 ? parts[2] : null));
    }

    /** The trial of {@code spec} (see {@link #target}) at rows x cols. */
    public static SpeedTrial of(Path configs, String spec, int rows, int cols) {
        return new SpeedTrial(target(configs, spec).request(rows, cols));
    }

    /** Instructions one call simulates. */
    public long instructions() {
        return instructions;
    }

    /** Instructions the latest detailed call replayed from an earlier identical period instead of timing them. */
    public long lastReplayed() {
        return lastReplayed;
    }

    public Program program() {
        return program;
    }

    public SemanticsTable semantics() {
        return semantics;
    }

    public Microarchitecture uarch() {
        return uarch;
    }

    /** A detailed call's first step: a fresh, cold cache hierarchy of the config. */
    public MemoryHierarchy coldHierarchy() {
        return MachineBuilder.memory(hw);
    }

    /** A detailed call's second step: every region of the program warmed into {@code hierarchy}. */
    public void warm(MemoryHierarchy hierarchy) {
        for (Region r : program.regions()) {
            hierarchy.warm(r.base(), r.bytes());
        }
    }

    /** The third step of either call: a fresh memory of the program's regions with the operands bound. */
    public Memory boundMemory() {
        Memory memory = new Memory(program.regions());
        data.bind(memory);
        return memory;
    }

    /** One functional call: the interpreter alone. Returns the instructions it ran. */
    public long functional() {
        return GemvSimulation.execute(program, semantics, boundMemory(), (pc, address, bytes, store) -> { });
    }

    /** One detailed call from scratch. Returns its cycles. */
    public long detailed() {
        MemoryHierarchy hierarchy = coldHierarchy();
        warm(hierarchy);
        return detailed(hierarchy, boundMemory());
    }

    /** A detailed call's run on a warm {@code hierarchy} and a bound {@code memory}. Returns its cycles. */
    public long detailed(MemoryHierarchy hierarchy, Memory memory) {
        OutOfOrderCore core = new OutOfOrderCore(program, uarch, hierarchy);
        GemvSimulation.execute(program, semantics, memory, core);
        lastReplayed = core.replayedInstructions();
        return core.stats().cycles();
    }

    /**
     * Runs calls of {@code mode} for at least three calls and {@code warmupNanos} of CPU time (the JIT still compiles
     * after three calls of a short kernel), then times {@code calls} more.
     */
    public Reading measure(Mode mode, int calls, long warmupNanos) {
        if (calls < 1) {
            throw new IllegalArgumentException("calls must be >= 1, got " + calls);
        }
        LongSupplier call = mode == Mode.DETAILED ? this::detailed : this::functional;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long warmed = 0;
        for (int i = 0; i < 3 || warmed < warmupNanos; i++) {
            warmed += cpuNanos(threads, call);
        }
        long[] spent = new long[calls];
        for (int i = 0; i < calls; i++) {
            spent[i] = cpuNanos(threads, call);
        }
        return new Reading(instructions, mode == Mode.DETAILED ? lastReplayed : 0, spent);
    }

    private static long cpuNanos(ThreadMXBean threads, LongSupplier call) {
        long start = threads.getCurrentThreadCpuTime();
        call.getAsLong();
        return threads.getCurrentThreadCpuTime() - start;
    }
}
