// A sweep over PE-array size shows the roofline's shape: throughput grows with the array while compute-bound, then
// flattens at the DRAM bandwidth.
package org.ternsim.sim.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeSweepTest {

    /** The edge design with a rows x cols array (everything else unchanged). */
    static AcceleratorConfig withArray(AcceleratorConfig c, int rows, int cols) {
        PeArrayConfig p = c.pe();
        return new AcceleratorConfig(c.name() + "-" + rows + "x" + cols, c.description(), c.clockHz(),
                new PeArrayConfig(p.unit(), rows, cols, p.pipelineStages(), p.lutBuildAddersPerCycle(), p.activations(),
                        p.blockRegister()),
                c.weight(), c.activation(), c.lut(), c.output(), c.dma(), c.doubleBuffering(), c.epilogue(),
                c.sparsity(), c.energy(), c.published(), c.provenance(), c.file());
    }

    @Test
    void computeBoundThenBandwidthBound() {
        AcceleratorConfig base = AccelConfigs.load("accel-edge");
        int[][] arrays = {{1, 4}, {1, 8}, {2, 8}, {2, 16}, {4, 16}, {4, 32}, {8, 32}, {8, 64}, {16, 64}, {16, 128}};
        List<Double> rate = new ArrayList<>();
        List<String> bound = new ArrayList<>();
        for (int[] a : arrays) {
            AccelResult r = AcceleratorSimulation.run(withArray(base, a[0], a[1]),
                    AccelRequest.of("i2_s", 2560, 2560, 1, 1, false));
            rate.add(r.macs() / r.seconds());
            bound.add(r.bound());
            assertEquals(r.roofline().bound(), r.bound(), "simulated and analytic bound agree at " + a[0] + "x" + a[1]);
        }
        // Small arrays: compute-bound, and doubling the PEs nearly doubles throughput.
        assertEquals("compute", bound.get(0));
        assertTrue(rate.get(1) / rate.get(0) > 1.8, rate.toString());
        assertTrue(rate.get(2) / rate.get(1) > 1.8, rate.toString());
        // Large arrays: DRAM-bound, and doubling the PEs gains under 10%.
        assertEquals("dram", bound.get(bound.size() - 1));
        assertTrue(rate.get(rate.size() - 1) / rate.get(rate.size() - 2) < 1.1, rate.toString());
        // One transition, and throughput never falls as the array grows (5% slack for tile-size effects).
        int firstDram = bound.indexOf("dram");
        assertTrue(firstDram > 0 && bound.subList(firstDram, bound.size()).stream().allMatch("dram"::equals), bound.toString());
        for (int i = 1; i < rate.size(); i++) {
            assertTrue(rate.get(i) >= 0.95 * rate.get(i - 1), i + ": " + rate);
        }
        // The plateau sits near the bandwidth roof: at least 80% of K*M*N / (compulsory bytes / bandwidth).
        AccelResult top = AcceleratorSimulation.run(withArray(base, 16, 128), AccelRequest.of("i2_s", 2560, 2560, 1, 1, false));
        assertTrue(top.roofline().dramCycles() / top.cycles() > 0.8, top.roofline() + " vs " + top.cycles());
    }
}
