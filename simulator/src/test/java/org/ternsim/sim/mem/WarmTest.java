// warm() keeps exactly what warming every line at every level keeps: same answers and counts for the accesses after.
package org.ternsim.sim.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WarmTest {

    private static final long LINE = 64;

    /** L1 LRU 4 KiB 8-way, L2 16 KiB 16-way of the given policy, L3 LRU 48 KiB 12-way; next-line, stream prefetch. */
    private static MemoryHierarchy build(ReplacementPolicy.Kind l2Policy) {
        Cache l1 = new Cache("L1D", 4096, 8, 64, 4, 8, ReplacementPolicy.Kind.LRU);
        Cache l2 = new Cache("L2", 16 * 1024, 16, 64, 14, 16, l2Policy);
        Cache l3 = new Cache("L3", 48 * 1024, 12, 64, 40, 32, ReplacementPolicy.Kind.LRU);
        return new MemoryHierarchy(List.of(l1, l2, l3),
            Arrays.asList(Prefetcher.of("next-line", 1, 1), Prefetcher.of("stream", 4, 16), null),
            new Dram(16, 100, 64), 64);
    }

    /**
     * Regions as {address, bytes}: one far larger than the L3 (which keeps its last 768 lines, from line 3328 on, in
     * set 0), one inside its end and one beside it, both in sets 8 to 47, so that nothing flushes set 0 again.
     */
    private static final long[][] REGIONS = {
        {0, 256 * 1024}, {4040 * LINE, 20 * LINE + 32}, {(1 << 20) + 32 * LINE, 1000}};

    /**
     * Every level holds the same lines of the regions, and the same accesses to both hierarchies then get the same
     * answers and leave the same counts (which also compares the replacement order).
     */
    private static void assertSameFrom(MemoryHierarchy warmed, MemoryHierarchy reference, long seed) {
        for (int level = 0; level < 3; level++) {
            for (long[] r : REGIONS) {
                for (long line = r[0] / LINE; line <= (r[0] + r[1] - 1) / LINE; line++) {
                    assertEquals(reference.levels().get(level).holds(line), warmed.levels().get(level).holds(line),
                        "level " + level + ", line " + line);
                }
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        long cycle = 0;
        for (int i = 0; i < 20_000; i++) {
            long address = switch (random.nextInt(4)) {
                case 0 -> (1 << 20) + random.nextInt(4096);
                case 1 -> 204 * 1024 + random.nextInt(8 * 1024); // where the L3's kept lines start
                default -> 200 * 1024 + random.nextInt(80 * 1024);
            };
            boolean store = random.nextInt(8) == 0;
            cycle += random.nextInt(6);
            assertEquals(reference.access(address, 8, store, cycle), warmed.access(address, 8, store, cycle),
                "access " + i + " at " + address);
        }
        for (int level = 0; level < 3; level++) {
            assertEquals(counts(reference.levels().get(level).stats()), counts(warmed.levels().get(level).stats()));
        }
        assertEquals(reference.dramReadBytes(), warmed.dramReadBytes());
        assertEquals(reference.dramWriteBytes(), warmed.dramWriteBytes());
    }

    private static List<Long> counts(CacheStats s) {
        return List.of(s.reads, s.writes, s.hits, s.misses, s.inFlightHits, s.evictions, s.writeBacks,
            s.prefetchesIssued, s.prefetchesDropped, s.mshrStallCycles);
    }

    @Test
    void warmingOnlyTheLinesAnLruLevelKeepsChangesNothing() {
        for (ReplacementPolicy.Kind l2Policy : ReplacementPolicy.Kind.values()) {
            MemoryHierarchy warmed = build(l2Policy);
            MemoryHierarchy reference = build(l2Policy);
            for (long[] r : REGIONS) {
                warmed.warm(r[0], r[1]);
                reference.warmEveryLine(r[0], r[1]);
            }
            assertSameFrom(warmed, reference, 7);
        }
    }

    /** A dirty line's write-back on eviction would reach the next level out of order: every line is warmed then. */
    @Test
    void afterAStoreEveryLineIsWarmedInTurn() {
        MemoryHierarchy warmed = build(ReplacementPolicy.Kind.LRU);
        MemoryHierarchy reference = build(ReplacementPolicy.Kind.LRU);
        for (long a = 0; a < 64 * 1024; a += 4 * LINE) {
            warmed.access(a, 8, true, a);
            reference.access(a, 8, true, a);
        }
        for (long[] r : REGIONS) {
            warmed.warm(r[0], r[1]);
            reference.warmEveryLine(r[0], r[1]);
        }
        assertSameFrom(warmed, reference, 8);
    }
}
