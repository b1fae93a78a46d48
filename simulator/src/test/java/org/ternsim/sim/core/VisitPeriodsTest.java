// VisitPeriods against the run counting it replaced: the same period at every visit of random and periodic streams.
package org.ternsim.sim.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VisitPeriodsTest {

    private static final int MAX_PERIOD = 128;
    private static final int MIN_RUN = 32;

    /**
     * The search as LoopReplay ran it before: a ring of MAX_PERIOD + 1 signatures and, per distance, the run of latest
     * visits equal to the one that far back. A visit not searched leaves its slot as it was.
     */
    private static final class RunCounting {
        private final int[] ring = new int[MAX_PERIOD + 1];
        private final int[] runs = new int[MAX_PERIOD + 1];
        private long visits;

        void restart() {
            java.util.Arrays.fill(runs, 0);
        }

        void skip() {
            visits++;
        }

        int add(int signature, boolean wanted, int shortest) {
            int found = 0;
            for (int p = 1; p <= MAX_PERIOD; p++) {
                int then = ring[(int) Math.floorMod(visits - p, (long) ring.length)];
                runs[p] = visits >= p && then == signature ? runs[p] + 1 : 0;
            }
            for (int p = shortest; wanted && p <= MAX_PERIOD; p++) {
                if (runs[p] >= Math.max(p, MIN_RUN)) {
                    found = p;
                    break;
                }
            }
            ring[(int) (visits % ring.length)] = signature;
            visits++;
            return found;
        }
    }

    @Test
    void findsTheSamePeriodAsCountingRunsAtEveryVisit() {
        SplittableRandom random = new SplittableRandom(20261205);
        long found = 0;
        for (int stream = 0; stream < 60; stream++) {
            RunCounting reference = new RunCounting();
            VisitPeriods periods = new VisitPeriods(MAX_PERIOD, MIN_RUN);
            int shortest = 1;
            int[] pattern = pattern(random);
            for (int visit = 0; visit < 6000; visit++) {
                int event = random.nextInt(1000);
                if (event < 4) {
                    pattern = pattern(random); // the loop moves to another rhythm
                } else if (event < 8) {
                    shortest = 1 + random.nextInt(MAX_PERIOD);
                } else if (event < 12) {
                    reference.restart();
                    periods.restart();
                } else if (event < 40) {
                    int skipped = 1 + random.nextInt(3 * MAX_PERIOD); // a recording
                    for (int i = 0; i < skipped; i++) {
                        reference.skip();
                        periods.skip();
                    }
                    reference.restart();
                    periods.restart();
                    continue;
                }
                int signature = random.nextInt(50) == 0 ? random.nextInt(4) : pattern[visit % pattern.length];
                boolean wanted = random.nextInt(8) != 0;
                int expected = reference.add(signature, wanted, shortest);
                assertEquals(expected, periods.add(signature, wanted, shortest),
                    "stream " + stream + " visit " + visit);
                found += expected > 0 ? 1 : 0;
            }
        }
        assertTrue(found > 1000, "the streams must find periods often enough to test them: " + found);
    }

    /** A rhythm of 1 to 160 visits over a few signatures (0 among them, the ring's value before any visit). */
    private static int[] pattern(SplittableRandom random) {
        int[] p = new int[1 + random.nextInt(random.nextBoolean() ? 8 : 160)];
        for (int i = 0; i < p.length; i++) {
            p[i] = random.nextInt(3);
        }
        return p;
    }
}
