// One design point of a sweep: its index in the plan (stable across shards and reruns) and its parameter values.
package org.ternsim.sim.sweep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

public record SweepPoint(int index, Map<String, String> params) {
    public SweepPoint {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** "a=1 b=2", for progress lines and error messages. */
    public String label() {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
}
