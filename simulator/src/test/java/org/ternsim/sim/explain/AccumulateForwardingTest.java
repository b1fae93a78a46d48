// Late forwarding of multiply-accumulates (accumulate_latency in the timing tables): chains within a group, and not across.
package org.ternsim.sim.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ternsim.isa.arm.ArmRegs.v;
import static org.ternsim.isa.arm.ArmRegs.x;

import org.junit.jupiter.api.Test;
import org.ternsim.isa.Operand.Imm;
import org.ternsim.isa.Operand.Label;
import org.ternsim.isa.Program;
import org.ternsim.isa.arm.ArmSemantics;
import org.ternsim.isa.lower.I2sNeonGemv;
import org.ternsim.isa.uarch.Microarchitecture;
import org.ternsim.isa.uarch.UarchLoader;
import org.ternsim.sim.config.HardwareConfigLoader;
import org.ternsim.sim.run.MachineBuilder;

/**
 * Neoverse N2 forwards an {@code sdot} result into the accumulator of the next {@code sdot} after 1 cycle, not its
 * latency of 3 (llvm's AArch64SchedNeoverseN2.td: N2Rd_VDOT = SchedReadAdvance&lt;2, [N2Wr_VDOT]&gt;; Arm writes
 * "3(1)"). bitnet.cpp's 1x1 NEON kernel adds all four {@code sdot} of a block into one accumulator, so this decides
 * whether its block loop is latency- or port-bound.
 */
class AccumulateForwardingTest {

    private static LoopExplanation explain(Program p, String uarch) {
        Microarchitecture m = UarchLoader.load(uarch);
        var memory = MachineBuilder.memory(HardwareConfigLoader.load(java.nio.file.Path.of("../configs/hw/cobalt-100.yaml")));
        return LoopExplainer.explain(p, m, memory, LoopExplainer.hotLoop(p), 200, 10, 1);
    }

    /** Four sdot into v0 per iteration; {@code breakChain}: an add into v0 (not of the sdot group) after them. */
    private static Program chain(boolean breakChain) {
        Program.Builder b = new Program.Builder("sdot chain", ArmSemantics.NEON_DOTPROD);
        b.emit("mov", x(5), new Imm(200));
        b.label(".Lchain");
        for (int k = 0; k < 4; k++) {
            b.emit("sdot", v(0, "4s"), v(16 + k, "16b"), v(20 + k, "16b"));
        }
        if (breakChain) {
            b.emit("add", v(0, "4s"), v(0, "4s"), v(1, "4s"));
        }
        b.emit("subs", x(5), x(5), new Imm(1));
        b.emit("b.ne", new Label(".Lchain"));
        return b.build();
    }

    @Test
    void anSdotChainIssuesOnePerCycleOnN2() {
        LoopExplanation e = explain(chain(false), "neoverse-n2");
        assertEquals(4.0, e.bounds().dependency(), 1e-9);
        assertEquals(4.0, e.cyclesPerIteration(), 0.05);
    }

    @Test
    void anotherProducerGetsNoForwarding() {
        // sdot -> sdot -> sdot -> sdot at 1 cycle each, sdot -> add at the full 3, add -> sdot at add's 2.
        LoopExplanation e = explain(chain(true), "neoverse-n2");
        assertEquals(8.0, e.bounds().dependency(), 1e-9);
        assertEquals(8.0, e.cyclesPerIteration(), 0.05);
    }

    @Test
    void aTableWithoutForwardingKeepsTheFullLatency() {
        // apple-m2.yaml gives sdot latency 3 and no accumulate latency: 4 x 3 cycles.
        LoopExplanation e = explain(chain(false), "apple-m2");
        assertEquals(12.0, e.bounds().dependency(), 1e-9);
        assertEquals(12.0, e.cyclesPerIteration(), 0.05);
    }

    @Test
    void theI2s1x1BlockLoopOnN2IsPortBound() {
        // bitnet.cpp's 1x1 block: 3 ushr (V1 only) + 3 and + 4 sdot = 10 V-pipe uops on V0/V1: 5 cycles; the chain of
        // four forwarded sdot is 4. Without forwarding the chain (4 x 3 = 12) bound it.
        Program p = I2sNeonGemv.lower(4, 2560, new I2sNeonGemv.Params(true, 1, 1));
        LoopExplanation e = explain(p, "neoverse-n2");
        assertEquals(4.0, e.bounds().dependency(), 1e-9);
        assertEquals(5.0, e.bounds().port(), 1e-9);
        assertEquals(5.0, e.cyclesPerIteration(), 0.05);
    }
}
