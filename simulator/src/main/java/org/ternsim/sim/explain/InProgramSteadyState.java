// The hot loop's steady state inside a full I2_S GEMV run (functional + timing, warm caches): adds memory effects back.
package org.ternsim.sim.explain;

import java.util.Optional;
import org.ternsim.isa.Memory;
import org.ternsim.isa.Program;
import org.ternsim.isa.Region;
import org.ternsim.isa.lower.I2sAvx2Gemv;
import org.ternsim.isa.uarch.Microarchitecture;
import org.ternsim.isa.x86.X86Semantics;
import org.ternsim.sim.core.OutOfOrderCore;
import org.ternsim.sim.core.SteadyState;
import org.ternsim.sim.mem.MemoryHierarchy;
import org.ternsim.sim.run.GemvData;
import org.ternsim.sim.run.GemvSimulation;

/**
 * @param steadyState the innermost loop that ran most, as the core's detector saw it in the whole program
 * @param cycles      total simulated cycles of the program
 * @param instructions instructions executed
 */
public record InProgramSteadyState(Optional<SteadyState> steadyState, long cycles, long instructions) {

    /** Runs the I2_S AVX2 GEMV of {@code rows x cols} on random data with all regions warmed into the caches. */
    public static InProgramSteadyState i2sAvx2(Microarchitecture uarch, MemoryHierarchy memory, int rows, int cols,
                                               long seed) {
        GemvSimulation.checkShape(rows, cols);
        Program program = I2sAvx2Gemv.lower(rows, cols);
        GemvData data = GemvData.random(rows, cols, seed);
        Memory mem = new Memory(program.regions());
        I2sAvx2Gemv.bind(mem, data.weights(), data.activations());
        for (Region r : program.regions()) {
            memory.warm(r.base(), r.bytes());
        }
        OutOfOrderCore core = new OutOfOrderCore(program, uarch, memory);
        GemvSimulation.execute(program, X86Semantics.table(), mem, core);
        var stats = core.stats();
        return new InProgramSteadyState(core.steadyState(), stats.cycles(), stats.instructions());
    }
}
