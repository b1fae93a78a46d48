// The bundled hardware configs as tests load them, and the overrides that keep a test on the config it was written for.
package org.ternsim.sim;

import java.nio.file.Path;
import java.util.List;
import org.ternsim.sim.config.ConfigOverride;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.config.HardwareConfigLoader;

public final class BundledConfigs {

    /**
     * xeon-gnr-2c with the L1 stride and L2 stream prefetchers it had until 2026-12-05, when they were measured not to
     * run ahead of a kernel's loads (docs/validation.md, "Prefetchers that step aside"). The replay and extrapolation
     * tests written on it exercise the timing those prefetchers produce, which no bundled config has any more.
     */
    public static final List<ConfigOverride> XEON_GNR_WITH_PREFETCHERS = List.of(
        new ConfigOverride("caches.L1D.prefetcher.kind", "stride", "test: the config before 2026-12-05"),
        new ConfigOverride("caches.L1D.prefetcher.degree", "1", "test: the config before 2026-12-05"),
        new ConfigOverride("caches.L1D.prefetcher.distance", "2", "test: the config before 2026-12-05"),
        new ConfigOverride("caches.L2.prefetcher.kind", "stream", "test: the config before 2026-12-05"),
        new ConfigOverride("caches.L2.prefetcher.degree", "4", "test: the config before 2026-12-05"),
        new ConfigOverride("caches.L2.prefetcher.distance", "32", "test: the config before 2026-12-05"));

    private BundledConfigs() {
    }

    /** configs/hw/NAME.yaml of the repository, with the overrides applied. */
    public static HardwareConfig load(String name, List<ConfigOverride> overrides) {
        return HardwareConfigLoader.load(Path.of("../configs/hw/" + name + ".yaml"), overrides);
    }
}
