// One simulated core's part of a multi-core GEMV: its rows, its timing and its own traffic.
package org.ternsim.sim.multicore;

import java.util.List;
import org.ternsim.sim.core.CoreStats;
import org.ternsim.sim.mem.CacheStats;
import org.ternsim.sim.run.RunResult;

/**
 * @param core           core index, 0-based
 * @param firstRow       first output row of its contiguous chunk
 * @param rows           rows in its chunk (0: the split left this core idle)
 * @param stats          its core model's statistics; {@code cycles} is when its last instruction retired
 * @param privateCaches  its private levels (L1D, L2), not the shared ones
 * @param dramReadBytes  DRAM lines it caused to be read, in bytes
 * @param dramWriteBytes DRAM lines it caused to be written, in bytes
 * @param check          its output rows against the functional engine, bit for bit
 */
public record CoreShare(int core, int firstRow, int rows, CoreStats stats, List<CacheStats> privateCaches,
        long dramReadBytes, long dramWriteBytes, RunResult.FunctionalCheck check) {
}
