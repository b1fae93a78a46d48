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

    /** The cache level with this name (e.g. "L2"), or null. */
    public CacheConfig cache(String levelName) {
        return caches.stream().filter(c -> c.name().equals(levelName)).findFirst().orElse(null);
    }
}
