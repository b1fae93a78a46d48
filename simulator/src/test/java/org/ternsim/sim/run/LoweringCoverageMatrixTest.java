// Every CPU config x every registered GEMV lowering its core supports: each instruction form is timed, and the program runs.
package org.ternsim.sim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.ternsim.isa.Instruction;
import org.ternsim.isa.lower.GemvLowering;
import org.ternsim.isa.lower.GemvLowerings;
import org.ternsim.isa.uarch.Microarchitecture;
import org.ternsim.isa.uarch.UarchLoader;
import org.ternsim.sim.config.AcceleratorConfigLoader;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.config.HardwareConfigLoader;

/**
 * The matrix behind {@code simulate --hw <cfg> --op gemv --kernel <k> --isa <isa>}: a lowering whose ISA the core
 * lists must run on the core model. A form missing from the core's uarch table would make workload runs fall back to
 * the analytic roofline and single-kernel runs fail, so the first test names every missing (table, form, lowering)
 * at once; the second runs each pair at a small shape and checks the program stays bit-exact on the core.
 */
class LoweringCoverageMatrixTest {

    /** Small shapes tried in order; the first one a lowering accepts is used (block formats need whole blocks). */
    private static final int[][] SMALL_SHAPES = {{16, 256}, {32, 256}, {16, 512}, {32, 512}, {32, 768}, {64, 1536},
        {96, 1536}, {128, 3072}};

    /**
     * The BitNet b1.58 2B4T linear shapes: a program can take paths at real K that a small shape skips (widening every
     * few blocks, tails), so the form check lowers these too (lowering is cheap; only the small shape is simulated).
     */
    private static final int[][] MODEL_SHAPES = {{2560, 2560}, {6912, 2560}, {2560, 6912}, {640, 2560}};

    private static List<HardwareConfig> cpuConfigs() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("../configs/hw"))) {
            return s.filter(p -> p.toString().endsWith(".yaml")).filter(p -> !AcceleratorConfigLoader.isAccelerator(p))
                .sorted().map(HardwareConfigLoader::load).toList();
        }
    }

    private static List<GemvLowering> supported(HardwareConfig hw) {
        return GemvLowerings.all().stream().filter(l -> hw.core().isa().contains(l.isa())).toList();
    }

    private static boolean accepts(GemvLowering l, int[] shape) {
        try {
            l.checkShape(shape[0], shape[1]);
            return true;
        } catch (IllegalArgumentException invalid) {
            return false;
        }
    }

    static Optional<int[]> smallShape(GemvLowering l) {
        for (int[] s : SMALL_SHAPES) {
            if (accepts(l, s)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    @Test
    void everySupportedLoweringIsTimedByTheCoresTable() throws IOException {
        List<String> missing = new ArrayList<>();
        int pairs = 0;
        for (HardwareConfig hw : cpuConfigs()) {
            Microarchitecture uarch = UarchLoader.load(hw.core().uarch());
            for (GemvLowering l : supported(hw)) {
                int[] s = smallShape(l).orElseThrow(() -> new AssertionError(l.kernel() + "/" + l.isa()
                    + " accepts none of the small shapes; add one to SMALL_SHAPES"));
                TreeSet<String> untimed = new TreeSet<>();
                List<int[]> shapes = new ArrayList<>(List.of(s));
                for (int[] m : MODEL_SHAPES) {
                    if (accepts(l, m)) {
                        shapes.add(m);
                    }
                }
                for (int[] shape : shapes) {
                    for (Instruction in : l.lower(shape[0], shape[1]).code()) {
                        if (!uarch.has(in.form())) {
                            untimed.add(in.form());
                        }
                    }
                }
                if (!untimed.isEmpty()) {
                    missing.add(hw.name() + " (" + uarch.name() + ") " + l.kernel() + "/" + l.isa() + ": " + untimed);
                }
                pairs++;
            }
        }
        assertTrue(pairs >= 60, "expected the full config x lowering matrix, got " + pairs + " pairs");
        assertEquals(List.of(), missing, "instruction forms missing from uarch tables:\n" + String.join("\n", missing));
    }

    @Test
    void everySupportedLoweringRunsOnTheCoreModel() throws IOException {
        List<String> failed = new ArrayList<>();
        for (HardwareConfig hw : cpuConfigs()) {
            for (GemvLowering l : supported(hw)) {
                int[] s = smallShape(l).orElseThrow();
                String pair = hw.name() + " " + l.kernel() + "/" + l.isa() + " " + s[0] + "x" + s[1];
                try {
                    RunResult r = GemvSimulation.run(new GemvSimulation.Request(hw, l, s[0], s[1], 3,
                        CacheState.WARM));
                    if (!r.check().bitExact() || r.cycles() <= 0 || !l.isa().equals(r.isa())) {
                        failed.add(pair + ": bitExact=" + r.check().bitExact() + " cycles=" + r.cycles() + " isa="
                            + r.isa());
                    }
                } catch (RuntimeException e) {
                    failed.add(pair + ": " + e.getClass().getSimpleName() + ": "
                        + String.valueOf(e.getMessage()).replaceFirst(" \\(known forms:.*", ""));
                }
            }
        }
        assertEquals(List.of(), failed, "pairs that do not run on the core model:\n" + String.join("\n", failed));
    }
}
