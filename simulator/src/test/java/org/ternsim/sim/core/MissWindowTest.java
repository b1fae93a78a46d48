// A stream with no prefetcher keeps as many lines in flight as its window holds (Little's law), on a measured config.
package org.ternsim.sim.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.ternsim.isa.AsmText;
import org.ternsim.isa.Memory;
import org.ternsim.isa.Program;
import org.ternsim.isa.uarch.Microarchitecture;
import org.ternsim.isa.uarch.UarchLoader;
import org.ternsim.isa.x86.X86Semantics;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.config.HardwareConfigLoader;
import org.ternsim.sim.run.GemvSimulation;
import org.ternsim.sim.run.MachineBuilder;
import org.ternsim.sim.run.MissWindowBound;

/**
 * The loops of tools/native/stream-probe.c on xeon-gnr-2c, whose caches have no prefetcher (measured: docs/validation.md
 * "Prefetchers that step aside"): one load per 64-byte line over a cold region, so every line comes from DRAM.
 */
class MissWindowTest {

    private static final int LINES = 8192;
    private static final HardwareConfig HW = HardwareConfigLoader.load(Path.of("../configs/hw/xeon-gnr-2c.yaml"));
    private static final Microarchitecture UARCH = UarchLoader.load(HW.core().uarch());

    private static double nsPerLine(String work) {
        return nsPerLine(work, null);
    }

    private static double nsPerLine(String work, StallObserver stalls) {
        return run(work, stalls).stats().cycles() / HW.core().freqHz() * 1e9 / LINES;
    }

    private static OutOfOrderCore run(String work, StallObserver stalls) {
        StringBuilder s = new StringBuilder(".program probe\n.isa x86-64\n");
        s.append(".region data 0x100000000 ").append(LINES * 64).append(" input\n");
        s.append("    mov rsi, 4294967296\n    mov rcx, ").append(LINES).append("\n.Lline:\n");
        s.append("    vmovdqu ymm0, ymmword ptr [rsi]\n    vpaddd ymm1, ymm1, ymm0\n").append(work);
        s.append("    add rsi, 64\n    dec rcx\n    jne .Lline\n");
        Program p = AsmText.parse(s.toString());
        OutOfOrderCore core = new OutOfOrderCore(p, UARCH, MachineBuilder.memory(HW));
        if (stalls != null) {
            core.observeStalls(stalls);
        }
        GemvSimulation.execute(p, X86Semantics.table(), new Memory(p.regions()), core);
        return core;
    }

    private static String independentVectorAdds(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append("    vpaddd ymm").append(2 + i % 8).append(", ymm").append(2 + i % 8).append(", ymm15\n");
        }
        return s.toString();
    }

    @Test
    void vectorWritesPerLineSetTheLinesInFlight() {
        int free = UARCH.core().vectorRenameRegisters();
        assertTrue(free > 0, "the measured config models its vector registers");
        for (int n : new int[] {48, 96}) {
            double linesInFlight = (double) free / (n + 2); // n fillers, the load and the add that uses it
            double expected = HW.dram().latencyNs() / linesInFlight;
            double simulated = nsPerLine(independentVectorAdds(n));
            assertEquals(expected, simulated, 0.2 * expected, n + " vector writes per line");
        }
    }

    @Test
    void theMissWindowEstimateNamesWhatHoldsTheLines() {
        for (int n : new int[] {0, 48, 96}) {
            CoreStats stats = run(independentVectorAdds(n), null).stats();
            MissWindowBound w = MissWindowBound.of(HW, UARCH.core(), stats, (long) LINES * 64, 1);
            assertEquals(n == 0 ? "L1D miss registers" : "vector registers", w.limit(), n + " vector adds per line");
            // an estimate from average counts: within 20 % of the simulated run, which it explains
            assertEquals(stats.cycles(), w.cycles(), 0.2 * stats.cycles(), n + " vector adds per line");
        }
        HardwareConfig zen5 = HardwareConfigLoader.load(Path.of("../configs/hw/zen5-2c.yaml"));
        CoreStats any = run(independentVectorAdds(8), null).stats();
        assertEquals(MissWindowBound.NOT_APPLICABLE,
            MissWindowBound.of(zen5, UarchLoader.load(zen5.core().uarch()).core(), any, (long) LINES * 64, 1),
            "a config with prefetchers: lines may arrive ahead of the window");
    }

    @Test
    void theStallViewNamesTheVectorRegistersNotTheRob() {
        long[] byCause = new long[StallObserver.Cause.values().length];
        double ns = nsPerLine(independentVectorAdds(96), (cause, from, cycles) -> byCause[cause.ordinal()] += cycles);
        double cycles = ns * 1e-9 * HW.core().freqHz() * LINES;
        long vector = byCause[StallObserver.Cause.VECTOR_REGISTERS_FULL.ordinal()];
        // 98 vector writes per line fill the 280 free registers in under 3 lines; the 512-entry ROB would take 5
        assertTrue(vector > 0.5 * cycles, "vector-register stalls " + vector + " of " + cycles + " cycles");
        assertTrue(byCause[StallObserver.Cause.ROB_FULL.ordinal()] < 0.1 * vector, java.util.Arrays.toString(byCause));
    }

    @Test
    void aLoopOfFewInstructionsHidesTheLatencyBehindItsWork() {
        // 16 dependent 3-cycle multiplies per line: 48 cycles of work in 21 instructions, so the window reaches
        // far more lines than the fill buffers allow, and the line rate is the work's
        double work = 16 * 3 / HW.core().freqHz() * 1e9;
        double simulated = nsPerLine("    imul rax, rax, 3\n".repeat(16));
        assertEquals(work, simulated, 0.1 * work);
    }
}
