// JMH benchmark of simulation speed: simulated instructions per second of the I2_S AVX2 GEMV, functional and detailed.
//
// Run from the repository root:
//   mvn -B -q -o -pl simulator -am test-compile
//   mvn -B -q -o -pl simulator dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test
//   java --add-modules jdk.incubator.vector \
//     -cp simulator/target/test-classes:simulator/target/classes:$(cat simulator/cp.txt) \
//     org.openjdk.jmh.Main SimulatorSpeedBench -f 1 -wi 3 -i 5
// Each op simulates one whole GEMV of `shape`; the setup prints the instruction count, and
// MIPS = instructions / (ms per op) / 1000. "functional" runs the interpreter alone; "detailed" adds the
// out-of-order core, caches and DRAM model (what `ternsim simulate` does per instruction); "detailedRunOnly" is the same
// without building and warming the cache model and binding the program's memory (done before each call, untimed).
// At the default shape the detailed call replays 115,824 of its 130,060 instructions (89 %; 99 % at 2560x2560), so
// its MIPS are lower than those of `./ternsim bench simulator`, which times the 17 benchmark kernels at 2560x2560.
package org.ternsim.sim.bench;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.ternsim.isa.Memory;
import org.ternsim.isa.Program;
import org.ternsim.isa.SemanticsTable;
import org.ternsim.isa.uarch.Microarchitecture;
import org.ternsim.sim.core.OutOfOrderCore;
import org.ternsim.sim.mem.MemoryHierarchy;
import org.ternsim.sim.run.GemvSimulation;
import org.ternsim.sim.speed.SpeedTrial;

@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector"})
public class SimulatorSpeedBench {

    @Param({"256x2560"})
    public String shape;

    /** hw/kernel/isa: a config under configs/hw and a lowering; the default is the I2_S AVX2 GEMV on zen5-2c. */
    @Param({DEFAULT_KERNEL})
    public String kernel = DEFAULT_KERNEL;

    static final String DEFAULT_KERNEL = "zen5-2c/i2_s/avx2";

    /** Instructions the latest detailed call replayed (LoopReplay) instead of timing them one by one. */
    long lastReplayed;

    private SpeedTrial trial;

    @Setup
    public void setup() {
        String[] mk = shape.split("x");
        trial = SpeedTrial.of(configPath().getParent(), kernel, Integer.parseInt(mk[0]), Integer.parseInt(mk[1]));
        System.out.println("\n[SimulatorSpeedBench] " + kernel + " " + shape + ": " + trial.instructions()
            + " instructions per op");
    }

    /** A bench set up for {@code kernel} (hw/kernel/isa) at {@code shape} (MxK), as the probe mains use it. */
    public static SimulatorSpeedBench of(String shape, String kernel) {
        SimulatorSpeedBench bench = new SimulatorSpeedBench();
        bench.shape = shape;
        bench.kernel = kernel;
        bench.setup();
        return bench;
    }

    /** A machine for one call: a warm cache hierarchy and the program's memory, operands bound. */
    public Machine machine() {
        Machine machine = new Machine();
        machine.build(this);
        return machine;
    }

    /** The program each call runs (after {@link #setup}). */
    public Program program() {
        return trial.program();
    }

    public SemanticsTable semantics() {
        return trial.semantics();
    }

    public Microarchitecture uarch() {
        return trial.uarch();
    }

    /** A call's first setup step: a fresh, cold cache hierarchy of the config. */
    MemoryHierarchy coldHierarchy() {
        return trial.coldHierarchy();
    }

    /** A call's second setup step: every region of the program warmed into {@code hierarchy}. */
    void warm(MemoryHierarchy hierarchy) {
        trial.warm(hierarchy);
    }

    static Path configPath() {
        Path p = Path.of("configs/hw/zen5-2c.yaml");
        return p.toFile().isFile() ? p : Path.of("../configs/hw/zen5-2c.yaml");
    }

    /** A call's third setup step: the program's memory with the operands bound. */
    Memory boundMemory() {
        return trial.boundMemory();
    }

    /** Interpreter only: the functional half of a detailed run. */
    @Benchmark
    public long functional() {
        return trial.functional();
    }

    /** Interpreter + out-of-order core + caches + DRAM, warm caches, as `ternsim simulate` runs it. */
    @Benchmark
    public long detailed() {
        Machine machine = new Machine();
        machine.build(this);
        return machine.run(this);
    }

    /**
     * The same run without building the machine: the cache model is built and warmed, and the program's memory bound,
     * before each call, outside the timing (a few ms per call, 7-12% of {@link #detailed} at these shapes).
     */
    @Benchmark
    public long detailedRunOnly(Machine machine) {
        return machine.run(this);
    }

    /** A fresh cache hierarchy (warm) and program memory for one call. */
    @State(Scope.Thread)
    public static class Machine {
        MemoryHierarchy hierarchy;
        Memory memory;

        /** The warm cache hierarchy {@link #build} made. */
        public MemoryHierarchy hierarchy() {
            return hierarchy;
        }

        /** The program's memory, operands bound, that {@link #build} made. */
        public Memory memory() {
            return memory;
        }

        @Setup(Level.Invocation)
        public void build(SimulatorSpeedBench bench) {
            hierarchy = bench.coldHierarchy();
            bench.warm(hierarchy);
            memory = bench.boundMemory();
        }

        long run(SimulatorSpeedBench bench) {
            long cycles = bench.trial.detailed(hierarchy, memory);
            bench.lastReplayed = bench.trial.lastReplayed();
            return cycles;
        }

        /**
         * As {@link #run}, telling {@code replayedSoFar} the core's replayed instruction count after every
         * {@code every} instructions (a replay is counted when its period ends, so a mark lags by up to a period).
         */
        long run(SimulatorSpeedBench bench, int every, java.util.function.LongConsumer replayedSoFar) {
            OutOfOrderCore core = new OutOfOrderCore(bench.program(), bench.uarch(), hierarchy);
            long[] seen = {0};
            GemvSimulation.execute(bench.program(), bench.semantics(), memory, (pc, address, bytes, store) -> {
                core.retired(pc, address, bytes, store);
                if (++seen[0] % every == 0) {
                    replayedSoFar.accept(core.replayedInstructions());
                }
            });
            bench.lastReplayed = core.replayedInstructions();
            return core.stats().cycles();
        }
    }
}
