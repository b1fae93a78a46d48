// The I2_S GEMV simulation responds to the hardware as it should, and its program stays bit-exact.
package org.ternsim.sim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ternsim.isa.lower.I2sAvx2Lowering;
import org.ternsim.isa.x86.X86Semantics;
import org.ternsim.sim.config.DramConfig;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.config.HardwareConfigLoader;

class GemvSimulationTest {

    private static HardwareConfig zen5;

    @BeforeAll
    static void load() {
        zen5 = HardwareConfigLoader.load(Path.of("../configs/hw/zen5-2c.yaml"));
    }

    private static HardwareConfig withBandwidth(HardwareConfig hw, double factor) {
        DramConfig d = hw.dram();
        DramConfig scaled = new DramConfig(d.type(), d.bandwidthBytesPerSec() * factor,
            Math.max(d.peakBytesPerSec(), d.bandwidthBytesPerSec() * factor), d.latencyNs(), d.channels(),
            d.energyPjPerBit(), d.backgroundPowerW());
        return new HardwareConfig(hw.name(), hw.description(), hw.cores(), hw.core(), hw.caches(), scaled, hw.energy(),
            hw.provenance(), hw.source());
    }

    private static RunResult run(HardwareConfig hw, int rows, int cols) {
        return GemvSimulation.run(new GemvSimulation.Request(hw, "i2_s", rows, cols, 7, CacheState.WARM));
    }

    /** A GEMM lowering's call multiplies N tokens: its MACs (and GMAC/s, pJ/MAC) count them, and it is named gemm. */
    @Test
    void nx1CallCountsEveryTokensMacs() {
        HardwareConfig cobalt = HardwareConfigLoader.load(Path.of("../configs/hw/cobalt-100.yaml"));
        RunResult r = GemvSimulation.run(new GemvSimulation.Request(cobalt, "i2_s-nx1", 16, 2560, 7,
            CacheState.WARM));
        assertEquals("gemm", r.op());
        assertEquals("neon-dotprod", r.isa());
        assertEquals(16L * 2560 * 8, r.macs());
        assertTrue(r.check().bitExact());
    }

    @Test
    void doublingDramBandwidthSpeedsUpADramResidentShape() {
        // 4096x4096 packs to 4 MiB of weights: more than the 3 MiB effective L3, so every call streams from DRAM.
        RunResult slow = run(withBandwidth(zen5, 0.5), 4096, 4096);
        RunResult fast = run(zen5, 4096, 4096);
        assertTrue(slow.dramReadBytes() >= 4L << 20, "weights must come from DRAM: " + slow.dramReadBytes());
        assertEquals("memory", slow.dominantBound());
        double speedup = (double) slow.cycles() / fast.cycles();
        assertTrue(speedup > 1.3, "doubling DRAM bandwidth gave only " + speedup + "x");
        assertTrue(slow.check().bitExact() && fast.check().bitExact());
    }

    @Test
    void anL2ResidentShapeIsUnaffectedByDramBandwidth() {
        // 512x2560 packs to 320 KiB: warm, it lives in the 1 MiB L2.
        RunResult half = run(withBandwidth(zen5, 0.5), 512, 2560);
        RunResult base = run(zen5, 512, 2560);
        RunResult twice = run(withBandwidth(zen5, 2), 512, 2560);
        // Only the stream prefetcher running past the end of the weights reaches DRAM; no demand access does.
        assertTrue(base.dramReadBytes() < 512 * 2560 / 4 / 20, "DRAM bytes " + base.dramReadBytes());
        assertEquals(base.cycles(), half.cycles());
        assertEquals(base.cycles(), twice.cycles());
        assertTrue(base.check().bitExact());
    }

    @Test
    void coldCachesAreSlowerThanWarmOnAnL2ResidentShape() {
        RunResult warm = run(zen5, 512, 2560);
        RunResult cold = GemvSimulation.run(new GemvSimulation.Request(zen5, "i2_s", 512, 2560, 7, CacheState.COLD));
        assertTrue(cold.cycles() > warm.cycles());
        assertTrue(cold.dramReadBytes() >= 512 * 2560 / 4);
    }

    @Test
    void bitnetWideningEvery32BlocksWrapsOnAdversarialDataButTheDefaultIsExact() {
        var exact = Validation.check(new I2sAvx2Lowering(16), 4, 4096, 1, X86Semantics.table());
        var bitnet = Validation.check(new I2sAvx2Lowering(32), 4, 4096, 1, X86Semantics.table());
        assertTrue(exact.stream().allMatch(Validation.Case::passed));
        assertTrue(bitnet.get(0).passed(), "random data does not overflow int16");
        assertTrue(bitnet.stream().anyMatch(c -> !c.passed()), "all +1 x 127 must wrap with 32-block groups");
    }

    /** A fault that corrupts an address (movk losing the base's high bits) fails every case instead of the run. */
    @Test
    void aProgramStoppedByAWrongSemanticsFailsItsCases() {
        var l = new org.ternsim.isa.lower.SparseNeonLowering(true);
        var faulty = org.ternsim.isa.Faults.require("movk-clears-other-bits").inject(l.semantics());
        var cases = Validation.check(l, 64, 256, 1, faulty);
        assertTrue(!cases.isEmpty() && cases.stream().noneMatch(Validation.Case::passed), cases.toString());
        assertTrue(cases.get(0).vsExact().startsWith("program stopped: memory fault"), cases.get(0).vsExact());
        assertTrue(Validation.check(l, 64, 256, 1, l.semantics()).stream().allMatch(Validation.Case::passed));
    }

    @Test
    void energyIsTheSumOfItsActionLines() {
        RunResult r = run(zen5, 64, 256);
        double sum = r.energy().lines().stream().mapToDouble(l -> l.count() * l.pjEach()).sum();
        assertEquals(sum, r.energy().totalPj(), 1e-9 * sum);
        assertTrue(r.energy().byComponent().keySet().containsAll(java.util.List.of("core", "L1D", "DRAM", "static")));
        for (var line : r.energy().lines()) {
            assertTrue(!line.source().isBlank() && !line.source().contains("no source recorded"), line.toString());
        }
    }
}
