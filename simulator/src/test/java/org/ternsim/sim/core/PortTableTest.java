// Port booking: one-cycle uops take the earliest free port; multi-cycle uops (double-pumped zmm) fill one-cycle holes.
package org.ternsim.sim.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PortTableTest {

    private static final long ONE_PORT = 0b1;
    /** Three ports in overlapping sets, for the random bookings of the choice-log tests. */
    private static final long[] MASKS = {0b011, 0b110, 0b111};

    @Test
    void consecutivePassesStartWhereTheyWouldHave() {
        PortTable ports = new PortTable(1, 1);
        assertEquals(0, ports.reserve(0, ONE_PORT, 0, 2));
        assertEquals(2, ports.reserve(0, ONE_PORT, 0, 2));
        assertEquals(7, ports.reserve(0, ONE_PORT, 7, 3));
        assertEquals(7, ports.busyCycles()[0]);
    }

    @Test
    void aTwoCycleUopUsesAHoleLeftByAnOlderBooking() {
        PortTable ports = new PortTable(1, 1);
        // An older op ready at cycle 1 holds the port in cycles 1 and 2; a younger one ready at 0 takes cycles 0 and 3
        // (a scheduler working cycle by cycle would have issued it at 0 and the older one after it: the port is
        // busy 4 cycles either way). Its result counts from the start its passes would have had if consecutive (2).
        assertEquals(1, ports.reserve(0, ONE_PORT, 1, 2));
        assertEquals(2, ports.reserve(0, ONE_PORT, 0, 2));
        // No cycle of 0..3 is left: the next op starts at 4.
        assertEquals(4, ports.reserve(0, ONE_PORT, 0, 2));
    }

    /**
     * A replayed period resumed at another time starts from other usage counts ({@link PortTable#keepsChoices}): the
     * check must say "same choices" exactly when the uops, booked again from those counts, take the same ports. Three
     * ports with overlapping sets, random uops (some holding their port two cycles) and random starting counts.
     */
    @Test
    void choicesAreKeptFromAnotherStartExactlyWhenTheCheckSaysSo() {
        Random random = new Random(11);
        int kept = 0;
        int changed = 0;
        for (int trial = 0; trial < 500; trial++) {
            Uops uops = Uops.random(random, 24);
            long[] then = randomRanks(random);
            PortTable recorded = withRanks(then);
            recorded.startChoiceLog();
            int[] choices = uops.book(recorded);
            long[] decided = recorded.rankDifferenceRange(then, 0, recorded.choiceLogPosition())[2];
            long[] start = random.nextBoolean() ? randomRanks(random) : shifted(then, random);
            boolean same = Arrays.equals(choices, uops.book(withRanks(start)));
            assertEquals(same, recorded.keepsChoices(then, start, decided),
                "then " + Arrays.toString(then) + ", start " + Arrays.toString(start));
            kept += same ? 1 : 0;
            changed += same ? 0 : 1;
        }
        assertTrue(kept > 50 && changed > 50, kept + " kept, " + changed + " changed");
    }

    /**
     * {@link PortTable#mayRepeatChoices} only looks at the ranks at a period's two ends, so a proof may skip the walk
     * of the choice log where it says no: it must never say no where the full check ({@link PortTable#repeatsChoices}
     * over the walked range) says yes, and it must say no to some periods. The walk without the extremes gives the
     * same margins.
     */
    @Test
    void theEndpointCheckNeverRejectsAPeriodTheFullCheckAccepts() {
        Random random = new Random(17);
        int accepted = 0;
        int rejectedEarly = 0;
        for (int trial = 0; trial < 2000; trial++) {
            int n = 1 + random.nextInt(24);
            Uops uops = Uops.random(random, n);
            long[] then = randomRanks(random);
            PortTable table = withRanks(then);
            table.startChoiceLog();
            uops.book(table);
            long[] now = table.ranks();
            long[][] range = table.rankDifferenceRange(then, 0, table.choiceLogPosition());
            boolean full = table.repeatsChoices(then, now, range[0], range[1]);
            boolean early = table.mayRepeatChoices(then, now);
            assertArrayEquals(range[2], table.decidedMargins(then, 0, table.choiceLogPosition()));
            assertTrue(early || !full, "then " + Arrays.toString(then) + ", now " + Arrays.toString(now));
            accepted += full ? 1 : 0;
            rejectedEarly += early ? 0 : 1;
        }
        assertTrue(accepted > 50 && rejectedEarly > 50, accepted + " accepted, " + rejectedEarly + " rejected early");
    }

    private static long[] randomRanks(Random random) {
        long[] ranks = new long[3];
        for (int p = 0; p < 3; p++) {
            ranks[p] = random.nextInt(12) * 64L + p;
        }
        return ranks;
    }

    /** The same counts plus one common amount: every difference unchanged, so the choices too. */
    private static long[] shifted(long[] ranks, Random random) {
        long by = random.nextInt(100) * 64L;
        return Arrays.stream(ranks).map(r -> r + by).toArray();
    }

    private static PortTable withRanks(long[] ranks) {
        PortTable table = new PortTable(3, MASKS);
        StateImage empty = new StateImage();
        table.capture(empty, 0);
        table.restore(empty, 0, ranks);
        return table;
    }

    /** Random uops over {@link #MASKS}: a set, an earliest cycle, and 1 or (one in five) 2 cycles of occupancy each. */
    private record Uops(int[] sets, long[] froms, int[] occupancies) {
        static Uops random(Random random, int n) {
            return new Uops(random.ints(n, 0, MASKS.length).toArray(), random.longs(n, 0, 6).toArray(),
                random.ints(n, 0, 5).map(k -> k == 0 ? 2 : 1).toArray());
        }

        /** Books the uops in order into {@code table}; returns the port each took. */
        int[] book(PortTable table) {
            int[] ports = new int[sets.length];
            for (int i = 0; i < sets.length; i++) {
                table.reserve(sets[i], MASKS[sets[i]], froms[i], occupancies[i]);
                ports[i] = table.lastPort();
            }
            return ports;
        }
    }
}
