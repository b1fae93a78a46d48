// The llvm-mca comparison harness runs without llvm-mca: loops are extracted, simulated, and bounded by port pressure.
package org.ternsim.sim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ternsim.isa.arm.ArmAsmText;
import org.ternsim.isa.lower.GemvLowering;
import org.ternsim.isa.lower.GemvLowerings;
import org.ternsim.sim.config.HardwareConfig;

class ArmMcaLoopsTest {

    @TempDir
    Path dir;

    @Test
    void innerLoopIsTheBlockLoopAndReadsBackAsAssembly() {
        for (ArmMcaLoops.Variant v : ArmMcaLoops.variants()) {
            String asm = ArmMcaLoops.mcaInput(v.lowering());
            assertTrue(asm.startsWith(".Lblock:\n    "), asm);
            assertTrue(asm.endsWith("    b.ne .Lblock\n"), asm);
            assertEquals(ArmMcaLoops.innerLoop(v.lowering()).size(), ArmAsmText.parse(asm).code().size());
        }
    }

    /** End to end: every Arm lowering through GemvSimulation on each Arm table, outputs bit-exact under timing. */
    @Test
    void gemvSimulationRunsEveryArmLoweringBitExact() throws IOException {
        for (String core : ArmMcaLoops.CORES) {
            HardwareConfig hw = ArmMcaLoops.machine(core, dir.resolve("gs"));
            for (GemvLowering l : GemvLowerings.all()) {
                if (!l.isa().startsWith("neon")) {
                    continue;
                }
                int cols = l.kernel().equals("tq2_0") ? 768 : 640;
                RunResult r = GemvSimulation.run(new GemvSimulation.Request(hw, l, 17, cols, 3, CacheState.WARM));
                assertTrue(r.check().bitExact(), core + " " + l + ": " + r.check());
                assertTrue(r.programText().contains("b.ne .Lrow") || r.programText().contains("b.ne .Lgroup")
                    || r.programText().contains("b.ne .Lblock"), l.toString()); // i2_s-sparse: row-block loop
                assertTrue(r.core().cycles() > 0);
            }
        }
    }

    @Test
    void steadyStateIsAtLeastThePortBoundAndWritesTheTable() throws IOException {
        for (String core : ArmMcaLoops.CORES) {
            for (ArmMcaLoops.Variant v : ArmMcaLoops.variants()) {
                ArmMcaLoops.Result r = ArmMcaLoops.measure(core, v, dir.resolve("m"));
                assertTrue(r.cyclesPerIteration() >= r.portBoundPerIteration() - 1e-9, r.toString());
                assertTrue(r.cyclesPerIteration() < 40, r.toString());
            }
        }
        // tools/mca/compare-arm.sh passes -Dternsim.mca.out=<dir> to keep the table and the llvm-mca inputs.
        Path out = Path.of(System.getProperty("ternsim.mca.out", dir.resolve("out").toString()));
        ArmMcaLoops.main(new String[] {out.toString()});
        assertTrue(Files.readString(out.resolve("sim.tsv")).contains("i2s-smlal-acc1\tcortex-a76\t"));
    }
}
