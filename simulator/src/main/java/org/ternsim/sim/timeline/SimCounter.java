// A counter sample in simulated time: from this instant on, each named series has this value (e.g. stall % by cause).
package org.ternsim.sim.timeline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * @param unit      top-level track the counter belongs to
 * @param name      counter name, with its unit, e.g. {@code "dispatch stalls (% of cycles)"}
 * @param atSeconds simulated time the values take effect
 * @param values    series name to value, in order
 */
public record SimCounter(String unit, String name, double atSeconds, Map<String, Double> values) {

    public SimCounter {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public SimCounter shifted(double seconds) {
        return new SimCounter(unit, name, atSeconds + seconds, values);
    }
}
