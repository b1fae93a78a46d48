// Every bundled config loads, and every number in it carries a source (the project rule for configs/).
package org.ternsim.sim.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BundledConfigsTest {
    /** Leaves that are names or choices, not hardware numbers. */
    private static final Set<String> NON_NUMERIC = Set.of("name", "description", "uarch", "type", "kind", "energy",
            "replacement", "shared", "node", "source", "estimate", "isa", "preset", "inclusion");

    private static List<Path> files(String dir) throws IOException {
        try (Stream<Path> s = Files.list(ConfigFiles.configsDir().resolve(dir))) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void everyNumericLeafOfEveryHardwareConfigHasASource() throws IOException {
        List<Path> hw = files("hw");
        assertFalse(hw.isEmpty());
        for (Path f : hw) {
            // kind: accelerator files have their own loader (issue 6); the rule is the same.
            Provenance prov = AcceleratorConfigLoader.isAccelerator(f) ? AcceleratorConfigLoader.load(f).provenance()
                    : HardwareConfigLoader.load(f).provenance();
            List<String> missing = new ArrayList<>();
            for (String leaf : numericLeaves(f)) {
                String src = prov.sourceByField().get(leaf);
                if (src == null || src.equals(Provenance.DEFAULT) || src.isBlank()) missing.add(leaf);
            }
            assertTrue(missing.isEmpty(), f + ": numbers without source: " + missing);
        }
    }

    @Test
    void everyEnergyTableLoadsAndEveryActionHasASource() throws IOException {
        for (Path f : files("energy")) {
            if (Files.readString(f).contains("\nkind: accelerator-energy\n")) {
                org.ternsim.sim.accel.AccelEnergyTable a = AcceleratorEnergyLoader.load(f);
                a.actions().values().forEach(x -> assertFalse(x.source().isBlank(), f + " " + x.name()));
                for (String leaf : numericLeaves(f)) {
                    assertTrue(a.provenance().source(leaf).isPresent(), f + ": " + leaf + " has no source");
                }
                continue;
            }
            EnergyTable t = EnergyTableLoader.load(f);
            t.actions().values().forEach(a -> assertFalse(a.source().isBlank(), f + " " + a.name()));
            for (String leaf : numericLeaves(f)) {
                assertTrue(t.provenance().source(leaf).isPresent(), f + ": " + leaf + " has no source");
            }
        }
    }

    /** Paths of the numeric leaves actually written in the file, named as the loader names them. */
    private static List<String> numericLeaves(Path f) {
        Problems problems = new Problems(f.toString());
        YamlNode doc = YamlTreeReader.read(f, problems);
        assertTrue(problems.isEmpty());
        List<String> out = new ArrayList<>();
        walk(doc, "", out);
        return out;
    }

    private static void walk(YamlNode n, String path, List<String> out) {
        if (n.isMapping() && n.get("value") != null) n = n.get("value");
        if (n.isScalar()) {
            String last = path.substring(path.lastIndexOf('.') + 1);
            if (!NON_NUMERIC.contains(last)) out.add(path);
            return;
        }
        if (n.isMapping()) {
            for (YamlNode.Entry e : n.entries().values()) {
                // Action names contain dots; the loader keys them as "actions.<name>" all the same.
                walk(e.value(), path.isEmpty() ? e.key() : path + "." + e.key(), out);
            }
        } else {
            for (int i = 0; i < n.items().size(); i++) {
                YamlNode item = n.items().get(i);
                YamlNode name = item.isMapping() ? item.get("name") : null;
                if (name != null && name.isMapping()) name = name.get("value");
                if (path.equals("core.isa") || path.equals("pe.activations")) continue; // lists of names
                walk(item, path + (name != null ? "." + name.text : "[" + i + "]"), out);
            }
        }
    }
}
