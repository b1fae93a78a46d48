// `ternsim explain`: text and JSON views of the I2_S AVX2 loop, llvm-mca input, one-line errors for bad options.
package org.ternsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ExplainCommandTest {

    @BeforeAll
    static void home() {
        System.setProperty("ternsim.home", "..");
    }

    @Test
    void textShowsPortsCyclesBottleneckAndTimeline() {
        TernSimCliTest.Outcome o = TernSimCliTest.run("explain", "--uarch", "golden-cove", "--shape", "4x2560",
            "--iterations", "40", "--timeline", "1");
        assertEquals(TernSim.OK, o.code(), o.err());
        assertTrue(o.out().contains("inner loop .Lblock"), o.out());
        assertTrue(o.out().contains("vpmaddubsw ymm3, ymm3, ymm6"), o.out());
        assertTrue(o.out().contains("P0:"), o.out());
        assertTrue(o.out().contains("Bottleneck            ports P0,P1,P5"), o.out());
        assertTrue(o.out().contains("Timeline"), o.out());
        assertTrue(o.out().contains("In-program (4x2560"), o.out());
    }

    /**
     * F16's loop is bound by its one accumulator's FMA chain back to back (4 cycles per iteration on zen5), but each
     * row zeroes the accumulator, so in the program the next row's chain runs while the last one finishes: fewer
     * cycles per iteration, which the line must say rather than call a match.
     */
    @Test
    void aLoopFasterInTheProgramThanBackToBackIsSaidToOverlap() {
        TernSimCliTest.Outcome o = TernSimCliTest.run("explain", "--kernel", "f16", "--isa", "avx512", "--shape",
            "64x2560", "--timeline", "0");
        assertEquals(TernSim.OK, o.code(), o.err());
        assertTrue(o.out().contains("Bottleneck            dependency"), o.out());
        assertTrue(o.out().matches("(?s).*In-program .*: \\d+% below the L1-resident loop -> successive entries of the"
            + " loop overlap \\(each entry restarts the dependency chain that binds it\\).*"), o.out());
    }

    @Test
    void theInProgramVerdictSplitsAtTenPerCent() {
        String matches = ": matches the L1-resident loop (within 10%)";
        assertEquals(matches, ExplainCommand.inProgramVerdict(1.09, "ports P0"));
        assertEquals(matches, ExplainCommand.inProgramVerdict(0.91, "dependency"));
        assertEquals(": 25% above the L1-resident loop -> memory / loop-entry bound",
            ExplainCommand.inProgramVerdict(1.25, "ports P0"));
        assertEquals(": 20% below the L1-resident loop -> successive entries of the loop overlap",
            ExplainCommand.inProgramVerdict(0.8, "ports P0"));
    }

    @Test
    void jsonCarriesTheSteadyStateAndBounds() throws Exception {
        TernSimCliTest.Outcome o = TernSimCliTest.run("explain", "--uarch", "zen5", "--shape", "2x2560",
            "--timeline", "0", "--json", "--no-program-run");
        assertEquals(TernSim.OK, o.code(), o.err());
        JsonNode loop = new ObjectMapper().readTree(o.out()).get("loop");
        assertEquals(3.75, loop.get("cyclesPerIteration").asDouble(), 0.01);
        assertEquals("ports FP0,FP1,FP2,FP3", loop.get("bottleneck").asText());
        assertEquals(24, loop.get("instructions").size());
        assertTrue(loop.get("steadyState").get("convergedAfter").asLong() >= 0);
    }

    @Test
    void aTableWithoutALoopFormIsAUserError(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        StringBuilder core = new StringBuilder();
        for (String k : java.util.List.of("dispatch_width", "retire_width", "rob_size", "scheduler_size",
                "fp_scheduler_size", "load_queue", "store_queue", "load_to_use_int", "load_to_use_vec",
                "vector_width_bits", "zmm_split", "mispredict_penalty")) {
            core.append("  ").append(k).append(": {value: 4, source: \"S\"}\n");
        }
        java.nio.file.Path yaml = dir.resolve("tiny.yaml");
        java.nio.file.Files.writeString(yaml, "name: tiny\ndescription: test core\nextends: null\n"
            + "sources:\n  S: \"test\"\ncore:\n" + core + "  fuses_cmp_jcc: {value: true, source: \"S\"}\n"
            + "ports:\n  P0: {desc: \"all\", source: \"S\"}\n"
            + "forms:\n  \"dec r64\": {uops: 1, latency: 1, rthr: 1, usage: \"1*P0\", source: \"S\"}\n");
        TernSimCliTest.Outcome o = TernSimCliTest.run("explain", "--uarch", yaml.toString(), "--no-program-run");
        assertEquals(TernSim.USAGE, o.code(), o.err());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertTrue(o.err().contains("tiny has no timing for form"), o.err());
    }

    @Test
    void theTailLoopCanBeChosen() {
        TernSimCliTest.Outcome o = TernSimCliTest.run("explain", "--loop", ".Ltail", "--mca-asm");
        assertEquals(TernSim.OK, o.code(), o.err());
        assertTrue(o.out().contains(".Ltail:"), o.out());
    }

    @Test
    void mcaAsmIsTheLoopBodyInIntelSyntax() {
        TernSimCliTest.Outcome o = TernSimCliTest.run("explain", "--mca-asm");
        assertEquals(TernSim.OK, o.code(), o.err());
        assertTrue(o.out().startsWith(".intel_syntax noprefix\n.Lblock:\n"), o.out());
        assertTrue(o.out().strip().endsWith("jne .Lblock"), o.out());
        assertEquals(26, o.out().lines().count());
    }

    @Test
    void mcaAsmOfANeonLoopIsAArch64Syntax() {
        TernSimCliTest.Outcome o = TernSimCliTest.run("explain", "--kernel", "i2_s-sparse", "--isa", "neon-dotprod",
            "--mca-asm");
        assertEquals(TernSim.OK, o.code(), o.err());
        assertTrue(o.out().startsWith(".Lgroup:\n"), o.out());
        assertTrue(o.out().contains("ld1r {v25.4s}, [x8], #4"), o.out());
        assertTrue(o.out().strip().endsWith("b.lo .Lgroup"), o.out());
    }

    @Test
    void badInputIsOneLineExit2() {
        TernSimCliTest.Outcome unknown = TernSimCliTest.run("explain", "--uarch", "pentium4");
        assertEquals(TernSim.USAGE, unknown.code());
        assertEquals(1, unknown.err().strip().lines().count(), unknown.err());
        assertTrue(unknown.err().contains("pentium4"), unknown.err());
        TernSimCliTest.Outcome loop = TernSimCliTest.run("explain", "--loop", ".Lrow", "--mca-asm");
        assertEquals(TernSim.USAGE, loop.code());
        assertTrue(loop.err().contains(".Lblock"), loop.err());
        TernSimCliTest.Outcome kernel = TernSimCliTest.run("explain", "--kernel", "tl2_0");
        assertEquals(TernSim.USAGE, kernel.code());
        assertTrue(kernel.err().contains("i2_s"), kernel.err());
    }

    /** An Arm ISA, or a kernel lowered only for NEON, without --hw runs on an Arm config (Neoverse N2) instead of failing. */
    @Test
    void armIsaWithoutHwPicksAnArmCore() throws Exception {
        TernSimCliTest.Outcome neon = TernSimCliTest.run("explain", "--isa", "neon", "--shape", "4x2560", "--timeline",
            "0", "--no-program-run", "--json");
        assertEquals(TernSim.OK, neon.code(), neon.err());
        JsonNode doc = new ObjectMapper().readTree(neon.out());
        assertEquals("cobalt-100", doc.get("hardware").asText());
        assertTrue(doc.get("loop").get("cyclesPerIteration").asDouble() > 0, neon.out());
    }

    /** Skipped while every kernel also has an x86 lowering (since tl1/avx2); kept for the next Arm-only kernel. */
    @Test
    void armOnlyKernelWithoutHwPicksAnArmCore() throws Exception {
        String armOnly = neonOnlyKernel();
        TernSimCliTest.Outcome k = TernSimCliTest.run("explain", "--kernel", armOnly, "--shape", "4x2560", "--timeline",
            "0", "--no-program-run", "--json");
        assertEquals(TernSim.OK, k.code(), k.err());
        assertEquals("cobalt-100", new ObjectMapper().readTree(k.out()).get("hardware").asText());
    }

    /** A kernel lowered only for Arm ISAs (tl1 until an x86 lowering lands); the test is skipped when none is left. */
    private static String neonOnlyKernel() {
        var byKernel = org.ternsim.isa.lower.GemvLowerings.all().stream().collect(java.util.stream.Collectors.groupingBy(
            org.ternsim.isa.lower.GemvLowering::kernel, java.util.TreeMap::new, java.util.stream.Collectors.mapping(
                org.ternsim.isa.lower.GemvLowering::isa, java.util.stream.Collectors.toList())));
        var found = byKernel.entrySet().stream().filter(e -> e.getValue().stream().allMatch(i -> i.startsWith("neon")))
            .filter(e -> e.getValue().get(0).equals("neon")).map(java.util.Map.Entry::getKey).findFirst();
        org.junit.jupiter.api.Assumptions.assumeTrue(found.isPresent(), "no NEON-only lowering registered");
        return found.get();
    }

    /** NEON on an x86 config is a one-line usage error naming the configs that do have NEON. */
    @Test
    void neonOnAnX86ConfigSaysWhichConfigsHaveIt() {
        TernSimCliTest.Outcome o = TernSimCliTest.run("explain", "--hw", "configs/hw/zen4-2c.yaml", "--isa", "neon");
        assertEquals(TernSim.USAGE, o.code(), o.err());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertTrue(o.err().contains("zen4-2c.yaml: core.isa [avx2, avx512] has no neon"), o.err());
        assertTrue(o.err().contains("configs with neon: cobalt-100, apple-m2-ultra, raspberry-pi-5"), o.err());
    }

    /** Skipped while every kernel also has an x86 lowering (since tl1/avx2); kept for the next Arm-only kernel. */
    @Test
    void armOnlyKernelOnAnX86ConfigSaysWhichConfigsHaveNeon() {
        String armOnly = neonOnlyKernel();
        TernSimCliTest.Outcome k = TernSimCliTest.run("explain", "--hw", "configs/hw/zen4-2c.yaml", "--kernel", armOnly);
        assertEquals(TernSim.USAGE, k.code(), k.err());
        assertEquals(1, k.err().strip().lines().count(), k.err());
        assertTrue(k.err().contains("no lowering of " + armOnly + " (lowered for [neon"), k.err());
        assertTrue(k.err().contains("configs with neon: cobalt-100"), k.err());
    }
}
