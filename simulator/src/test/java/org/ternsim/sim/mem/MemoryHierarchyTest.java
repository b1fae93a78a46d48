// Cache and DRAM timing rules in isolation: hits, LRU eviction, merged in-flight misses, MSHR limits, bus queueing.
package org.ternsim.sim.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryHierarchyTest {

    /** One 2-way, 2-set L1 (256 B) with 4-cycle hits over DRAM at 8 B/cycle and 100 cycles beyond the transfer. */
    private static MemoryHierarchy tiny(int mshrs, Prefetcher prefetcher) {
        Cache l1 = new Cache("L1D", 256, 2, 64, 4, mshrs);
        return new MemoryHierarchy(List.of(l1), Arrays.asList(prefetcher), new Dram(8, 100, 64), 64);
    }

    @Test
    void missThenHitThenLruEviction() {
        MemoryHierarchy m = tiny(4, null);
        assertEquals(0 + 8 + 100, m.access(0, 8, false, 0));        // bus 8 cycles per line + 100
        assertEquals(1000 + 4, m.access(8, 8, false, 1000));        // same line: hit
        m.access(128, 8, false, 2000);                               // same set (lines 0 and 2), second way
        m.access(0, 8, false, 3000);                                 // touch line 0: line 2 is now LRU
        m.access(256, 8, false, 4000);                               // line 4 evicts line 2
        assertEquals(5000 + 4, m.access(0, 8, false, 5000));
        assertTrue(m.access(128, 8, false, 6000) > 6000 + 4, "line 2 was evicted");
        assertEquals(3, m.levels().get(0).stats().hits);
    }

    @Test
    void aSecondLoadToALineInFlightWaitsForTheSameFill() {
        MemoryHierarchy m = tiny(4, null);
        long first = m.access(0, 8, false, 0);
        assertEquals(first, m.access(16, 8, false, 1));
        assertEquals(1, m.levels().get(0).stats().inFlightHits);
        assertEquals(64, m.dramReadBytes());
    }

    @Test
    void mshrsLimitOutstandingMisses() {
        MemoryHierarchy one = tiny(1, null);
        long a = one.access(0, 8, false, 0);
        long b = one.access(64, 8, false, 0);
        assertTrue(b >= a + 4, "with one MSHR the second miss starts when the first fill returns");
        MemoryHierarchy four = tiny(4, null);
        four.access(0, 8, false, 0);
        assertEquals(16 + 100, four.access(64, 8, false, 0), "second line queues one bus slot behind the first");
    }

    @Test
    void dramBandwidthQueuesRequests() {
        Dram d = new Dram(16, 50, 64);
        assertEquals(4 + 50, d.transfer(0));
        assertEquals(8 + 50, d.transfer(0));
        assertEquals(100 + 4 + 50, d.transfer(100));
    }

    @Test
    void nextLinePrefetchTurnsTheFollowingLineIntoAHit() {
        MemoryHierarchy m = tiny(4, Prefetcher.of("next-line", 1, 1));
        m.access(0, 8, false, 0);
        assertEquals(1, m.levels().get(0).stats().prefetchesIssued);
        assertEquals(10_000 + 4, m.access(64, 8, false, 10_000));
    }

    /** One set of four ways: lines 0..3 filled in order, line 0 touched again, then line 4 evicts someone. */
    private static boolean survives(ReplacementPolicy.Kind kind, long line) {
        Cache c = new Cache("L1D", 256, 4, 64, 4, 8, kind);
        MemoryHierarchy m = new MemoryHierarchy(List.of(c), Arrays.asList((Prefetcher) null), new Dram(8, 100, 64), 64);
        for (long l : new long[] {0, 1, 2, 3, 0, 4}) {
            m.access(l * 64, 8, false, 1000 * (l + 1));
        }
        return m.access(line * 64, 8, false, 1_000_000) == 1_000_000 + 4;
    }

    @Test
    void lruEvictsTheLeastRecentlyUsedWay() {
        assertFalse(survives(ReplacementPolicy.Kind.LRU, 1));
        assertTrue(survives(ReplacementPolicy.Kind.LRU, 0));
    }

    @Test
    void treePlruFollowsItsTreeBitsNotTrueRecency() {
        // After 0,1,2,3,0 the root points right and the right node at way 2: PLRU evicts line 2, true LRU line 1.
        assertTrue(survives(ReplacementPolicy.Kind.TREE_PLRU, 1));
        assertFalse(survives(ReplacementPolicy.Kind.TREE_PLRU, 2));
        assertTrue(survives(ReplacementPolicy.Kind.TREE_PLRU, 0));
    }

    @Test
    void randomReplacementIsReproducible() {
        for (long line = 0; line < 4; line++) {
            assertEquals(survives(ReplacementPolicy.Kind.RANDOM, line), survives(ReplacementPolicy.Kind.RANDOM, line));
        }
    }
}
