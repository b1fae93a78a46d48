// One row of an energy table: the energy of one occurrence of a counted event.
package org.ternsim.sim.config;

import java.util.Objects;

/**
 * @param name     action name as counted by the simulator, e.g. {@code "l1d.read"}
 * @param energyPj energy per occurrence in pJ
 * @param source   where the number comes from (paper and table, CACTI run, scaling factor and its basis)
 * @param estimate true if the number is an engineering estimate rather than a sourced or derived value
 */
public record EnergyAction(String name, double energyPj, String source, boolean estimate) {
    public EnergyAction {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
    }
}
