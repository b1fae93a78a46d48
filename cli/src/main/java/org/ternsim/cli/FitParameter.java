// A hardware-config field that `ternsim calibrate` may fit: its path, current value, bounds, and how a fitted value is
// written back (with its unit, or rounded for integer fields). A cache's ways are fitted at a fixed number of sets, so
// the fit changes the capacity the core can use (as a way-partitioned shared cache would) and keeps the index bits.
package org.ternsim.cli;

import java.util.List;
import java.util.Locale;
import org.ternsim.sim.config.CacheConfig;
import org.ternsim.sim.config.ConfigException;
import org.ternsim.sim.config.ConfigOverride;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.config.Units;

record FitParameter(String path, Kind kind, double current, double lo, double hi, long bytesPerWay) {

    /** The field kinds that shape a kernel's time and are continuous enough to fit. */
    enum Kind { FREQ, BANDWIDTH, TIME, INTEGER, PER_CYCLE, WAYS }

    static final String FITTABLE = "core.freq, dram.bandwidth, dram.latency, caches.<name>.latencyCycles, "
        + "caches.<name>.mshrs, caches.<name>.prefetcher.distance, caches.<name>.prefetcher.degree, "
        + "caches.<name>.fillBandwidth, caches.<name>.ways (capacity at fixed sets)";

    /** Whether the path names a fit-able field (for choosing estimate fields automatically). */
    static boolean fittable(String path) {
        return path.equals("core.freq") || path.equals("dram.bandwidth") || path.equals("dram.latency")
            || path.matches("caches\\.[^.]+\\.(latencyCycles|mshrs|prefetcher\\.distance|prefetcher\\.degree"
                + "|fillBandwidth|ways)");
    }

    /** {@code path} or {@code path=lo..hi} (bounds in the field's units); default bounds: half to twice the value. */
    static FitParameter parse(String spec, HardwareConfig c) {
        String[] eq = spec.split("=", 2);
        String path = eq[0].trim();
        if (!fittable(path)) throw new UserError("--fit " + path + ": not a fit-able field; fit-able: " + FITTABLE);
        Kind kind;
        double v;
        long bytesPerWay = 0;
        String[] parts = path.split("\\.");
        switch (path) {
            case "core.freq" -> { kind = Kind.FREQ; v = c.core().freqHz(); }
            case "dram.bandwidth" -> { kind = Kind.BANDWIDTH; v = c.dram().bandwidthBytesPerSec(); }
            case "dram.latency" -> { kind = Kind.TIME; v = c.dram().latencyNs(); }
            default -> {
                CacheConfig cache = c.caches().stream().filter(x -> x.name().equals(parts[1])).findFirst()
                    .orElseThrow(() -> new UserError("--fit " + path + ": no cache '" + parts[1] + "'; caches: "
                        + String.join(", ", c.caches().stream().map(CacheConfig::name).toList())));
                String field = path.substring(("caches." + parts[1] + ".").length());
                kind = switch (field) {
                    case "fillBandwidth" -> Kind.PER_CYCLE;
                    case "ways" -> Kind.WAYS;
                    default -> Kind.INTEGER;
                };
                v = switch (field) {
                    case "latencyCycles" -> cache.latencyCycles();
                    case "mshrs" -> cache.mshrs();
                    case "prefetcher.distance" -> cache.prefetcher().distance();
                    case "fillBandwidth" -> cache.fillBytesPerCycle();
                    case "ways" -> cache.ways();
                    default -> cache.prefetcher().degree();
                };
                if (kind == Kind.PER_CYCLE && v <= 0 && eq.length < 2) {
                    throw new UserError("--fit " + path + ": the level's fill is unlimited (0 B/cycle); give bounds,"
                        + " e.g. " + path + "=16..64");
                }
                bytesPerWay = (long) cache.sets() * cache.lineBytes();
            }
        }
        double lo = v / 2;
        double hi = v * 2;
        if (kind == Kind.INTEGER || kind == Kind.WAYS || kind == Kind.PER_CYCLE) {
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
        return new FitParameter(path, kind, v, lo, hi, bytesPerWay);
    }

    /** Whether fitted values are whole numbers (fill ports move whole bytes per cycle in the config). */
    boolean integral() {
        return kind == Kind.INTEGER || kind == Kind.WAYS || kind == Kind.PER_CYCLE;
    }

    private static double value(Kind kind, String text, String spec) {
        try {
            return switch (kind) {
                case FREQ -> Units.hz(text.trim());
                case BANDWIDTH -> Units.bytesPerSec(text.trim());
                case TIME -> Units.nanoseconds(text.trim());
                case INTEGER, WAYS -> Integer.parseInt(text.trim());
                case PER_CYCLE -> Integer.parseInt(text.trim().replace("B/cycle", ""));
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
            case INTEGER, WAYS -> Long.toString(Math.round(v));
            case PER_CYCLE -> Math.round(v) + "B/cycle";
        };
    }

    /** The config overrides that set the field to {@code v}; ways also set the size that keeps the sets. */
    List<ConfigOverride> overrides(double v, String source) {
        ConfigOverride field = new ConfigOverride(path, text(v), source);
        if (kind != Kind.WAYS) return List.of(field);
        String size = path.substring(0, path.length() - "ways".length()) + "size";
        return List.of(field, new ConfigOverride(size, Math.round(v) * bytesPerWay + "B", source));
    }

    static List<String> fieldsOf(HardwareConfig c, boolean estimatesOnly) {
        return c.provenance().sourceByField().entrySet().stream()
            .filter(e -> !estimatesOnly || e.getValue().startsWith(org.ternsim.sim.config.Provenance.ESTIMATE_PREFIX))
            .map(java.util.Map.Entry::getKey).filter(FitParameter::fittable).toList();
    }
}
