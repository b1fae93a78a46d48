// True LRU's victim, from a recency order or a minimum over packed stamps, against a plain scan for the oldest stamp.
package org.ternsim.sim.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LruVictimTest {

    /** LRU as written out: per way the time of its last touch, the victim the first way of the oldest time. */
    private static final class PlainLru implements PlainPolicyCheck.Plain {
        final int ways;
        final long[][] lastTouch;
        long time;

        PlainLru(int sets, int ways) {
            this.ways = ways;
            lastTouch = new long[sets][ways];
        }

        @Override
        public void touch(int set, int way) {
            lastTouch[set][way] = ++time;
        }

        @Override
        public int victim(int set) {
            int oldest = 0;
            for (int w = 1; w < ways; w++) {
                if (lastTouch[set][w] < lastTouch[set][oldest]) {
                    oldest = w;
                }
            }
            return oldest;
        }
    }

    /**
     * Random touches and victims, sets with untouched ways (equal stamps, where the first way must win) included. Up to
     * 16 ways a set's recency order is one long (16 fills it, 5 and 15 leave unused fields); 17 to 128 take the packed
     * minimum, 129 and 200 the plain scan.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 12, 15, 16, 17, 127, 128, 129, 200})
    void victimsAreThoseOfThePlainScan(int ways) {
        int sets = 8;
        var lru = new ReplacementPolicy.Lru(sets, ways);
        for (int set = 0; set < sets; set++) {
            assertEquals(0, lru.victim(set), "untouched set " + set);
        }
        PlainPolicyCheck.assertSameVictims(lru, new PlainLru(sets, ways), sets, ways);
    }
}
