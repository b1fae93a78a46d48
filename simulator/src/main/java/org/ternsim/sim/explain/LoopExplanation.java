// What `ternsim explain` reports about one loop: per-instruction timing and ports, cycles/iteration, bounds, timeline.
package org.ternsim.sim.explain;

import java.util.List;
import java.util.Map;
import org.ternsim.sim.core.LoopBounds;
import org.ternsim.sim.core.SteadyState;

/**
 * @param program            program name
 * @param uarch              core table name
 * @param loopLabel          the loop's head label
 * @param iterations         iterations simulated back to back (L1-resident, as llvm-mca assumes)
 * @param instructions       the loop body
 * @param steadyState        the core's steady-state detector on this run
 * @param cyclesPerIteration steady-state cycles per iteration
 * @param bounds             analytic per-iteration bounds
 * @param bottleneck         binding constraint, e.g. "ports FP0,FP1" or "dependency"
 * @param timeline           stage timestamps of a few iterations
 */
public record LoopExplanation(String program, String uarch, String loopLabel, int iterations,
                              List<InstructionView> instructions, SteadyState steadyState, double cyclesPerIteration,
                              LoopBounds bounds, String bottleneck, List<TimelineRow> timeline) {

    /**
     * @param pc                 static index
     * @param text               assembly text
     * @param form               timing-table key
     * @param uops               macro-ops
     * @param latency            table latency (loads: beyond load-to-use)
     * @param rthr               table reciprocal throughput
     * @param usage              table port usage
     * @param portsPerIteration  uops issued to each port per iteration in the measured steady state
     * @param fusedWithPrevious  a jcc macro-fused with the flag setter before it
     */
    public record InstructionView(int pc, String text, String form, int uops, int latency, double rthr, String usage,
                                  Map<String, Double> portsPerIteration, boolean fusedWithPrevious) {
    }

    /** One instruction of one iteration: cycles relative to the first dispatch of the timeline. */
    public record TimelineRow(int iteration, int index, String text, long dispatch, long issue, long complete,
                              long retire) {
    }
}
