// Zero-activation skipping: exact, dense operators unchanged, and array time following the skip granularity.
package org.ternsim.sim.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ternsim.isa.accel.AccelKernel;
import org.ternsim.isa.accel.ActType;

class ZeroSkipTest {

    private static final AcceleratorConfig EDGE = AccelConfigs.load("accel-edge");

    private static AcceleratorConfig skipping(boolean on, int group) {
        AcceleratorConfig c = EDGE;
        SparsityConfig s = c.sparsity();
        return new AcceleratorConfig(c.name(), c.description(), c.clockHz(), c.pe(), c.weight(), c.activation(), c.lut(),
                c.output(), c.dma(), c.doubleBuffering(), c.epilogue(),
                new SparsityConfig(s.zeroWeightGating(), s.zeroWeightFraction(), on, group, 1), c.energy(),
                c.published(), c.provenance(), c.file());
    }

    private static AccelRequest wo(double zeros, int tokens, boolean functional) {
        return new AccelRequest(AccelKernel.I2S, ActType.INT8, 2560, 2560, tokens, 3, functional, zeros);
    }

    @Test
    void withoutSparsityNothingChanges() {
        AccelResult off = AcceleratorSimulation.run(skipping(false, 1), wo(0, 1, true));
        for (AccelResult r : new AccelResult[] {
                AcceleratorSimulation.run(skipping(true, 1), wo(0, 1, true)),
                AcceleratorSimulation.run(skipping(true, 4), wo(0, 1, false)),
                // A design without skipping runs sparse data densely: same time, same energy.
                AcceleratorSimulation.run(skipping(false, 1), wo(0.5, 1, false))}) {
            assertEquals(off.cycles(), r.cycles());
            assertEquals(off.energyJ(), r.energyJ());
            assertEquals(off.instructions(), r.instructions());
            assertEquals(0, r.skippedMacs());
        }
        assertTrue(off.checkPassed(), off.check());
    }

    @Test
    void topKHalfHalvesWhatTheGranularityAllows() {
        long dense = AcceleratorSimulation.run(skipping(false, 1), wo(0.5, 1, false)).busyCycles().get("array");
        // Single activations (G = 1): a 128-value block holds X ~ 64 non-zeros, compacted into ceil(X / 32) steps of
        // the 32-lane adder trees: 2 steps when X <= 64 (about half of the blocks), else 3; dense takes 4. With the
        // mapper's 512-value K tiles a pass is 16 dense steps plus one index cycle: (4 x 2.465 + 1) / 16 = 0.68.
        AccelResult fine = AcceleratorSimulation.run(skipping(true, 1), wo(0.5, 1, true));
        assertTrue(fine.mapping().contains("x512x"), fine.mapping());
        double ratio = fine.busyCycles().get("array") / (double) dense;
        assertTrue(ratio > 0.64 && ratio < 0.72, "G=1: " + ratio + " " + fine + " dense " + dense);
        assertTrue(fine.checkPassed(), fine.check());
        assertTrue(Math.abs(fine.skippedMacs() / (double) fine.macs() - 0.5) < 0.02, fine.skippedMacs() + " skipped");
        // The timing-only estimate (zeros uniformly placed) agrees with the data the detector saw.
        long expected = AcceleratorSimulation.run(skipping(true, 1), wo(0.5, 1, false)).busyCycles().get("array");
        assertTrue(Math.abs(expected / (double) fine.busyCycles().get("array") - 1) < 0.03, expected + " vs " + fine);
        // Groups of 32 = one step: all 32 zero has probability ~2^-32, so nothing is skipped; the index cycles remain.
        AccelResult coarse = AcceleratorSimulation.run(skipping(true, 32), wo(0.5, 1, true));
        assertEquals(0, coarse.skippedMacs());
        assertEquals(dense * 17 / 16, (long) coarse.busyCycles().get("array"), coarse.busyCycles() + " vs " + dense);
        assertTrue(coarse.checkPassed(), coarse.check());
        // Energy follows the computed MACs.
        AccelResult denseRun = AcceleratorSimulation.run(skipping(false, 1), wo(0.5, 1, true));
        assertTrue(fine.energyJ().get("pe") < 0.7 * denseRun.energyJ().get("pe"), fine.energyJ() + " " + denseRun.energyJ());
        assertTrue(fine.energyJ().get("skip") > 0 && !denseRun.energyJ().containsKey("skip"));
    }

    @Test
    void aComputeBoundPrefillGetsFaster() {
        // 64 tokens reuse each weight tile, so the array, not the DRAM, bounds the operator and skipping shows end to end.
        AccelResult dense = AcceleratorSimulation.run(skipping(false, 1), wo(0.5, 64, false));
        AccelResult sparse = AcceleratorSimulation.run(skipping(true, 1), wo(0.5, 64, false));
        assertEquals("compute", dense.bound());
        assertTrue(sparse.cycles() < 0.8 * dense.cycles(), sparse.cycles() + " vs " + dense.cycles());
        // ReLU^2-like 84% zeros on groups of 4: a group is all zero with probability 0.84^4 = 0.5.
        AccelResult down = AcceleratorSimulation.run(skipping(true, 4), wo(0.842, 64, false));
        AccelResult downDense = AcceleratorSimulation.run(skipping(false, 4), wo(0.842, 64, false));
        double skipped = down.skippedMacs() / (double) down.macs();
        assertTrue(skipped > 0.45 && skipped < 0.55, "skipped " + skipped);
        assertTrue(down.cycles() < 0.75 * downDense.cycles(), down.cycles() + " vs " + downDense.cycles());
    }
}
