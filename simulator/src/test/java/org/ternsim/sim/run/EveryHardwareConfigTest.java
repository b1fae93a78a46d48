// Every configs/hw/*.yaml loads and validates; every one whose uarch table and kernel lowering exist simulates the default GEMV.
package org.ternsim.sim.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
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

    /**
     * The default workload (I2_S GEMV 2560x6912, warm) on every config that can run it today. Skipped, with the
     * reason printed: configs whose microarchitecture table or ISA lowering other work has not delivered yet.
     */
    @Test
    void everyRunnableConfigSimulatesTheDefaultGemv() throws IOException {
        List<String> skipped = new ArrayList<>();
        int ran = 0;
        for (Path p : configs()) {
            HardwareConfig hw = HardwareConfigLoader.load(p);
            String why = missing(hw);
            if (why != null) {
                skipped.add(hw.name() + " (" + why + ")");
                continue;
            }
            RunResult r = GemvSimulation.run(new GemvSimulation.Request(hw, "i2_s", 2560, 6912, 1, CacheState.WARM));
            assertTrue(r.check().bitExact(), hw.name());
            assertTrue(r.cycles() > 0 && r.energy().totalPj() > 0, hw.name());
            System.out.printf("default GEMV on %s: %d cycles, %.1f us, bound %s%n", hw.name(), r.cycles(),
                r.seconds() * 1e6, r.dominantBound());
            ran++;
        }
        System.out.println("skipped (not yet runnable): " + (skipped.isEmpty() ? "none" : String.join(", ", skipped)));
        assertFalse(ran == 0, "no config could run the default GEMV");
    }

    private static String missing(HardwareConfig hw) {
        if (!UarchLoader.bundled().contains(hw.core().uarch())) {
            return "no uarch table '" + hw.core().uarch() + "'";
        }
        if (GemvLowerings.forCore("i2_s", hw.core().isa()).isEmpty()) {
            return "no i2_s lowering for " + hw.core().isa();
        }
        return null;
    }
}
