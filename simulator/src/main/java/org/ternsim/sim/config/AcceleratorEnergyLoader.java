// Loads configs/energy/accel-<node>.yaml (kind: accelerator-energy) into an AccelEnergyTable with located errors.
package org.ternsim.sim.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ternsim.sim.accel.AccelActions;
import org.ternsim.sim.accel.AccelEnergyTable;
import org.ternsim.sim.accel.AreaEntry;
import org.ternsim.sim.accel.SramPoint;

/**
 * Accelerator energy/area table. Schema:
 * <pre>
 * kind: accelerator-energy          # required
 * name: accel-16nm                  # required
 * node: 16nm                        # required
 * description: "..."                # default ""
 * actions:                          # required: every name of AccelActions.ENERGY, each an energy with a source
 *   ternary_mac: {value: 0.035pJ, source: "...", estimate: true}
 * sram:                             # required, >= 2 items in increasing size: CACTI-style points per 64-bit access
 *   - {size: 8KiB, read: 1.5pJ, write: 1.7pJ, leakage: 2.6mW, area: 0.0063mm2, source: "...", estimate: false}
 * area:                             # required: every name of AccelActions.AREAS, an area (mm2 or um2) with a source
 *   ternary_pe: {value: 52um2, source: "...", estimate: true}
 * </pre>
 */
public final class AcceleratorEnergyLoader {
    static final String AREA_FORM = "an area such as 0.027mm2 or 36um2";
    private static final Pattern AREA = Pattern.compile(
            "\\s*([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d{1,4})?)\\s*(mm2|um2|µm2|mm²|µm²|um²)\\s*");

    private AcceleratorEnergyLoader() {
    }

    /** Loads one table; throws ConfigException listing every problem. */
    public static AccelEnergyTable load(Path yaml) {
        Problems problems = new Problems(yaml.toString());
        YamlNode doc = YamlTreeReader.read(yaml, problems);
        AccelEnergyTable t = null;
        if (doc != null) {
            Map<String, String> prov = new LinkedHashMap<>();
            MappingReader r = MappingReader.root(doc, problems, prov);
            if (r != null) t = read(r, prov);
        }
        problems.throwIfAny();
        return t;
    }

    /** An area in mm^2 ("0.027mm2", "36um2"). */
    static double mm2(String s) {
        Matcher m = AREA.matcher(s == null ? "" : s);
        if (!m.matches()) {
            throw new ConfigException("'" + Units.show(String.valueOf(s)) + "' is not an area; expected " + AREA_FORM);
        }
        double v = Double.parseDouble(m.group(1));
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new ConfigException("'" + Units.show(s) + "' must be positive; expected " + AREA_FORM);
        }
        return m.group(2).startsWith("mm") ? v : v * 1e-6;
    }

    private static AccelEnergyTable read(MappingReader r, Map<String, String> prov) {
        AcceleratorConfigLoader.kind(r, "accelerator-energy");
        String name = r.string("name", null);
        Integer node = r.typed("node", Units::nanometres, null, Units.NODE_FORM);
        r.string("description", "");
        Map<String, org.ternsim.sim.config.EnergyAction> actions = new LinkedHashMap<>();
        MappingReader a = r.mapping("actions", false, "a mapping from action name to energy such as ternary_mac: 0.03pJ");
        if (a != null) {
            for (String key : AccelActions.ENERGY) {
                Sourced<Double> v = sourced(a, key, Units::picojoules, Units.ENERGY_FORM);
                if (v != null) actions.put(key, new EnergyAction(key, v.value, v.source, v.estimate));
            }
            a.finish();
        }
        List<SramPoint> sram = readSram(r);
        Map<String, AreaEntry> areas = new LinkedHashMap<>();
        MappingReader ar = r.mapping("area", false, "a mapping from component to area such as ternary_pe: 52um2");
        if (ar != null) {
            for (String key : AccelActions.AREAS) {
                Sourced<Double> v = sourced(ar, key, AcceleratorEnergyLoader::mm2, AREA_FORM);
                if (v != null) areas.put(key, new AreaEntry(key, v.value, v.source, v.estimate));
            }
            ar.finish();
        }
        r.finish();
        if (name == null || node == null || sram == null || actions.size() != AccelActions.ENERGY.size()
                || areas.size() != AccelActions.AREAS.size() || !r.problems.isEmpty()) {
            return null;
        }
        return new AccelEnergyTable(name, node, actions, sram, areas, new Provenance(prov));
    }

    private static List<SramPoint> readSram(MappingReader r) {
        List<YamlNode> items = r.sequence("sram", "a list of {size, read, write, leakage, area, source} points");
        if (items == null) return null;
        List<SramPoint> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            MappingReader m = r.item(items.get(i), "sram[" + i + "]", "{size: 8KiB, read: 1.5pJ, ...}");
            if (m == null) return null;
            Long size = m.typed("size", Units::bytes, null, Units.SIZE_FORM);
            Double read = m.typed("read", Units::picojoules, null, Units.ENERGY_FORM);
            Double write = m.typed("write", Units::picojoules, null, Units.ENERGY_FORM);
            Double leak = m.typed("leakage", Units::watts, null, Units.POWER_FORM);
            Double area = m.typed("area", AcceleratorEnergyLoader::mm2, null, AREA_FORM);
            m.finish();
            String src = m.node.get(MappingReader.SOURCE) == null ? null : m.node.get(MappingReader.SOURCE).text;
            YamlNode est = m.node.get(MappingReader.ESTIMATE);
            if (src == null) {
                m.problems.add(m.node.line, m.node.col, m.path, "SRAM point has no source", "source: \"CACTI run ...\"");
            }
            if (size == null || read == null || write == null || leak == null || area == null || src == null) return null;
            if (!out.isEmpty() && out.get(out.size() - 1).sizeBytes() >= size) {
                int[] w = m.where("size");
                m.problems.add(w[0], w[1], m.child("size"), "sizes must increase", "points in increasing size");
                return null;
            }
            if (read <= 0 || write <= 0 || leak <= 0) {
                m.problems.add(m.node.line, m.node.col, m.path, "read, write and leakage must be > 0",
                        "positive values (the table is interpolated log-log)");
                return null;
            }
            out.add(new SramPoint(size, read, write, leak, area, src, est != null && "true".equals(est.text)));
        }
        if (out.size() < 2) {
            r.problems.add(r.node.line, r.node.col, r.child("sram"), "only one SRAM point", "at least two sizes");
            return null;
        }
        return out;
    }

    private record Sourced<T>(T value, String source, boolean estimate) {}

    /** A required leaf with a source (own or block-level); null after recording a problem. */
    private static <T> Sourced<T> sourced(MappingReader m, String key, Function<String, T> parser, String form) {
        MappingReader.Leaf leaf = m.leaf(key);
        if (leaf == null) {
            if (m.node.get(key) == null || m.empty(key)) m.absent(key, "key", form); // else reported by leaf
            return null;
        }
        T v;
        try {
            v = parser.apply(leaf.value().text);
        } catch (ConfigException ex) {
            m.problems.addFormatted(leaf.value().line, leaf.value().col, m.child(key), ex.getMessage());
            return null;
        }
        if (leaf.source() == null) {
            m.problems.add(leaf.value().line, leaf.value().col, m.child(key), "value has no source",
                    "{value: X, source: \"paper, table\"} or a block-level source:");
            return null;
        }
        m.record(m.child(key), leaf);
        return new Sourced<>(v, leaf.source(), leaf.estimate());
    }
}
