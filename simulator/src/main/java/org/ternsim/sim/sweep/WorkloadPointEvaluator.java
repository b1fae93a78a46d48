// Sweep evaluator for model-level questions: one workload phase (a decode token, a prompt, a diffusion step) on a
// CPU or accelerator config per point, reported as latency, throughput, energy, power and (accelerators) area.
package org.ternsim.sim.sweep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ternsim.sim.accel.AccelEnergy;
import org.ternsim.sim.accel.AcceleratorConfig;
import org.ternsim.sim.config.AcceleratorConfigLoader;
import org.ternsim.sim.config.ConfigOverride;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.config.HardwareConfigLoader;
import org.ternsim.sim.config.WorkloadLoader;
import org.ternsim.sim.target.AcceleratorTarget;
import org.ternsim.sim.workload.EnergyOptions;
import org.ternsim.sim.workload.Formats;
import org.ternsim.sim.workload.KernelChoice;
import org.ternsim.sim.workload.Phase;
import org.ternsim.sim.workload.Workload;
import org.ternsim.sim.workload.WorkloadResult;
import org.ternsim.sim.workload.WorkloadRunner;

/**
 * Run options: {@code workload} (a name in the {@code workloads} directory beside the hardware file's directory, as
 * the shipped configs lie, or a path), {@code phase} ({@code decode@<context>}, {@code prefill@<tokens>},
 * {@code diffusion-step}), {@code threads} ({@code auto} = every core of a CPU; accelerators take 1), {@code kernel}
 * (as {@code simulate --kernel}: a linear kernel and/or {@code <projection>=<kernel>} entries, comma separated in one
 * quoted value; {@code auto} = the workload's), {@code isa} (a CPU's ISA whose lowerings come first, as
 * {@code simulate --isa}; {@code auto} = the config's order), {@code energy-model}, {@code node} and {@code seed}.
 * Operators are simulated as {@code ternsim simulate} does without {@code --exact}.
 */
public final class WorkloadPointEvaluator implements PointEvaluator {

    @Override
    public String name() {
        return "workload";
    }

    @Override
    public Map<String, String> runOptions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("workload", "bitnet-b1.58-2b4t");
        m.put("phase", "decode@512");
        m.put("threads", "auto");
        m.put("kernel", "auto");
        m.put("isa", "auto");
        m.put("energy-model", "full");
        m.put("node", "7nm");
        m.put("seed", "1");
        return m;
    }

    @Override
    public List<String> metrics() {
        return List.of("latency_s", "tokens_per_s", "energy_j", "power_w", "area_mm2", "dram_bytes", "bound");
    }

    @Override
    public Job prepare(Path hw, List<ConfigOverride> overrides, Map<String, String> options) {
        Workload w = WorkloadLoader.load(workloadPath(hw, options.get("workload")));
        Phase phase = phase(options.get("phase"), w);
        EnergyOptions energy = new EnergyOptions(options.get("energy-model"), options.get("node"));
        String kernel = options.get("kernel");
        KernelChoice choice = KernelChoice.parse(kernel.equals("auto") ? null : kernel, null);
        for (KernelChoice.Named named : choice.named()) {
            Formats.checkKernel("kernel=" + kernel + ": " + named.option(), named.kernel());
        }
        String isa = options.get("isa");
        long seed = number("seed", options.get("seed"));
        String threadText = options.get("threads");
        if (AcceleratorConfigLoader.isAccelerator(hw)) {
            AcceleratorConfig accel = AcceleratorConfigLoader.load(hw, overrides);
            if (!isa.equals("auto")) {
                throw new IllegalArgumentException("isa=" + isa + ": " + hw + " is an accelerator; expected auto");
            }
            if (!threadText.equals("auto") && number("threads", threadText) != 1) {
                throw new IllegalArgumentException("threads=" + threadText + ": " + hw + " is an accelerator; expected 1");
            }
            double area = AccelEnergy.areaMm2(accel).values().stream().mapToDouble(Double::doubleValue).sum();
            return () -> metrics(WorkloadRunner.runOn(ops -> new AcceleratorTarget(accel), w, phase, choice, false,
                energy, seed, false), area);
        }
        HardwareConfig loaded = HardwareConfigLoader.load(hw, overrides);
        HardwareConfig cpu = isa.equals("auto") ? loaded : loaded.withIsaFirst(isa, "sweep run option isa=" + isa);
        int threads = threadText.equals("auto") ? cpu.cores() : (int) number("threads", threadText);
        if (threads < 1 || threads > cpu.cores()) {
            throw new IllegalArgumentException("threads=" + threadText + ": " + cpu.name() + " has " + cpu.cores()
                + " cores");
        }
        return () -> metrics(WorkloadRunner.run(cpu, w, phase, choice, threads, false, energy, seed, false), Double.NaN);
    }

    private static Map<String, Object> metrics(WorkloadResult r, double areaMm2) {
        WorkloadResult.Summary s = r.summary();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("latency_s", s.latencySeconds());
        if (!Double.isNaN(s.tokensPerSecond())) {
            m.put("tokens_per_s", s.tokensPerSecond());
        }
        m.put("energy_j", s.energyJoules());
        m.put("power_w", s.energyJoules() / s.latencySeconds());
        if (!Double.isNaN(areaMm2)) {
            m.put("area_mm2", areaMm2);
        }
        m.put("dram_bytes", s.dramBytes());
        m.put("bound", s.secondsByBound().entrySet().stream().max(Map.Entry.comparingByValue())
            .map(Map.Entry::getKey).orElse("-"));
        return m;
    }

    /** A bare name is looked up as {@code <hw dir>/../workloads/<name>.yaml}; anything else is a path. */
    static Path workloadPath(Path hw, String text) {
        Path p = text.endsWith(".yaml") || text.contains("/") ? Path.of(text)
            : hw.toAbsolutePath().getParent().resolveSibling("workloads").resolve(text + ".yaml");
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("workload=" + text + ": " + p + " not found");
        }
        return p;
    }

    static Phase phase(String text, Workload w) {
        String t = text.toLowerCase(Locale.ROOT).trim();
        int at = t.indexOf('@');
        String kind = at < 0 ? t : t.substring(0, at);
        int n = at < 0 ? -1 : (int) number("phase", t.substring(at + 1));
        int steps = w.dit() != null ? w.dit().steps() : 1;
        int res = w.dit() != null ? w.dit().resolution() : 1024;
        return switch (kind) {
            case "decode" -> new Phase(Phase.Kind.DECODE, n < 0 ? 512 : n, 128, 1, steps, res);
            case "prefill" -> new Phase(Phase.Kind.PREFILL, 512, n < 0 ? 128 : n, 1, steps, res);
            case "diffusion-step", "image" -> new Phase(Phase.Kind.parse(kind), 512, 128, 1, steps, res);
            default -> throw new IllegalArgumentException("phase=" + text
                + ": expected decode@<context>, prefill@<tokens>, diffusion-step or image");
        };
    }

    private static long number(String name, String text) {
        try {
            long v = Long.parseLong(text.trim());
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + "=" + text + ": expected a non-negative integer");
    }
}
