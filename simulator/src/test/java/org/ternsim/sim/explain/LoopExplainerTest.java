// explain on the I2_S AVX2 loop: cycles/iteration equals the port bound where ports bind, bounds and timeline are sane.
package org.ternsim.sim.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ternsim.isa.Program;
import org.ternsim.isa.lower.I2sAvx2Gemv;
import org.ternsim.isa.lower.I2sAvx2Lowering;
import org.ternsim.isa.uarch.Microarchitecture;
import org.ternsim.isa.uarch.UarchLoader;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.config.HardwareConfigLoader;
import org.ternsim.sim.core.Loop;
import org.ternsim.sim.core.LoopBounds;
import org.ternsim.sim.run.MachineBuilder;

class LoopExplainerTest {

    private static final Program PROGRAM = I2sAvx2Gemv.lower(4, 2560);

    private static HardwareConfig hw() {
        return HardwareConfigLoader.load(java.nio.file.Path.of("../configs/hw/zen5-2c.yaml"));
    }

    @Test
    void theHotLoopIsTheBlockLoop() {
        Loop loop = LoopExplainer.hotLoop(PROGRAM);
        assertEquals(".Lblock", loop.label());
        assertEquals(24, loop.size());
        assertEquals(List.of(".Lblock", ".Ltail"), Loop.innermost(PROGRAM).stream().map(Loop::label).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"zen3", "zen4", "zen5", "golden-cove", "raptor-cove"})
    void steadyStateIsAtLeastEveryBoundAndConverges(String name) {
        Microarchitecture uarch = UarchLoader.load(name);
        LoopExplanation e = LoopExplainer.explain(PROGRAM, uarch, MachineBuilder.memory(hw()),
            LoopExplainer.hotLoop(PROGRAM), 100, 10, 2);
        assertTrue(e.steadyState().converged(), name);
        LoopBounds b = e.bounds();
        // The rate is a finite average, so it may sit a hair under a bound.
        assertTrue(e.cyclesPerIteration() >= 0.99 * b.max(), name + ": " + e.cyclesPerIteration() + " < " + b);
        assertTrue(e.cyclesPerIteration() <= 1.25 * b.max(), name + ": " + e.cyclesPerIteration() + " vs " + b);
        assertEquals(48, e.timeline().size());
        for (var r : e.timeline()) {
            assertTrue(r.dispatch() <= r.issue() && r.issue() <= r.complete() && r.complete() <= r.retire(), r.toString());
        }
        double perIteration = e.instructions().stream()
            .mapToDouble(v -> v.portsPerIteration().values().stream().mapToDouble(Double::doubleValue).sum()).sum();
        assertTrue(perIteration > 20, "port uops per iteration " + perIteration);
    }

    @Test
    void zen5IsBoundByTheFourSimdPipes() {
        LoopExplanation e = LoopExplainer.explain(PROGRAM, UarchLoader.load("zen5"), MachineBuilder.memory(hw()),
            LoopExplainer.hotLoop(PROGRAM), 100, 10, 1);
        // 15 vector ALU uops per iteration over FP0-FP3: 3.75 cycles.
        assertEquals(3.75, e.bounds().port(), 1e-9);
        assertEquals(List.of("FP0", "FP1", "FP2", "FP3"), e.bounds().portPorts());
        assertEquals("ports FP0,FP1,FP2,FP3", e.bottleneck());
        assertEquals(3.75, e.cyclesPerIteration(), 0.01);
    }

    @Test
    void theTimelineUsesLlvmMcaLetters() {
        LoopExplanation e = LoopExplainer.explain(PROGRAM, UarchLoader.load("zen5"), MachineBuilder.memory(hw()),
            LoopExplainer.hotLoop(PROGRAM), 20, 5, 1);
        String text = ExplanationText.render(e);
        assertTrue(text.contains("Cycles per iteration"), text);
        assertTrue(text.contains("Timeline"), text);
        var load = e.timeline().get(0);
        assertEquals('D', ExplanationText.cell(load, load.dispatch()));
        assertEquals('R', ExplanationText.cell(load, load.retire()));
    }

    @Test
    void inProgramSteadyStateAmortisesTheOuterLoops() {
        Microarchitecture uarch = UarchLoader.load("zen5");
        InProgramSteadyState whole = InProgramSteadyState.run(new I2sAvx2Lowering(16), uarch, MachineBuilder.memory(hw()), 8, 128 * 16 * 4, 1);
        var s = whole.steadyState().orElseThrow();
        assertEquals(".Lblock", s.loop().label());
        assertEquals(8 * 4 * 16, s.iterations());
        assertTrue(s.cyclesPerIteration() >= 0.99 * 3.75, "" + s.cyclesPerIteration());
        // Extrapolating the loop over all its iterations cannot exceed the whole program's cycles.
        assertTrue(s.extrapolate(s.iterations()) <= whole.cycles() * 1.05, s + " vs " + whole.cycles());
    }
}
