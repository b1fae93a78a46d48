// One replaced field of a hardware config: a dotted path into the YAML tree (caches.L2.size, core.freq, dram.bandwidth)
// and the new value as it would be written in the file, with the source recorded for it (sweep point, calibration).
package org.ternsim.sim.config;

/**
 * A field override. Path segments name mapping keys; inside a list, a segment names the item whose {@code name} it is
 * ({@code caches.L2}) or its index ({@code caches[1]} or {@code caches.1}).
 */
public record ConfigOverride(String path, String value, String source) {
    public ConfigOverride {
        if (path == null || path.isBlank() || path.startsWith(".") || path.endsWith(".") || path.contains("..")) {
            throw new ConfigException("'" + path + "' is not a field path; expected a dotted path such as core.freq");
        }
        if (value == null) throw new ConfigException(path + ": missing value; expected path=value");
    }

    /** {@code path=value} as on a command line. */
    public static ConfigOverride parse(String assignment, String source) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException("'" + assignment + "' is not an assignment; expected path=value such as"
                    + " dram.bandwidth=40GB/s");
        }
        return new ConfigOverride(assignment.substring(0, eq).trim(), assignment.substring(eq + 1).trim(), source);
    }

    @Override
    public String toString() {
        return path + "=" + value;
    }
}
