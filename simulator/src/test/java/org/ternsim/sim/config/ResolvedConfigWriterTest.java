// The resolved config is deterministic and loads back to an equal config (round trip).
package org.ternsim.sim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResolvedConfigWriterTest {
    @TempDir
    Path tmp;

    private static HardwareConfig devVm() {
        return HardwareConfigLoader.load(ConfigFiles.configsDir().resolve("hw/zen5-2c.yaml"));
    }

    @Test
    void deterministic() {
        assertEquals(ResolvedConfigWriter.toYaml(devVm()), ResolvedConfigWriter.toYaml(devVm()));
    }

    @Test
    void roundTripDevVm() throws Exception {
        roundTrip(devVm());
    }

    @Test
    void roundTripWithDefaults() throws Exception {
        HardwareConfig c = HardwareConfigLoader.load(ConfigFiles.write(tmp.resolve("src"), ConfigFiles.HW));
        String yaml = roundTrip(c);
        assertTrue(yaml.contains("mshrs: {value: 16, source: \"default\"}"), yaml);
        assertTrue(yaml.contains("line: {value: 64B, source: \"default\"}"), yaml);
    }

    private String roundTrip(HardwareConfig c) throws Exception {
        String yaml = ResolvedConfigWriter.toYaml(c);
        Path p = tmp.resolve("resolved-config.yaml");
        Files.writeString(p, yaml);
        HardwareConfig back = HardwareConfigLoader.load(p);
        assertEquals(c.name(), back.name());
        assertEquals(c.description(), back.description());
        assertEquals(c.cores(), back.cores());
        assertEquals(c.core(), back.core());
        assertEquals(c.caches(), back.caches());
        assertEquals(c.dram(), back.dram());
        assertEquals(c.energy().actions(), back.energy().actions());
        assertEquals(c.energy().coreStaticPowerW(), back.energy().coreStaticPowerW());
        assertEquals(c.energy().uncoreStaticPowerW(), back.energy().uncoreStaticPowerW());
        assertEquals(c.energy().node(), back.energy().node());
        // Every recorded source survives; the round trip may only add "default" for fields the writer filled in.
        // "energy" names the table file in the original; the resolved file holds the table inline instead.
        c.provenance().sourceByField().forEach((k, v) -> {
            if (!k.equals("energy")) assertEquals(v, back.provenance().sourceByField().get(k), k);
        });
        back.provenance().sourceByField().forEach((k, v) -> {
            if (!c.provenance().sourceByField().containsKey(k)) assertEquals(Provenance.DEFAULT, v, k);
        });
        assertEquals(comparable(yaml, c), comparable(ResolvedConfigWriter.toYaml(back), back), "fixed point");
        return yaml;
    }

    /** The text without the two lines that name the input file or how the energy table was referenced. */
    private static String comparable(String yaml, HardwareConfig c) {
        return yaml.lines().filter(l -> !l.startsWith("# Loaded from") && !l.startsWith("# energy table"))
                .reduce("", (a, b) -> a + b + "\n");
    }

    @Test
    void normalisedUnits() {
        assertEquals("48KiB", ResolvedConfigWriter.bytes(48 * 1024));
        assertEquals("3MiB", ResolvedConfigWriter.bytes(3 << 20));
        assertEquals("1000B", ResolvedConfigWriter.bytes(1000));
        assertEquals("3.9GHz", ResolvedConfigWriter.hz(3.9e9));
        assertEquals("42.7GB/s", ResolvedConfigWriter.bandwidth(42.7e9));
        assertEquals("1.5B/s", ResolvedConfigWriter.bandwidth(1.5));
        assertEquals(0.1 + 0.2, Units.picojoules(ResolvedConfigWriter.plain(0.1 + 0.2) + "pJ"));
    }
}
