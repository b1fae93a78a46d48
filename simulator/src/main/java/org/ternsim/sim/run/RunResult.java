// The outcome of simulating one kernel call on one hardware config: time, work, bounds, memory traffic, energy, check.
package org.ternsim.sim.run;

import java.util.List;
import org.ternsim.sim.core.CoreStats;
import org.ternsim.sim.energy.EnergyReport;
import org.ternsim.sim.mem.CacheStats;

public record RunResult(
        String op,
        String kernel,
        String isa,
        int rows,
        int cols,
        /** Activation columns (tokens) one call multiplies: 1 for a GEMV, N for a GEMM lowering such as i2_s-nx1. */
        int tokens,
        int threads,
        String hardware,
        String uarch,
        double freqHz,
        CacheState cacheState,
        String program,
        /** The simulated program in its assembly text form. */
        String programText,
        /** Bytes the kernel must read at least once: packed weights with their scale tail, plus activations. */
        long operandBytes,
        CoreStats core,
        List<CacheStats> caches,
        long dramReadBytes,
        long dramWriteBytes,
        double dramBytesPerCycle,
        /** DRAM latency over the lines the window keeps in flight, where no prefetcher runs ahead (per thread). */
        MissWindowBound missWindow,
        EnergyReport energy,
        FunctionalCheck check) {

    public long cycles() {
        return core.cycles();
    }

    public double seconds() {
        return core.cycles() / freqHz;
    }

    public long macs() {
        return (long) rows * cols * tokens;
    }

    public double gmacPerSecond() {
        return macs() / seconds() / 1e9;
    }

    public double effectiveGBPerSecond() {
        return operandBytes() / seconds() / 1e9;
    }

    public long dramBoundCycles() {
        return (long) Math.ceil((dramReadBytes + dramWriteBytes) / dramBytesPerCycle);
    }

    /**
     * The largest analytic bound: "compute" (ports or dispatch), "memory" (DRAM bandwidth, or DRAM latency over the
     * lines the window keeps in flight) or "latency" (dataflow).
     */
    public String dominantBound() {
        long compute = Math.max(core.portBoundCycles(), core.dispatchBoundCycles());
        long memory = Math.max(dramBoundCycles(), missWindow.cycles());
        long latency = core.dataflowBoundCycles();
        if (memory >= compute && memory >= latency) {
            return "memory";
        }
        return compute >= latency ? "compute" : "latency";
    }

    public long tightestBoundCycles() {
        return Math.max(Math.max(core.portBoundCycles(), core.dispatchBoundCycles()),
            Math.max(Math.max(dramBoundCycles(), missWindow.cycles()), core.dataflowBoundCycles()));
    }

    /** Whether the simulated program's output equals the functional engine's, bit for bit. */
    public record FunctionalCheck(boolean bitExact, int mismatches, int outputs, String reference) {
    }
}
