// Accelergy-style energy reference table: per-action dynamic energy plus static power, for one core type and node.
package org.ternsim.sim.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * @param name               table name, e.g. {@code "zen5-n4"} (file {@code configs/energy/zen5-n4.yaml})
 * @param node               technology node as written, e.g. {@code "4nm"}
 * @param actions            actions by name, in file order
 * @param coreStaticPowerW   leakage and clock power of one active core in W
 * @param uncoreStaticPowerW leakage and fabric power of the shared uncore (L3, interconnect) in W
 * @param provenance         source per field ({@code "actions.l1d.read"}, {@code "core_static_power"}, ...)
 */
public record EnergyTable(String name, String node, Map<String, EnergyAction> actions, double coreStaticPowerW,
        double uncoreStaticPowerW, Provenance provenance) {

    public EnergyTable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(node, "node");
        actions = Collections.unmodifiableMap(new LinkedHashMap<>(actions));
        Objects.requireNonNull(provenance, "provenance");
    }

    /** Energy in pJ of one occurrence of the action; a missing action is a config error naming this table. */
    public double pj(String action) {
        EnergyAction a = actions.get(action);
        if (a == null) {
            String hint = Suggestions.closest(action, actions.keySet()).map(s -> " (did you mean '" + s + "'?)").orElse("");
            throw new ConfigException("energy table '" + name + "': no action '" + action + "'" + hint
                    + "; expected one of " + String.join(", ", actions.keySet()));
        }
        return a.energyPj();
    }
}
