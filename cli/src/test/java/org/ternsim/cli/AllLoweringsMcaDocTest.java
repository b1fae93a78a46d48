// docs/validation.md's "Every lowering against llvm-mca" table stays in step with the core model: each row's TernSim
// column is what `explain` computes now, its ratio and 15 % verdict follow from the recorded llvm-mca column, and
// every row outside 15 % names a cause that the section's key table explains.
package org.ternsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ternsim.isa.Program;
import org.ternsim.isa.lower.GemvLowering;
import org.ternsim.isa.lower.GemvLowerings;
import org.ternsim.isa.uarch.UarchLoader;
import org.ternsim.sim.config.HardwareConfigLoader;
import org.ternsim.sim.core.Loop;
import org.ternsim.sim.explain.LoopExplainer;
import org.ternsim.sim.explain.LoopExplanation;
import org.ternsim.sim.run.MachineBuilder;

/** llvm-mca is not needed: its column is taken as recorded (tools/mca/all-lowerings.py writes the table). */
class AllLoweringsMcaDocTest {

    private static final String HEADER = "| lowering | loop | core table | llvm-mca -mcpu | llvm-mca cycles/iter |"
        + " TernSim cycles/iter | TernSim bottleneck | TernSim / llvm-mca | within 15 % | why not | host cycles/iter |";

    @BeforeAll
    static void home() {
        System.setProperty("ternsim.home", ".."); // HardwareForIsa finds the bundled configs there
    }

    private static String two(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static List<String[]> table(List<String> doc, int header) {
        return doc.subList(header + 2, doc.size()).stream().takeWhile(l -> l.startsWith("|"))
            .map(l -> java.util.Arrays.stream(l.substring(1).split("\\|")).map(String::strip).toArray(String[]::new))
            .toList();
    }

    @Test
    void everyRowMatchesTheModelAndEveryMissHasAnExplainedCause() throws IOException {
        List<String> doc = Files.readAllLines(Path.of("../docs/validation.md"));
        int section = doc.indexOf("## Every lowering against llvm-mca (issue 4; 2026-12-04)");
        assertTrue(section >= 0, "docs/validation.md lacks the section");
        Map<String, Integer> keyRows = new HashMap<>();
        for (String[] k : table(doc, doc.subList(section, doc.size()).indexOf("| key | rows | cause | evidence |")
                + section)) {
            keyRows.put(k[0], Integer.parseInt(k[1]));
        }
        List<String[]> rows = table(doc, doc.indexOf(HEADER));
        Map<String, Integer> keysUsed = new HashMap<>();
        Set<String> lowerings = new HashSet<>();
        for (String[] r : rows) {
            String where = r[0] + " on " + r[2] + ": docs/validation.md is stale, rerun tools/mca/all-lowerings.py";
            String[] kernelIsa = r[0].split("/");
            GemvLowering lowering = GemvLowerings.find(kernelIsa[0], kernelIsa[1]).orElseThrow();
            lowerings.add(r[0]);
            Program program = lowering.lower(64, 2560); // explain's default shape
            Loop loop = LoopExplainer.hotLoop(program);
            assertEquals(loop.label(), r[1], where);
            var hw = HardwareConfigLoader.load(HardwareForIsa.defaultFor(lowering.isa()).orElseThrow());
            LoopExplanation e = LoopExplainer.explain(program, UarchLoader.load(r[2]), MachineBuilder.memory(hw), loop,
                100, 0, 0);
            assertEquals(two(e.cyclesPerIteration()), r[5], where);
            assertEquals(e.bottleneck(), r[6], where);
            double ratio = e.cyclesPerIteration() / Double.parseDouble(r[4]);
            assertEquals(two(ratio), r[7], where);
            boolean inside = Math.abs(ratio - 1) <= 0.15;
            assertEquals(inside ? "yes" : "**no**", r[8], where);
            if (inside) {
                assertEquals("", r[9], where + " (a cause on a row within 15 %)");
            } else {
                assertTrue(keyRows.containsKey(r[9]), where + " (cause '" + r[9] + "' not in the key table)");
                keysUsed.merge(r[9], 1, Integer::sum);
            }
        }
        assertEquals(keyRows, keysUsed, "the key table's row counts");
        Set<String> all = new HashSet<>();
        GemvLowerings.all().forEach(l -> all.add(l.kernel() + "/" + l.isa()));
        assertEquals(all, lowerings, "every registered lowering has rows");
    }
}
