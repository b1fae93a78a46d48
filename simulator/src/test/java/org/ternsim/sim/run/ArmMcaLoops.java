// Steady-state cycles per iteration of each Arm lowering's inner loop on our core model, and the same loop as
// llvm-mca input; tools/mca/compare-arm.sh runs this and llvm-mca-19 and prints the comparison table.
package org.ternsim.sim.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ternsim.isa.Instruction;
import org.ternsim.isa.Memory;
import org.ternsim.isa.Operand;
import org.ternsim.isa.Program;
import org.ternsim.isa.Region;
import org.ternsim.isa.arm.ArmAsmText;
import org.ternsim.isa.arm.ArmRegs;
import org.ternsim.isa.lower.BaselineNeonLowering;
import org.ternsim.isa.lower.GemvLowering;
import org.ternsim.isa.lower.TernaryA16NeonLowering;
import org.ternsim.kernels.baseline.BlockFormat;
import org.ternsim.kernels.gemv.A16Format;
import org.ternsim.isa.lower.I2sNeonLowering;
import org.ternsim.isa.lower.Tl1NeonLowering;
import org.ternsim.isa.lower.TmacNeonLowering;
import org.ternsim.isa.uarch.UarchLoader;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.config.HardwareConfigLoader;
import org.ternsim.sim.core.CoreStats;
import org.ternsim.sim.core.OutOfOrderCore;
import org.ternsim.sim.mem.MemoryHierarchy;

final class ArmMcaLoops {

    static final List<String> CORES = List.of("apple-m2", "neoverse-n2", "cortex-a76");
    static final long WEIGHTS = 0x1_0000_0000L;
    static final long ACTIVATIONS = 0x2_0000_0000L;
    static final long PLANE1 = 0x5_0000_0000L;
    static final int SHORT_RUN = 100;
    static final int LONG_RUN = 400;

    record Variant(String name, GemvLowering lowering) {
    }

    record Result(String variant, String core, double cyclesPerIteration, double portBoundPerIteration,
                  String busiestPort) {
    }

    /** i2_s-int4 is absent: its block loop is the i2_s one (only the widening interval between loops differs). */
    static List<Variant> variants() {
        return List.of(
            new Variant("i2s-dotprod-acc1", I2sNeonLowering.defaults(true)),
            new Variant("i2s-dotprod-acc4", new I2sNeonLowering(true, 4, 1)),
            new Variant("i2s-smlal-acc1", I2sNeonLowering.defaults(false)),
            new Variant("i2s-smlal-acc4", new I2sNeonLowering(false, 4, 64)),
            new Variant("tl1-tbl", new Tl1NeonLowering(Tl1NeonLowering.DEFAULT_BK)),
            new Variant("tmac-tbl", new TmacNeonLowering(64)),
            new Variant("tq2_0-dotprod", new BaselineNeonLowering(BlockFormat.TQ2_0, true)),
            new Variant("tq2_0-smlal", new BaselineNeonLowering(BlockFormat.TQ2_0, false)),
            new Variant("q4_0-dotprod", new BaselineNeonLowering(BlockFormat.Q4_0, true, 1)),
            new Variant("q4_0-smull", new BaselineNeonLowering(BlockFormat.Q4_0, false, 1)),
            new Variant("q4_0-dotprod-pair", new BaselineNeonLowering(BlockFormat.Q4_0, true, 2)),
            new Variant("q4_0-smull-pair", new BaselineNeonLowering(BlockFormat.Q4_0, false, 2)),
            new Variant("f16-fcvtl", new BaselineNeonLowering(BlockFormat.F16, false)),
            new Variant("ternary-a16-tbl", new TernaryA16NeonLowering(A16Format.F16)));
    }

    /** The block loop of a lowering: from its label to the backward branch, inclusive. */
    static List<Instruction> innerLoop(GemvLowering l) {
        Program p = l.lower(16, 256 * 16);
        int start = p.labels().get(".Lblock");
        List<Instruction> body = new ArrayList<>();
        for (int pc = start; pc < p.code().size(); pc++) {
            Instruction in = p.code().get(pc);
            body.add(in);
            if (in.operands().size() == 1 && in.op(0) instanceof Operand.Label lab && lab.name().equals(".Lblock")) {
                return body;
            }
        }
        throw new IllegalStateException("no backward branch to .Lblock in " + p.name());
    }

    /** llvm-mca input: the loop body as AArch64 assembly. */
    static String mcaInput(GemvLowering l) {
        StringBuilder sb = new StringBuilder(".Lblock:\n");
        for (Instruction in : innerLoop(l)) {
            sb.append("    ").append(ArmAsmText.print(in)).append('\n');
        }
        return sb.toString();
    }

    /** The loop alone, run for {@code iterations}, pointers and accumulators set up as the lowering does. */
    static Program loopProgram(GemvLowering l, int iterations) {
        Program.Builder b = new Program.Builder("loop " + iterations, l.isa());
        // Per iteration at most 66 weight bytes (TQ2_0) and 292 activation bytes (Q8_K) are read.
        b.region(new Region("weights", WEIGHTS, 128 * iterations, Region.Role.INPUT));
        b.region(new Region("activations", ACTIVATIONS, 512 * iterations, Region.Role.INPUT));
        b.region(new Region("plane1", PLANE1, 16 * iterations, Region.Role.INPUT));
        b.emit("mov", ArmRegs.x(0), new Operand.Imm(WEIGHTS));
        b.emit("mov", ArmRegs.x(1), new Operand.Imm(ACTIVATIONS));
        b.emit("mov", ArmRegs.x(5), new Operand.Imm(iterations));
        b.emit("mov", ArmRegs.x(7), new Operand.Imm(PLANE1)); // T-MAC's second bit plane
        b.emit("mov", ArmRegs.x(6), new Operand.Imm(WEIGHTS + 64L * iterations)); // Q4_0's second row of a pair
        b.emit("movi", ArmRegs.v(31, "16b"), new Operand.Imm(3));
        for (int v = 0; v < 16; v++) {
            b.emit("movi", ArmRegs.v(v, "16b"), new Operand.Imm(0));
        }
        b.label(".Lblock");
        innerLoop(l).forEach(b::emit);
        return b.build();
    }

    static HardwareConfig machine(String core, Path dir) throws IOException {
        Path hw = Files.createDirectories(dir.resolve("hw"));
        Path energy = Files.createDirectories(dir.resolve("energy"));
        Files.copy(Path.of("../configs/energy/zen5-n4.yaml"), energy.resolve("zen5-n4.yaml"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String template;
        try (var in = ArmMcaLoops.class.getResourceAsStream("/mca-arm/core-only.yaml.template")) {
            template = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Path file = hw.resolve("mca-" + core + ".yaml");
        Files.writeString(file, template.replace("@UARCH@", core));
        return HardwareConfigLoader.load(file);
    }

    static CoreStats simulate(HardwareConfig hw, GemvLowering l, int iterations) {
        Program p = loopProgram(l, iterations);
        Memory memory = new Memory(p.regions());
        MemoryHierarchy hierarchy = MachineBuilder.memory(hw);
        for (Region r : p.regions()) {
            hierarchy.warm(r.base(), r.bytes());
        }
        OutOfOrderCore core = new OutOfOrderCore(p, UarchLoader.load(hw.core().uarch()), hierarchy);
        GemvSimulation.execute(p, l.semantics(), memory, core);
        return core.stats();
    }

    /** Steady state: the difference of a long and a short run, per extra iteration (start-up cancels). */
    static Result measure(String core, Variant v, Path dir) throws IOException {
        HardwareConfig hw = machine(core, dir);
        CoreStats shortRun = simulate(hw, v.lowering(), SHORT_RUN);
        CoreStats longRun = simulate(hw, v.lowering(), LONG_RUN);
        int extra = LONG_RUN - SHORT_RUN;
        return new Result(v.name(), core, (double) (longRun.cycles() - shortRun.cycles()) / extra,
            (double) (longRun.portBoundCycles() - shortRun.portBoundCycles()) / extra, longRun.busiestPort());
    }

    /** Writes {@code <variant>.s} for llvm-mca and {@code sim.tsv} with our cycles per iteration into {@code out}. */
    public static void main(String[] args) throws IOException {
        Path out = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "target/mca-arm"));
        StringBuilder tsv = new StringBuilder("variant\tcore\tsim_cycles_per_iter\tport_bound_per_iter\tbusiest_port\n");
        for (Variant v : variants()) {
            Files.writeString(out.resolve(v.name() + ".s"), mcaInput(v.lowering()));
            for (String core : CORES) {
                Result r = measure(core, v, out.resolve("machines"));
                tsv.append(String.format(Locale.ROOT, "%s\t%s\t%.3f\t%.3f\t%s%n", r.variant(), r.core(),
                    r.cyclesPerIteration(), r.portBoundPerIteration(), r.busiestPort()));
            }
        }
        Files.writeString(out.resolve("sim.tsv"), tsv.toString());
        System.out.print(tsv);
    }

    private ArmMcaLoops() {
    }

    static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e);
    }
}
