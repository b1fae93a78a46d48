// Where TernSim's bundled configs live: -Dternsim.home (set by the launcher), else the working directory.
package org.ternsim.cli;

import java.nio.file.Files;
import java.nio.file.Path;

final class Home {

    private Home() {
    }

    static Path dir() {
        String home = System.getProperty("ternsim.home");
        return Path.of(home == null ? "." : home);
    }

    /** The default hardware config shipped with TernSim. */
    static Path defaultHardware() {
        return dir().resolve("configs/hw/zen5-2c.yaml");
    }

    /**
     * A user path as given (relative to the working directory); if it does not exist there, a path relative to the
     * TernSim home, so that {@code --hw configs/hw/x.yaml} works from any directory.
     */
    static Path resolve(Path given) {
        if (given.isAbsolute() || Files.exists(given)) {
            return given;
        }
        Path inHome = dir().resolve(given);
        return Files.exists(inHome) ? inHome : given;
    }
}
