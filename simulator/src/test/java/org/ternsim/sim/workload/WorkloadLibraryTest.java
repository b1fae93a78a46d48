// Every bundled workload loads, lowers for its phases, and has the shapes its reference gives.
package org.ternsim.sim.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ternsim.sim.config.ConfigException;
import org.ternsim.sim.config.WorkloadLoader;

class WorkloadLibraryTest {

    private static final Path DIR = Path.of("../configs/workloads");

    @Test
    void theIssueFileNamesExist() {
        Map<String, Path> all = WorkloadLoader.list(DIR);
        for (String n : List.of("bitnet-b1.58-2b4t", "bitnet-b1.58-large", "bitnet-b1.58-3b", "llama3-8b-1.58",
                "bitnet-a4.8-2b", "bitnet-a4.8-7b", "bitnet-v2-3b", "flux-dev-1.58bit", "flux-dev-fp16")) {
            assertTrue(all.containsKey(n), n);
        }
        for (String s : List.of("125m", "350m", "1b", "1.5b", "2.7b", "3.8b", "7b", "13b", "30b", "70b", "100b")) {
            assertTrue(all.containsKey("bitnet-dummy-" + s), s);
        }
        for (String b : List.of("bitnet-b1.58-2b4t", "bitnet-b1.58-large", "bitnet-b1.58-3b", "llama3-8b-1.58")) {
            assertTrue(all.containsKey(b + "-fp16") && all.containsKey(b + "-q4_0"), b);
        }
    }

    @Test
    void everyWorkloadLoadsAndLowers() {
        for (Path p : WorkloadLoader.list(DIR).values()) {
            Workload w = WorkloadLoader.load(p);
            Phase phase = w.family() == Workload.Family.LLM ? new Phase(Phase.Kind.DECODE, 512, 1, 1, 1, 1024)
                : new Phase(Phase.Kind.DIFFUSION_STEP, 0, 1, 1, 50, 1024);
            assertTrue(WorkloadLowering.lower(w, phase, KernelChoice.DEFAULTS).size() > 10, p.toString());
        }
    }

    @Test
    void bitnet2b4tDecodeReadsItsPublishedWeightCount() {
        Workload w = WorkloadLoader.load(DIR.resolve("bitnet-b1.58-2b4t.yaml"));
        List<Operator> ops = WorkloadLowering.lower(w, new Phase(Phase.Kind.DECODE, 512, 1, 1, 1, 1024),
            KernelChoice.DEFAULTS);
        double ternary = ops.stream().filter(o -> o.opClass() == OpClass.LINEAR && o.kernel().equals("i2_s"))
            .mapToDouble(o -> o.m() * o.k()).sum();
        assertEquals(2_084_044_800.0, ternary); // workloads.md §4.3: 30 x 69,468,160
        Operator head = ops.get(ops.size() - 1);
        assertEquals("lm_head", head.name());
        assertEquals(128256L * 2560, head.m() * head.k());
    }

    @Test
    void fluxStepHasThePublishedWork() {
        Workload w = WorkloadLoader.load(DIR.resolve("flux-dev-1.58bit.yaml"));
        List<Operator> ops = WorkloadLowering.lower(w, new Phase(Phase.Kind.DIFFUSION_STEP, 0, 1, 1, 50, 1024),
            KernelChoice.DEFAULTS);
        double blockWeights = ops.stream().filter(o -> o.opClass() == OpClass.LINEAR && o.layer() >= 0)
            .mapToDouble(o -> o.m() * o.k()).sum();
        // workloads.md §9.3 [D]: all block linears 11.834 B (both streams of the double blocks counted)
        assertEquals(11.834e9, blockWeights, 0.001e9);
        double attention = ops.stream().filter(o -> o.opClass() == OpClass.ATTENTION).mapToDouble(Operator::macs).sum();
        assertEquals(7.4e12, attention, 0.1e12); // §9.4: 7.4 TMAC of attention per step
    }

    @Test
    void imageTokensRoundAPartPatchUpAsTheLatentIsPadded() {
        Workload w = WorkloadLoader.load(DIR.resolve("flux-dev-1.58bit.yaml"));
        assertEquals(64 * 64, imageTokens(w, 1024)); // workloads.md §9.1: 4096 image tokens
        assertEquals(32 * 32, imageTokens(w, 512));
        assertEquals(63 * 63, imageTokens(w, 1000)); // ceil(1000 / 16) = 63 token rows and columns
        assertEquals(64 * 64, imageTokens(w, 1009));
    }

    private static long imageTokens(Workload w, int side) {
        return WorkloadLowering.lower(w, new Phase(Phase.Kind.DIFFUSION_STEP, 0, 1, 1, 50, side), KernelChoice.DEFAULTS)
            .stream().filter(o -> o.name().equals("img_in")).findFirst().orElseThrow().n();
    }

    @Test
    void aPhaseOfTheOtherFamilyIsRefused() {
        Workload w = WorkloadLoader.load(DIR.resolve("flux-dev-fp16.yaml"));
        assertThrows(IllegalArgumentException.class, () -> WorkloadLowering.lower(w,
            new Phase(Phase.Kind.DECODE, 512, 1, 1, 1, 1024), KernelChoice.DEFAULTS));
    }

    @Test
    void errorsNameFileLineAndField(@TempDir Path dir) throws Exception {
        String yaml = Files.readString(DIR.resolve("bitnet-b1.58-2b4t.yaml")).replace("  heads: 20", "  heads: twenty")
            .replace("family: llm", "family: llm\nlayerz: 3");
        Path f = dir.resolve("bitnet-b1.58-2b4t.yaml");
        Files.writeString(f, yaml);
        ConfigException e = assertThrows(ConfigException.class, () -> WorkloadLoader.load(f));
        assertTrue(e.problems().stream().anyMatch(p -> p.matches(".*bitnet-b1.58-2b4t.yaml:\\d+:\\d+: model.heads: .*"
            + "not an integer.*")), e.problems().toString());
        assertTrue(e.problems().stream().anyMatch(p -> p.contains("layerz") && p.contains("unknown key")),
            e.problems().toString());
    }

    @Test
    void theNameMustMatchTheFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("renamed.yaml");
        Files.copy(DIR.resolve("bitnet-b1.58-3b.yaml"), f);
        ConfigException e = assertThrows(ConfigException.class, () -> WorkloadLoader.load(f));
        assertTrue(e.getMessage().contains("renamed.yaml:") && e.getMessage().contains("name"), e.getMessage());
    }

    @Test
    void arithmeticEnergyOfTernaryIsAddsOnly() {
        Operator op = new Operator("w", 0, "layer", OpClass.LINEAR, "i2_s", 4096, 4096, 512, 0, 0, 0, "i2_s", 0);
        Map<String, Double> e = ArithmeticEnergy.of(op, "int8", "7nm");
        // 2310.11453 Eq.16-18 with Table 2 at 7 nm: adds m(n-1)p x 0.007 pJ, multiplies (mp + mn) x 0.07 pJ
        assertEquals(512.0 * 4095 * 4096 * 0.007, e.get("add"), 1e-6 * e.get("add"));
        assertEquals((512.0 * 4096 + 512.0 * 4096) * 0.07, e.get("mul"), 1e-9 * e.get("mul"));
        Operator fp = new Operator("w", 0, "layer", OpClass.LINEAR, "f16", 4096, 4096, 512, 0, 0, 0, "f16", 0);
        Map<String, Double> f = ArithmeticEnergy.of(fp, "f16", "7nm");
        double ratio = (f.get("add") + f.get("mul")) / (e.get("add") + e.get("mul"));
        assertTrue(ratio > 60 && ratio < 75, "FP16 / ternary arithmetic energy " + ratio + " (paper: 71.4x)");
    }
}
