// What one operator call costs on a target: time, energy by component, bytes moved, the bound and how it was obtained.
package org.ternsim.sim.target;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * @param cycles      target clock cycles of the call (wall time with all threads)
 * @param seconds     cycles / clock
 * @param energyPj    energy by component (core, L1D, L2, L3, DRAM, static, ... or arithmetic) in pJ
 * @param dramBytes   bytes moved to and from main memory
 * @param bound       compute, memory or latency
 * @param model       how the number was obtained: {@link #SIMULATED}, {@link #EXTRAPOLATED}, {@link #HYBRID},
 *                    {@link #ANALYTIC}
 * @param isa         ISA of the simulated program, "" for analytic costs
 * @param note        one line on the method (e.g. "rows 32+96 of 2560 simulated, cold, 2 threads")
 */
public record OperatorCost(double cycles, double seconds, Map<String, Double> energyPj, double dramBytes, String bound,
        String model, String isa, String note) {

    /** The kernel's program ran on the core and memory model for the whole operator. */
    public static final String SIMULATED = "simulated";
    /** The program ran on a subset of rows until steady state; the rest is extrapolated from the marginal cost. */
    public static final String EXTRAPOLATED = "extrapolated";
    /** A simulated GEMV per token, with the weights reused from cache across tokens (no GEMM lowering yet). */
    public static final String HYBRID = "hybrid";
    /** Bytes over bandwidth and operations over peak throughput; nothing was executed. */
    public static final String ANALYTIC = "analytic";

    public OperatorCost {
        energyPj = Collections.unmodifiableMap(new LinkedHashMap<>(energyPj));
    }

    public double energyTotalPj() {
        return energyPj.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
