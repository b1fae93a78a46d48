// The evaluators a sweep file can name; add new ones (workloads, accelerators) here.
package org.ternsim.sim.sweep;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.ternsim.sim.config.ConfigException;

public final class PointEvaluators {
    private static final Map<String, Supplier<PointEvaluator>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("gemv", GemvPointEvaluator::new);
        ALL.put("workload", WorkloadPointEvaluator::new);
    }

    private PointEvaluators() {}

    /** The names a sweep file's {@code evaluator:} may give. */
    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    /** Every metric some evaluator reports: an objective outside these could never be minimised. */
    public static Set<String> metrics() {
        Set<String> all = new LinkedHashSet<>();
        ALL.values().forEach(s -> all.addAll(s.get().metrics()));
        return all;
    }

    public static PointEvaluator byName(String name) {
        Supplier<PointEvaluator> s = ALL.get(name);
        if (s == null) {
            throw new ConfigException("unknown evaluator '" + name + "'; expected one of " + String.join(", ", ALL.keySet()));
        }
        return s.get();
    }
}
