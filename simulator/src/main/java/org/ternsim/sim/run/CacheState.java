// Whether a kernel starts with its data in the caches (a repeated call, as kernel benchmarks measure) or not.
package org.ternsim.sim.run;

public enum CacheState {
    /** Every region the program uses was touched once, in address order, before timing starts. */
    WARM,
    /** Caches start empty: the first call after other layers evicted this one's weights. */
    COLD
}
