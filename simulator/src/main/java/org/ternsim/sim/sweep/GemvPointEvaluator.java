// Today's sweep evaluator: one simulated GEMV (GemvSimulation) on a CPU config per point.
package org.ternsim.sim.sweep;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ternsim.sim.config.ConfigOverride;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.config.HardwareConfigLoader;
import org.ternsim.sim.run.CacheState;
import org.ternsim.sim.run.GemvSimulation;
import org.ternsim.sim.run.RunResult;

public final class GemvPointEvaluator implements PointEvaluator {

    @Override
    public String name() {
        return "gemv";
    }

    @Override
    public Map<String, String> runOptions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("shape", "2560x6912");
        m.put("kernel", "i2_s");
        m.put("isa", "auto");
        m.put("threads", "1");
        m.put("cache", "warm");
        m.put("seed", "1");
        return m;
    }

    @Override
    public List<String> metrics() {
        return List.of("cycles", "latency_s", "gmac_per_s", "effective_gb_per_s", "energy_j", "power_w",
                "dram_read_bytes", "bound", "bit_exact");
    }

    @Override
    public Job prepare(Path hw, List<ConfigOverride> overrides, Map<String, String> options) {
        HardwareConfig config = HardwareConfigLoader.load(hw, overrides);
        int[] shape = shape(options.get("shape"));
        int threads = integer("threads", options.get("threads"));
        if (threads != 1) {
            throw new IllegalArgumentException("threads=" + threads + ": the gemv evaluator simulates one core;"
                    + " multi-core runs are not modelled by it yet (expected threads=1)");
        }
        CacheState cache = switch (options.get("cache").toLowerCase(Locale.ROOT)) {
            case "warm" -> CacheState.WARM;
            case "cold" -> CacheState.COLD;
            default -> throw new IllegalArgumentException("cache=" + options.get("cache") + ": expected warm or cold");
        };
        long seed = integer("seed", options.get("seed"));
        String isa = options.get("isa").equals("auto") ? null : options.get("isa");
        GemvSimulation.Request request = new GemvSimulation.Request(config,
                GemvSimulation.Request.choose(config, options.get("kernel"), isa), shape[0], shape[1], seed, cache);
        return () -> metrics(GemvSimulation.run(request));
    }

    private static Map<String, Object> metrics(RunResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        double joules = r.energy().totalPj() * 1e-12;
        m.put("cycles", r.cycles());
        m.put("latency_s", r.seconds());
        m.put("gmac_per_s", r.gmacPerSecond());
        m.put("effective_gb_per_s", r.effectiveGBPerSecond());
        m.put("energy_j", joules);
        m.put("power_w", joules / r.seconds());
        m.put("dram_read_bytes", r.dramReadBytes());
        m.put("bound", r.dominantBound());
        m.put("bit_exact", r.check().bitExact());
        return m;
    }

    static int[] shape(String text) {
        String[] p = text.toLowerCase(Locale.ROOT).split("x");
        try {
            if (p.length == 2) {
                int m = Integer.parseInt(p[0].trim());
                int k = Integer.parseInt(p[1].trim());
                if (m >= 1 && k >= 1) return new int[] {m, k};
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("shape=" + text + ": expected MxK with M, K >= 1 such as 2560x6912");
    }

    private static int integer(String name, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "=" + text + ": expected an integer");
        }
    }
}
