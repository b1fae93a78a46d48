// Run directories for tests: a real simulated I2_S GEMV (written by RunWriter) and the end-to-end schema fixture.
package org.ternsim.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ternsim.reports.data.RunReader;
import org.ternsim.reports.data.RunSummary;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.config.HardwareConfigLoader;
import org.ternsim.sim.config.ResolvedConfigWriter;
import org.ternsim.sim.run.CacheState;
import org.ternsim.sim.run.GemvSimulation;
import org.ternsim.sim.run.RunResult;

public final class TestRuns {

    public static final String FIXTURE = "fixture-2b4t-decode";

    private TestRuns() {
    }

    /** Simulates a small GEMV on the bundled zen5-2c config and writes its run directory under {@code parent}. */
    public static Path gemvRunDir(Path parent, String name, int rows, int cols, CacheState cache) {
        HardwareConfig hw = HardwareConfigLoader.load(Path.of("../configs/hw/zen5-2c.yaml"));
        RunResult r = GemvSimulation.run(new GemvSimulation.Request(hw, "i2_s", rows, cols, 1, cache));
        Path dir = parent.resolve(name);
        RunWriter.write(dir, r, ResolvedConfigWriter.toYaml(hw), r.programText(), false);
        return dir;
    }

    public static RunSummary gemv(Path parent) {
        return RunReader.read(gemvRunDir(parent, "gemv-64x256", 64, 256, CacheState.WARM));
    }

    /** Copies the end-to-end fixture run directory (issue-7 schema, illustrative numbers) under {@code parent}. */
    public static Path fixtureDir(Path parent) {
        return copy(parent, FIXTURE);
    }

    private static Path copy(Path parent, String name) {
        Path dir = parent.resolve(name);
        try {
            Files.createDirectories(dir);
            for (String file : new String[] {"results.json", "resolved-config.yaml"}) {
                try (InputStream in = TestRuns.class.getResourceAsStream(name + "/" + file)) {
                    Files.copy(in, dir.resolve(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    public static RunSummary fixture(Path parent) {
        return RunReader.read(fixtureDir(parent));
    }

    /** A real end-to-end run (BitNet dummy 125M decode on zen5-2c, 1 or 2 threads) copied under {@code parent}. */
    public static RunSummary endToEnd(Path parent, int threads) {
        return RunReader.read(copy(parent, "e2e-dummy-125m-decode-" + threads + "t"));
    }
}
