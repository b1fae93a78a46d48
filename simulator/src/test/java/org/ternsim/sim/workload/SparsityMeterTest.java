// Measured a4.8 sparsity follows the quantizers: ~12% zero INT4 codes on QKV and Gate, exactly half of Wo's inputs.
package org.ternsim.sim.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SparsityMeterTest {

    @Test
    void measuredSparsityMatchesWhatTheQuantizersImply() {
        Workload.LlmShape shape = new Workload.LlmShape(512, 1024, 1, 4, 2, 128, 1000, Workload.Activation.RELU2,
            true, true);
        Workload w = new Workload("tiny-a48", "", Workload.Family.LLM, shape, null,
            new Workload.Numerics("ternary", "int4", "int3", false), "i2_s", "f16",
            new Workload.Sparsity("given", 0.1, 0.5, 0.1, 0.7, 0.8, "test"), "test", null);
        Workload.Sparsity s = SparsityMeter.measure(w, 7);
        assertEquals("measured", s.mode());
        assertTrue(s.qkv() > 0.07 && s.qkv() < 0.17, "qkv " + s.qkv());
        assertEquals(0.5, s.out(), 0.01);
        assertTrue(s.up() > s.gate(), "up composes gate-output zeros: " + s);
        assertTrue(s.source().startsWith("measured"));
    }
}
