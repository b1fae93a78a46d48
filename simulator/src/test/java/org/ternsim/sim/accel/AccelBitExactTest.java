// Every accelerator lowering equals the functional engine bit for bit on the 2B4T GEMV shapes and the FLUX GEMM.
package org.ternsim.sim.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ternsim.sim.run.Validation;

class AccelBitExactTest {

    @Test
    void validateAllPassesOnTheShippedDesigns() {
        List<Validation.Case> cases = AccelValidation.validateAll(AccelConfigs.dir(), 11);
        assertEquals(AccelValidation.specs().size() * 3, cases.size());
        for (Validation.Case c : cases) {
            assertTrue(c.passed(), c.toString());
            assertTrue(c.implementation().startsWith("accel program on "), c.implementation());
        }
        // The shipped set covers every kernel: the LUT design takes tl2, the large design the 16-bit activations.
        assertTrue(cases.stream().anyMatch(c -> c.kernel().equals("tl2") && c.implementation().contains("accel-edge-lut")));
        assertTrue(cases.stream().anyMatch(c -> c.kernel().equals("ternary-a16/bf16") && c.rows() == 3072));
    }

    @Test
    void aDesignThatCannotRunAKernelIsReportedAsAFailedCase() {
        AcceleratorConfig edge = AccelConfigs.load("accel-edge");
        List<Validation.Case> cases = AccelValidation.validateAll(List.of(edge),
                List.of(new AccelValidation.Spec(org.ternsim.isa.accel.AccelKernel.TL2,
                        org.ternsim.isa.accel.ActType.INT8, 64, 2560, 1)), 1);
        assertEquals(1, cases.size());
        assertTrue(!cases.get(0).passed() && cases.get(0).implementation().contains("no design"));
    }

    @Test
    void functionalAndTimingOnlyRunsReportTheSameCyclesAndEnergy() {
        AcceleratorConfig c = AccelConfigs.load("accel-vitallm");
        AccelResult fast = AcceleratorSimulation.run(c, AccelRequest.of("i2_s", 640, 2560, 1, 3, false));
        AccelResult full = AcceleratorSimulation.run(c, AccelRequest.of("i2_s", 640, 2560, 1, 3, true));
        assertEquals(fast.cycles(), full.cycles());
        assertEquals(fast.energyJ(), full.energyJ());
        assertEquals("not run", fast.check());
        assertTrue(full.checkPassed(), full.check());
    }
}
