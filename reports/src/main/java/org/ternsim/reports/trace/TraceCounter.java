// A counter sample for the trace export: from this time on, each series of the named counter has this value.
package org.ternsim.reports.trace;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * @param name      counter, with its unit, e.g. {@code "dispatch stalls (% of simulated cycles)"}
 * @param process   top-level track it is drawn under
 * @param atSeconds simulated time
 * @param values    series to value, in order
 */
public record TraceCounter(String name, String process, double atSeconds, Map<String, Double> values) {

    public TraceCounter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(process, "process");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        if (!Double.isFinite(atSeconds)) {
            throw new IllegalArgumentException("counter '" + name + "': time must be finite, got " + atSeconds);
        }
    }
}
