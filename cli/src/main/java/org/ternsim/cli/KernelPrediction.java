// The simulator's time for the work `ternsim bench kernels` measures: one GEMV on a hardware config, warm caches
// (a repeated call, as the benchmark's), or the reason it cannot be predicted yet.
package org.ternsim.cli;

import org.ternsim.isa.lower.GemvLowerings;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.run.CacheState;
import org.ternsim.sim.run.GemvSimulation;

record KernelPrediction(double seconds, String note) {

    boolean available() {
        return note == null;
    }

    static KernelPrediction of(HardwareConfig hw, String kernel, int rows, int cols, int threads) {
        if (!GemvLowerings.kernels().contains(kernel)) {
            return new KernelPrediction(Double.NaN, "no " + kernel + " lowering yet (lowered: " + GemvLowerings.kernels() + ")");
        }
        if (threads > hw.cores()) {
            return new KernelPrediction(Double.NaN, threads + " threads on " + hw.cores() + " simulated cores");
        }
        try {
            GemvSimulation.Request r = new GemvSimulation.Request(hw, GemvSimulation.Request.choose(hw, kernel, null),
                rows, cols, 1, CacheState.WARM);
            return new KernelPrediction(GemvSimulation.run(r, threads).seconds(), null);
        } catch (IllegalArgumentException e) {
            return new KernelPrediction(Double.NaN, e.getMessage());
        }
    }
}
