// Test helper: locates the bundled configs and writes small hw/energy file pairs into a temp dir.
package org.ternsim.sim.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

final class ConfigFiles {
    private ConfigFiles() {}

    /** The repository's configs/ dir (tests run in simulator/ under Maven, or at the root in an IDE). */
    static Path configsDir() {
        for (Path p : new Path[] {Path.of("..", "configs"), Path.of("configs")}) {
            if (Files.isDirectory(p.resolve("hw"))) return p;
        }
        throw new IllegalStateException("configs/ not found from " + Path.of("").toAbsolutePath());
    }

    static final String ENERGY = String.join("\n",
            "name: tiny",
            "node: 16nm",
            "source: \"test\"",
            "actions:",
            "  l1d.read: 5pJ",
            "  l1d.write: 5pJ",
            "core_static_power: 1W",
            "uncore_static_power: 2W",
            "");

    /** A valid minimal hw config; tests edit copies of it. Line numbers matter to the tests. */
    static final String HW = String.join("\n",
            "name: tiny",                       // 1
            "cores: 2",                         // 2
            "core:",                            // 3
            "  uarch: zen5",                    // 4
            "  freq: 3GHz",                     // 5
            "  isa: [avx2]",                    // 6
            "caches:",                          // 7
            "  - name: L1D",                    // 8
            "    size: 32KiB",                  // 9
            "    ways: 8",                      // 10
            "    latencyCycles: 4",             // 11
            "dram:",                            // 12
            "  type: DDR4",                     // 13
            "  bandwidth: 20GB/s",              // 14
            "  latency: 100ns",                 // 15
            "  energyPerBit: 15pJ",             // 16
            "energy: tiny",                     // 17
            "");

    /** Writes hw text to dir/hw/t.yaml and the tiny energy table to dir/energy/tiny.yaml; returns the hw path. */
    static Path write(Path dir, String hw) {
        try {
            Files.createDirectories(dir.resolve("hw"));
            Files.createDirectories(dir.resolve("energy"));
            Files.writeString(dir.resolve("energy").resolve("tiny.yaml"), ENERGY);
            Path p = dir.resolve("hw").resolve("t.yaml");
            Files.writeString(p, hw);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
