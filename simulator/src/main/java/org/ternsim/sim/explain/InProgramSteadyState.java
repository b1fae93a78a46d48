// The hot loop's steady state inside a full GEMV program run (functional + timing, warm caches): adds memory effects back.
package org.ternsim.sim.explain;

import java.util.Optional;
import org.ternsim.isa.Memory;
import org.ternsim.isa.Program;
import org.ternsim.isa.Region;
import org.ternsim.isa.lower.GemvLowering;
import org.ternsim.isa.uarch.Microarchitecture;
import org.ternsim.sim.core.OutOfOrderCore;
import org.ternsim.sim.core.SteadyState;
import org.ternsim.sim.mem.MemoryHierarchy;
import org.ternsim.sim.run.GemvSimulation;

/**
 * @param steadyState the innermost loop that ran most, as the core's detector saw it in the whole program
 * @param cycles      total simulated cycles of the program
 * @param instructions instructions executed
 */
public record InProgramSteadyState(Optional<SteadyState> steadyState, long cycles, long instructions) {

    /** Runs {@code lowering}'s GEMV of {@code rows x cols} on random data with all regions warmed into the caches. */
    public static InProgramSteadyState run(GemvLowering lowering, Microarchitecture uarch, MemoryHierarchy memory,
                                           int rows, int cols, long seed) {
        lowering.checkShape(rows, cols);
        Program program = lowering.lower(rows, cols);
        Memory mem = new Memory(program.regions());
        lowering.random(rows, cols, seed).bind(mem);
        for (Region r : program.regions()) {
            memory.warm(r.base(), r.bytes());
        }
        OutOfOrderCore core = new OutOfOrderCore(program, uarch, memory);
        GemvSimulation.execute(program, lowering.semantics(), mem, core);
        var stats = core.stats();
        return new InProgramSteadyState(core.steadyState(), stats.cycles(), stats.instructions());
    }
}
