// Event counts times the energy-per-action table, plus static power times time: the only way energy is computed.
package org.ternsim.sim.energy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ternsim.sim.config.EnergyAction;
import org.ternsim.sim.config.EnergyTable;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.core.CoreStats;
import org.ternsim.sim.core.OpClass;
import org.ternsim.sim.mem.Cache;
import org.ternsim.sim.mem.CacheStats;
import org.ternsim.sim.mem.MemoryHierarchy;

public final class EnergyModel {

    private EnergyModel() {
    }

    public static EnergyReport estimate(HardwareConfig hw, CoreStats core, MemoryHierarchy memory, double seconds,
            int activeCores) {
        EnergyTable t = hw.energy();
        List<EnergyLine> lines = new ArrayList<>();
        add(lines, t, "core", "core.instruction", core.instructions());
        add(lines, t, "core", "core.scalar_op", core.opCounts().get(OpClass.SCALAR) + core.opCounts().get(OpClass.BRANCH));
        add(lines, t, "core", "core.fp_scalar_op", core.opCounts().get(OpClass.FP_SCALAR));
        add(lines, t, "core", "core.vector_op_256", core.vectorWork256().getOrDefault(OpClass.VECTOR, 0.0));
        add(lines, t, "core", "core.vector_mul_256", core.vectorWork256().getOrDefault(OpClass.VECTOR_MUL, 0.0));
        for (Cache c : memory.levels()) {
            CacheStats s = c.stats();
            String prefix = c.name().toLowerCase(Locale.ROOT);
            add(lines, t, c.name(), prefix + ".read", s.reads);
            // Fills from below and writes from above both write the data array.
            add(lines, t, c.name(), prefix + ".write", s.writes + s.misses + s.prefetchesIssued);
        }
        double dramBits = 8.0 * (memory.dramReadBytes() + memory.dramWriteBytes());
        lines.add(new EnergyLine("DRAM", "dram.bit", dramBits, hw.dram().energyPjPerBit(),
            hw.provenance().sourceByField().getOrDefault("dram.energyPerBit", "hardware config")));
        lines.add(new EnergyLine("static", "core_static_power x time", seconds * activeCores,
            t.coreStaticPowerW() * 1e12, "energy table " + t.name() + ": core_static_power (W x s)"));
        lines.add(new EnergyLine("static", "uncore_static_power x time", seconds, t.uncoreStaticPowerW() * 1e12,
            "energy table " + t.name() + ": uncore_static_power (W x s)"));
        lines.add(new EnergyLine("static", "dram_background_power x time", seconds, hw.dram().backgroundPowerW() * 1e12,
            "hardware config: dram.background_power (W x s)"));
        return new EnergyReport(lines);
    }

    private static void add(List<EnergyLine> lines, EnergyTable t, String component, String action, double count) {
        EnergyAction a = t.actions().get(action);
        if (a == null) {
            throw new IllegalArgumentException("energy table " + t.name() + " has no action '" + action + "'");
        }
        lines.add(new EnergyLine(component, action, count, a.energyPj(), (a.estimate() ? "estimate: " : "") + a.source()));
    }
}
