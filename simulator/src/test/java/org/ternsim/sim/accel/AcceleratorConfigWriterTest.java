// The resolved accelerator config re-loads to the same design, names every source, and is byte-stable.
package org.ternsim.sim.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ternsim.sim.config.AcceleratorConfigLoader;
import org.ternsim.sim.config.AcceleratorConfigWriter;

class AcceleratorConfigWriterTest {

    @Test
    void everyShippedDesignRoundTrips(@TempDir Path tmp) throws IOException {
        Path hw = Files.createDirectories(tmp.resolve("hw"));
        Path energy = Files.createDirectories(tmp.resolve("energy"));
        try (var tables = Files.list(AccelConfigs.dir().resolveSibling("energy"))) {
            for (Path t : tables.toList()) {
                Files.copy(t, energy.resolve(t.getFileName()));
            }
        }
        for (String n : List.of("accel-edge", "accel-edge-lut", "accel-large", "accel-vitallm", "accel-tereffic-hbm")) {
            AcceleratorConfig c = AccelConfigs.load(n);
            String yaml = AcceleratorConfigWriter.toYaml(c);
            Path f = hw.resolve(n + ".yaml");
            Files.writeString(f, yaml);
            AcceleratorConfig back = AcceleratorConfigLoader.load(f);
            assertEquals(List.of(c.name(), c.description(), c.clockHz(), c.pe(), c.weight(), c.activation(),
                    String.valueOf(c.lut()), c.output(), c.dma(), c.doubleBuffering(), c.epilogue(), c.sparsity(),
                    c.energy().actions(), String.valueOf(c.published())), List.of(back.name(), back.description(),
                    back.clockHz(), back.pe(), back.weight(), back.activation(), String.valueOf(back.lut()),
                    back.output(), back.dma(), back.doubleBuffering(), back.epilogue(), back.sparsity(),
                    back.energy().actions(), String.valueOf(back.published())), n);
            // Stable: the re-loaded design writes the same bytes, sources included.
            assertEquals(yaml, AcceleratorConfigWriter.toYaml(back), n);
            assertTrue(yaml.contains("skipZeroActivations:") && yaml.contains("int4PerLane:") && yaml.contains("ports:"),
                    yaml);
            assertTrue(yaml.contains("# energy table '" + c.energy().name() + "'"), yaml);
        }
        String edge = AcceleratorConfigWriter.toYaml(AccelConfigs.load("accel-edge"));
        // A default the file did not set is marked, a configured value carries its source.
        assertTrue(edge.contains("ports: {value: 1, source: \"default\"}"), edge);
        assertTrue(edge.contains("skipGroup: {value: 4, source: \"zero-weight fraction"), edge);
    }
}
