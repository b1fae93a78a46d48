// The workload mode of `ternsim simulate`: load hardware and workload, run the phase end to end, write the run.
package org.ternsim.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.ternsim.reports.RunWriter;
import org.ternsim.reports.WorkloadConfigYaml;
import org.ternsim.reports.WorkloadFiles;
import org.ternsim.reports.WorkloadResultTree;
import org.ternsim.reports.WorkloadSummary;
import org.ternsim.reports.trace.SimulationTrace;
import org.ternsim.sim.accel.AcceleratorConfig;
import org.ternsim.sim.config.AcceleratorConfigLoader;
import org.ternsim.sim.config.AcceleratorConfigWriter;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.config.HardwareConfigLoader;
import org.ternsim.sim.config.ResolvedConfigWriter;
import org.ternsim.sim.config.WorkloadLoader;
import org.ternsim.sim.workload.EnergyOptions;
import org.ternsim.sim.workload.KernelChoice;
import org.ternsim.sim.workload.Phase;
import org.ternsim.sim.workload.Workload;
import org.ternsim.sim.workload.WorkloadResult;
import org.ternsim.sim.target.AcceleratorTarget;
import org.ternsim.sim.workload.WorkloadRunner;

final class WorkloadRunCommand {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final SimulateCommand o;

    static final String TRACE_NOTE = "CPU: one track per thread; every thread shows the timing of the largest chunk, "
        + "simulated once (threads are assumed to finish together); 'rows ... extrapolated' spans are costed from the "
        + "steady state of the simulated rows. Accelerator: one track per engine as the scheduler timed each "
        + "instruction; the first 64 instructions per engine and operator are shown one by one, the rest folded.";

    WorkloadRunCommand(SimulateCommand options) {
        this.o = options;
    }

    int run(Path hwPath) {
        Path wlPath = o.workload == null ? Home.dir().resolve("configs/workloads/bitnet-b1.58-2b4t.yaml")
            : Home.resolve(o.workload);
        InputFile.require(wlPath, "workload config");
        if (o.trace != null && !o.trace.isEmpty()) {
            OutputPaths.checkFile("--trace", Path.of(o.trace));
        }
        if (o.inputSparsity != null) {
            throw new UserError("--input-sparsity applies to single-kernel runs (--op / --shape); a workload's "
                + "operators take their sparsity from the workload (--sparsity given|measured)");
        }
        if (!o.format.equals("text") && !o.format.equals("json")) {
            throw new UserError("--format must be text or json, got '" + o.format + "'");
        }
        boolean accelerator = AcceleratorConfigLoader.isAccelerator(hwPath);
        AcceleratorConfig accel = accelerator ? AcceleratorConfigLoader.load(hwPath) : null;
        HardwareConfig hw = accelerator ? null : HardwareConfigLoader.load(hwPath);
        if (o.isa != null) {
            if (accelerator) {
                throw new UserError("--isa applies to CPU configs; " + hwPath + " is an accelerator (kind: accelerator)");
            }
            try {
                hw = hw.withIsaFirst(o.isa, "--isa " + o.isa + ": its lowerings first");
            } catch (IllegalArgumentException e) {
                throw new UserError("--isa " + e.getMessage());
            }
        }
        String hwName = accelerator ? accel.name() : hw.name();
        Workload w = WorkloadLoader.load(wlPath);
        WorkloadResult result;
        SimulationTrace trace = o.trace == null ? null : new SimulationTrace();
        CliProgress progress = CliProgress.lazy("simulate", o.quiet, o.spec.commandLine().getErr());
        try {
            Phase phase = phase(w);
            EnergyOptions energy = new EnergyOptions(o.energyModel.toLowerCase(Locale.ROOT), o.node);
            if (accelerator && o.threads != null && o.threads != 1) {
                throw new IllegalArgumentException("--threads applies to CPU configs; " + hwPath
                    + " is an accelerator (kind: accelerator)");
            }
            int threads = o.threads != null ? o.threads : accelerator ? 1 : hw.cores();
            if (o.sparsity != null && !o.sparsity.equals("given") && !o.sparsity.equals("measured")) {
                throw new IllegalArgumentException("--sparsity must be given or measured, got '" + o.sparsity + "'");
            }
            KernelChoice choice = KernelChoice.parse(o.kernel, o.lmHead);
            result = accelerator
                ? WorkloadRunner.runOn(ops -> new AcceleratorTarget(accel), w, phase, choice, o.exact, energy, o.seed,
                    "measured".equals(o.sparsity), trace, progress)
                : WorkloadRunner.run(hw, w, phase, choice, threads, o.exact, energy, o.seed, "measured".equals(o.sparsity),
                    trace, progress);
        } catch (IllegalArgumentException e) {
            progress.abandon();
            throw new UserError(e.getMessage());
        } catch (RuntimeException | Error e) {
            progress.abandon();
            throw e;
        }
        progress.finish();
        Map<String, Object> tree = WorkloadResultTree.of(result);
        String json;
        try {
            json = JSON.writeValueAsString(tree) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> files = new LinkedHashMap<>();
        files.put("results.json", json);
        files.put("results.csv", WorkloadFiles.csv(result));
        files.put("stats.txt", WorkloadFiles.stats(result));
        files.put("resolved-config.yaml", WorkloadConfigYaml.of(result, accelerator
            ? AcceleratorConfigWriter.toYaml(accel) : ResolvedConfigWriter.toYaml(hw)));
        String name = o.runName != null ? o.runName : String.format(Locale.ROOT, "%s-%s-%s-t%d", hwName, w.name(),
            result.phase().kind().label(), result.threads());
        Path runDir = o.force || o.runName != null ? o.out.resolve(name) : SimulateCommand.freeName(o.out, name);
        if (Files.exists(runDir) && !o.force) {
            throw new UserError(runDir + " already exists; use --force to replace it");
        }
        Path traceFile = null;
        Map<String, Object> other = new LinkedHashMap<>();
        other.put("run", runDir.getFileName().toString());
        other.put("time", "simulated time; each operator starts when the one before it ends");
        other.put("note", TRACE_NOTE);
        if (trace != null) {
            if (o.trace.isEmpty()) {
                files.put("trace.json", trace.toJson(other));
                traceFile = runDir.resolve("trace.json");
            } else {
                traceFile = Path.of(o.trace);
            }
        }
        RunWriter.writeFiles(runDir, files, o.force);
        if (traceFile != null && !o.trace.isEmpty()) {
            try {
                trace.write(other, traceFile);
            } catch (java.io.UncheckedIOException e) {
                deleteRun(runDir); // a run without the trace asked for is not what the user wanted: leave nothing
                throw new UserError(e.getMessage());
            }
        }
        var out = o.spec.commandLine().getOut();
        if (o.format.equals("json")) {
            out.print(json);
        } else {
            out.print(WorkloadSummary.text(result));
            out.println("  results       " + runDir + "/results.json");
            if (traceFile != null) {
                out.println("  trace         " + traceFile + " (open in ui.perfetto.dev)");
            }
        }
        out.flush();
        return TernSim.OK;
    }

    /** The phase the options ask for: an option the phase does not use, or a value out of range, is an error. */
    private Phase phase(Workload w) {
        Phase.Kind kind = o.phase == null ? (w.family() == Workload.Family.LLM ? Phase.Kind.DECODE
            : Phase.Kind.DIFFUSION_STEP) : Phase.Kind.parse(o.phase.toLowerCase(Locale.ROOT));
        OptionScope scope = new OptionScope(o.spec);
        if (w.family() == Workload.Family.LLM) {
            scope.reject("applies to diffusion workloads; " + w.name() + " is an LLM", "--steps", "--resolution");
            if (kind == Phase.Kind.DECODE) {
                scope.reject("applies to --phase prefill, not decode (a decode step adds one token per sequence)",
                    "--tokens");
            } else if (kind == Phase.Kind.PREFILL) {
                scope.reject("applies to --phase decode, not prefill (a prefill runs --tokens of one sequence)",
                    "--batch");
            }
        } else {
            scope.reject("applies to LLM workloads; " + w.name() + " is a diffusion transformer", "--context",
                "--tokens", "--batch");
        }
        OptionValues.atLeast("--context", o.context, 0);
        OptionValues.atLeast("--tokens", o.tokens, 1);
        OptionValues.atLeast("--batch", o.batch, 1);
        if (o.steps != null) {
            OptionValues.atLeast("--steps", o.steps, 1);
        }
        if (o.resolution != null) {
            OptionValues.atLeast("--resolution", o.resolution, 16);
        }
        int steps = o.steps != null ? o.steps : w.dit() != null ? w.dit().steps() : 1;
        int res = o.resolution != null ? o.resolution : w.dit() != null ? w.dit().resolution() : 1024;
        return new Phase(kind, o.context, o.tokens, o.batch, steps, res);
    }

    private static void deleteRun(Path runDir) {
        try (var walk = Files.walk(runDir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // best effort: the error that got us here is the one to report
        }
    }
}
