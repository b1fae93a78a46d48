// Event counts times the energy-per-action table, plus static power times time: the only way energy is computed.
package org.ternsim.sim.energy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ternsim.sim.config.EnergyAction;
import org.ternsim.sim.config.EnergyTable;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.config.Provenance;
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
            source(hw.provenance(), "dram.energyPerBit", hw.name())));
        // Static power lines count seconds and price them in pJ per second (W x 1e12).
        lines.add(new EnergyLine("static", "core_static_power", seconds * activeCores, t.coreStaticPowerW() * 1e12,
            source(t.provenance(), "core_static_power", t.name())));
        lines.add(new EnergyLine("static", "uncore_static_power", seconds, t.uncoreStaticPowerW() * 1e12,
            source(t.provenance(), "uncore_static_power", t.name())));
        lines.add(new EnergyLine("static", "dram_background_power", seconds, hw.dram().backgroundPowerW() * 1e12,
            source(hw.provenance(), "dram.backgroundPower", hw.name())));
        return new EnergyReport(lines);
    }

    private static String source(Provenance p, String field, String owner) {
        return p.sourceByField().getOrDefault(field, owner + ": " + field + " (no source recorded)");
    }

    private static void add(List<EnergyLine> lines, EnergyTable t, String component, String action, double count) {
        EnergyAction a = t.actions().get(action);
        if (a == null) {
            throw new IllegalArgumentException("energy table " + t.name() + " has no action '" + action + "'");
        }
        lines.add(new EnergyLine(component, action, count, a.energyPj(),
            (a.estimate() ? Provenance.ESTIMATE_PREFIX : "") + a.source()));
    }
}
