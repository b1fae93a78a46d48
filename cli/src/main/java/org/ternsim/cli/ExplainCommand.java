// `ternsim explain`: a kernel program's inner loop on a core model: ports per instruction, cycles/iteration, bottleneck, timeline.
package org.ternsim.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ternsim.isa.Program;
import org.ternsim.isa.lower.GemvLowering;
import org.ternsim.isa.lower.GemvLowerings;
import org.ternsim.isa.uarch.Microarchitecture;
import org.ternsim.isa.uarch.UarchLoader;
import org.ternsim.isa.uarch.UnknownFormException;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.config.HardwareConfigLoader;
import org.ternsim.sim.core.Loop;
import org.ternsim.sim.explain.ExplanationText;
import org.ternsim.sim.explain.InProgramSteadyState;
import org.ternsim.sim.explain.LoopExplainer;
import org.ternsim.sim.explain.LoopExplanation;
import org.ternsim.sim.run.MachineBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "explain", mixinStandardHelpOptions = true,
    description = {"Explain a kernel program's inner loop on a core model, like llvm-mca: per",
        "instruction the uops, latency and ports it issued to; steady-state cycles per",
        "iteration; analytic bounds and the bottleneck; a timeline of a few iterations.",
        "The loop runs back to back with L1-resident data; a full run of the program at",
        "--shape then reports the same loop's steady state with the memory system."})
final class ExplainCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--hw", paramLabel = "<yaml>", description = "Hardware config (default: configs/hw/zen5-2c.yaml).")
    Path hw;

    @Option(names = "--uarch", paramLabel = "<name|yaml>",
        description = "Core timing table instead of the hardware config's: a bundled name (zen3, zen4, zen5,"
            + " zen5-256b, golden-cove, raptor-cove, sapphire-rapids, redwood-cove) or a .yaml file.")
    String uarch;

    @Option(names = "--kernel", defaultValue = "i2_s", description = "Kernel (default: ${DEFAULT-VALUE}; `ternsim validate --help` lists the lowered ones).")
    String kernel;

    @Option(names = "--isa", description = "Lowering ISA (default: the first of the hardware config's ISA list that lowers"
        + " the kernel; without --hw, the first ISA that does, e.g. neon for tl1).")
    String isa;

    @Option(names = "--shape", defaultValue = "64x2560", converter = SimulateCommand.ShapeConverter.class,
        description = "MxK of the program (default: ${DEFAULT-VALUE}).")
    Shape shape;

    @Option(names = "--loop", paramLabel = "<label>",
        description = "Innermost loop to explain, by its head label (default: the one with the largest body).")
    String loopLabel;

    @Option(names = "--iterations", defaultValue = "100", description = "Back-to-back loop iterations (default: ${DEFAULT-VALUE}, as llvm-mca).")
    int iterations;

    @Option(names = "--timeline", defaultValue = "3", paramLabel = "<n>", description = "Iterations in the timeline (default: ${DEFAULT-VALUE}; 0: none).")
    int timelineIterations;

    @Option(names = "--timeline-from", defaultValue = "10", paramLabel = "<i>", description = "First timeline iteration (default: ${DEFAULT-VALUE}).")
    int timelineFrom;

    @Option(names = "--no-program-run", description = "Skip the full run of the program (in-program steady state).")
    boolean noProgramRun;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Option(names = "--mca-asm", description = "Print only the loop body as llvm-mca input (Intel syntax) and exit.")
    boolean mcaAsm;

    @Override
    public Integer call() throws Exception {
        Path hwPath = hw == null ? null : Home.resolve(hw);
        if (hwPath != null) {
            InputFile.require(hwPath, "hardware config");
        }
        HardwareConfig given = hwPath == null ? null : HardwareConfigLoader.load(hwPath);
        GemvLowering lowering = chooseLowering(hwPath, given);
        OptionValues.atLeast("--iterations", iterations, 2);
        OptionValues.atLeast("--timeline", timelineIterations, 0);
        OptionValues.atLeast("--timeline-from", timelineFrom, 0);
        if (timelineIterations > 0 && (long) timelineFrom + timelineIterations > iterations) {
            // The timeline would be cut short or empty without a word.
            throw new UserError("--timeline-from " + timelineFrom + ": expected 0.." + Math.max(0, iterations
                - timelineIterations) + " so that the timeline's " + timelineIterations + " iteration(s) lie within"
                + " --iterations " + iterations);
        }
        try {
            lowering.checkShape(shape.rows(), shape.cols());
        } catch (IllegalArgumentException e) {
            throw new UserError("--shape " + shape + ": " + e.getMessage());
        }
        Program program = lowering.lower(shape.rows(), shape.cols());
        Loop loop = loopLabel == null ? LoopExplainer.hotLoop(program) : Loop.innermost(program).stream()
            .filter(l -> l.label().equals(loopLabel)).findFirst()
            .orElseThrow(() -> new UserError("--loop " + loopLabel + ": no innermost loop with that head label"
                + " (innermost loops: " + Loop.innermost(program).stream().map(Loop::label).toList() + ")"));
        if (mcaAsm) {
            spec.commandLine().getOut().print(mcaInput(program, loop));
            spec.commandLine().getOut().flush();
            return TernSim.OK;
        }
        HardwareConfig config = given != null ? given : HardwareConfigLoader.load(HardwareForIsa.defaultFor(lowering.isa())
            .orElseThrow(() -> new UserError("no bundled hardware config lists " + lowering.isa() + "; give --hw")));
        Microarchitecture core = loadUarch(uarch == null ? config.core().uarch() : uarch);
        LoopExplanation e;
        InProgramSteadyState whole;
        try {
            e = LoopExplainer.explain(program, core, MachineBuilder.memory(config), loop, iterations, timelineFrom,
                timelineIterations);
            whole = noProgramRun ? null
                : InProgramSteadyState.run(lowering, core, MachineBuilder.memory(config), shape.rows(), shape.cols(), 1);
        } catch (UnknownFormException missing) {
            // A table without a form the program uses is a user-supplied data problem, not a crash.
            throw new UserError(missing.getMessage().replaceFirst(" \\(known forms:.*", ""));
        }
        var out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("hardware", config.name());
            doc.put("shape", shape.toString());
            doc.put("loop", e);
            if (whole != null) {
                Map<String, Object> run = new LinkedHashMap<>();
                run.put("cycles", whole.cycles());
                run.put("instructions", whole.instructions());
                run.put("steadyState", whole.steadyState().orElse(null));
                doc.put("inProgram", run);
            }
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
        } else {
            out.print(ExplanationText.render(e));
            if (whole != null) {
                out.print(inProgramLine(whole, e));
            }
        }
        out.flush();
        return TernSim.OK;
    }

    /**
     * The lowering of --kernel for --isa, or for the ISAs of the given config (or, without --hw, of the default config,
     * else the first ISA that lowers the kernel: tl1 lands on neon, and the hardware then on an Arm config).
     */
    private GemvLowering chooseLowering(Path hwPath, HardwareConfig given) {
        if (isa != null) {
            GemvLowering l = GemvLowerings.find(kernel, isa).orElseThrow(() -> new UserError("no lowering "
                + kernel + "/" + isa + "; lowered: " + GemvLowerings.describeAll()));
            // With --uarch the user chose the core table; the config then only supplies the memory system.
            if (given != null && uarch == null && !given.core().isa().contains(isa)) {
                throw new UserError(hwPath + ": core.isa " + given.core().isa() + " has no " + isa + " (--isa " + isa
                    + "); configs with " + isa + ": " + HardwareForIsa.names(isa));
            }
            return l;
        }
        List<String> isas = given != null ? given.core().isa()
            : HardwareConfigLoader.load(Home.defaultHardware()).core().isa();
        Optional<GemvLowering> forCore = GemvLowerings.forCore(kernel, isas);
        if (forCore.isPresent()) {
            return forCore.get();
        }
        List<String> lowered = GemvLowerings.all().stream().filter(l -> l.kernel().equals(kernel))
            .map(GemvLowering::isa).toList();
        if (lowered.isEmpty()) {
            throw new UserError("no lowering of kernel " + kernel + "; lowered: " + GemvLowerings.describeAll());
        }
        if (given != null) {
            throw new UserError(hwPath + ": core.isa " + isas + " has no lowering of " + kernel + " (lowered for "
                + lowered + "); configs with " + lowered.get(0) + ": " + HardwareForIsa.names(lowered.get(0)));
        }
        return GemvLowerings.find(kernel, lowered.get(0)).orElseThrow();
    }

    static Microarchitecture loadUarch(String nameOrFile) {
        try {
            if (nameOrFile.endsWith(".yaml")) {
                Path p = Home.resolve(Path.of(nameOrFile));
                InputFile.require(p, "microarchitecture file");
                return UarchLoader.load(p);
            }
            return UarchLoader.load(nameOrFile);
        } catch (IllegalArgumentException ex) {
            throw new UserError(ex.getMessage());
        }
    }

    /**
     * The loop body as llvm-mca reads it, the loop label kept so the branch assembles: Intel syntax for x86, LLVM's
     * AArch64 syntax (ArmAsmText, as tools/mca/compare-arm.sh feeds llvm-mca -mtriple=aarch64) for the NEON ISAs.
     */
    static String mcaInput(Program program, Loop loop) {
        boolean arm = program.isa().startsWith("neon");
        StringBuilder sb = new StringBuilder(arm ? "" : ".intel_syntax noprefix\n").append(loop.label()).append(":\n");
        for (int pc = loop.startPc(); pc <= loop.branchPc(); pc++) {
            var in = program.code().get(pc);
            sb.append("    ").append(arm ? org.ternsim.isa.arm.ArmAsmText.print(in) : in.toString()).append('\n');
        }
        return sb.toString();
    }

    private String inProgramLine(InProgramSteadyState whole, LoopExplanation e) {
        if (whole.steadyState().isEmpty()) {
            return String.format(Locale.ROOT, "%nIn-program (%s, warm caches): no loop ran two iterations back to back%n",
                shape);
        }
        var s = whole.steadyState().get();
        return String.format(Locale.ROOT, "%nIn-program (%s, warm caches, %,d cycles): loop %s %.2f cycles/iteration over"
                + " %,d iterations (%s)%s%n", shape, whole.cycles(), s.loop().label(), s.cyclesPerIteration(),
            s.iterations(), s.converged() ? "converged" : "not converged",
            inProgramVerdict(s.cyclesPerIteration() / e.cyclesPerIteration(), e.bottleneck()));
    }

    /**
     * How the loop's cycles per iteration in the whole program compare with the loop run back to back
     * ({@code ratio}: in-program over back to back), whose binding constraint is {@code bottleneck}. Within 10 % they
     * match. Slower in the program: memory or the loop's entries cost. Faster: the program's successive entries of
     * the loop overlap in the out-of-order window, which a back-to-back run cannot show when each entry restarts the
     * loop-carried chain that binds it (the F16 GEMV's single accumulator, zeroed per row: 2.69 against 4.00 cycles).
     */
    static String inProgramVerdict(double ratio, String bottleneck) {
        if (ratio > 1.1) {
            return String.format(Locale.ROOT, ": %.0f%% above the L1-resident loop -> memory / loop-entry bound",
                100 * (ratio - 1));
        }
        if (ratio < 0.9) {
            return String.format(Locale.ROOT, ": %.0f%% below the L1-resident loop -> successive entries of the loop"
                + " overlap%s", 100 * (1 - ratio),
                bottleneck.startsWith("dependency") ? " (each entry restarts the dependency chain that binds it)" : "");
        }
        return ": matches the L1-resident loop (within 10%)";
    }
}
