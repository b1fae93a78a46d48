// The bundled CPU configs whose core lists an ISA, and the one a command uses for it when no --hw is given.
package org.ternsim.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.ternsim.sim.config.AcceleratorConfigLoader;
import org.ternsim.sim.config.HardwareConfigLoader;

final class HardwareForIsa {

    /**
     * Preferred configs, best first: the global default, then a Neoverse N2 server (the Arm core whose table is the
     * most completely sourced, uarch.md §5.2) so that an Arm ISA does not land on a phone- or desktop-class core.
     */
    private static final List<String> PREFERRED = List.of("zen5-2c.yaml", "cobalt-100.yaml");

    private HardwareForIsa() {
    }

    /** Bundled CPU configs (not accel-*) whose core lists {@code isa}: preferred ones first, then by file name. */
    static List<Path> configsWith(String isa) {
        Path dir = Home.dir().resolve("configs/hw");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> all;
        try (Stream<Path> s = Files.list(dir)) {
            all = new ArrayList<>(s.filter(p -> p.getFileName().toString().endsWith(".yaml")).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        all.sort(Comparator.comparingInt((Path p) -> rank(p)).thenComparing(p -> p.getFileName().toString()));
        return all.stream().filter(p -> !AcceleratorConfigLoader.isAccelerator(p))
            .filter(p -> HardwareConfigLoader.load(p).core().isa().contains(isa)).toList();
    }

    /** The config to use for {@code isa} when the user gave none. */
    static Optional<Path> defaultFor(String isa) {
        return configsWith(isa).stream().findFirst();
    }

    /** "cobalt-100, raspberry-pi-5, ..." or "none" for messages. */
    static String names(String isa) {
        List<String> names = configsWith(isa).stream().map(p -> p.getFileName().toString().replaceFirst("\\.yaml$", ""))
            .toList();
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private static int rank(Path p) {
        int i = PREFERRED.indexOf(p.getFileName().toString());
        return i < 0 ? PREFERRED.size() : i;
    }
}
