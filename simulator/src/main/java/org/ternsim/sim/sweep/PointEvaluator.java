// The per-point evaluation of a sweep, pluggable: given the base hardware file, the point's overrides and run
// options, check everything (bad points must fail here, before any point runs) and return a job computing metrics.
package org.ternsim.sim.sweep;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ternsim.sim.config.ConfigOverride;

public interface PointEvaluator {

    /** The name used by sweep files ({@code evaluator: gemv}). */
    String name();

    /** Run options this evaluator takes (parameters without a config path), with their defaults. */
    Map<String, String> runOptions();

    /** The metrics a job reports, in column order (a job may omit ones it cannot compute). */
    List<String> metrics();

    /**
     * Loads and validates one point. Throws {@link org.ternsim.sim.config.ConfigException} (located, for config
     * fields) or IllegalArgumentException (for run options) if the point is invalid.
     */
    Job prepare(Path hw, List<ConfigOverride> overrides, Map<String, String> options);

    /** A validated point, ready to run; thread-safe with respect to other jobs. */
    interface Job {
        /** Metric name -> Number, String or Boolean. */
        Map<String, Object> evaluate();
    }
}
