// Checks the rows each thread takes of a matmul: ggml's plain split and the I2_S split rounded to multiples of 4.
package org.ternsim.sim.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ThreadSplitTest {

    @Test
    void plainSplitGivesTheSlowestThreadCeilRowsOverThreads() {
        for (long rows = 1; rows <= 300; rows++) {
            for (int threads = 1; threads <= 16; threads++) {
                assertEquals((rows + threads - 1) / threads, ThreadSplit.rowsPerThread(rows, threads, 1),
                    rows + " rows, " + threads + " threads");
            }
        }
    }

    @Test
    void i2sRangesStartOnMultiplesOfFourAndCoverEveryRowOnce() {
        for (long rows : new long[] {640, 2560, 6912, 128256, 20}) {
            for (int threads = 1; threads <= 16; threads++) {
                long covered = 0;
                for (int t = 0; t < threads; t++) {
                    long start = ThreadSplit.rangeStart(rows, threads, 4, t);
                    long end = ThreadSplit.rangeStart(rows, threads, 4, t + 1);
                    assertEquals(0, start % 4, "thread " + t + " of " + threads + " starts at " + start);
                    assertTrue(end >= start);
                    covered += end - start;
                }
                assertEquals(rows, covered, rows + " rows over " + threads + " threads");
            }
        }
    }

    @Test
    void roundingGivesSomeI2sThreadsFourRowsMore() {
        // 640 rows (2B4T's K and V projections) over 12 threads: ends at 53.3, 106.7 ... rounded up to 56, 108 ...
        assertEquals(54, ThreadSplit.rowsPerThread(640, 12));
        assertEquals(56, ThreadSplit.rowsPerThread(640, 12, 4));
        assertEquals(216, ThreadSplit.rowsPerThread(2560, 12, 4));
        // an even split is left alone
        assertEquals(160, ThreadSplit.rowsPerThread(2560, 16, 4));
        assertEquals(4, CpuTarget.rowMultiple("i2_s"));
        assertEquals(4, CpuTarget.rowMultiple("i2_s-vnni"));
        assertEquals(1, CpuTarget.rowMultiple("tl2"));
        assertEquals(1, CpuTarget.rowMultiple("i2_s-a16"));
    }
}
