// Sweep files and config overrides: every bundled sweep file loads; overrides are validated like file values and
// keep the original file position; sweep-file mistakes are located and reported together.
package org.ternsim.sim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ternsim.sim.sweep.SweepSpec;

class SweepFilesTest {
    static final Path ZEN5 = ConfigFiles.configsDir().resolve("hw/zen5-2c.yaml");

    @Test
    void everyBundledSweepLoads() throws Exception {
        try (Stream<Path> s = Files.list(ConfigFiles.configsDir().resolve("sweeps"))) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".yaml")).toList();
            assertTrue(files.size() >= 4, files.toString());
            for (Path f : files) {
                SweepSpec spec = SweepSpecLoader.load(f);
                assertTrue(f.getFileName().toString().startsWith(spec.name()), f + " is named after its sweep");
            }
        }
    }

    @Test
    void overridesReplaceValuesAndRecordTheirSource() {
        HardwareConfig c = HardwareConfigLoader.load(ZEN5, List.of(
                new ConfigOverride("caches.L2.size", "2MiB", "sweep x"),
                new ConfigOverride("core.freq", "4.5GHz", "sweep x"),
                new ConfigOverride("caches[2].ways", "24", "sweep x"),
                new ConfigOverride("dram.bandwidth", "20GB/s", "sweep x")));
        assertEquals(2L << 20, c.cache("L2").sizeBytes());
        assertEquals(4.5e9, c.core().freqHz());
        assertEquals(24, c.cache("L3").ways());
        assertEquals(20e9, c.dram().bandwidthBytesPerSec());
        assertEquals("sweep x", c.provenance().source("core.freq").orElseThrow());
        assertEquals(1L << 20, HardwareConfigLoader.load(ZEN5).cache("L2").sizeBytes(), "the file is untouched");
    }

    @Test
    void badOverridesAreLocatedAtTheReplacedValue() {
        ConfigException e = assertThrows(ConfigException.class, () -> HardwareConfigLoader.load(ZEN5, List.of(
                new ConfigOverride("core.freq", "fast", null), new ConfigOverride("dram.bandwith", "1GB/s", null))));
        assertEquals(2, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).matches(".*zen5-2c.yaml:\\d+:\\d+: core.freq: 'fast' is not a frequency.*"),
                e.problems().get(0));
        assertTrue(e.problems().get(1).contains("dram.bandwith: unknown key 'bandwith' (did you mean 'bandwidth'?)"),
                e.problems().get(1));
    }

    @Test
    void sweepFileErrorsAreLocatedAndCollected(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("s.yaml");
        Files.writeString(f, String.join("\n",
                "name: bad name",
                "hw: x.yaml",
                "params:",
                "  core.freq: [3GHz, 3GHz]",
                "sampling: {mode: randm}",
                "constraints: [\"power_w << 3\"]",
                "objectivs: [latency_s]",
                ""));
        ConfigException e = assertThrows(ConfigException.class, () -> SweepSpecLoader.load(f));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains(f + ":1:7: name: "), all);
        assertTrue(all.contains(":4:14: params.core.freq: repeated value"), all);
        assertTrue(all.contains("sampling.mode: unknown value 'randm' (did you mean 'random'?)"), all);
        assertTrue(all.contains("constraints: 'power_w << 3' is not a constraint"), all);
        assertTrue(all.contains("objectivs: unknown key 'objectivs' (did you mean 'objectives'?)"), all);
    }
}
