// Every sweep shipped in configs/sweeps loads, and every point of it is valid (prepared, not run).
package org.ternsim.sim.sweep;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.ternsim.sim.config.ConfigException;
import org.ternsim.sim.config.SweepSpecLoader;

class ShippedSweepsTest {

    private static final Path DIR = Path.of("../configs/sweeps");

    @Test
    void everyShippedSweepHasOnlyValidPoints() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        for (Path f : files) {
            SweepSpec spec = SweepSpecLoader.load(f);
            SweepRunner.check(spec, DIR.resolve(spec.hw()), PointEvaluators.byName(spec.evaluator()));
        }
        assertTrue(files.stream().anyMatch(f -> f.endsWith("a48-sparse-kernels.yaml")), files.toString());
    }

    @Test
    void aBadKernelOrIsaInAWorkloadSweepFailsBeforeAnythingRuns() {
        for (Map.Entry<String, String> bad : Map.of("kernel", "down_proj=i3_s", "isa", "neon").entrySet()) {
            SweepSpec spec = new SweepSpec("bad", "unused", "workload", Map.of(bad.getKey(), List.of(bad.getValue())),
                Sampling.GRID, List.of(), SweepSpec.DEFAULT_OBJECTIVES);
            ConfigException e = assertThrows(ConfigException.class,
                () -> SweepRunner.check(spec, SweepRunnerTest.HW, new WorkloadPointEvaluator()));
            assertTrue(e.getMessage().contains(bad.getValue()), e.getMessage());
        }
    }
}
