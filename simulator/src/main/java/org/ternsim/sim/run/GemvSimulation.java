// Simulates one GEMV end to end: data, reference output, lowered program, functional + timed execution, energy.
package org.ternsim.sim.run;

import java.util.ArrayList;
import java.util.List;
import org.ternsim.isa.AsmText;
import org.ternsim.isa.Interpreter;
import org.ternsim.isa.MachineState;
import org.ternsim.isa.Memory;
import org.ternsim.isa.Program;
import org.ternsim.isa.Region;
import org.ternsim.isa.SemanticsTable;
import org.ternsim.isa.arm.ArmAsmText;
import org.ternsim.isa.lower.GemvLowering;
import org.ternsim.isa.lower.GemvLowerings;
import org.ternsim.isa.lower.GemvOperands;
import org.ternsim.isa.uarch.Microarchitecture;
import org.ternsim.isa.uarch.UarchLoader;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.core.CoreStats;
import org.ternsim.sim.core.OutOfOrderCore;
import org.ternsim.sim.energy.EnergyModel;
import org.ternsim.sim.energy.EnergyReport;
import org.ternsim.sim.mem.Cache;
import org.ternsim.sim.mem.CacheStats;
import org.ternsim.sim.mem.MemoryHierarchy;

public final class GemvSimulation {

    private GemvSimulation() {
    }

    /**
     * One GEMV call to simulate. The lowering is the kernel's for the first ISA of the core's list that has one,
     * unless {@code isa} names it.
     */
    public record Request(HardwareConfig hw, GemvLowering lowering, int rows, int cols, long seed,
            CacheState cacheState) {
        public Request {
            lowering.checkShape(rows, cols);
            if (!hw.core().isa().contains(lowering.isa())) {
                throw new IllegalArgumentException("kernel " + lowering.kernel() + "/" + lowering.isa() + " needs "
                    + lowering.isa() + ", which " + hw.name() + " does not list (it has " + hw.core().isa() + ")");
            }
        }

        public Request(HardwareConfig hw, String kernel, int rows, int cols, long seed, CacheState cacheState) {
            this(hw, choose(hw, kernel, null), rows, cols, seed, cacheState);
        }

        /** The lowering of {@code kernel} for {@code isa}, or for the core's best ISA when {@code isa} is null. */
        public static GemvLowering choose(HardwareConfig hw, String kernel, String isa) {
            if (!GemvLowerings.kernels().contains(kernel)) {
                String known = org.ternsim.sim.workload.Formats.KERNELS.contains(kernel)
                    ? "kernel '" + kernel + "' has no instruction program (workload runs cost it analytically)"
                    : "unknown kernel '" + kernel + "'";
                throw new IllegalArgumentException(known + "; valid: " + String.join(", ", GemvLowerings.kernels()));
            }
            return (isa == null ? GemvLowerings.forCore(kernel, hw.core().isa()) : GemvLowerings.find(kernel, isa))
                .orElseThrow(() -> new IllegalArgumentException("kernel " + kernel + " has no lowering for "
                    + (isa == null ? hw.name() + "'s ISAs " + hw.core().isa() : isa) + "; lowered: "
                    + GemvLowerings.describeAll()));
        }
    }

    public static RunResult run(Request req) {
        GemvLowering lowering = req.lowering();
        Program program = lowering.lower(req.rows(), req.cols());
        GemvOperands data = lowering.random(req.rows(), req.cols(), req.seed());
        float[] expected = data.vector() != null ? data.vector() : data.scalar();

        Memory memory = new Memory(program.regions());
        data.bind(memory);
        Microarchitecture uarch = UarchLoader.load(req.hw().core().uarch());
        MemoryHierarchy hierarchy = MachineBuilder.memory(req.hw());
        if (req.cacheState() == CacheState.WARM) {
            for (Region r : program.regions()) {
                hierarchy.warm(r.base(), r.bytes());
            }
        }
        OutOfOrderCore core = new OutOfOrderCore(program, uarch, hierarchy);
        execute(program, lowering.semantics(), memory, core);
        float[] actual = data.readOutput(memory);

        CoreStats stats = core.stats();
        double seconds = stats.cycles() / req.hw().core().freqHz();
        EnergyReport energy = EnergyModel.estimate(req.hw(), stats, hierarchy, seconds, 1);
        List<CacheStats> caches = new ArrayList<>();
        for (Cache c : hierarchy.levels()) {
            caches.add(c.stats());
        }
        int tokens = lowering.activationColumns();
        return new RunResult(tokens > 1 ? "gemm" : "gemv", lowering.kernel(), lowering.isa(), req.rows(), req.cols(),
            tokens, 1, req.hw().name(),
            uarch.name(), req.hw().core().freqHz(), req.cacheState(), program.name(), text(program),
            data.operandBytes(), stats, caches, hierarchy.dramReadBytes(), hierarchy.dramWriteBytes(),
            MachineBuilder.dramBytesPerCycle(req.hw()),
            MissWindowBound.of(req.hw(), uarch.core(), stats, hierarchy.dramReadBytes(), 1), energy,
            compare(expected, actual, data.vector() != null ? data.vectorName() : "scalar reference"));
    }

    /** The program's assembly text in its ISA's syntax (LLVM syntax for Arm, Intel syntax for x86). */
    static String text(Program program) {
        return program.isa().startsWith("neon") ? ArmAsmText.print(program) : AsmText.print(program);
    }

    /**
     * The GEMV split over {@code threads} simulated cores (contiguous row chunks, shared L3 and DRAM); the result's
     * {@code threads} is N. Per-core figures: {@link org.ternsim.sim.multicore.MultiCoreGemv#run}. One thread is
     * exactly {@link #run(Request)}.
     */
    public static RunResult run(Request req, int threads) {
        return threads == 1 ? run(req) : org.ternsim.sim.multicore.MultiCoreGemv.run(req, threads).total();
    }

    /** Runs a program to completion; the limit only guards against a lowering bug looping forever. */
    public static long execute(Program program, SemanticsTable semantics, Memory memory, Interpreter.Listener listener) {
        MachineState state = new MachineState(memory);
        long regionBytes = program.regions().stream().mapToLong(Region::bytes).sum();
        long limit = 64L * program.code().size() + 64L * regionBytes + 1_000_000L;
        return new Interpreter(program, semantics, state).run(listener, limit);
    }

    public static RunResult.FunctionalCheck compare(float[] expected, float[] actual, String reference) {
        int mismatches = 0;
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                mismatches++;
            }
        }
        return new RunResult.FunctionalCheck(mismatches == 0, mismatches, expected.length, reference);
    }
}
