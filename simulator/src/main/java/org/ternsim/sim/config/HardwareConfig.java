// A whole simulated machine: core count and type, cache hierarchy, DRAM and the energy table.
package org.ternsim.sim.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * @param name        config name, e.g. {@code "zen5-2c"}
 * @param description one line for reports
 * @param cores       number of identical cores (threads the workload is split over)
 * @param core        the core type
 * @param caches      levels from the core outwards: L1D, L2, L3
 * @param dram        main memory
 * @param energy      energy-per-action table
 * @param provenance  source per field path of this file
 * @param source      the file this was loaded from (null if built in code)
 */
public record HardwareConfig(String name, String description, int cores, CoreConfig core, List<CacheConfig> caches,
        DramConfig dram, EnergyTable energy, Provenance provenance, Path source) {
    public HardwareConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(core, "core");
        Objects.requireNonNull(dram, "dram");
        Objects.requireNonNull(energy, "energy");
        Objects.requireNonNull(provenance, "provenance");
        caches = List.copyOf(caches);
        description = description == null ? "" : description;
        if (cores < 1) throw new IllegalArgumentException("cores must be >= 1");
    }

    /**
     * This machine with {@code isa} moved to the front of the core's ISA list (the order in which operators look for
     * a lowering), recorded as the source of {@code core.isa}; IllegalArgumentException if the core lacks it.
     */
    public HardwareConfig withIsaFirst(String isa, String why) {
        if (!core.isa().contains(isa)) {
            throw new IllegalArgumentException(isa + ": " + (source != null ? source + " " : "") + "core.isa is "
                + core.isa() + "; expected one of them");
        }
        List<String> order = new java.util.ArrayList<>(List.of(isa));
        core.isa().stream().filter(i -> !i.equals(isa)).forEach(order::add);
        java.util.Map<String, String> sources = new java.util.LinkedHashMap<>(provenance.sourceByField());
        sources.put("core.isa", why + "; the config lists " + core.isa());
        return new HardwareConfig(name, description, cores, new CoreConfig(core.uarch(), core.freqHz(), order), caches,
            dram, energy, new Provenance(sources), source);
    }

    /** The cache level with this name (e.g. "L2"), or null. */
    public CacheConfig cache(String levelName) {
        return caches.stream().filter(c -> c.name().equals(levelName)).findFirst().orElse(null);
    }
}
