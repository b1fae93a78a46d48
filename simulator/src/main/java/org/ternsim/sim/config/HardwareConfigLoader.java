// Loads configs/hw/<name>.yaml into a validated HardwareConfig (schema and defaults in package-info), together with
// the energy table it names, reporting every problem of both files in one ConfigException.
package org.ternsim.sim.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Hardware-config loader. */
public final class HardwareConfigLoader {
    // Model limits, not hardware facts: they bound the simulator's memory and time so that a typo cannot exhaust
    // either (a cache keeps per-line state; a prefetch degree of 2^31 would issue 2^31 requests per trigger).
    static final int MAX_WAYS = 1024;
    static final long MAX_CACHE_LINES = 1L << 22; // 256 MiB of 64 B lines
    static final int MAX_MSHRS = 4096;
    static final int MAX_LATENCY_CYCLES = 1_000_000;
    static final int MAX_PREFETCH_DEGREE = 64;
    static final int MAX_PREFETCH_DISTANCE = 65_536;
    private static final String CACHE_FORM = "a cache such as {name: L1D, size: 48KiB, ways: 12, latencyCycles: 4}";

    private HardwareConfigLoader() {}

    /**
     * Loads and validates a hardware config. {@code energy: <name>} is read from
     * {@code <dir of yaml>/../energy/<name>.yaml}; {@code energy:} may instead hold the table inline.
     *
     * @throws ConfigException with one line per problem if anything is wrong in either file
     */
    public static HardwareConfig load(Path yaml) {
        return load(yaml, List.of());
    }

    /**
     * Loads a config with some fields replaced (sweep points, calibration) and validates the result as a whole, so an
     * overridden value is checked exactly like one written in the file; its errors name the overridden field.
     */
    public static HardwareConfig load(Path yaml, List<ConfigOverride> overrides) {
        Problems problems = new Problems(yaml.toString());
        YamlNode doc = YamlTreeReader.read(yaml, problems);
        if (doc != null && !overrides.isEmpty()) doc = YamlOverrides.apply(doc, overrides, problems);
        HardwareConfig c = null;
        if (doc != null) {
            Map<String, String> prov = new LinkedHashMap<>();
            MappingReader r = MappingReader.root(doc, problems, prov);
            if (r != null) c = read(r, prov, yaml, problems);
        }
        problems.throwIfAny();
        return c;
    }

    private static HardwareConfig read(MappingReader r, Map<String, String> prov, Path yaml, Problems problems) {
        String name = r.name();
        String description = r.typed("description", d -> d, "", "a one-line description"); // may be empty
        Integer cores = r.integer("cores", null, 1, "2");
        CoreConfig core = readCore(r.mapping("core", false, "a mapping with uarch, freq and isa"));
        List<CacheConfig> caches = readCaches(r);
        DramConfig dram = readDram(r.mapping("dram", false, "a mapping with type, bandwidth, latency, energyPerBit"));
        EnergyTable energy = readEnergy(r, prov, yaml, problems);
        r.finish();
        if (caches != null && energy != null) checkCacheEnergy(r, caches, energy);
        if (name == null || description == null || cores == null || core == null || caches == null || dram == null
                || energy == null || !problems.isEmpty()) {
            return null;
        }
        return new HardwareConfig(name, description, cores, core, caches, dram, energy, new Provenance(prov), yaml);
    }

    private static CoreConfig readCore(MappingReader m) {
        if (m == null) return null;
        String uarch = m.typed("uarch", u -> { // the core model needs its port and latency tables
            List<String> known = org.ternsim.isa.uarch.UarchLoader.bundled();
            if (!known.contains(u)) {
                String hint = Suggestions.closest(u, known).map(x -> " (did you mean '" + x + "'?)").orElse("");
                throw new ConfigException("unknown microarchitecture '" + Units.show(u) + "'" + hint + "; expected one of "
                        + String.join(", ", known));
            }
            return u;
        }, null, "a bundled microarchitecture such as zen5");
        Double freq = m.typed("freq", within(Units::hz, 1e6, 1e11, "1MHz..100GHz"), null, Units.FREQ_FORM);
        List<String> isa = m.stringList("isa", null, "[avx2, avx512]");
        if (isa != null && !knownIsas(m)) isa = null;
        m.finish();
        return uarch == null || freq == null || isa == null ? null : new CoreConfig(uarch, freq, isa);
    }

    /** Whether every name of core.isa has lowerings; a name without any would be skipped silently at run time. */
    private static boolean knownIsas(MappingReader m) {
        List<String> known = org.ternsim.isa.lower.GemvLowerings.isas();
        boolean ok = true;
        for (YamlNode i : m.node.get("isa").items()) {
            if (!known.contains(i.text)) {
                String hint = Suggestions.closest(i.text, known).map(x -> " (did you mean '" + x + "'?)").orElse("");
                m.problems.add(i.line, i.col, m.child("isa"), "unknown ISA '" + Units.show(i.text) + "'" + hint,
                        "one of " + String.join(", ", known));
                ok = false;
            }
        }
        return ok;
    }

    /** The energy model prices each cache level by its name's actions, so a level without them cannot be simulated. */
    private static void checkCacheEnergy(MappingReader r, List<CacheConfig> caches, EnergyTable energy) {
        for (CacheConfig c : caches) {
            String prefix = c.name().toLowerCase(java.util.Locale.ROOT);
            if (!energy.actions().containsKey(prefix + ".read") || !energy.actions().containsKey(prefix + ".write")) {
                int[] w = r.where("caches");
                r.problems.add(w[0], w[1], "caches." + c.name() + ".name", "energy table " + energy.name()
                        + " has no actions " + prefix + ".read and " + prefix + ".write for this level",
                        "a level name the energy table prices, or those actions added to it");
            }
        }
    }

    private static List<CacheConfig> readCaches(MappingReader r) {
        List<YamlNode> items = r.sequence("caches", "a list of caches, L1D first");
        if (items == null) return null;
        List<CacheConfig> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        boolean ok = true;
        for (int i = 0; i < items.size(); i++) {
            YamlNode n = items.get(i);
            // Name the path by the level's name when it has a usable one: "caches.L2.size" reads better than [1].
            YamlNode nameNode = n.isMapping() ? n.get("name") : null;
            if (nameNode != null && nameNode.isMapping()) nameNode = nameNode.get("value");
            String path = nameNode != null && nameNode.isScalar() && !nameNode.text.isBlank()
                    && names.add(nameNode.text) ? "caches." + nameNode.text : "caches[" + i + "]";
            if (path.startsWith("caches[") && nameNode != null && nameNode.isScalar() && !nameNode.text.isBlank()) {
                r.problems.add(nameNode.line, nameNode.col, path + ".name", "duplicate cache name '" + nameNode.text + "'",
                        "unique level names such as L1D, L2, L3");
            }
            MappingReader m = r.item(n, path, CACHE_FORM);
            CacheConfig c = m == null ? null : readCache(m);
            if (c == null) ok = false;
            else out.add(c);
        }
        return ok ? out : null;
    }

    private static CacheConfig readCache(MappingReader m) {
        String name = m.string("name", null);
        Long size = m.typed("size", Units::bytes, null, Units.SIZE_FORM);
        Integer ways = m.integer("ways", null, 1, MAX_WAYS, "12");
        Long line = m.typed("line", Units::bytes, 64L, "a line size such as 64B");
        Integer latency = m.integer("latencyCycles", null, 0, MAX_LATENCY_CYCLES, "4");
        Integer mshrs = m.integer("mshrs", 16, 1, MAX_MSHRS, "24");
        Boolean shared = m.bool("shared", false);
        String repl = m.choice("replacement", List.of("lru", "tree-plru", "random"), "lru");
        String incl = m.choice("inclusion", List.of("non-inclusive", "inclusive", "exclusive"), "non-inclusive");
        Double fill = m.typed("fillBandwidth", HardwareConfigLoader::perCycle, 0.0,
                "a fill bandwidth in bytes per cycle such as 64B/cycle (0B/cycle = unlimited)");
        PrefetcherConfig pf = readPrefetcher(m.mapping("prefetcher", true, "{kind: stream, degree: 2, distance: 8}"),
                m.child("prefetcher"));
        m.finish();
        if (name == null || size == null || ways == null || line == null || latency == null || mshrs == null
                || shared == null || repl == null || incl == null || fill == null || pf == null) {
            return null;
        }
        boolean ok = true;
        if (line < 1 || Long.bitCount(line) != 1 || line > Integer.MAX_VALUE) {
            int[] w = m.where("line");
            m.problems.add(w[0], w[1], m.child("line"), "line size " + line + " B is not a power of two",
                    "a power of two such as 64B");
            ok = false;
        } else {
            long setBytes = (long) ways * line;
            int[] w = m.where("size");
            if (size / line > MAX_CACHE_LINES) {
                m.problems.add(w[0], w[1], m.child("size"), size + " B is " + size / line + " lines, more than the model's "
                        + MAX_CACHE_LINES, "at most " + MAX_CACHE_LINES * line + " B with " + line + " B lines");
                ok = false;
            } else if (size % setBytes != 0) {
                m.problems.add(w[0], w[1], m.child("size"), size + " B is not a multiple of ways x line = " + ways
                        + " x " + line + " B", "size = sets x ways x line with a power-of-two number of sets");
                ok = false;
            } else if (Long.bitCount(size / setBytes) != 1) {
                long sets = size / setBytes;
                long lower = Long.highestOneBit(sets);
                m.problems.add(w[0], w[1], m.child("size"), size + " B / (" + ways + " ways x " + line + " B) = " + sets
                        + " sets, not a power of two", "size = sets x ways x line with a power-of-two number of sets,"
                        + " e.g. " + lower * setBytes + " B or " + 2 * lower * setBytes + " B at " + ways + " ways");
                ok = false;
            }
        }
        if ("tree-plru".equals(repl) && (Integer.bitCount(ways) != 1 || ways > CacheConfig.TREE_PLRU_MAX_WAYS)) {
            int[] w = m.where("replacement");
            m.problems.add(w[0], w[1], m.child("replacement"), "tree-plru needs a power-of-two number of ways up to "
                    + CacheConfig.TREE_PLRU_MAX_WAYS + ", got " + ways, "lru or random for " + ways + " ways");
            ok = false;
        }
        if (!ok) return null;
        return new CacheConfig(name, size, ways, line.intValue(), latency, mshrs, shared,
                Replacement.valueOf(repl.toUpperCase(java.util.Locale.ROOT).replace('-', '_')), pf,
                Inclusion.valueOf(incl.toUpperCase(java.util.Locale.ROOT).replace('-', '_')), fill);
    }

    /** "64B/cycle" -> 64.0. */
    private static double perCycle(String s) {
        String t = s.strip();
        if (!t.endsWith("/cycle")) {
            throw new ConfigException("'" + Units.show(s) + "' is not a bandwidth per cycle; expected a fill bandwidth"
                    + " such as 64B/cycle");
        }
        return Units.bytes(t.substring(0, t.length() - "/cycle".length()));
    }

    private static PrefetcherConfig readPrefetcher(MappingReader m, String path) {
        if (m == null) return PrefetcherConfig.NONE; // whole section absent: defaults recorded below would be noise
        String kind = m.choice("kind", PrefetcherConfig.KINDS, "none");
        int dflt = "none".equals(kind) ? 0 : 1;
        Integer degree = m.integer("degree", dflt, 0, MAX_PREFETCH_DEGREE, "2");
        Integer distance = m.integer("distance", dflt, 0, MAX_PREFETCH_DISTANCE, "8");
        m.finish();
        return kind == null || degree == null || distance == null ? null : new PrefetcherConfig(kind, degree, distance);
    }

    private static DramConfig readDram(MappingReader m) {
        if (m == null) return null;
        DramPreset preset = null;
        if (m.has("preset")) {
            String name = m.choice("preset", DramPreset.names(), null);
            if (name == null) return null;
            preset = DramPreset.find(name).orElseThrow();
        }
        DramPreset p = preset;
        String type = m.string("type", p == null ? null : p.name().toUpperCase(java.util.Locale.ROOT));
        Integer channels = m.integer("channels", p == null ? 1 : p.channels(), 1, "12");
        Double rate = m.typed("dataRate", Units::megaTransfers, p == null ? 0.0 : p.dataRateMTs(),
                "a transfer rate such as 4800MT/s");
        Integer bus = m.integer("busWidth", p == null ? 0 : p.busBits(), 0, "64 (bits per channel)");
        double derivedPeak = channels == null || rate == null || bus == null ? 0
                : DramPreset.peakBytesPerSec(channels, rate, bus);
        Double peakGiven = m.has("peak") ? m.typed("peak", Units::bytesPerSec, null, Units.BANDWIDTH_FORM) : null;
        Double bw = m.typed("bandwidth", within(Units::bytesPerSec, 1e6, 1e15, "1MB/s..1PB/s"),
                p == null ? null : p.efficiency() * (peakGiven != null ? peakGiven : derivedPeak), Units.BANDWIDTH_FORM);
        Double peak = peakGiven != null ? peakGiven
                : m.typed("peak", Units::bytesPerSec, derivedPeak > 0 ? derivedPeak : bw == null ? 1.0 : bw,
                        Units.BANDWIDTH_FORM);
        Double lat = m.typed("latency", within(Units::nanoseconds, 0, 1e6, "0ns..1ms"), p == null ? null : p.latencyNs(),
                Units.TIME_FORM);
        Double epb = m.typed("energyPerBit", Units::picojoules, p == null ? null : p.energyPjPerBit(),
                "an energy per bit such as 12pJ");
        Double bg = m.typed("backgroundPower", Units::watts, 0.0, Units.POWER_FORM);
        if (p != null) {
            String src = "[preset " + p.name() + "] " + p.source();
            for (String k : List.of("type", "channels", "dataRate", "busWidth", "bandwidth", "latency", "energyPerBit")) {
                m.recordPresetSource(k, src);
            }
            m.recordPresetSource("peak", "[derived] channels x busWidth / 8 x dataRate");
        } else if (derivedPeak > 0 && !m.has("peak")) {
            m.recordPresetSource("peak", "[derived] channels x busWidth / 8 x dataRate");
        }
        m.finish();
        if (type == null || bw == null || peak == null || lat == null || channels == null || epb == null || bg == null
                || rate == null || bus == null) {
            return null;
        }
        if (bw > peak) {
            int[] w = m.where("bandwidth");
            m.problems.add(w[0], w[1], m.child("bandwidth"), "sustainable bandwidth exceeds peak " + peak / 1e9 + " GB/s",
                    "bandwidth <= peak");
            return null;
        }
        return new DramConfig(type, bw, peak, lat, channels, epb, bg, rate, bus);
    }

    /** A unit parser limited to the range the model handles (a clock of 1e-300 Hz would never finish). */
    private static java.util.function.Function<String, Double> within(java.util.function.Function<String, Double> parse,
            double lo, double hi, String range) {
        return s -> {
            double v = parse.apply(s);
            if (!(v >= lo && v <= hi)) {
                throw new ConfigException("'" + Units.show(s) + "' is outside the modelled range; expected " + range);
            }
            return v;
        };
    }

    private static EnergyTable readEnergy(MappingReader r, Map<String, String> prov, Path yaml, Problems problems) {
        if (r.has("energy") && r.node.get("energy").isMapping() && r.node.get("energy").get("value") == null) {
            MappingReader m = r.mapping("energy", false, "an energy table name or an inline table");
            return EnergyTableLoader.read(m, prov); // inline table, as ResolvedConfigWriter writes it
        }
        String name = r.typed("energy", s -> {
            if (!s.matches("[A-Za-z0-9._-]{1,100}")) {
                throw new ConfigException("'" + Units.show(s) + "' is not a table name; expected a file name under configs/energy"
                        + " without .yaml, such as zen5-n4");
            }
            return s;
        }, null, "an energy table name such as zen5-n4");
        if (name == null) return null;
        Path dir = yaml.toAbsolutePath().getParent();
        Path file = dir.resolveSibling("energy").resolve(name + ".yaml");
        Path shown = yaml.getParent() == null ? Path.of("..", "energy", name + ".yaml")
                : yaml.getParent().resolveSibling("energy").resolve(name + ".yaml");
        try {
            return EnergyTableLoader.load(file);
        } catch (ConfigException e) {
            int[] w = r.where("energy");
            for (String p : e.problems()) {
                // Keep the energy file's own positions; a missing file is reported at the hw file's energy: line.
                if (p.endsWith(": file not found")) {
                    problems.add(w[0], w[1], "energy", "energy table file " + shown + " not found",
                            "an existing table under configs/energy");
                } else {
                    problems.addRaw(p.replace(file.toString(), shown.toString()));
                }
            }
            return null;
        }
    }
}
