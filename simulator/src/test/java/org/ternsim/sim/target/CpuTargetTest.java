// The steady-state shortcut of CpuTarget stays within 2% of simulating every row, and repeated shapes cost nothing.
package org.ternsim.sim.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.config.HardwareConfigLoader;
import org.ternsim.sim.workload.OpClass;
import org.ternsim.sim.workload.Operator;

class CpuTargetTest {

    private static HardwareConfig zen5;

    @BeforeAll
    static void load() {
        zen5 = HardwareConfigLoader.load(Path.of("../configs/hw/zen5-2c.yaml"));
    }

    private static Operator gemv(long m, long k) {
        return new Operator("w", 0, "layer", OpClass.LINEAR, "i2_s", m, k, 1, 0, 0, 0, "i2_s", 0);
    }

    /** Weights of 1 GB: the model does not fit in any cache, so GEMVs stream their weights from DRAM (cold). */
    private static final double BIG_MODEL = 1e9;

    @ParameterizedTest(name = "{0}x{1}, {2} thread(s)")
    @CsvSource({"2560, 2560, 1", "2560, 6912, 1", "6912, 2560, 2", "384, 45568, 1"})
    void extrapolationIsWithinTwoPercentOfExact(long m, long k, int threads) {
        OperatorCost fast = new CpuTarget(zen5, threads, false, BIG_MODEL, 1).cost(gemv(m, k));
        OperatorCost exact = new CpuTarget(zen5, threads, true, BIG_MODEL, 1).cost(gemv(m, k));
        assertEquals(OperatorCost.EXTRAPOLATED, fast.model());
        assertEquals(OperatorCost.SIMULATED, exact.model());
        double cycleErr = Math.abs(fast.cycles() / exact.cycles() - 1);
        double energyErr = Math.abs(fast.energyTotalPj() / exact.energyTotalPj() - 1);
        double bytesErr = Math.abs(fast.dramBytes() / exact.dramBytes() - 1);
        System.out.printf("%dx%d t%d: cycles %.0f vs %.0f (%.2f%%), energy %.2f%%, DRAM bytes %.2f%%%n", m, k,
            threads, fast.cycles(), exact.cycles(), 100 * cycleErr, 100 * energyErr, 100 * bytesErr);
        assertTrue(cycleErr < 0.02, "cycles off by " + 100 * cycleErr + "%");
        assertTrue(energyErr < 0.02, "energy off by " + 100 * energyErr + "%");
        assertTrue(bytesErr < 0.02, "DRAM bytes off by " + 100 * bytesErr + "%");
    }

    @Test
    void repeatedShapesAreSimulatedOnce() {
        CpuTarget t = new CpuTarget(zen5, 1, false, BIG_MODEL, 1);
        OperatorCost a = t.cost(gemv(2560, 2560));
        int runs = t.simulations();
        OperatorCost b = t.cost(gemv(2560, 2560));
        assertEquals(runs, t.simulations());
        assertEquals(a, b);
    }

    @Test
    void twoThreadsHalveTheRowsButShareDramBandwidth() {
        OperatorCost one = new CpuTarget(zen5, 1, false, BIG_MODEL, 1).cost(gemv(6912, 2560));
        OperatorCost two = new CpuTarget(zen5, 2, false, BIG_MODEL, 1).cost(gemv(6912, 2560));
        double speedup = one.cycles() / two.cycles();
        assertTrue(speedup > 1.0 && speedup <= 2.0, "speed-up " + speedup);
    }

    @Test
    void kernelsWithoutALoweringAreAnalyticAndSaySo() {
        OperatorCost c = new CpuTarget(zen5, 1, false, BIG_MODEL, 1)
            .cost(new Operator("lm_head", -1, "", OpClass.LINEAR, "bf16", 128256, 2560, 1, 0, 0, 0, "bf16", 0));
        assertEquals(OperatorCost.ANALYTIC, c.model());
        assertEquals("memory", c.bound());
        // 656 MB of bf16 weights (bf16 has no lowering) over 42.7 GB/s
        assertEquals(128256 * 2560 * 2 / 42.7e9, c.seconds(), 0.05 * c.seconds());
    }

    @Test
    void moreThreadsThanCoresIsRefused() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> new CpuTarget(zen5, 3, false, BIG_MODEL, 1));
    }

    /** a4.8: an I2_S linear whose input is int4 runs the i2_s-int4 program on an AVX2 core, an int8 one does not. */
    @org.junit.jupiter.api.Test
    void int4InputsRunTheInt4Program() {
        CpuTarget t = new CpuTarget(zen5, 1, false, BIG_MODEL, 1);
        Operator int4 = new Operator("w", 0, "layer", OpClass.LINEAR, "i2_s", 256, 4096, 1, 0, 0, 0, "i2_s", 0, "int4");
        Operator int8 = new Operator("w", 0, "layer", OpClass.LINEAR, "i2_s", 256, 4096, 1, 0, 0, 0, "i2_s", 0, "int8");
        assertTrue(t.cost(int4).note().startsWith("program i2_s-int4/avx2"), t.cost(int4).note());
        assertTrue(!t.cost(int8).note().contains("i2_s-int4"), t.cost(int8).note());
    }
}
