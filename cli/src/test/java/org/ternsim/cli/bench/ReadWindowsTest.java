// bench memory's harness logic that does not depend on timing: window plans, overlap scoring, the reading loop's sum.
package org.ternsim.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReadWindowsTest {

    @Test
    void aSmallSliceIsReadWholeAsManyTimesAsFitTheTarget() {
        ReadWindows.Plan p = ReadWindows.Plan.of(2048, 32L << 20); // 16 KiB slice, 32 MiB target
        assertEquals(2048, p.passes());
        assertEquals(2048, p.chunkLongs());
        assertEquals(1, p.chunks());
        assertEquals(0, p.chunkStart(7));
        assertEquals(32L << 20, p.bytesPerWindow());
    }

    @Test
    void aLargeSliceIsReadAChunkPerWindowGoingRound() {
        ReadWindows.Plan p = ReadWindows.Plan.of(16L << 20, 32L << 20); // 128 MiB slice, 32 MiB chunks
        assertEquals(1, p.passes());
        assertEquals(4 << 20, p.chunkLongs());
        assertEquals(4, p.chunks());
        assertEquals(0, p.chunkStart(0));
        assertEquals(3 * (4 << 20), p.chunkStart(3));
        assertEquals(1 << 22, p.chunkStart(5)); // taken cyclically: chunk 5 is chunk 1
        assertEquals(32L << 20, p.bytesPerWindow());
    }

    @Test
    void noWindowReReadsTheChunkItsPredecessorOrTheWarmUpJustRead() {
        ReadWindows.Plan p = ReadWindows.Plan.of(16L << 20, 32L << 20); // 4 chunks of 4 Mi longs
        int chunk = 4 << 20;
        for (int batch = 0; batch < 3; batch++) {
            int previous = p.windowStart(batch, 5, -1); // the warm-up
            for (int w = 0; w < 5; w++) {
                int start = p.windowStart(batch, 5, w);
                assertEquals((previous + chunk) % (4 * chunk), start, "batch " + batch + " window " + w);
                previous = start;
            }
        }
        // A slice that fits one window is read whole every time: that is the point for cache-sized sets.
        ReadWindows.Plan small = ReadWindows.Plan.of(2048, 32L << 20);
        assertEquals(0, small.windowStart(0, 5, -1));
        assertEquals(0, small.windowStart(2, 5, 3));
    }

    @Test
    void aSliceThatIsNotWholeLoopStepsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ReadWindows.Plan.of(100, 32L << 20));
        assertThrows(IllegalArgumentException.class, () -> ReadWindows.Plan.of(0, 32L << 20));
    }

    @Test
    void threadsThatTookTurnsDoNotCountEvenWhenTheirSpanIsShorter() {
        long bytes = 1_000_000;
        // Window 0: both read for ~1000 ns at the same time. Window 1: one after the other, 500 ns each, which
        // over its 1000 ns span would claim the same aggregate; window 2 claims more, in turns.
        long[][] start = {{0, 5000, 9000}, {10, 5500, 9300}};
        long[][] end = {{1000, 5500, 9300}, {1010, 6000, 9600}};
        ReadWindows.Score s = ReadWindows.score(start, end, bytes);
        assertEquals(1, s.overlapping());
        assertEquals(3, s.windows());
        assertEquals(2.0 * bytes / 1010, s.gbPerSecond(), 1e-12);
    }

    @Test
    void threadsThatSharedOneCpuInShortSlicesDoNotCount() {
        // Both windows span the same 1000 ns for both threads; in window 1 each thread was on a CPU only half of it.
        long[][] start = {{0, 2000}, {5, 2005}};
        long[][] end = {{1000, 3000}, {1005, 3005}};
        long[][] onCpu = {{990, 500}, {995, 500}};
        ReadWindows.Score s = ReadWindows.score(start, end, onCpu, 400);
        assertEquals(1, s.overlapping());
        assertEquals(2.0 * 400 / 1005, s.gbPerSecond(), 1e-12);
        assertEquals(2, ReadWindows.score(start, end, null, 400).overlapping(), "without CPU times both count");
    }

    @Test
    void theAggregateRunsFromTheFirstStartToTheLastEnd() {
        long[][] start = {{100}, {140}};
        long[][] end = {{1100}, {1120}}; // overlap 980 of 1020 ns
        ReadWindows.Score s = ReadWindows.score(start, end, 500);
        assertEquals(1, s.overlapping());
        assertEquals(2.0 * 500 / 1020, s.gbPerSecond(), 1e-12);
    }

    @Test
    void withNoOverlappingWindowTheBestOfAllIsALowerBoundAndSaysSo() {
        long[][] start = {{0, 0}, {600, 900}};
        long[][] end = {{500, 800}, {1000, 1900}};
        ReadWindows.Score s = ReadWindows.score(start, end, 100);
        assertEquals(0, s.overlapping());
        assertEquals(200.0 / 1000, s.gbPerSecond(), 1e-12);
    }

    @Test
    void oneThreadAlwaysOverlapsItself() {
        ReadWindows.Score s = ReadWindows.score(new long[][] {{0, 10}}, new long[][] {{8, 14}}, 40);
        assertEquals(2, s.overlapping());
        assertEquals(10.0, s.gbPerSecond(), 1e-12);
    }

    @Test
    void theReadingLoopAddsEveryElementOfTheRangeOncePerPass() {
        int step = ReadWindows.STEP_LONGS;
        long[] a = new long[8 + 4 * step + 5];
        for (int i = 0; i < a.length; i++) {
            a[i] = i * 7L + 1;
        }
        long[] acc = new long[HostMemory.vectorBytes() / 8 * 4];
        int from = 3;
        int to = from + 4 * step;
        HostMemory.readPasses(a, from, to, 3, acc);
        long expected = 0;
        for (int i = from; i < to; i++) {
            expected += 3 * a[i];
        }
        long got = 0;
        for (long v : acc) {
            got += v;
        }
        assertEquals(expected, got);
    }

    @Test
    void theFastestCandidateIsTheFirstSmallestTime() {
        assertEquals(2, HostMemory.fastest(new long[] {9, 7, 3, 5, 3}));
        assertEquals(0, HostMemory.fastest(new long[] {1}));
    }

    @Test
    void twoThreadsProduceAScoreOverAtLeastOneBatch() throws InterruptedException {
        ReadWindows.Score s = HostMemory.readBandwidth(64L << 10, 2, 3);
        assertTrue(s.windows() >= 3 && s.windows() % 3 == 0, s.toString());
        assertTrue(s.overlapping() <= s.windows());
        assertTrue(s.gbPerSecond() > 0, s.toString());
        assertThrows(IllegalArgumentException.class, () -> HostMemory.readBandwidth(1 << 20, 0, 3));
    }
}
