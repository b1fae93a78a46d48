// Every CPU config in configs/hw loads, validates and simulates the default GEMV on its own uarch table and ISA.
package org.ternsim.sim.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.ternsim.isa.lower.GemvLowerings;
import org.ternsim.isa.uarch.UarchLoader;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.config.HardwareConfigLoader;

class EveryHardwareConfigTest {

    private static List<Path> configs() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("../configs/hw"))) {
            return s.filter(p -> p.toString().endsWith(".yaml"))
                .filter(p -> !org.ternsim.sim.config.AcceleratorConfigLoader.isAccelerator(p)).sorted().toList();
        }
    }

    @Test
    void everyConfigLoadsAndValidates() throws IOException {
        List<Path> all = configs();
        assertTrue(all.size() >= 7, "expected the 7 CPU configs, found " + all);
        for (Path p : all) {
            HardwareConfig hw = HardwareConfigLoader.load(p);
            assertTrue(hw.cores() >= 1 && !hw.caches().isEmpty(), p.toString());
            assertTrue(hw.dram().bandwidthBytesPerSec() <= hw.dram().peakBytesPerSec(), p.toString());
        }
    }

    /** The default GEMV (I2_S 2560x6912, warm) on every CPU config, with the lowering for its best ISA. */
    @Test
    void everyConfigSimulatesTheDefaultGemv() throws IOException {
        for (Path p : configs()) {
            HardwareConfig hw = HardwareConfigLoader.load(p);
            assertTrue(UarchLoader.bundled().contains(hw.core().uarch()), hw.name() + ": no uarch table");
            assertFalse(GemvLowerings.forCore("i2_s", hw.core().isa()).isEmpty(), hw.name() + ": no i2_s lowering");
            RunResult r = GemvSimulation.run(new GemvSimulation.Request(hw, "i2_s", 2560, 6912, 1, CacheState.WARM));
            assertTrue(r.check().bitExact(), hw.name());
            assertTrue(r.cycles() > 0 && r.energy().totalPj() > 0, hw.name());
            System.out.printf("default GEMV on %s (%s): %d cycles, %.1f us, bound %s%n", hw.name(), r.isa(),
                r.cycles(), r.seconds() * 1e6, r.dominantBound());
        }
    }
}
