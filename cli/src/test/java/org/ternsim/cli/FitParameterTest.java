// FitParameterTest: the fit-able fields of `ternsim calibrate` write back configs that load, and a cache's fitted
// ways keep its sets (the capacity changes, the indexing does not).
package org.ternsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.ternsim.sim.config.CacheConfig;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.config.HardwareConfigLoader;

class FitParameterTest {

    private static final Path ZEN5 = Path.of("../configs/hw/zen5-2c.yaml");

    private static CacheConfig cache(HardwareConfig c, String name) {
        return c.caches().stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void fittedWaysKeepTheSetsAndScaleTheSize() {
        HardwareConfig base = HardwareConfigLoader.load(ZEN5);
        CacheConfig l3 = cache(base, "L3");
        FitParameter p = FitParameter.parse("caches.L3.ways=1..32", base);
        assertEquals(l3.ways(), p.current());
        assertTrue(p.integral());
        HardwareConfig fitted = HardwareConfigLoader.load(ZEN5, p.overrides(l3.ways() + 3, "test"));
        CacheConfig after = cache(fitted, "L3");
        assertEquals(l3.sets(), after.sets());
        assertEquals(l3.ways() + 3, after.ways());
        assertEquals((long) l3.sets() * (l3.ways() + 3) * l3.lineBytes(), after.sizeBytes());
        assertEquals(cache(base, "L2"), cache(fitted, "L2"));
    }

    @Test
    void fillBandwidthIsFittedInBytesPerCycle() {
        HardwareConfig base = HardwareConfigLoader.load(ZEN5);
        FitParameter p = FitParameter.parse("caches.L2.fillBandwidth=8..64", base);
        HardwareConfig fitted = HardwareConfigLoader.load(ZEN5, p.overrides(24, "test"));
        assertEquals(24, cache(fitted, "L2").fillBytesPerCycle(), 1e-9);
        assertTrue(p.integral());
        assertEquals(8, p.lo());
        assertEquals(64, p.hi());
    }

    @Test
    void badBoundsAndUnknownFieldsAreUserErrors() {
        HardwareConfig base = HardwareConfigLoader.load(ZEN5);
        assertThrows(UserError.class, () -> FitParameter.parse("caches.L3.size", base));
        assertThrows(UserError.class, () -> FitParameter.parse("caches.L2.fillBandwidth=fast..64", base));
        assertThrows(UserError.class, () -> FitParameter.parse("caches.L9.ways", base));
    }
}
