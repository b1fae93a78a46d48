// `ternsim simulate`: one kernel call on one hardware config -> summary on stdout, run directory under out/.
package org.ternsim.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ternsim.reports.RunWriter;
import org.ternsim.reports.Summary;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.config.HardwareConfigLoader;
import org.ternsim.sim.config.ResolvedConfigWriter;
import org.ternsim.sim.run.CacheState;
import org.ternsim.sim.run.GemvSimulation;
import org.ternsim.sim.run.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = {"Simulate one kernel call on a hardware config: the kernel's instruction program runs functionally",
        "(checked bit for bit against the functional engine) and in time (out-of-order core, caches, DRAM), then",
        "energy is priced from the event counts. Without options: I2_S GEMV 2560x6912 on configs/hw/zen5-2c.yaml."})
final class SimulateCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--hw", paramLabel = "<yaml>", description = "Hardware config (default: configs/hw/zen5-2c.yaml).")
    Path hw;

    @Option(names = "--op", defaultValue = "gemv", description = "Operator: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Op op;

    @Option(names = "--shape", defaultValue = "2560x6912", converter = ShapeConverter.class,
        description = "MxK: M output rows, K reduction length (default: ${DEFAULT-VALUE}).")
    Shape shape;

    @Option(names = "--kernel", defaultValue = "i2_s", description = "Kernel (default: ${DEFAULT-VALUE}; `ternsim validate --help` lists the lowered ones).")
    String kernel;

    @Option(names = "--isa", paramLabel = "<isa>",
        description = "ISA of the kernel's lowering (default: the first of the core's ISA list that has one).")
    String isa;

    @Option(names = "--cache", defaultValue = "warm",
        description = "Cache state at start: warm (repeated call, as kernel benchmarks measure) or cold (default: ${DEFAULT-VALUE}).")
    String cache;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the random weights and activations (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", defaultValue = "out", paramLabel = "<dir>", description = "Directory for run directories (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--run-name", paramLabel = "<name>", description = "Name of the run directory (default: derived from the inputs).")
    String runName;

    @Option(names = "--force", description = "Replace an existing run directory of the same name.")
    boolean force;

    enum Op { gemv }

    @Override
    public Integer call() {
        Path hwPath = hw == null ? Home.defaultHardware() : Home.resolve(hw);
        if (!Files.isRegularFile(hwPath)) {
            throw new UserError(hwPath + ": hardware config not found");
        }
        HardwareConfig config = HardwareConfigLoader.load(hwPath);
        CacheState cacheState = switch (cache.toLowerCase(Locale.ROOT)) {
            case "warm" -> CacheState.WARM;
            case "cold" -> CacheState.COLD;
            default -> throw new UserError("--cache must be warm or cold, got '" + cache + "'");
        };
        GemvSimulation.Request request;
        try {
            request = new GemvSimulation.Request(config, GemvSimulation.Request.choose(config, kernel, isa),
                shape.rows(), shape.cols(), seed, cacheState);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        RunResult result = GemvSimulation.run(request);
        String name = runName != null ? runName : String.format(Locale.ROOT, "%s-%s-%s-%s-%s", config.name(), op, kernel,
            shape, cacheState.name().toLowerCase(Locale.ROOT));
        Path runDir = force || runName != null ? out.resolve(name) : freeName(out, name);
        if (Files.exists(runDir) && !force) {
            throw new UserError(runDir + " already exists; use --force to replace it");
        }
        RunWriter.write(runDir, result, ResolvedConfigWriter.toYaml(config), result.programText(), force);
        spec.commandLine().getOut().print(Summary.text(result));
        spec.commandLine().getOut().println("  results       " + runDir + "/results.json");
        spec.commandLine().getOut().flush();
        return result.check().bitExact() ? TernSim.OK : TernSim.MISMATCH;
    }

    /** {@code name}, or {@code name-2}, {@code name-3}, ... whichever does not exist yet. */
    private static Path freeName(Path parent, String name) {
        Path p = parent.resolve(name);
        for (int i = 2; Files.exists(p); i++) {
            p = parent.resolve(name + "-" + i);
        }
        return p;
    }

    static final class ShapeConverter implements picocli.CommandLine.ITypeConverter<Shape> {
        @Override
        public Shape convert(String value) {
            return Shape.parse(value);
        }
    }
}
