// Whole-run figures of merit: latency per unit of work, rates and energy by component (null = not available).
package org.ternsim.reports.data;

import java.util.Map;

/**
 * @param latencySeconds     per token (decode), per prompt (prefill), per step (diffusion) or per kernel call
 * @param tokensPerSecond    decode and prefill
 * @param secondsPerStep     diffusion
 * @param secondsPerImage    diffusion
 * @param energyJoules       same unit of work as the latency
 * @param energyByComponent  component -> joules, in the order the results give
 * @param areaMm2            silicon area of the design (accelerators), for latency-vs-area Pareto charts
 */
public record RunTotals(Double latencySeconds, Double tokensPerSecond, Double secondsPerStep, Double secondsPerImage,
        Double energyJoules, Map<String, Double> energyByComponent, Double areaMm2) {
    public RunTotals {
        energyByComponent = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(energyByComponent));
    }
}
