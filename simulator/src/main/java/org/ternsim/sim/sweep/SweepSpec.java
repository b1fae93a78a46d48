// A design-space sweep as written in configs/sweeps/*.yaml (or assembled from --param options): the base hardware
// config, the values of each swept parameter, how points are sampled, constraints and Pareto objectives.
package org.ternsim.sim.sweep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * @param params parameter name -> values, in the order the grid nests them (first outermost). A name is a dotted
 *     field path of the hardware config ({@code caches.L2.size}) or a run option of the evaluator ({@code shape})
 * @param objectives metrics to minimise for the Pareto front; those a point does not report (area on a CPU) are skipped
 */
public record SweepSpec(String name, String hw, String evaluator, Map<String, List<String>> params, Sampling sampling,
        List<Constraint> constraints, List<String> objectives) {
    public static final List<String> DEFAULT_OBJECTIVES = List.of("latency_s", "energy_j", "area_mm2");

    public SweepSpec {
        LinkedHashMap<String, List<String>> copy = new LinkedHashMap<>();
        params.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        params = Collections.unmodifiableMap(copy);
        constraints = List.copyOf(constraints);
        objectives = List.copyOf(objectives);
    }

    /** This spec with some parameters added or replaced (command-line --param over a sweep file). */
    public SweepSpec withParams(Map<String, List<String>> more) {
        LinkedHashMap<String, List<String>> p = new LinkedHashMap<>(params);
        p.putAll(more);
        return new SweepSpec(name, hw, evaluator, p, sampling, constraints, objectives);
    }
}
