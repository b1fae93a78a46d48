// Loads configs/energy/<name>.yaml (schema in package-info) into an EnergyTable, collecting all problems.
package org.ternsim.sim.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Energy-table loader; also reads tables written inline inside a hardware config (resolved configs do this). */
public final class EnergyTableLoader {
    private static final Pattern ACTION_NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*");

    private EnergyTableLoader() {}

    /** Loads one energy table file; throws ConfigException listing every problem. */
    public static EnergyTable load(Path yaml) {
        Problems problems = new Problems(yaml.toString());
        YamlNode doc = YamlTreeReader.read(yaml, problems);
        EnergyTable t = null;
        if (doc != null) {
            Map<String, String> prov = new LinkedHashMap<>();
            MappingReader r = MappingReader.root(doc, problems, prov);
            if (r != null) t = read(r, prov);
        }
        problems.throwIfAny();
        return t;
    }

    /**
     * Reads a table from a mapping (the whole file, or the inline {@code energy:} section of a hardware config).
     * Problems name the full path ("energy.actions.l1d.read"); the table's provenance keys are relative to the table
     * ("actions.l1d.read") and are moved out of {@code prov}.
     */
    static EnergyTable read(MappingReader r, Map<String, String> prov) {
        String name = r.string("name", null);
        String node = r.typed("node", s -> {
            Units.nanometres(s);
            return s.strip();
        }, null, Units.NODE_FORM);
        r.string("description", "");
        Map<String, EnergyAction> actions = new LinkedHashMap<>();
        MappingReader a = r.mapping("actions", false, "a mapping from action name to energy such as l1d.read: 4pJ");
        if (a != null) {
            for (YamlNode.Entry e : a.node.entries().values()) {
                String key = e.key();
                if (key.equals(MappingReader.SOURCE) || key.equals(MappingReader.ESTIMATE)) continue;
                if (!ACTION_NAME.matcher(key).matches()) {
                    r.problems.add(e.line(), e.col(), a.child(key), "bad action name '" + key + "'",
                            "lower-case dotted names such as l1d.read");
                    a.leaf(key);
                    continue;
                }
                MappingReader.Leaf leaf = a.leaf(key);
                if (leaf == null) {
                    if (a.empty(key)) a.absent(key, "key", Units.ENERGY_FORM);
                    continue;
                }
                double pj;
                try {
                    pj = Units.picojoules(leaf.value().text);
                } catch (ConfigException ex) {
                    r.problems.addFormatted(leaf.value().line, leaf.value().col, a.child(key), ex.getMessage());
                    continue;
                }
                a.record(a.child(key), leaf);
                if (leaf.source() == null) {
                    r.problems.add(leaf.value().line, leaf.value().col, a.child(key), "energy has no source",
                            "{value: X, source: \"paper, table\"} or a block-level source:");
                    continue;
                }
                actions.put(key, new EnergyAction(key, pj, leaf.source(), leaf.estimate()));
            }
            a.finish();
        }
        Double core = r.typed("core_static_power", Units::watts, null, Units.POWER_FORM);
        Double uncore = r.typed("uncore_static_power", Units::watts, null, Units.POWER_FORM);
        r.finish();
        Map<String, String> own = new LinkedHashMap<>();
        String prefix = r.path.isEmpty() ? "" : r.path + ".";
        prov.entrySet().removeIf(en -> {
            if (!en.getKey().startsWith(prefix)) return false;
            own.put(en.getKey().substring(prefix.length()), en.getValue());
            return true;
        });
        if (name == null || node == null || core == null || uncore == null) return null;
        return new EnergyTable(name, node, actions, core, uncore, new Provenance(own));
    }
}
