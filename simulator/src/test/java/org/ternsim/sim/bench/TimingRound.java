// One build's side of PairedTimingMain: the timing model alone, fed a GEMV's recorded instruction stream.
package org.ternsim.sim.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
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

/**
 * Runs the program once through the interpreter and keeps what it passes to the core per instruction (pc, address,
 * width, store). Each {@link #round} then builds and warms a hierarchy and a core, untimed, and times feeding them
 * that stream; each {@link #memoryRound} times the memory hierarchy alone on the stream's loads and stores. It uses
 * only the simulator's main classes and this package's {@link MemoryTrace}, so {@link PairedTimingMain} loads it from
 * its own class path into every build's class loader, builds older than it included.
 */
public final class TimingRound {

    private final HardwareConfig hw;
    private final Program program;
    private final Microarchitecture uarch;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private int count;
    private int[] pcs = new int[1 << 16];
    private long[] addresses = new long[1 << 16];
    private int[] widths = new int[1 << 16];
    private boolean[] stores = new boolean[1 << 16];
    private long cycles;
    private long setup;
    /** The stream's loads and stores at the cycles the core issued them, once {@link #memoryRound} has run. */
    private MemoryTrace memory;
    /** What the hierarchy answered over the latest {@link #memoryRound}, summed: builds that model alike agree. */
    private long answers;

    /**
     * {@code hwKernelIsa}: a config under configs/hw (of the working directory or its parent), a kernel and,
     * optionally, its ISA (else the config's first that lowers it).
     */
    public TimingRound(String hwKernelIsa, int rows, int cols) {
        String[] spec = hwKernelIsa.split("/");
        if (spec.length < 2 || spec.length > 3) {
            throw new IllegalArgumentException("expected hw/kernel[/isa], got " + hwKernelIsa);
        }
        Path configs = Path.of("configs/hw").toFile().isDirectory() ? Path.of("configs/hw") : Path.of("../configs/hw");
        hw = HardwareConfigLoader.load(configs.resolve(spec[0] + ".yaml"));
        GemvLowering lowering = GemvSimulation.Request.choose(hw, spec[1], spec.length > 2 ? spec[2] : null);
        program = lowering.lower(rows, cols);
        uarch = UarchLoader.load(hw.core().uarch());
        GemvOperands data = lowering.random(rows, cols, 1);
        Memory memory = new Memory(program.regions());
        data.bind(memory);
        GemvSimulation.execute(program, lowering.semantics(), memory, this::keep);
    }

    private void keep(int pc, long address, int width, boolean store) {
        if (count == pcs.length) {
            pcs = Arrays.copyOf(pcs, 2 * count);
            addresses = Arrays.copyOf(addresses, 2 * count);
            widths = Arrays.copyOf(widths, 2 * count);
            stores = Arrays.copyOf(stores, 2 * count);
        }
        pcs[count] = pc;
        addresses[count] = address;
        widths[count] = width;
        stores[count] = store;
        count++;
    }

    /** Thread CPU nanoseconds of timing the whole stream on a fresh, warm hierarchy and core. */
    public long round() {
        long built = threads.getCurrentThreadCpuTime();
        MemoryHierarchy hierarchy = warmHierarchy();
        OutOfOrderCore core = new OutOfOrderCore(program, uarch, hierarchy);
        long start = threads.getCurrentThreadCpuTime();
        setup = start - built;
        for (int i = 0; i < count; i++) {
            core.retired(pcs[i], addresses[i], widths[i], stores[i]);
        }
        long spent = threads.getCurrentThreadCpuTime() - start;
        cycles = core.stats().cycles();
        return spent;
    }

    /**
     * Thread CPU nanoseconds of replaying the stream's loads and stores alone into a fresh, warm hierarchy, at the
     * cycles the core issued them ({@link MemoryTrace}, recorded by the first call); the replay must count what the
     * recorded call did.
     */
    public long memoryRound() {
        if (memory == null) {
            MemoryHierarchy hierarchy = warmHierarchy();
            OutOfOrderCore core = new OutOfOrderCore(program, uarch, hierarchy);
            memory = MemoryTrace.record(core, hierarchy, listener -> {
                for (int i = 0; i < count; i++) {
                    listener.retired(pcs[i], addresses[i], widths[i], stores[i]);
                }
            });
        }
        MemoryHierarchy hierarchy = warmHierarchy();
        long start = threads.getCurrentThreadCpuTime();
        answers = memory.replay(hierarchy);
        long spent = threads.getCurrentThreadCpuTime() - start;
        memory.checkCounts(hierarchy);
        return spent;
    }

    /** The latest {@link #memoryRound}'s answers, summed. */
    public long answers() {
        return answers;
    }

    /** Loads and stores in the stream. */
    public long accesses() {
        return Arrays.stream(widths, 0, count).filter(w -> w > 0).count();
    }

    private MemoryHierarchy warmHierarchy() {
        MemoryHierarchy hierarchy = MachineBuilder.memory(hw);
        for (Region r : program.regions()) {
            hierarchy.warm(r.base(), r.bytes());
        }
        return hierarchy;
    }

    public long instructions() {
        return count;
    }

    /** Thread CPU nanoseconds the latest round spent building and warming the hierarchy and building the core. */
    public long setup() {
        return setup;
    }

    /** The latest round's simulated cycles (builds that model alike must agree). */
    public long cycles() {
        return cycles;
    }
}
