// Energy of a run: the per-action lines and their sums per component (core, caches, DRAM, static).
package org.ternsim.sim.energy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public record EnergyReport(List<EnergyLine> lines) {

    public EnergyReport {
        lines = List.copyOf(lines);
    }

    /** Component totals in pJ, in the order components first appear. */
    public Map<String, Double> byComponent() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (EnergyLine l : lines) {
            m.merge(l.component(), l.totalPj(), Double::sum);
        }
        return m;
    }

    public double totalPj() {
        return lines.stream().mapToDouble(EnergyLine::totalPj).sum();
    }
}
