// The evaluators a sweep file can name; add new ones (workloads, accelerators) here.
package org.ternsim.sim.sweep;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.ternsim.sim.config.ConfigException;

public final class PointEvaluators {
    private static final Map<String, Supplier<PointEvaluator>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("gemv", GemvPointEvaluator::new);
        ALL.put("workload", WorkloadPointEvaluator::new);
    }

    private PointEvaluators() {}

    public static PointEvaluator byName(String name) {
        Supplier<PointEvaluator> s = ALL.get(name);
        if (s == null) {
            throw new ConfigException("unknown evaluator '" + name + "'; expected one of " + String.join(", ", ALL.keySet()));
        }
        return s.get();
    }
}
