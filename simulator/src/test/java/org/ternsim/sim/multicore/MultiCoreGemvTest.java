// Multi-core GEMV: row split, determinism, bit-exact shares, and the DRAM-bound vs cache-bound regimes at 2560x6912.
package org.ternsim.sim.multicore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ternsim.sim.config.CacheConfig;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.config.HardwareConfigLoader;
import org.ternsim.sim.run.CacheState;
import org.ternsim.sim.run.GemvSimulation;
import org.ternsim.sim.run.RunResult;

class MultiCoreGemvTest {

    private static HardwareConfig zen5;

    @BeforeAll
    static void load() {
        zen5 = HardwareConfigLoader.load(Path.of("../configs/hw/zen5-2c.yaml"));
    }

    /** zen5-2c with the L3 the host's sysfs reports (32 MiB, 16 ways) instead of the ~3 MiB the VM really gets. */
    private static HardwareConfig withL3(HardwareConfig hw, long bytes, int ways) {
        List<CacheConfig> caches = new ArrayList<>();
        for (CacheConfig c : hw.caches()) {
            caches.add(!c.name().equals("L3") ? c : new CacheConfig(c.name(), bytes, ways, c.lineBytes(),
                c.latencyCycles(), c.mshrs(), c.shared(), c.replacement(), c.prefetcher(), c.inclusion(),
                c.fillBytesPerCycle()));
        }
        return new HardwareConfig(hw.name(), hw.description(), hw.cores(), hw.core(), caches, hw.dram(), hw.energy(),
            hw.provenance(), hw.source());
    }

    private static MultiCoreGemv.Result run(HardwareConfig hw, int rows, int cols, int threads) {
        return MultiCoreGemv.run(new GemvSimulation.Request(hw, "i2_s", rows, cols, 7, CacheState.WARM), threads);
    }

    @Test
    void rowsAreSplitInContiguousChunksAndEveryShareIsBitExact() {
        MultiCoreGemv.Result r = run(zen5, 200, 256, 2);
        assertEquals(2, r.total().threads());
        assertEquals(2, r.cores().size());
        CoreShare a = r.cores().get(0);
        CoreShare b = r.cores().get(1);
        assertEquals(0, a.firstRow());
        assertEquals(a.rows(), b.firstRow());
        assertEquals(200, a.rows() + b.rows());
        assertTrue(r.total().check().bitExact(), r.total().check().toString());
        assertEquals(200, r.total().check().outputs());
        long slowest = Math.max(a.stats().cycles(), b.stats().cycles());
        assertEquals(slowest + MultiCoreGemv.barrierCycles(zen5, 2), r.total().cycles());
        assertEquals(a.stats().instructions() + b.stats().instructions(), r.total().core().instructions());
    }

    @Test
    void theInterleavingIsDeterministic() {
        RunResult first = run(zen5, 1024, 2560, 2).total();
        RunResult again = run(zen5, 1024, 2560, 2).total();
        assertEquals(first.cycles(), again.cycles());
        assertEquals(first.dramReadBytes(), again.dramReadBytes());
        assertEquals(first.caches().get(2).hits, again.caches().get(2).hits);
    }

    @Test
    void oneThreadIsTheSingleCoreRun() {
        GemvSimulation.Request req = new GemvSimulation.Request(zen5, "i2_s", 256, 512, 7, CacheState.WARM);
        assertEquals(GemvSimulation.run(req).cycles(), MultiCoreGemv.run(req, 1).total().cycles());
    }

    @Test
    void weightsBeyondL3AreDramBoundOnTwoCores() {
        // 2560x6912 packs to 4.2 MiB of I2_S weights: more than the VM's 3 MiB effective L3, so even a warm call
        // streams most of them from DRAM. One core is port-bound (its AVX2 loop needs more cycles than DRAM does);
        // two cores halve the compute and then wait for DRAM: they run close to the DRAM bound, well short of 2x.
        RunResult one = run(zen5, 2560, 6912, 1).total();
        MultiCoreGemv.Result r2 = run(zen5, 2560, 6912, 2);
        RunResult two = r2.total();
        for (CoreShare c : r2.cores()) {
            System.out.printf("core %d rows %d cycles %d dram %d B%n", c.core(), c.rows(), c.stats().cycles(),
                c.dramReadBytes());
        }
        assertTrue(one.dramReadBytes() > 4_000_000L, "DRAM bytes " + one.dramReadBytes());
        assertEquals("memory", two.dominantBound());
        double speedup = (double) one.cycles() / two.cycles();
        double dramGBs = two.dramReadBytes() / two.seconds() / 1e9;
        System.out.printf("2560x6912 on zen5-2c (3 MiB L3): 1 core %d cycles (%.1f GB/s), 2 cores %d cycles"
            + " (%.1f GB/s, DRAM bound %d), speedup %.2f%n", one.cycles(), one.dramReadBytes() / one.seconds() / 1e9,
            two.cycles(), dramGBs, two.dramBoundCycles(), speedup);
        assertTrue(two.cycles() < 1.15 * two.dramBoundCycles(), "2 cores should run near the DRAM bound");
        assertTrue(speedup < 1.75, "DRAM-bound run sped up " + speedup + "x on 2 cores");
    }

    @Test
    void weightsThatFitL3AreNotDramBoundAndScaleWithCores() {
        // The same shape with the host's nominal 32 MiB L3: warm, the weights stay on chip, DRAM reads vanish, and
        // two cores each streaming half the rows from their L2/L3 take close to half the time.
        HardwareConfig big = withL3(zen5, 32L << 20, 16);
        RunResult one = run(big, 2560, 6912, 1).total();
        RunResult two = run(big, 2560, 6912, 2).total();
        assertTrue(two.dramReadBytes() < 2560L * 6912 / 4 / 10, "DRAM bytes " + two.dramReadBytes());
        assertTrue(!two.dominantBound().equals("memory"), two.dominantBound());
        double speedup = (double) one.cycles() / two.cycles();
        System.out.printf("2560x6912 on zen5-2c with 32 MiB L3: 1 core %d cycles, 2 cores %d cycles, speedup %.2f,"
            + " bound %s%n", one.cycles(), two.cycles(), speedup, two.dominantBound());
        assertTrue(speedup > 1.6, "cache-resident run sped up only " + speedup + "x on 2 cores");
    }
}
