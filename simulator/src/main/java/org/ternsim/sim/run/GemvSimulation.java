// Simulates one I2_S GEMV end to end: data, reference output, lowered program, functional + timed execution, energy.
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
import org.ternsim.isa.lower.I2sAvx2Gemv;
import org.ternsim.isa.uarch.Microarchitecture;
import org.ternsim.isa.uarch.UarchLoader;
import org.ternsim.isa.x86.X86Semantics;
import org.ternsim.kernels.format.I2sLayout;
import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.gemv.I2sGemv;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.core.CoreStats;
import org.ternsim.sim.core.OutOfOrderCore;
import org.ternsim.sim.energy.EnergyModel;
import org.ternsim.sim.energy.EnergyReport;
import org.ternsim.sim.mem.Cache;
import org.ternsim.sim.mem.CacheStats;
import org.ternsim.sim.mem.MemoryHierarchy;

public final class GemvSimulation {

    public static final List<String> KERNELS = List.of("i2_s");

    private GemvSimulation() {
    }

    public record Request(HardwareConfig hw, String kernel, int rows, int cols, long seed, CacheState cacheState) {
        public Request {
            if (!KERNELS.contains(kernel)) {
                throw new IllegalArgumentException("unknown kernel '" + kernel + "'; valid: " + String.join(", ", KERNELS));
            }
            checkShape(rows, cols);
            if (!hw.core().isa().contains("avx2")) {
                throw new IllegalArgumentException("kernel i2_s is lowered for avx2, which " + hw.name() + " does not list");
            }
        }
    }

    /** Rejects shapes the I2_S AVX2 program cannot run functionally, with the reason and the nearest valid K. */
    public static void checkShape(int rows, int cols) {
        if (rows < 1) {
            throw new IllegalArgumentException("needs M >= 1, got " + rows);
        }
        I2sLayout.X86_128.checkCols(cols);
        if ((long) rows * cols / 4 + I2sWeights.TAIL_BYTES > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(rows + "x" + cols + " is too large to execute functionally"
                + " (at most 2^31 bytes of packed weights)");
        }
    }

    public static RunResult run(Request req) {
        Program program = I2sAvx2Gemv.lower(req.rows(), req.cols());
        GemvData data = GemvData.random(req.rows(), req.cols(), req.seed());
        I2sGemv reference = I2sGemv.selected();
        float[] expected = new float[req.rows()];
        reference.gemv(data.weights(), data.activations(), expected);

        Memory memory = new Memory(program.regions());
        I2sAvx2Gemv.bind(memory, data.weights(), data.activations());
        Microarchitecture uarch = UarchLoader.load(req.hw().core().uarch());
        MemoryHierarchy hierarchy = MachineBuilder.memory(req.hw());
        if (req.cacheState() == CacheState.WARM) {
            for (Region r : program.regions()) {
                hierarchy.warm(r.base(), r.bytes());
            }
        }
        OutOfOrderCore core = new OutOfOrderCore(program, uarch, hierarchy);
        execute(program, X86Semantics.table(), memory, core);
        float[] actual = I2sAvx2Gemv.readOutput(memory);

        CoreStats stats = core.stats();
        double seconds = stats.cycles() / req.hw().core().freqHz();
        EnergyReport energy = EnergyModel.estimate(req.hw(), stats, hierarchy, seconds, 1);
        List<CacheStats> caches = new ArrayList<>();
        for (Cache c : hierarchy.levels()) {
            caches.add(c.stats());
        }
        return new RunResult("gemv", req.kernel(), "avx2", req.rows(), req.cols(), 1, req.hw().name(), uarch.name(),
            req.hw().core().freqHz(), req.cacheState(), program.name(), AsmText.print(program),
            (long) data.weights().data().length + data.activations().codes().length, stats, caches, hierarchy.dramReadBytes(),
            hierarchy.dramWriteBytes(), MachineBuilder.dramBytesPerCycle(req.hw()), energy,
            compare(expected, actual, I2sGemv.describe()));
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
