// The simulated memory mountain has the plateaus the config implies: L1 > L2 > L3 > DRAM, DRAM at most the configured bandwidth.
package org.ternsim.sim.stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.config.HardwareConfigLoader;

class StreamSimulationTest {

    @Test
    void plateausFallLevelByLevelAndDramStaysUnderItsBandwidth() {
        HardwareConfig hw = HardwareConfigLoader.load(Path.of("../configs/hw/zen5-2c.yaml"));
        long[] sets = {16 << 10, 512 << 10, 2 << 20, 256 << 20};
        for (int threads = 1; threads <= 2; threads++) {
            double previous = Double.MAX_VALUE;
            for (long ws : sets) {
                StreamSimulation.Point p = StreamSimulation.run(hw, ws * threads, threads, 16L << 20);
                System.out.printf("threads %d ws %d KiB: %.1f GB/s (%d cycles)%n", threads, ws * threads >> 10,
                    p.gbPerSecond(), p.cycles());
                assertTrue(p.gbPerSecond() < previous, "plateaus must fall outwards");
                previous = p.gbPerSecond();
            }
            assertTrue(previous <= hw.dram().bandwidthBytesPerSec() / 1e9 * 1.02, "DRAM plateau " + previous);
        }
    }
}
