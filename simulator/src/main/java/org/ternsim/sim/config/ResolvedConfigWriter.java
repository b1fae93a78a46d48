// Writes the fully resolved config (every default filled in, units normalised, every value's source beside it) as
// YAML that HardwareConfigLoader reads back to an equal config: runs record exactly what was simulated (gem5's
// config.ini idea). The energy table is written inline so the file stands alone. Output is byte-identical for the
// same input: no timestamps, no absolute paths, fixed field order.
package org.ternsim.sim.config;

import java.math.BigDecimal;

/** Resolved-config YAML writer. */
public final class ResolvedConfigWriter {
    private ResolvedConfigWriter() {}

    /** The resolved config as YAML text (LF line endings). */
    public static String toYaml(HardwareConfig c) {
        Out o = new Out(c.provenance());
        o.raw("# Resolved hardware config '" + c.name() + "': all defaults filled in, units normalised.");
        o.raw("# Loaded from " + (c.source() == null ? "(built in code)" : c.source().getFileName())
                + "; source: \"default\" marks a value the file did not set.");
        o.raw("# Re-loadable: HardwareConfigLoader.load(this file) gives the same HardwareConfig.");
        o.leaf(0, "name", "name", quote(c.name()));
        o.leaf(0, "description", "description", quote(c.description()));
        o.leaf(0, "cores", "cores", Integer.toString(c.cores()));
        o.raw("core:");
        o.leaf(1, "uarch", "core.uarch", quote(c.core().uarch()));
        o.leaf(1, "freq", "core.freq", hz(c.core().freqHz()));
        o.raw("  isa: [" + String.join(", ", c.core().isa().stream().map(ResolvedConfigWriter::quote).toList()) + "]");
        o.raw("caches:");
        for (CacheConfig k : c.caches()) {
            String p = "caches." + k.name() + ".";
            o.leafItem(1, "name", p + "name", quote(k.name()));
            o.leaf(2, "size", p + "size", bytes(k.sizeBytes()));
            o.leaf(2, "ways", p + "ways", Integer.toString(k.ways()));
            o.leaf(2, "line", p + "line", bytes(k.lineBytes()));
            o.leaf(2, "latencyCycles", p + "latencyCycles", Integer.toString(k.latencyCycles()));
            o.leaf(2, "mshrs", p + "mshrs", Integer.toString(k.mshrs()));
            o.leaf(2, "shared", p + "shared", Boolean.toString(k.shared()));
            o.leaf(2, "replacement", p + "replacement", k.replacement().yamlName());
            o.leaf(2, "inclusion", p + "inclusion", k.inclusion().yamlName());
            o.leaf(2, "fillBandwidth", p + "fillBandwidth", plain(k.fillBytesPerCycle()) + "B/cycle");
            o.raw("    prefetcher:");
            o.leaf(3, "kind", p + "prefetcher.kind", k.prefetcher().kind());
            o.leaf(3, "degree", p + "prefetcher.degree", Integer.toString(k.prefetcher().degree()));
            o.leaf(3, "distance", p + "prefetcher.distance", Integer.toString(k.prefetcher().distance()));
        }
        DramConfig d = c.dram();
        o.raw("dram:");
        o.leaf(1, "type", "dram.type", quote(d.type()));
        o.leaf(1, "bandwidth", "dram.bandwidth", bandwidth(d.bandwidthBytesPerSec()));
        o.leaf(1, "peak", "dram.peak", bandwidth(d.peakBytesPerSec()));
        o.leaf(1, "latency", "dram.latency", plain(d.latencyNs()) + "ns");
        o.leaf(1, "channels", "dram.channels", Integer.toString(d.channels()));
        if (d.dataRateMTs() > 0) o.leaf(1, "dataRate", "dram.dataRate", plain(d.dataRateMTs()) + "MT/s");
        if (d.busBits() > 0) o.leaf(1, "busWidth", "dram.busWidth", Integer.toString(d.busBits()));
        o.leaf(1, "energyPerBit", "dram.energyPerBit", plain(d.energyPjPerBit()) + "pJ");
        o.leaf(1, "backgroundPower", "dram.backgroundPower", plain(d.backgroundPowerW()) + "W");
        EnergyTable e = c.energy();
        Out eo = new Out(e.provenance(), o.sb);
        eo.raw("# energy table '" + e.name() + "' inline (named in the original by: "
                + c.provenance().source("energy").orElse("(not recorded)").replace('\n', ' ') + ")");
        eo.raw("energy:");
        eo.leaf(1, "name", "name", quote(e.name()));
        eo.leaf(1, "node", "node", e.node());
        eo.raw("  actions:");
        for (EnergyAction a : e.actions().values()) {
            eo.raw("    " + a.name() + ": {value: " + plain(a.energyPj()) + "pJ, source: " + quote(a.source())
                    + ", estimate: " + a.estimate() + "}");
        }
        eo.leaf(1, "core_static_power", "core_static_power", plain(e.coreStaticPowerW()) + "W");
        eo.leaf(1, "uncore_static_power", "uncore_static_power", plain(e.uncoreStaticPowerW()) + "W");
        return o.sb.toString();
    }

    /** Appends lines; a leaf is written as {value, source[, estimate]} when its provenance is known. */
    static final class Out {
        final StringBuilder sb;
        final Provenance prov;

        Out(Provenance prov) {
            this(prov, new StringBuilder());
        }

        Out(Provenance prov, StringBuilder sb) {
            this.prov = prov;
            this.sb = sb;
        }

        void raw(String line) {
            sb.append(line).append('\n');
        }

        void leaf(int indent, String key, String path, String value) {
            raw("  ".repeat(indent) + key + ": " + wrap(path, value));
        }

        /** First key of a sequence item ("  - name: ..."). */
        void leafItem(int indent, String key, String path, String value) {
            raw("  ".repeat(indent) + "- " + key + ": " + wrap(path, value));
        }

        private String wrap(String path, String value) {
            String src = prov.sourceByField().get(path);
            if (src == null) return value;
            boolean est = src.startsWith(Provenance.ESTIMATE_PREFIX);
            if (est) src = src.substring(Provenance.ESTIMATE_PREFIX.length());
            return "{value: " + value + ", source: " + quote(src) + (est ? ", estimate: true" : "") + "}";
        }
    }

    /** Largest binary unit that divides exactly. */
    static String bytes(long b) {
        String[] units = {"TiB", "GiB", "MiB", "KiB"};
        for (int i = 0; i < units.length; i++) {
            long f = 1L << (10 * (4 - i));
            if (b != 0 && b % f == 0) return (b / f) + units[i];
        }
        return b + "B";
    }

    static String hz(double v) {
        return scaled(v, new String[] {"GHz", "MHz", "kHz", "Hz"});
    }

    static String bandwidth(double v) {
        return scaled(v, new String[] {"TB/s", "GB/s", "MB/s", "kB/s", "B/s"});
    }

    /** Decimal prefixes: the largest unit with a value >= 1; exact, because it only moves the decimal point. */
    private static String scaled(double v, String[] units) {
        BigDecimal x = BigDecimal.valueOf(v);
        for (int i = 0; i < units.length - 1; i++) {
            int shift = 3 * (units.length - 1 - i);
            BigDecimal s = x.movePointLeft(shift);
            if (s.compareTo(BigDecimal.ONE) >= 0) return s.stripTrailingZeros().toPlainString() + units[i];
        }
        return x.stripTrailingZeros().toPlainString() + units[units.length - 1];
    }

    /** Shortest decimal that reads back as the same double. */
    static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** A double-quoted YAML string. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\t': b.append("\\t"); break;
                case '\r': b.append("\\r"); break;
                default:
                    if (ch < 0x20) b.append(String.format("\\x%02x", (int) ch));
                    else b.append(ch);
            }
        }
        return b.append('"').toString();
    }
}
