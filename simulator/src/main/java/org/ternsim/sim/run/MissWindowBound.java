// Little's law for a stream that no prefetcher runs ahead of: DRAM lines x latency / the lines the core keeps in flight.
package org.ternsim.sim.run;

import org.ternsim.isa.uarch.CoreParams;
import org.ternsim.sim.config.CacheConfig;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.core.CoreStats;
import org.ternsim.sim.core.OpClass;

/**
 * Without a prefetcher, a line is requested only when a load reaches it, so the lines in flight are what the window
 * holds: the L1D's miss registers, the ROB's uops over the uops per DRAM line, and (where modelled) the free vector
 * registers over the vector writes per DRAM line (docs/validation.md, "Prefetchers that step aside"). The per-line
 * counts are averages over the run, so this is an estimate, not a strict lower bound like the port or DRAM bounds.
 *
 * @param cycles        the estimate, per thread; 0 when it does not apply
 * @param linesInFlight lines the window holds
 * @param limit         what sets them: "L1D miss registers", "ROB" or "vector registers"
 */
public record MissWindowBound(long cycles, double linesInFlight, String limit) {

    public static final MissWindowBound NOT_APPLICABLE = new MissWindowBound(0, 0, "");

    /**
     * The estimate for a run of {@code threads} cores that read {@code dramReadBytes} from DRAM in all; not applicable
     * when any cache level has a prefetcher (lines may arrive ahead of the window) or nothing came from DRAM.
     */
    public static MissWindowBound of(HardwareConfig hw, CoreParams core, CoreStats stats, long dramReadBytes,
                                     int threads) {
        boolean prefetched = hw.caches().stream()
            .anyMatch(c -> c.prefetcher() != null && !c.prefetcher().kind().equals("none"));
        if (hw.caches().isEmpty() || prefetched) {
            return NOT_APPLICABLE;
        }
        CacheConfig l1 = hw.caches().get(0);
        double lines = (double) dramReadBytes / l1.lineBytes();
        if (lines < 1) {
            return NOT_APPLICABLE;
        }
        double inFlight = l1.mshrs();
        String limit = "L1D miss registers";
        double byRob = core.robSize() / (stats.uops() / lines);
        if (byRob < inFlight) {
            inFlight = byRob;
            limit = "ROB";
        }
        long vectorWrites = stats.opCounts().get(OpClass.VECTOR) + stats.opCounts().get(OpClass.VECTOR_MUL)
            + stats.opCounts().get(OpClass.FP_SCALAR);
        if (core.vectorRenameRegisters() > 0 && vectorWrites > 0) {
            double byRegisters = core.vectorRenameRegisters() / (vectorWrites / lines);
            if (byRegisters < inFlight) {
                inFlight = byRegisters;
                limit = "vector registers";
            }
        }
        inFlight = Math.max(1, inFlight); // the load at the window's head is always in flight
        double latency = hw.dram().latencyNs() * 1e-9 * hw.core().freqHz();
        return new MissWindowBound(Math.round(lines / threads * latency / inFlight), inFlight, limit);
    }
}
