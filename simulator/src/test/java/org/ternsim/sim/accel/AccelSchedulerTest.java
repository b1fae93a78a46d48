// Double buffering overlaps DMA with compute; the I2_S layout's scattered activations conflict in banks without a
// block register; fill/drain and latency show up on tiny operators.
package org.ternsim.sim.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AccelSchedulerTest {

    private static AcceleratorConfig variant(AcceleratorConfig c, boolean doubleBuffering, boolean blockRegister) {
        PeArrayConfig p = c.pe();
        return new AcceleratorConfig(c.name(), c.description(), c.clockHz(),
                new PeArrayConfig(p.unit(), p.rows(), p.cols(), p.pipelineStages(), p.lutBuildAddersPerCycle(),
                        p.activations(), blockRegister),
                c.weight(), c.activation(), c.lut(), c.output(), c.dma(), doubleBuffering, c.epilogue(), c.sparsity(),
                c.energy(), c.published(), c.provenance(), c.file());
    }

    @Test
    void doubleBufferingOverlapsTransfersWithCompute() {
        AcceleratorConfig c = AccelConfigs.load("accel-vitallm");
        AccelRequest r = AccelRequest.of("i2_s", 2560, 2560, 1, 1, false);
        AccelResult on = AcceleratorSimulation.run(c, r);
        AccelResult off = AcceleratorSimulation.run(variant(c, false, true), r);
        long dma = on.busyCycles().get("dma");
        long array = on.busyCycles().get("array");
        // Overlapped: close to the larger engine. Serial: at least the sum of both.
        assertTrue(on.cycles() < 1.25 * Math.max(dma, array), on.cycles() + " vs " + on.busyCycles());
        assertTrue(off.cycles() >= off.busyCycles().get("dma") + off.busyCycles().get("array"), off.toString());
        assertTrue(off.cycles() > 1.5 * on.cycles());
    }

    @Test
    void scatteredActivationsConflictInBanks() {
        AcceleratorConfig c = AccelConfigs.load("accel-vitallm");
        // 16 columns read 4 runs of 4 codes, 32 apart: with 8 banks of 8 bytes, runs 0 and 2 (and 1 and 3) share banks.
        assertEquals(2, BankConflicts.factor(c.activation(), 16, 8, false));
        assertEquals(1, BankConflicts.factor(c.activation(), 16, 8, true));
        // 128 columns read a whole block: 128 contiguous bytes over 8 banks = 2 words per bank.
        assertEquals(2, BankConflicts.factor(c.activation(), 128, 8, false));
        AccelRequest r = AccelRequest.of("i2_s", 640, 2560, 1, 1, false);
        long staged = AcceleratorSimulation.run(c, r).busyCycles().get("array");
        long scattered = AcceleratorSimulation.run(variant(c, true, false), r).busyCycles().get("array");
        assertEquals(2 * staged, scattered);
    }

    @Test
    void aTinyOperatorPaysLatencyAndDrain() {
        AcceleratorConfig c = AccelConfigs.load("accel-large");
        AccelResult r = AcceleratorSimulation.run(c, AccelRequest.of("i2_s", 64, 128, 1, 1, false));
        long latency = new AccelCosts(c).dmaLatency();
        // Load (latency) -> MAC -> fill -> requantise -> store (latency): far above either roofline.
        assertTrue(r.cycles() >= 2 * latency + c.pe().fillCycles() + c.epilogue().pipelineStages(), r.toString());
        assertTrue(r.cycles() > 10 * r.roofline().cycles(), r.toString());
    }

    @Test
    void gemmReusesWeightsAcrossTokens() {
        AcceleratorConfig c = AccelConfigs.load("accel-large");
        AccelResult gemv = AcceleratorSimulation.run(c, AccelRequest.of("i2_s", 2560, 2560, 1, 1, false));
        AccelResult gemm = AcceleratorSimulation.run(c, AccelRequest.of("i2_s", 2560, 2560, 64, 1, false));
        // 64 tokens cost far less than 64 GEMVs: the weights are not streamed 64 times.
        assertTrue(gemm.cycles() < 16 * gemv.cycles(), gemm.cycles() + " vs " + gemv.cycles());
        assertTrue(gemm.dramReadBytes() < 4 * gemv.dramReadBytes(), gemm.dramReadBytes() + " vs " + gemv.dramReadBytes());
    }

    @Test
    void fullFluxShapeIsFastWithoutFunctionalExecution() {
        AcceleratorConfig c = AccelConfigs.load("accel-large");
        AccelResult r = AcceleratorSimulation.run(c, new AccelRequest(org.ternsim.isa.accel.AccelKernel.TERNARY_A16,
                3072, 3072, 4608, 1, false));
        assertEquals(3072L * 3072 * 4608, r.macs());
        assertTrue(r.cycles() >= r.roofline().cycles(), r.toString());
        assertEquals("not run", r.check());
    }

    @Test
    void int4ActivationsHalveTheBytesAndPackedLanesTheArraySteps() {
        AcceleratorConfig c = AccelConfigs.load("accel-edge");
        PeArrayConfig p = c.pe();
        AcceleratorConfig packed = new AcceleratorConfig(c.name(), c.description(), c.clockHz(),
                new PeArrayConfig(p.unit(), p.rows(), p.cols(), p.pipelineStages(), p.lutBuildAddersPerCycle(),
                        p.activations(), p.blockRegister(), 2),
                c.weight(), c.activation(), c.lut(), c.output(), c.dma(), c.doubleBuffering(), c.epilogue(), c.sparsity(),
                c.energy(), c.published(), c.provenance(), c.file());
        // A 64-token prefill: activations are a visible share of the traffic and the array bounds the time.
        AccelResult int8 = AcceleratorSimulation.run(c, AccelRequest.of("i2_s", 2560, 2560, 64, 1, false));
        AccelResult int4 = AcceleratorSimulation.run(c, AccelRequest.of("i2_s-int4", 2560, 2560, 64, 1, false));
        AccelResult int4x2 = AcceleratorSimulation.run(packed, AccelRequest.of("i2_s-int4", 2560, 2560, 64, 1, false));
        assertEquals(int8.roofline().dramBytes() - 64L * 2560 / 2, int4.roofline().dramBytes());
        assertEquals(int8.busyCycles().get("array"), int4.busyCycles().get("array"));
        assertEquals(int8.roofline().computeCycles() / 2, int4x2.roofline().computeCycles(), 1e-9);
        assertTrue(int4x2.busyCycles().get("array") <= 0.55 * int4.busyCycles().get("array"),
                int4x2.busyCycles() + " vs " + int4.busyCycles());
        assertTrue(AcceleratorSimulation.run(packed, AccelRequest.of("i2_s-int4", 640, 2560, 2, 1, true)).checkPassed());
    }
}
