// docs/validation.md's llvm-mca table stays in sync with tools/mca/compare.sh's format and with the current core model.
package org.ternsim.sim.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ternsim.isa.Program;
import org.ternsim.isa.lower.I2sAvx2Gemv;
import org.ternsim.isa.uarch.UarchLoader;
import org.ternsim.sim.config.HardwareConfigLoader;
import org.ternsim.sim.run.MachineBuilder;

/** llvm-mca is not needed: only TernSim's columns are recomputed; llvm-mca's are taken as recorded. */
class McaComparisonDocTest {

    private static List<String[]> rows(List<String> lines, String header) {
        int at = lines.indexOf(header);
        assertTrue(at >= 0, "docs/validation.md lacks the table header printed by compare.sh: " + header);
        List<String[]> rows = new ArrayList<>();
        for (int i = at + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String[] cells = lines.get(i).substring(1).split("\\|");
            for (int c = 0; c < cells.length; c++) {
                cells[c] = cells[c].strip();
            }
            rows.add(cells);
        }
        return rows;
    }

    @Test
    void recordedTernSimColumnsMatchTheModel() throws IOException {
        String script = Files.readString(Path.of("../tools/mca/compare.sh"));
        String header = script.lines().filter(l -> l.startsWith("echo \"| core table")).findFirst().orElseThrow()
            .replaceFirst("^echo \"", "").replaceFirst("\"$", "");
        List<String> doc = Files.readAllLines(Path.of("../docs/validation.md"));
        assertTrue(doc.contains("## Core model vs llvm-mca (x86)"));
        List<String[]> rows = rows(doc, header);
        assertEquals(5, rows.size());
        Program program = I2sAvx2Gemv.lower(64, 2560);
        var hw = HardwareConfigLoader.load(Path.of("../configs/hw/zen5-2c.yaml"));
        for (String[] r : rows) {
            LoopExplanation e = LoopExplainer.explain(program, UarchLoader.load(r[0]), MachineBuilder.memory(hw),
                LoopExplainer.hotLoop(program), 100, 0, 0);
            assertEquals(String.format(java.util.Locale.ROOT, "%.2f", e.cyclesPerIteration()), r[4],
                r[0] + ": docs/validation.md is stale, rerun tools/mca/compare.sh");
            assertEquals(e.bottleneck(), r[5], r[0]);
            double ratio = e.cyclesPerIteration() / Double.parseDouble(r[2]);
            assertEquals(String.format(java.util.Locale.ROOT, "%.2f", ratio), r[6], r[0]);
        }
    }
}
