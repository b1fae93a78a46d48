// A copy of configs/hw/zen5-2c.yaml with one piece of text replaced, beside its energy table, for the tests of how
// a broken hardware config is reported.
package org.ternsim.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

final class BadHwConfigs {

    private BadHwConfigs() {
    }

    /** dir/hw/bad.yaml: zen5-2c.yaml with {@code from}, which must occur exactly once, replaced by {@code to}. */
    static Path zen5With(Path dir, String from, String to) throws IOException {
        Files.createDirectories(dir.resolve("hw"));
        Files.createDirectories(dir.resolve("energy"));
        Path energy = dir.resolve("energy/zen5-n4.yaml");
        if (!Files.exists(energy)) {
            Files.copy(Path.of("../configs/energy/zen5-n4.yaml"), energy);
        }
        String yaml = Files.readString(Path.of("../configs/hw/zen5-2c.yaml"));
        assertTrue(yaml.indexOf(from) >= 0 && yaml.indexOf(from) == yaml.lastIndexOf(from), "once in zen5-2c.yaml: " + from);
        Path hw = dir.resolve("hw/bad.yaml");
        Files.writeString(hw, yaml.replace(from, to));
        return hw;
    }
}
