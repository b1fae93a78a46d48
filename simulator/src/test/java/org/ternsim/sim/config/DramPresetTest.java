// DRAM presets from a hw config: derived peak and sustainable bandwidth, overrides, sources, and a bad preset name.
package org.ternsim.sim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DramPresetTest {

    private static final String DRAM = "dram:\n  type: DDR4\n  bandwidth: 20GB/s\n  latency: 100ns\n  energyPerBit: 15pJ\n";

    private static HardwareConfig load(Path dir, String dram) {
        return HardwareConfigLoader.load(ConfigFiles.write(dir, ConfigFiles.HW.replace(DRAM, dram)));
    }

    @Test
    void presetWithChannelsDerivesPeakAndSustainableBandwidth(@TempDir Path dir) {
        HardwareConfig c = load(dir, "dram:\n  preset: ddr5-4800\n  channels: 12\n");
        // 12 channels x 8 B x 4800 MT/s = 460.8 GB/s (Genoa's figure, uarch.md §5.1); sustainable 83 % of it.
        assertEquals(460.8e9, c.dram().peakBytesPerSec(), 1e3);
        assertEquals(0.83 * 460.8e9, c.dram().bandwidthBytesPerSec(), 1e3);
        assertEquals("DDR5-4800", c.dram().type());
        assertEquals(4800, c.dram().dataRateMTs());
        assertEquals(64, c.dram().busBits());
        assertTrue(c.provenance().source("dram.bandwidth").orElseThrow().startsWith("[preset ddr5-4800]"));
    }

    @Test
    void explicitFieldsOverrideThePreset(@TempDir Path dir) {
        HardwareConfig c = load(dir, "dram:\n  preset: lpddr5-6400\n  bandwidth: 50GB/s\n  latency: 90ns\n");
        assertEquals(102.4e9, c.dram().peakBytesPerSec(), 1e3); // 8 x 16-bit channels x 6400 MT/s
        assertEquals(50e9, c.dram().bandwidthBytesPerSec(), 1);
        assertEquals(90, c.dram().latencyNs(), 1e-9);
    }

    @Test
    void unknownPresetNamesTheChoices(@TempDir Path dir) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(dir, "dram:\n  preset: ddr9-9999\n"));
        assertTrue(e.getMessage().contains("dram.preset") && e.getMessage().contains("ddr5-4800"), e.getMessage());
    }
}
