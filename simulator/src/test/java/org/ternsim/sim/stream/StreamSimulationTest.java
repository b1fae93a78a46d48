// The simulated memory mountain has the plateaus the config implies: L1 >= L2 >= L3 > DRAM, DRAM at most the configured bandwidth.
package org.ternsim.sim.stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.config.HardwareConfigLoader;

class StreamSimulationTest {

    @Test
    void plateausFallLevelByLevelAndDramStaysUnderItsBandwidth() {
        plateausFall("zen5-2c", new long[] {16 << 10, 512 << 10, 2 << 20, 256 << 20});
    }

    @Test
    void theArmLoopRunsOnNeonConfigs() {
        // Cortex-A76: 64 KiB L1D, 512 KiB L2, 2 MiB shared L3. Its 4-wide decode runs the 11-instruction loop in
        // 2.75 cycles, below every cache's bandwidth, so L1 to L3 share one plateau; only DRAM falls below it.
        plateausFall("raspberry-pi-5", new long[] {16 << 10, 256 << 10, 1 << 20, 64 << 20});
    }

    private static void plateausFall(String config, long[] sets) {
        HardwareConfig hw = HardwareConfigLoader.load(Path.of("../configs/hw/" + config + ".yaml"));
        for (int threads = 1; threads <= 2; threads++) {
            double previous = Double.MAX_VALUE;
            double first = 0;
            for (long ws : sets) {
                StreamSimulation.Point p = StreamSimulation.run(hw, ws * threads, threads, 16L << 20);
                System.out.printf("threads %d ws %d KiB: %.1f GB/s (%d cycles)%n", threads, ws * threads >> 10,
                    p.gbPerSecond(), p.cycles());
                assertTrue(p.gbPerSecond() <= previous * 1.001, "plateaus must not rise outwards");
                previous = p.gbPerSecond();
                first = Math.max(first, previous);
            }
            assertTrue(previous < first * 0.5, "DRAM must fall well below the cache plateau");
            assertTrue(previous <= hw.dram().bandwidthBytesPerSec() / 1e9 * 1.02, "DRAM plateau " + previous);
        }
    }
}
