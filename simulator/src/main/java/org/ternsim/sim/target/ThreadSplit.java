// How a CPU operator is split over threads, kept in one place so the multi-core model can replace it.
package org.ternsim.sim.target;

import org.ternsim.sim.config.HardwareConfig;

/**
 * bitnet.cpp (ggml) splits a matmul's output rows into equal contiguous chunks, one per thread
 * ({@code dr = (nr + nth - 1) / nth}). Until the multi-core model runs threads together on one shared hierarchy,
 * one thread's chunk is simulated alone on the whole machine, and the threads' common DRAM traffic is then held to
 * the machine's DRAM bandwidth: cycles = max(chunk cycles alone, all threads' DRAM bytes / bandwidth). What this
 * approximation leaves out: contention in the shared L3 and the memory controller queues below the bandwidth limit.
 * Threads are assumed to finish together; the barrier after each graph node is costed once per run by the graph's
 * runtime operator ({@link GgmlGraph#runtime}).
 */
public final class ThreadSplit {

    private ThreadSplit() {
    }

    /** Rows of the largest chunk: the operator finishes when its slowest thread does. */
    public static long rowsPerThread(long rows, int threads) {
        return (rows + threads - 1) / threads;
    }

    /** Cycles of the operator when every thread runs a chunk of {@code chunkCycles} and they move {@code dramBytes}. */
    public static double sharedCycles(HardwareConfig hw, double chunkCycles, double dramBytes) {
        double bytesPerCycle = hw.dram().bandwidthBytesPerSec() / hw.core().freqHz();
        return Math.max(chunkCycles, dramBytes / bytesPerCycle);
    }

    /** Whether the shared DRAM bandwidth, not one thread's chunk, sets the time. */
    public static boolean dramShared(HardwareConfig hw, double chunkCycles, double dramBytes) {
        return sharedCycles(hw, chunkCycles, dramBytes) > chunkCycles;
    }
}
