// A completed sweep point as stored, one JSON line each, in the sweep directory's points.jsonl.
package org.ternsim.sim.sweep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

public record PointRecord(int index, Map<String, String> params, Map<String, Object> metrics) {
    public PointRecord {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
}
