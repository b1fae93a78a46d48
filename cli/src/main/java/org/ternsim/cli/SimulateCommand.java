// `ternsim simulate`: a workload phase end to end (default), or one kernel call with --op/--shape; summary on stdout,
// run directory under out/.
package org.ternsim.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ternsim.isa.lower.GemvLowering;
import org.ternsim.reports.RunWriter;
import org.ternsim.reports.Summary;
import org.ternsim.sim.config.AcceleratorConfigLoader;
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
    description = {"Simulate a workload end to end (default: one BitNet b1.58 2B4T decode token at context 512 on",
        "configs/hw/zen5-2c.yaml with all its cores), or, with --op or --shape, one kernel call whose instruction",
        "program runs functionally (checked bit for bit) and in time (out-of-order core, caches, DRAM)."})
final class SimulateCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--hw", paramLabel = "<yaml>", description = "Hardware config (default: configs/hw/zen5-2c.yaml).")
    Path hw;

    @Option(names = "--op", description = "Single-kernel mode: operator ${COMPLETION-CANDIDATES} (default mode: workload).")
    Op op;

    @Option(names = "--shape", converter = ShapeConverter.class,
        description = "Single-kernel mode: MxK, M output rows, K reduction length (default 2560x6912).")
    Shape shape;

    @Option(names = "--kernel", description = "Kernel: of the single kernel (default i2_s), or of every weight matmul "
        + "of the workload (default: the workload's linearKernel); for an LLM also per projection, comma separated: "
        + "i2_s,o_proj=i2_s-sparse,down_proj=i2_s-sparse.")
    String kernel;

    @Option(names = "--workload", paramLabel = "<yaml>",
        description = "Workload config (default: configs/workloads/bitnet-b1.58-2b4t.yaml).")
    Path workload;

    @Option(names = "--phase", description = "decode, prefill, diffusion-step or image (default: decode for an LLM, "
        + "diffusion-step for a diffusion transformer).")
    String phase;

    @Option(names = "--context", defaultValue = "512", description = "Tokens in the KV cache (default: ${DEFAULT-VALUE}).")
    int context;

    @Option(names = "--tokens", defaultValue = "128", description = "Prompt tokens of a prefill (default: ${DEFAULT-VALUE}).")
    int tokens;

    @Option(names = "--batch", defaultValue = "1", description = "Sequences decoded together (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--steps", description = "Denoising steps per image (default: the workload's).")
    Integer steps;

    @Option(names = "--resolution", description = "Image side in pixels (default: the workload's).")
    Integer resolution;

    @Option(names = "--threads", description = {"Threads the operators are split over (default: the config's cores);",
        "with --op gemv, simulated cores the rows are split over (default: 1)."})
    Integer threads;

    @Option(names = "--lm-head", paramLabel = "<format>", description = "Format of the LM head / embedding, e.g. f16, q6_k (default: the workload's).")
    String lmHead;

    @Option(names = "--energy-model", defaultValue = "full",
        description = "full (every component and static power) or arithmetic (matmul adds and multiplies only, as the BitNet papers estimate) (default: ${DEFAULT-VALUE}).")
    String energyModel;

    @Option(names = "--node", defaultValue = "7nm", description = "Technology node of the arithmetic energy model: 45nm or 7nm (default: ${DEFAULT-VALUE}).")
    String node;

    @Option(names = "--sparsity", description = "a4.8 sparsity: given (the workload file's values) or measured (run the functional layer on synthetic data).")
    String sparsity;

    @Option(names = "--exact", description = "Simulate every row of every GEMV instead of sampling rows to steady state.")
    boolean exact;

    @Option(names = "--format", defaultValue = "text", description = "text (summary table) or json (results.json on stdout) (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--isa", paramLabel = "<isa>",
        description = "ISA of the kernel's lowering; in workload mode the ISA whose lowerings every operator takes "
            + "first (default: the first of the core's ISA list that has one).")
    String isa;

    @Option(names = "--input-sparsity", paramLabel = "<fraction>",
        description = "Single-kernel mode, zero-skipping kernels (i2_s-sparse): the share of zero activations in the "
            + "data, 0..1 (default: the validation data set, half zero). Workloads take theirs from the workload.")
    Double inputSparsity;

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

    @Option(names = "--trace", arity = "0..1", paramLabel = "<file>", fallbackValue = "",
        description = "Workload mode: write a Chrome trace-event / Perfetto JSON of the simulated execution (operators "
            + "per thread, accelerator engines, stalls) to <file>, or to trace.json in the run directory.")
    String trace;

    @Option(names = {"-q", "--quiet"}, description = "No progress output on stderr.")
    boolean quiet;

    enum Op { gemv, stream }

    /** Options only the workload mode reads. */
    private static final String[] WORKLOAD_OPTIONS = {"--workload", "--phase", "--context", "--tokens", "--batch",
        "--steps", "--resolution", "--lm-head", "--energy-model", "--node", "--sparsity", "--format"};

    @Override
    public Integer call() {
        if (runName != null && !runName.matches("[A-Za-z0-9][A-Za-z0-9._+-]{0,199}")) {
            throw new UserError("--run-name '" + (runName.length() > 40 ? runName.substring(0, 40) + "...' ("
                + runName.length() + " characters)" : runName + "'") + ": expected 1-200 letters, digits, '.', '_', "
                + "'+' or '-', starting with a letter or digit (it names a directory under --out)");
        }
        Path hwPath = hw == null ? Home.defaultHardware() : Home.resolve(hw);
        InputFile.require(hwPath, "hardware config");
        try {
            org.ternsim.sim.workload.ArithmeticEnergy.checkNode(node);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        OutputPaths.checkDirectory("--out", out);
        OptionScope scope = new OptionScope(spec);
        if (op == null && shape == null) {
            scope.reject("applies to single-kernel runs (--op / --shape)", "--cache");
            return new WorkloadRunCommand(this).run(hwPath);
        }
        if (trace != null) {
            throw new UserError("--trace applies to workload runs (without --op / --shape)");
        }
        scope.reject("applies to workload runs (without --op / --shape)", WORKLOAD_OPTIONS);
        if (op == Op.stream) {
            scope.reject("does not apply to --op stream (it simulates the config's memory mountain: working sets from"
                + " 4 KiB to 1 GiB at 1 and 2 threads)", "--shape", "--kernel", "--isa", "--threads", "--cache",
                "--input-sparsity", "--seed", "--exact", "--run-name", "--force");
        }
        // A single-kernel run always simulates every row; only workload GEMVs sample rows to steady state.
        scope.reject("applies to workload runs (without --op / --shape): a single-kernel run already simulates every"
            + " row", "--exact");
        if (op == null) {
            op = Op.gemv;
        }
        if (shape == null) {
            shape = Shape.parse("2560x6912");
        }
        if (kernel == null) {
            kernel = "i2_s";
        }
        if (AcceleratorConfigLoader.isAccelerator(hwPath)) {
            if (op != Op.gemv) {
                throw new UserError("--op " + op + " runs on CPU configs; " + hwPath + " is an accelerator");
            }
            // The accelerator model has one datapath, no ISA choice, no cores to split over and no cache hierarchy.
            scope.reject("does not apply to accelerator configs (" + hwPath + " is kind: accelerator: one PE-array"
                + " datapath, no ISA, cores or caches)", "--isa", "--threads", "--cache", "--input-sparsity");
            return AcceleratorKernelRun.run(hwPath, kernel, shape, 1, seed, this);
        }
        HardwareConfig config = HardwareConfigLoader.load(hwPath);
        if (op == Op.stream) {
            return SimulateStream.run(config, out, spec.commandLine().getOut());
        }
        CacheState cacheState = switch (cache.toLowerCase(Locale.ROOT)) {
            case "warm" -> CacheState.WARM;
            case "cold" -> CacheState.COLD;
            default -> throw new UserError("--cache must be warm or cold, got '" + cache + "'");
        };
        GemvSimulation.Request request;
        try {
            request = new GemvSimulation.Request(config, withInputSparsity(GemvSimulation.Request.choose(config,
                kernel, isa)), shape.rows(), shape.cols(), seed, cacheState);
        } catch (IllegalArgumentException e) {
            // A kernel without a lowering for the core's ISAs is a property of the config: name its file and field.
            throw new UserError((e.getMessage().contains("ISA") ? hwPath + ": core.isa: " : "") + e.getMessage());
        }
        int cores = threads == null ? 1 : threads;
        if (cores < 1 || cores > config.cores()) {
            throw new UserError("--threads " + cores + ": expected 1.." + config.cores() + " (" + hwPath + ": cores)");
        }
        RunResult result = GemvSimulation.run(request, cores);
        String name = runName != null ? runName : String.format(Locale.ROOT, "%s-%s-%s-%s-%s%s%s", config.name(), op,
            kernel, shape, cacheState.name().toLowerCase(Locale.ROOT), cores == 1 ? "" : "-t" + cores,
            inputSparsity == null ? "" : "-z" + inputSparsity);
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

    /** The lowering with data of {@code --input-sparsity} zeros, when given (and only for a zero-skipping program). */
    private GemvLowering withInputSparsity(GemvLowering l) {
        if (inputSparsity == null) {
            return l;
        }
        if (!(inputSparsity >= 0 && inputSparsity <= 1)) {
            throw new UserError("--input-sparsity " + inputSparsity + ": expected a fraction from 0 to 1");
        }
        if (!l.skipsZeroInputs()) {
            throw new UserError("--input-sparsity applies to kernels that skip zero activations (i2_s-sparse); "
                + l.kernel() + " does the same work whatever the zeros");
        }
        return l.withInputSparsity(inputSparsity);
    }

    /** {@code name}, or {@code name-2}, {@code name-3}, ... whichever does not exist yet. */
    static Path freeName(Path parent, String name) {
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
