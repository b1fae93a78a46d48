// Where each configured number came from: the config file's source: strings, per dotted field path.
package org.ternsim.sim.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Source text per field path, in file order, e.g. {@code "caches.L2.size" -> "sysfs on the dev VM ..."}.
 * Estimates are prefixed {@code "[estimate] "}; fields filled from defaults have the source {@code "default"}.
 */
public record Provenance(Map<String, String> sourceByField) {
    public static final String DEFAULT = "default";
    public static final String ESTIMATE_PREFIX = "[estimate] ";

    public Provenance {
        sourceByField = Collections.unmodifiableMap(new LinkedHashMap<>(sourceByField));
    }

    public static Provenance empty() {
        return new Provenance(Map.of());
    }

    /** The recorded source of a field, if any. */
    public Optional<String> source(String fieldPath) {
        return Optional.ofNullable(sourceByField.get(fieldPath));
    }
}
