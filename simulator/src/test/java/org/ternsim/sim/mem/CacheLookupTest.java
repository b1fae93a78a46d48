// Cache's lookup shortcuts (last slot, recent-slot hint, presence counts, empty ways) against a plain scan.
package org.ternsim.sim.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CacheLookupTest {

    /**
     * A set-associative LRU cache written the plain way: scan the set for a hit, fill the first empty way, else evict
     * the least recently used. Cache must find the same slots, evict the same lines and give the same counts.
     */
    private static final class PlainLru {
        final int sets;
        final int ways;
        final long[] tags;
        final long[] lastUse;
        long clock;

        PlainLru(int sets, int ways) {
            this.sets = sets;
            this.ways = ways;
            tags = new long[sets * ways];
            lastUse = new long[sets * ways];
            java.util.Arrays.fill(tags, -1);
        }

        int lookup(long line) {
            int base = (int) (line & (sets - 1)) * ways;
            for (int w = 0; w < ways; w++) {
                if (tags[base + w] == line) {
                    lastUse[base + w] = ++clock;
                    return base + w;
                }
            }
            return -1;
        }

        long install(long line) {
            int base = (int) (line & (sets - 1)) * ways;
            int slot = -1;
            for (int w = 0; w < ways && slot < 0; w++) {
                if (tags[base + w] == -1) {
                    slot = base + w;
                }
            }
            if (slot < 0) {
                slot = base;
                for (int w = 1; w < ways; w++) {
                    if (lastUse[base + w] < lastUse[slot]) {
                        slot = base + w;
                    }
                }
            }
            long victim = tags[slot];
            tags[slot] = line;
            lastUse[slot] = ++clock;
            return victim;
        }

        int invalidate(long line) {
            int base = (int) (line & (sets - 1)) * ways;
            for (int w = 0; w < ways; w++) {
                if (tags[base + w] == line) {
                    tags[base + w] = -1;
                    return 0;
                }
            }
            return -1;
        }
    }

    @Test
    void shortcutsFindWhatAPlainScanFinds() {
        for (int ways : new int[] {1, 2, 4, 12, 16}) {
            compareWithPlainScan(8, ways, 0);
        }
    }

    /**
     * Lines 4096 apart share the count of lines held that lets a lookup skip its set (a few thousand counts here):
     * every count is then shared, goes up and down with each of its lines, and must reach 0 only when all are gone.
     */
    @Test
    void linesThatShareAPresenceCountAreFoundUntilTheLastLeaves() {
        for (int ways : new int[] {1, 4, 12, 16}) {
            compareWithPlainScan(8, ways, 4096);
        }
    }

    /** More lines share a count than a byte holds: the count stays at its limit, and lookups scan the set. */
    @Test
    void aCountSharedByMoreLinesThanAByteHoldsStillFindsThemAll() {
        compareWithPlainScan(1, 200, 4096);
        int ways = 200;
        Cache cache = new Cache("L", ways * 64L, ways, 64, 4, 4);
        for (int i = 0; i < ways; i++) {
            install(cache, i * 4096L);
        }
        for (int i = 0; i < ways; i++) {
            assertEquals(i, cache.lookup(i * 4096L), "line " + i * 4096L);
        }
        for (int i = 0; i < ways - 1; i++) {
            assertEquals(0, cache.invalidate(i * 4096L));
        }
        assertEquals(ways - 1, cache.lookup((ways - 1) * 4096L));
        assertEquals(-1, cache.lookup(0));
    }

    /** Random lookups, fills and invalidations; {@code alias} > 0 adds 0, 1 or 2 times it to each line. */
    private static void compareWithPlainScan(int sets, int ways, long alias) {
        Random random = new Random(12);
        Cache cache = new Cache("L", (long) sets * ways * 64, ways, 64, 4, 4);
        PlainLru plain = new PlainLru(sets, ways);
        // few distinct lines, revisited often: hints hit, go stale, and sets fill, empty and fill again
        int lines = sets * ways * 2;
        for (int op = 0; op < 200_000; op++) {
            long line = (random.nextInt(3) == 0 ? random.nextInt(4) : random.nextInt(lines))
                + alias * random.nextInt(3);
            String what = ways + " ways, operation " + op + ", line " + line;
            switch (random.nextInt(8)) {
                case 0 -> assertEquals(plain.invalidate(line) >= 0, cache.invalidate(line) >= 0, what);
                case 1, 2 -> {
                    if (plain.lookup(line) < 0) {
                        assertEquals(plain.install(line), install(cache, line), what + ": victim");
                    } else {
                        assertEquals(true, cache.lookup(line) >= 0, what + ": hit");
                    }
                }
                default -> assertEquals(plain.lookup(line), cache.lookup(line), what + ": slot");
            }
        }
    }

    private static long install(Cache cache, long line) {
        assertEquals(-1, cache.lookup(line));
        cache.install(line, 0, false);
        return cache.lastVictim;
    }
}
