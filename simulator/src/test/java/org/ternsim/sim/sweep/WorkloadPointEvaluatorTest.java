// The workload evaluator: whole decode tokens per point on an accelerator (fields overridden like a file's) and on a
// CPU, with the metrics moving the way the design change implies, and bad options refused before anything runs.
package org.ternsim.sim.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ternsim.sim.config.ConfigException;
import org.ternsim.sim.config.ConfigOverride;

class WorkloadPointEvaluatorTest {
    static final Path ACCEL = Path.of("../configs/hw/accel-edge.yaml");
    static final Path CPU = Path.of("../configs/hw/zen5-2c.yaml");
    final WorkloadPointEvaluator evaluator = new WorkloadPointEvaluator();

    private Map<String, Object> run(Path hw, List<ConfigOverride> overrides, String workload, String phase) {
        Map<String, String> options = new java.util.LinkedHashMap<>(evaluator.runOptions());
        options.put("workload", workload);
        options.put("phase", phase);
        return evaluator.prepare(hw, overrides, options).evaluate();
    }

    private static ConfigOverride set(String path, String value) {
        return new ConfigOverride(path, value, "test");
    }

    @Test
    void moreDramBandwidthHelpsAMemoryBoundDecodeAndALargerArrayCostsArea() {
        Map<String, Object> slow = run(ACCEL, List.of(set("dma.bandwidth", "8.5GB/s")), "bitnet-b1.58-2b4t", "decode@512");
        Map<String, Object> fast = run(ACCEL, List.of(set("dma.bandwidth", "51.2GB/s")), "bitnet-b1.58-2b4t", "decode@512");
        Map<String, Object> big = run(ACCEL, List.of(set("dma.bandwidth", "51.2GB/s"), set("pe.rows", "32")),
            "bitnet-b1.58-2b4t", "decode@512");
        assertEquals("memory", slow.get("bound"));
        assertTrue((double) slow.get("latency_s") > 1.5 * (double) fast.get("latency_s"), slow + " vs " + fast);
        assertTrue((double) big.get("area_mm2") > (double) fast.get("area_mm2"));
        assertEquals((double) fast.get("tokens_per_s"), 1 / (double) fast.get("latency_s"), 1e-9);
    }

    @Test
    void aCpuPointRunsTheWorkloadOnItsCores() {
        Map<String, Object> m = run(CPU, List.of(), "bitnet-dummy-125m", "decode@512");
        assertTrue((double) m.get("latency_s") > 0);
        assertTrue(!m.containsKey("area_mm2"), "no area model for CPUs");
    }

    @Test
    void badPointsFailAtPreparation() {
        assertThrows(IllegalArgumentException.class, () -> run(ACCEL, List.of(), "bitnet-b1.58-2b4t", "decode@x"));
        assertThrows(IllegalArgumentException.class, () -> run(ACCEL, List.of(), "no-such-model", "decode@512"));
        assertThrows(ConfigException.class, () -> run(ACCEL, List.of(set("pe.rows", "-3")), "bitnet-b1.58-2b4t",
            "decode@512"));
    }
}
