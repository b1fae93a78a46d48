// Loading the bundled dev-VM config, and one test per error class with the exact one-line message and position.
package org.ternsim.sim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HardwareConfigLoaderTest {
    @TempDir
    Path tmp;

    private List<String> problems(String hw) {
        Path p = ConfigFiles.write(tmp, hw);
        return assertThrows(ConfigException.class, () -> HardwareConfigLoader.load(p)).problems();
    }

    private String file() {
        return tmp.resolve("hw").resolve("t.yaml").toString();
    }

    @Test
    void loadsTheDevVmConfig() {
        HardwareConfig c = HardwareConfigLoader.load(ConfigFiles.configsDir().resolve("hw/zen5-2c.yaml"));
        assertEquals("zen5-2c", c.name());
        assertEquals(2, c.cores());
        assertEquals("zen5", c.core().uarch());
        assertEquals(3.9e9, c.core().freqHz());
        assertEquals(List.of("avx2", "avx512"), c.core().isa());
        assertEquals(List.of("L1D", "L2", "L3"), c.caches().stream().map(CacheConfig::name).toList());
        CacheConfig l1 = c.caches().get(0);
        assertEquals(48 * 1024, l1.sizeBytes());
        assertEquals(12, l1.ways());
        assertEquals(64, l1.lineBytes());
        assertEquals(64, l1.sets());
        assertEquals(4, l1.latencyCycles());
        assertEquals(24, l1.mshrs());
        assertFalse(l1.shared());
        assertEquals("next-line", l1.prefetcher().kind());
        CacheConfig l2 = c.cache("L2");
        assertEquals(1 << 20, l2.sizeBytes());
        assertEquals(1024, l2.sets());
        assertEquals(14, l2.latencyCycles());
        assertEquals(96, l2.mshrs());
        assertEquals(Replacement.TREE_PLRU, l2.replacement());
        assertEquals(new PrefetcherConfig("stream", 8, 96), l2.prefetcher());
        CacheConfig l3 = c.cache("L3");
        assertEquals(3 << 20, l3.sizeBytes());
        assertEquals(4096, l3.sets());
        assertTrue(l3.shared());
        assertEquals(PrefetcherConfig.NONE, l3.prefetcher());
        assertEquals(42.7e9, c.dram().bandwidthBytesPerSec());
        assertEquals(576e9, c.dram().peakBytesPerSec());
        assertEquals(150.0, c.dram().latencyNs());
        assertEquals(12, c.dram().channels());
        assertEquals(12.0, c.dram().energyPjPerBit());
        assertEquals("zen5-n4", c.energy().name());
        assertEquals(23.0, c.energy().pj("l1d.read"));
        assertTrue(c.provenance().source("caches.L2.size").orElseThrow().startsWith("sysfs index2"));
        assertTrue(c.provenance().source("caches.L1D.mshrs").orElseThrow().startsWith(Provenance.ESTIMATE_PREFIX));
        assertTrue(c.provenance().source("dram.bandwidth").orElseThrow().contains("MemBandwidth.java"));
    }

    @Test
    void energyTableHasTheActionsTheSimulatorCounts() {
        EnergyTable t = EnergyTableLoader.load(ConfigFiles.configsDir().resolve("energy/zen5-n4.yaml"));
        for (String a : List.of("core.instruction", "core.scalar_op", "core.vector_op_256", "core.vector_mul_256",
                "core.fp_scalar_op", "l1d.read", "l1d.write", "l2.read", "l2.write", "l3.read", "l3.write")) {
            assertTrue(t.pj(a) > 0, a);
            assertTrue(t.actions().get(a).estimate(), a + " is derived through an estimated factor");
        }
        assertEquals(0.8, t.coreStaticPowerW());
        assertEquals(2.0, t.uncoreStaticPowerW());
        EnergyTable h = EnergyTableLoader.load(ConfigFiles.configsDir().resolve("energy/generic-45nm.yaml"));
        assertEquals(0.03, h.pj("int8.add"));
        assertFalse(h.actions().get("int8.add").estimate());
        assertEquals(1300.0, h.pj("dram.access64_low"));
    }

    @Test
    void missingEnergyActionNamesTheTable() {
        EnergyTable t = EnergyTableLoader.load(ConfigFiles.configsDir().resolve("energy/zen5-n4.yaml"));
        ConfigException e = assertThrows(ConfigException.class, () -> t.pj("l1.read"));
        assertTrue(e.getMessage().startsWith("energy table 'zen5-n4': no action 'l1.read' (did you mean 'l1d.read'?);"
                + " expected one of core.instruction"), e.getMessage());
    }

    @Test
    void minimalConfigGetsDefaults() {
        HardwareConfig c = HardwareConfigLoader.load(ConfigFiles.write(tmp, ConfigFiles.HW));
        CacheConfig l1 = c.caches().get(0);
        assertEquals(64, l1.lineBytes());
        assertEquals(16, l1.mshrs());
        assertEquals(Replacement.LRU, l1.replacement());
        assertEquals(PrefetcherConfig.NONE, l1.prefetcher());
        assertEquals(20e9, c.dram().peakBytesPerSec());
        assertEquals(1, c.dram().channels());
        assertEquals(0.0, c.dram().backgroundPowerW());
        assertEquals("", c.description());
        assertEquals(Provenance.DEFAULT, c.provenance().source("caches.L1D.line").orElseThrow());
        assertEquals("test", c.energy().actions().get("l1d.read").source());
    }

    @Test
    void unknownKeyWithSuggestion() {
        List<String> p = problems(ConfigFiles.HW.replace("    ways: 8", "    wayz: 8\n    ways: 8"));
        assertEquals(List.of(file() + ":10:5: caches.L1D.wayz: unknown key 'wayz' (did you mean 'ways'?); expected one"
                + " of name, size, ways, line, latencyCycles, mshrs, shared, replacement, inclusion, fillBandwidth, prefetcher, source, estimate"), p);
    }

    @Test
    void unknownTopLevelKeyWithoutCloseMatch() {
        List<String> p = problems(ConfigFiles.HW + "turbo: yes\n");
        assertEquals(1, p.size());
        assertTrue(p.get(0).startsWith(file() + ":18:1: turbo: unknown key 'turbo'; expected one of name,"), p.get(0));
    }

    @Test
    void wrongUnitAndPlainNumber() {
        List<String> p = problems(ConfigFiles.HW.replace("size: 32KiB", "size: 32768").replace("freq: 3GHz", "freq: 3GB"));
        assertEquals(List.of(
                file() + ":5:9: core.freq: unknown frequency unit 'GB'; expected a frequency such as 3.9GHz",
                file() + ":9:11: caches.L1D.size: plain number '32768' has no unit; expected a size such as 48KiB,"
                        + " 1MiB or 64B"), p);
    }

    @Test
    void nonPowerOfTwoSets() {
        List<String> p = problems(ConfigFiles.HW.replace("size: 32KiB", "size: 48KiB"));
        assertEquals(List.of(file() + ":9:11: caches.L1D.size: 49152 B / (8 ways x 64 B) = 96 sets, not a power of two;"
                + " expected size = sets x ways x line with a power-of-two number of sets, e.g. 32768 B or 65536 B at"
                + " 8 ways"), p);
    }

    @Test
    void sizeNotAMultipleAndLineNotPowerOfTwo() {
        List<String> p = problems(ConfigFiles.HW.replace("size: 32KiB", "size: 1000B")
                .replace("    ways: 8", "    ways: 8\n    line: 48B"));
        assertEquals(1, p.size());
        assertEquals(file() + ":11:11: caches.L1D.line: line size 48 B is not a power of two; expected a power of two"
                + " such as 64B", p.get(0));
        p = problems(ConfigFiles.HW.replace("size: 32KiB", "size: 1000B"));
        assertTrue(p.get(0).startsWith(file() + ":9:11: caches.L1D.size: 1000 B is not a multiple of ways x line"), p.get(0));
    }

    @Test
    void relationChecks() {
        List<String> p = problems(ConfigFiles.HW.replace("cores: 2", "cores: 0")
                .replace("  bandwidth: 20GB/s", "  bandwidth: 20GB/s\n  peak: 10GB/s"));
        assertEquals(List.of(
                file() + ":2:8: cores: must be >= 1, got 0; expected an integer >= 1 such as 2",
                file() + ":14:14: dram.bandwidth: sustainable bandwidth exceeds peak 10.0 GB/s; expected bandwidth <= peak"),
                p);
    }

    @Test
    void allErrorsOfAFileTogether() {
        String bad = ConfigFiles.HW.replace("cores: 2", "cores: two").replace("  freq: 3GHz", "  frequency: 3GHz")
                .replace("ways: 8", "ways: 8\n    replacment: lru").replace("latency: 100ns", "latency: 100")
                .replace("energyPerBit: 15pJ", "energyPerBit: 15pj");
        Path path = ConfigFiles.write(tmp, bad);
        ConfigException e = assertThrows(ConfigException.class, () -> HardwareConfigLoader.load(path));
        List<String> p = e.problems();
        assertEquals(6, p.size(), String.join("\n", p));
        assertEquals(p.get(0) + " (and 5 more)", e.getMessage());
        assertTrue(p.get(0).startsWith(file() + ":2:8: cores: 'two' is not an integer"), p.get(0));
        assertTrue(p.stream().anyMatch(s -> s.startsWith(file() + ":4:3: core.freq: missing required key")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith(file() + ":5:3: core.frequency: unknown key 'frequency'"
                + " (did you mean 'freq'?)")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.contains("caches.L1D.replacment: unknown key 'replacment' (did you mean"
                + " 'replacement'?)")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith(file() + ":16:12: dram.latency: plain number '100' has no unit")),
                p.toString());
        assertTrue(p.stream().anyMatch(s -> s.contains("dram.energyPerBit: unknown energy unit 'pj'")), p.toString());
        for (String s : p) assertEquals(1, s.lines().count());
    }

    @Test
    void missingFile() {
        Path p = Path.of("configs", "hw", "missing.yaml");
        ConfigException e = assertThrows(ConfigException.class, () -> HardwareConfigLoader.load(p));
        assertEquals(p + ": file not found", e.getMessage());
    }

    @Test
    void missingEnergyTableIsReportedAtTheEnergyLine() {
        List<String> p = problems(ConfigFiles.HW.replace("energy: tiny", "energy: nosuch"));
        assertEquals(List.of(file() + ":17:9: energy: energy table file " + tmp.resolve("energy").resolve("nosuch.yaml")
                + " not found; expected an existing table under configs/energy"), p);
    }

    @Test
    void yamlSyntaxErrorHasAPosition() {
        List<String> p = problems("name: x\ncores: [1, 2\n");
        assertEquals(1, p.size());
        assertTrue(p.get(0).startsWith(file() + ":"), p.get(0));
        assertTrue(p.get(0).contains("YAML syntax error"), p.get(0));
    }

    @Test
    void duplicateKeyAndDuplicateCacheName() {
        List<String> p = problems(ConfigFiles.HW.replace("cores: 2", "cores: 2\ncores: 3"));
        assertEquals(file() + ":3:1: cores: duplicate key (first at line 2); expected each key once per mapping", p.get(0));
        String twoL1 = ConfigFiles.HW.replace("caches:\n", "caches:\n  - {name: L1D, size: 32KiB, ways: 8,"
                + " latencyCycles: 4}\n");
        p = problems(twoL1);
        assertTrue(p.get(0).contains("caches[1].name: duplicate cache name 'L1D'"), p.toString());
    }

    @Test
    void valueSourceFormAndBlockSource() {
        String hw = ConfigFiles.HW.replace("cores: 2", "cores: {value: 2, source: \"lscpu\"}")
                .replace("dram:", "dram:\n  source: \"datasheet\"")
                .replace("  freq: 3GHz", "  freq: {value: 3GHz, source: \"measured\", estimate: true}");
        HardwareConfig c = HardwareConfigLoader.load(ConfigFiles.write(tmp, hw));
        assertEquals(2, c.cores());
        assertEquals("lscpu", c.provenance().source("cores").orElseThrow());
        assertEquals("[estimate] measured", c.provenance().source("core.freq").orElseThrow());
        assertEquals("datasheet", c.provenance().source("dram.bandwidth").orElseThrow());
        assertEquals(Provenance.DEFAULT, c.provenance().source("dram.channels").orElseThrow());
    }

    @Test
    void badLeafWrapper() {
        List<String> p = problems(ConfigFiles.HW.replace("cores: 2", "cores: {valu: 2, source: \"x\"}"));
        assertEquals(file() + ":2:8: cores: mapping without 'value'; expected a scalar or {value: X, source: \"...\"}",
                p.get(0));
    }

    @Test
    void treePlruNeedsPowerOfTwoWays() {
        List<String> p = problems(ConfigFiles.HW.replace("size: 32KiB", "size: 48KiB").replace("ways: 8",
                "ways: 12\n    replacement: tree-plru"));
        assertEquals(List.of(file() + ":11:18: caches.L1D.replacement: tree-plru needs a power-of-two number of ways"
                + " up to 64, got 12; expected lru or random for 12 ways"), p);
        List<String> wide = problems(ConfigFiles.HW.replace("size: 32KiB", "size: 512KiB").replace("ways: 8",
                "ways: 128\n    replacement: tree-plru"));
        assertEquals(List.of(file() + ":11:18: caches.L1D.replacement: tree-plru needs a power-of-two number of ways"
                + " up to 64, got 128; expected lru or random for 128 ways"), wide);
    }
}
