// Cache's MSHRs (a sorted ring) against a priority queue of busy-until cycles, on random and streaming sequences.
package org.ternsim.sim.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CacheMshrTest {

    /**
     * Each miss waits for the entry that frees earliest and then holds it until its fill: the same waits and stall
     * cycles as a min-heap of busy-until cycles, whatever order the fills come in (out of order: a later request
     * hitting a closer level; in order: a stream).
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 24, 96})
    void missesWaitForTheEarliestFreeEntryAsAPriorityQueueWould(int mshrs) {
        Cache cache = new Cache("L", 64 * 64, 4, 64, 4, mshrs);
        PriorityQueue<Long> busyUntil = new PriorityQueue<>();
        for (int i = 0; i < mshrs; i++) {
            busyUntil.add(0L);
        }
        Random random = new Random(mshrs);
        long now = 0;
        long stalls = 0;
        for (int miss = 0; miss < 20_000; miss++) {
            now += random.nextInt(4);
            boolean streaming = (miss / 1000) % 2 == 0;
            boolean drop = random.nextInt(8) == 0;
            long free = busyUntil.peek();
            long expected = free <= now ? now : drop ? -1 : free;
            assertEquals(expected, cache.acquireMshr(now, drop), "miss " + miss);
            if (expected < 0) {
                continue;
            }
            stalls += expected - now;
            long until = expected + (streaming ? 200 : 1 + random.nextInt(300));
            busyUntil.poll();
            busyUntil.add(until);
            cache.occupyMshr(until);
        }
        assertEquals(stalls, cache.stats().mshrStallCycles);
    }
}
