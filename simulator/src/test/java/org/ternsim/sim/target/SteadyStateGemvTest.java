// A sampled GEMV run on operand data for only the rows it can reach times exactly like the run on data for every row.
package org.ternsim.sim.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ternsim.isa.lower.GemvLowering;
import org.ternsim.isa.lower.GemvLowerings;
import org.ternsim.isa.uarch.Microarchitecture;
import org.ternsim.isa.uarch.UarchLoader;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.config.HardwareConfigLoader;
import org.ternsim.sim.run.CacheState;

class SteadyStateGemvTest {

    /**
     * The cap and window CpuTarget uses for a cold GEMV of this K; the reduced-data run must stop at the same row
     * with the same cycles, DRAM bytes and energy, and be bit-exact (the row and trailer copy put the data where the
     * program reads it), since no lowered program's timing depends on the weight values.
     */
    @ParameterizedTest(name = "{0} on {1}, K = {2}")
    @CsvSource({"i2_s, zen5-2c, 2560, 944, 52, 320, 576", "i2_s, zen5-2c, 6912, 532, 19, 304, 384",
        "f16, zen5-2c, 2560, 944, 52, 320, 576", "tl2, zen5-2c, 2560, 944, 52, 320, 576",
        "i2_s, cobalt-100, 2560, 944, 52, 320, 576", "tl1, cobalt-100, 2560, 944, 52, 320, 576"})
    void reducedDataGivesTheSameOutcomeAsFullData(String kernel, String hwName, int cols, int rows, long window,
            long minRows, int dataRows) {
        HardwareConfig hw = HardwareConfigLoader.load(Path.of("../configs/hw/" + hwName + ".yaml"));
        Microarchitecture uarch = UarchLoader.load(hw.core().uarch());
        GemvLowering l = GemvLowerings.forCore(kernel, hw.core().isa()).orElseThrow();
        SteadyStateGemv.Outcome full = SteadyStateGemv.run(hw, uarch, l, rows, cols, window, minRows, 1,
            CacheState.COLD, false, rows);
        SteadyStateGemv.Outcome reduced = SteadyStateGemv.run(hw, uarch, l, rows, cols, window, minRows, 1,
            CacheState.COLD, false, dataRows);
        assertNotNull(reduced, "the run got past its data or was not bit-exact on it");
        assertTrue(full.bitExact() && reduced.bitExact());
        assertTrue(reduced.to().rows() <= dataRows, "stopped at " + reduced.to().rows());
        assertEquals(full.from(), reduced.from());
        assertEquals(full.to(), reduced.to());
        assertEquals(full.steady(), reduced.steady());
        assertEquals(full.bound(), reduced.bound());
    }
}
