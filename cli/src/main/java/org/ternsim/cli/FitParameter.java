// A hardware-config field that `ternsim calibrate` may fit: its path, current value, bounds, and how a fitted value is
// written back (with its unit, or rounded for integer fields).
package org.ternsim.cli;

import java.util.List;
import java.util.Locale;
import org.ternsim.sim.config.CacheConfig;
import org.ternsim.sim.config.ConfigException;
import org.ternsim.sim.config.ConfigOverride;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.config.Units;

record FitParameter(String path, Kind kind, double current, double lo, double hi) {

    /** The field kinds that shape a kernel's time and are continuous enough to fit. */
    enum Kind { FREQ, BANDWIDTH, TIME, INTEGER }

    static final String FITTABLE = "core.freq, dram.bandwidth, dram.latency, caches.<name>.latencyCycles, "
        + "caches.<name>.mshrs, caches.<name>.prefetcher.distance, caches.<name>.prefetcher.degree";

    /** Whether the path names a fit-able field (for choosing estimate fields automatically). */
    static boolean fittable(String path) {
        return path.equals("core.freq") || path.equals("dram.bandwidth") || path.equals("dram.latency")
            || path.matches("caches\\.[^.]+\\.(latencyCycles|mshrs|prefetcher\\.distance|prefetcher\\.degree)");
    }

    /** {@code path} or {@code path=lo..hi} (bounds in the field's units); default bounds: half to twice the value. */
    static FitParameter parse(String spec, HardwareConfig c) {
        String[] eq = spec.split("=", 2);
        String path = eq[0].trim();
        if (!fittable(path)) throw new UserError("--fit " + path + ": not a fit-able field; fit-able: " + FITTABLE);
        Kind kind;
        double v;
        String[] parts = path.split("\\.");
        switch (path) {
            case "core.freq" -> { kind = Kind.FREQ; v = c.core().freqHz(); }
            case "dram.bandwidth" -> { kind = Kind.BANDWIDTH; v = c.dram().bandwidthBytesPerSec(); }
            case "dram.latency" -> { kind = Kind.TIME; v = c.dram().latencyNs(); }
            default -> {
                kind = Kind.INTEGER;
                CacheConfig cache = c.caches().stream().filter(x -> x.name().equals(parts[1])).findFirst()
                    .orElseThrow(() -> new UserError("--fit " + path + ": no cache '" + parts[1] + "'; caches: "
                        + String.join(", ", c.caches().stream().map(CacheConfig::name).toList())));
                String field = path.substring(("caches." + parts[1] + ".").length());
                v = switch (field) {
                    case "latencyCycles" -> cache.latencyCycles();
                    case "mshrs" -> cache.mshrs();
                    case "prefetcher.distance" -> cache.prefetcher().distance();
                    default -> cache.prefetcher().degree();
                };
            }
        }
        double lo = v / 2;
        double hi = v * 2;
        if (kind == Kind.INTEGER) {
            lo = Math.max(1, Math.floor(lo));
            hi = Math.max(lo + 1, Math.ceil(hi));
        }
        if (eq.length == 2) {
            String[] b = eq[1].split("\\.\\.");
            if (b.length != 2) throw new UserError("--fit " + spec + ": expected path=lo..hi such as dram.bandwidth=20GB/s..80GB/s");
            lo = value(kind, b[0], spec);
            hi = value(kind, b[1], spec);
            if (!(lo < hi) || lo <= 0) throw new UserError("--fit " + spec + ": expected 0 < lo < hi");
        }
        return new FitParameter(path, kind, v, lo, hi);
    }

    private static double value(Kind kind, String text, String spec) {
        try {
            return switch (kind) {
                case FREQ -> Units.hz(text.trim());
                case BANDWIDTH -> Units.bytesPerSec(text.trim());
                case TIME -> Units.nanoseconds(text.trim());
                case INTEGER -> Integer.parseInt(text.trim());
            };
        } catch (ConfigException | NumberFormatException e) {
            throw new UserError("--fit " + spec + ": bad bound '" + text + "': " + e.getMessage());
        }
    }

    /** The value as the config file writes it. */
    String text(double v) {
        return switch (kind) {
            case FREQ -> String.format(Locale.ROOT, "%.4fGHz", v / 1e9);
            case BANDWIDTH -> String.format(Locale.ROOT, "%.3fGB/s", v / 1e9);
            case TIME -> String.format(Locale.ROOT, "%.2fns", v);
            case INTEGER -> Long.toString(Math.round(v));
        };
    }

    ConfigOverride override(double v, String source) {
        return new ConfigOverride(path, text(v), source);
    }

    static List<String> fieldsOf(HardwareConfig c, boolean estimatesOnly) {
        return c.provenance().sourceByField().entrySet().stream()
            .filter(e -> !estimatesOnly || e.getValue().startsWith(org.ternsim.sim.config.Provenance.ESTIMATE_PREFIX))
            .map(java.util.Map.Entry::getKey).filter(FitParameter::fittable).toList();
    }
}
