// Drives a replacement policy and a plain model of it with the same random touches, asserting the same victims.
package org.ternsim.sim.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

final class PlainPolicyCheck {

    /** A policy written out the way textbooks state it, to check the model's faster one against. */
    interface Plain {
        void touch(int set, int way);

        int victim(int set);
    }

    private PlainPolicyCheck() {
    }

    /**
     * 200,000 operations on random sets (seeded by {@code ways}): a third evict the victim and touch its way, the rest
     * touch a random way. Every victim, and at the end every set's, must be the plain model's.
     */
    static void assertSameVictims(ReplacementPolicy policy, Plain plain, int sets, int ways) {
        var random = new SplittableRandom(ways);
        for (int i = 0; i < 200_000; i++) {
            int set = random.nextInt(sets);
            if (random.nextInt(3) == 0) {
                int victim = plain.victim(set);
                assertEquals(victim, policy.victim(set), "operation " + i + ", set " + set);
                plain.touch(set, victim);
                policy.touch(set, victim);
            } else {
                int way = random.nextInt(ways);
                plain.touch(set, way);
                policy.touch(set, way);
            }
        }
        for (int set = 0; set < sets; set++) {
            assertEquals(plain.victim(set), policy.victim(set), "set " + set);
        }
    }
}
