// Cache behaviour against hand-computed expectations: conflict misses, LRU vs tree-PLRU, prefetch coverage, MSHR-bound bandwidth, inclusion, write-back.
package org.ternsim.sim.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ternsim.sim.config.Inclusion;

class CacheBehaviourTest {

    private static MemoryHierarchy single(Cache c, Prefetcher p) {
        return new MemoryHierarchy(List.of(c), Arrays.asList(p), new Dram(8, 100, 64), 64);
    }

    /** Reads {@code addresses} {@code passes} times, 1000 cycles apart (every fill has landed); returns L1 misses. */
    private static long misses(MemoryHierarchy m, long[] addresses, int passes) {
        long t = 0;
        for (int p = 0; p < passes; p++) {
            for (long a : addresses) {
                m.access(a, 8, false, t += 1000);
            }
        }
        return m.levels().get(0).stats().misses;
    }

    @Test
    void powerOfTwoStrideThrashesOneSet() {
        // 48 KiB, 12 ways, 64 B lines = 64 sets: a 4 KiB stride maps every address to set 0. Thirteen such lines in
        // a loop exceed the 12 ways, and LRU then evicts each line just before it is needed: 13 x 10 misses.
        // A 4 KiB + 64 B stride spreads the same 13 lines over 13 sets: only the 13 cold misses.
        long[] pow2 = new long[13];
        long[] skewed = new long[13];
        for (int i = 0; i < 13; i++) {
            pow2[i] = i * 4096L;
            skewed[i] = i * (4096L + 64);
        }
        assertEquals(130, misses(single(new Cache("L1D", 48 * 1024, 12, 64, 4, 16), null), pow2, 10));
        assertEquals(13, misses(single(new Cache("L1D", 48 * 1024, 12, 64, 4, 16), null), skewed, 10));
        // Twelve lines fit the set's 12 ways: cold misses only, even at the power-of-two stride.
        assertEquals(12, misses(single(new Cache("L1D", 48 * 1024, 12, 64, 4, 16), null), Arrays.copyOf(pow2, 12), 10));
    }

    @Test
    void cyclicScanOfFiveLinesOverFourWaysLruNeverHitsTreePlruOnce() {
        // One set of 4 ways, lines 0..4 read in a loop 5 times. LRU always evicts the line needed next: 25 misses.
        // Tree-PLRU (root bit r, left bit a over ways 0/1, right bit b over ways 2/3; a touch points the bits away):
        // after the cold fills r=a=b=left; 4 evicts way 0 (line 0); 0 evicts way 2 (line 2); 1 is still in way 1:
        // the one hit; from then on each victim is the next line needed (traced by hand to the end of pass 5): 24.
        long[] loop = {0, 64, 128, 192, 256};
        assertEquals(25, misses(single(new Cache("L1D", 256, 4, 64, 4, 8, ReplacementPolicy.Kind.LRU), null), loop, 5));
        assertEquals(24, misses(single(new Cache("L1D", 256, 4, 64, 4, 8, ReplacementPolicy.Kind.TREE_PLRU), null),
            loop, 5));
    }

    @Test
    void streamPrefetcherCoversASequentialStreamAfterThreeMisses() {
        // Lines 0 and 1 train the stream (confidence 2 at line 2); line 2's miss issues lines 3..6 (degree 4,
        // distance 4); every later access issues one more line 4 ahead. 64 lines: 3 misses, 61 hits.
        long[] seq = new long[64];
        for (int i = 0; i < seq.length; i++) {
            seq[i] = i * 64L;
        }
        MemoryHierarchy m = single(new Cache("L1D", 64 * 1024, 8, 64, 4, 16), Prefetcher.of("stream", 4, 4));
        assertEquals(3, misses(m, seq, 1));
        assertEquals(61, m.levels().get(0).stats().hits);
    }

    @Test
    void stridePrefetcherCoversAConstantStrideThatNextLineMisses() {
        // Stride of 3 lines, 40 accesses. Stride: A allocates, A+3 learns the stride, A+6 confirms it and prefetches
        // A+9 (degree 1, distance 1): 3 misses. Next-line fetches A+1 on every miss, never used: 40 misses.
        long[] strided = new long[40];
        for (int i = 0; i < strided.length; i++) {
            strided[i] = i * 3 * 64L;
        }
        assertEquals(3, misses(single(new Cache("L1D", 64 * 1024, 8, 64, 4, 16), Prefetcher.of("stride", 1, 1)),
            strided, 1));
        assertEquals(40, misses(single(new Cache("L1D", 64 * 1024, 8, 64, 4, 16), Prefetcher.of("next-line", 1, 1)),
            strided, 1));
    }

    @Test
    void mshrsBoundBandwidthByLittlesLaw() {
        // 4 MSHRs, DRAM at 64 B/cycle (1 cycle per line) + 100 cycles: 16 misses issued at cycle 0 go out in 4
        // rounds of 4. Round 1 lines arrive at 101..104 (one bus cycle apart); each next round starts when the
        // MSHRs free up, 101 cycles later: the 16th line arrives at 3 x 101 + 104 = 407.
        Cache c = new Cache("L1D", 64 * 1024, 16, 64, 4, 4);
        MemoryHierarchy m = new MemoryHierarchy(List.of(c), Arrays.asList((Prefetcher) null), new Dram(64, 100, 64), 64);
        long last = 0;
        for (int i = 0; i < 16; i++) {
            last = Math.max(last, m.access(i * 64L, 8, false, 0));
        }
        assertEquals(407, last);
        // Little's law: 4 lines in flight x 64 B / 101 cycles = 2.53 B/cycle, far below the 64 B/cycle DRAM.
        assertEquals(4 * 64 / 101.0, 16 * 64 / (double) last, 0.05);
    }

    /** L1 and L2 of one set and two ways each over DRAM, L2 with the given inclusion. */
    private static MemoryHierarchy twoLevels(Inclusion l2) {
        Cache l1 = new Cache("L1D", 128, 2, 64, 4, 8);
        Cache l2c = new Cache("L2", 128, 2, 64, 12, 8);
        return new MemoryHierarchy(List.of(l1, l2c), List.of(Inclusion.NON_INCLUSIVE, l2),
            Collections.nCopies(2, null), new Dram(8, 100, 64), 64, 3, null, a -> a);
    }

    private static void read(MemoryHierarchy m, long... lines) {
        for (long l : lines) {
            m.access(l * 64, 8, false, 1000 * (l + 1) + m.dramReadBytes() * 100);
        }
    }

    @Test
    void inclusiveLastLevelBackInvalidatesTheLevelAbove() {
        // Read 0, 1, then 0 again (an L1 hit, so L2 still sees line 0 as its LRU line), then 2: L2 evicts line 0 and,
        // if inclusive, removes it from L1 too; L1 itself evicted line 1. Reading 0 again: an L1 hit when
        // non-inclusive, a DRAM read when inclusive.
        MemoryHierarchy non = twoLevels(Inclusion.NON_INCLUSIVE);
        read(non, 0, 1, 0, 2, 0);
        assertEquals(3 * 64, non.dramReadBytes());
        MemoryHierarchy inc = twoLevels(Inclusion.INCLUSIVE);
        read(inc, 0, 1, 0, 2, 0);
        assertEquals(4 * 64, inc.dramReadBytes());
        // Two back-invalidations: line 0 when 2 enters L2, line 1 (L2's LRU line then) when 0 comes back.
        assertEquals(2, inc.backInvalidations());
    }

    @Test
    void exclusiveLastLevelAddsItsCapacityToTheLevelAbove() {
        // Four lines through a 2-line L1: an exclusive L2 receives L1's victims 0 and 1, so re-reading them hits L2;
        // a non-inclusive L2 filled on the way in holds 2 and 3 only, and 0 and 1 come from DRAM again.
        MemoryHierarchy exc = twoLevels(Inclusion.EXCLUSIVE);
        read(exc, 0, 1, 2, 3, 0, 1);
        assertEquals(4 * 64, exc.dramReadBytes());
        assertEquals(2, exc.levels().get(1).stats().hits);
        MemoryHierarchy non = twoLevels(Inclusion.NON_INCLUSIVE);
        read(non, 0, 1, 2, 3, 0, 1);
        assertEquals(6 * 64, non.dramReadBytes());
    }

    @Test
    void writeBackWriteAllocate() {
        // A store miss reads the line (write-allocate) and keeps it dirty; only its eviction writes DRAM.
        MemoryHierarchy m = single(new Cache("L1D", 128, 2, 64, 4, 8), null);
        m.access(0, 8, true, 0);
        assertEquals(64, m.dramReadBytes());
        assertEquals(0, m.dramWriteBytes());
        m.access(64, 8, false, 1000);
        m.access(128, 8, false, 2000); // evicts dirty line 0
        assertEquals(64, m.dramWriteBytes());
        m.access(192, 8, false, 3000); // evicts clean line 1: no write
        assertEquals(64, m.dramWriteBytes());
        assertEquals(1, m.levels().get(0).stats().writeBacks);
    }

    @Test
    void aDroppedPrefetchIsIssuedAgainLater() {
        // Stream, degree 4, distance 4: lines 0, 1, 2 train it and line 2 issues 3..6. If 5 found no MSHR (and so
        // 6 was never tried), the access to 3 issues 5, 6, 7 instead of only 7.
        Prefetcher p = Prefetcher.of("stream", 4, 4);
        observe(p, 0, true);
        observe(p, 1, true);
        assertEquals(List.of(3L, 4L, 5L, 6L), observe(p, 2, true));
        p.dropped(5);
        assertEquals(List.of(5L, 6L, 7L), observe(p, 3, false));
    }

    private static List<Long> observe(Prefetcher p, long line, boolean miss) {
        long[] out = new long[p.degree()];
        int n = p.observe(line, miss, out);
        return Arrays.stream(out, 0, n).boxed().toList();
    }
}
