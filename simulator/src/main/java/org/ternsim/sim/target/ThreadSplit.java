// How a CPU operator is split over threads, kept in one place so the multi-core model can replace it.
package org.ternsim.sim.target;

import org.ternsim.sim.config.HardwareConfig;

/**
 * bitnet.cpp (ggml) splits a matmul's output rows into equal contiguous chunks, one per thread
 * ({@code dr = (nr + nth - 1) / nth}; for I2_S weights with the chunk ends rounded up to multiples of 4). Until the
 * multi-core model runs threads together on one shared hierarchy, one thread's chunk is simulated alone on the whole
 * machine, and the threads' common DRAM traffic is then held to the machine's DRAM bandwidth: cycles = max(chunk
 * cycles alone, all threads' DRAM bytes / bandwidth). What this approximation leaves out: contention in the shared L3
 * and the memory controller queues below the bandwidth limit. Threads are assumed to finish together; the barrier
 * after each graph node is costed once per run by the graph's runtime operator ({@link GgmlGraph#runtime}).
 */
public final class ThreadSplit {

    private ThreadSplit() {
    }

    /** Rows of the largest chunk: the operator finishes when its slowest thread does. */
    public static long rowsPerThread(long rows, int threads) {
        return (rows + threads - 1) / threads;
    }

    /**
     * Rows of the largest chunk of a matmul whose weight type ggml multiplies through its gemv/gemm entry points:
     * there each thread takes rows [ith ne01 / nth, (ith + 1) ne01 / nth) with both ends rounded up to a multiple of
     * the type's {@code ncols} (4 for I2_S: the fork's {@code ggml_compute_forward_mul_mat}, Eddie-Wang1120/llama.cpp
     * {@code ggml/src/ggml.c} @13e12994, {@code src0_start} / {@code src0_end}), so some threads get {@code ncols}
     * more rows than others. With {@code multiple} 1 this is {@link #rowsPerThread(long, int)}.
     */
    public static long rowsPerThread(long rows, int threads, int multiple) {
        long largest = 0;
        for (int t = 0; t < threads; t++) {
            long end = rangeStart(rows, threads, multiple, t + 1);
            largest = Math.max(largest, end - rangeStart(rows, threads, multiple, t));
        }
        return largest;
    }

    /**
     * First row of thread {@code t}'s range (as {@link #rowsPerThread(long, int, int)}); {@code t = threads} gives the
     * end of the last range.
     */
    public static long rangeStart(long rows, int threads, int multiple, int t) {
        long start = t * rows / threads;
        long rounded = (start + multiple - 1) / multiple * multiple;
        return Math.min(rows, rounded);
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
