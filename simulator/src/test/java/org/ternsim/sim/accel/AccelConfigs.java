// Test helper: loads the shipped accelerator configs from configs/hw.
package org.ternsim.sim.accel;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ternsim.sim.config.AcceleratorConfigLoader;

final class AccelConfigs {

    private AccelConfigs() {
    }

    static Path dir() {
        Path p = Path.of("configs", "hw");
        return Files.isDirectory(p) ? p : Path.of("..", "configs", "hw");
    }

    static AcceleratorConfig load(String name) {
        return AcceleratorConfigLoader.load(dir().resolve(name + ".yaml"));
    }
}
