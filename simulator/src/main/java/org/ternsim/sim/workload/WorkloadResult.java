// The outcome of one end-to-end run: every operator's cost, per-layer sums and the per-token / per-step summary.
package org.ternsim.sim.workload;

import java.util.List;
import java.util.Map;
import org.ternsim.sim.target.OperatorCost;

/**
 * @param workload    the workload run
 * @param phase       the unit of work
 * @param target      target name, e.g. zen5-2c
 * @param targetKind  cpu or accelerator
 * @param threads     threads (CPU)
 * @param exact       every row simulated (no steady-state extrapolation)
 * @param energy      energy model and node
 * @param kernels     kernel per operator class as chosen (linear, lmHead)
 * @param sparsity    sparsity used (given or measured) with its source
 * @param operators   one entry per operator call, in execution order
 * @param summary     totals for the unit of work
 */
public record WorkloadResult(Workload workload, Phase phase, String target, String targetKind, int threads,
        boolean exact, EnergyOptions energy, Map<String, String> kernels, Workload.Sparsity sparsity,
        List<OperatorResult> operators, Summary summary) {

    /** One operator call with its cost; energy is the one the chosen energy model reports. */
    public record OperatorResult(Operator op, OperatorCost cost, Map<String, Double> energyPj) {
        public double energyTotalPj() {
            return energyPj.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    /** Sums over operators of one layer or block. */
    public record LayerSum(String block, int layer, int operators, double cycles, double seconds, double energyPj,
            double dramBytes) {
    }

    /**
     * @param latencySeconds   per decode step, whole prompt, or per diffusion step
     * @param tokensPerSecond  decode and prefill, else NaN
     * @param secondsPerStep   diffusion, else NaN
     * @param secondsPerImage  diffusion (steps x step), else NaN
     * @param energyJoules     same unit of work as latency
     * @param energyByComponentJ energy by component, J
     * @param cycles           target cycles of the unit of work
     * @param dramBytes        bytes to and from main memory
     * @param secondsByModel   how much of the latency each cost model produced (simulated, extrapolated, hybrid,
     *                         analytic)
     * @param secondsByBound   latency by bound (compute, memory, latency)
     * @param secondsByClass   latency by operator class
     * @param layers           per layer / block
     */
    public record Summary(double latencySeconds, double tokensPerSecond, double secondsPerStep, double secondsPerImage,
            double energyJoules, Map<String, Double> energyByComponentJ, double cycles, double dramBytes,
            Map<String, Double> secondsByModel, Map<String, Double> secondsByBound, Map<String, Double> secondsByClass,
            List<LayerSum> layers) {
    }
}
