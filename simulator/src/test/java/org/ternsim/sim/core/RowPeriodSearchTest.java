// Row visits with known repeats: the search names the shortest period of whole rows, with its visits and length.
package org.ternsim.sim.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class RowPeriodSearchTest {

    private static final int ROW_PC = 3;

    /** Feeds rows of the given inner-visit counts and cycle lengths (repeated as listed); returns the last answer. */
    private static RowPeriodSearch.Candidate feed(RowPeriodSearch search, int rows, int[] innerPerRow, int[] cyclesPerRow) {
        long sequence = 0;
        long dispatch = 0;
        long inner = 0;
        RowPeriodSearch.Candidate last = null;
        for (int r = 0; r < rows; r++) {
            last = search.visit(ROW_PC, sequence, dispatch, inner);
            int k = r % innerPerRow.length;
            inner += innerPerRow[k];
            sequence += 10L * innerPerRow[k] + 7;
            dispatch += cyclesPerRow[r % cyclesPerRow.length];
        }
        return last;
    }

    @Test
    void equalRowsGiveAOneRowPeriodOnceTheyHaveRepeated() {
        RowPeriodSearch search = new RowPeriodSearch();
        // the first visit has no row before it; rows 1..3 are alike, so the third equal pair is at visit 4
        assertNull(feed(search, 4, new int[] {108}, new int[] {500}));
        RowPeriodSearch.Candidate c = search.visit(ROW_PC, 4 * 1087, 4 * 500, 4 * 108);
        assertNotNull(c);
        assertEquals(1, c.rows());
        assertEquals(108, c.innerVisits());
        assertEquals(1087, c.instructions());
    }

    @Test
    void rowsThatAlternateGiveATwoRowPeriod() {
        RowPeriodSearch search = new RowPeriodSearch();
        RowPeriodSearch.Candidate c = feed(search, 12, new int[] {108}, new int[] {500, 501});
        assertNotNull(c);
        assertEquals(2, c.rows());
        assertEquals(216, c.innerVisits());
        assertEquals(2 * 1087, c.instructions());
    }

    @Test
    void aRejectedLengthIsNotOfferedAgain() {
        RowPeriodSearch search = new RowPeriodSearch();
        assertEquals(1, feed(search, 8, new int[] {40}, new int[] {300}).rows());
        search.reject(1);
        // equal rows also repeat at two rows: that is the next candidate, once its run has built up again
        RowPeriodSearch.Candidate c = null;
        long sequence = 8 * 407L;
        for (int r = 8; r < 16 && c == null; r++) {
            c = search.visit(ROW_PC, sequence, 300L * r, 40L * r);
            sequence += 407;
        }
        assertNotNull(c);
        assertEquals(2, c.rows());
    }

    @Test
    void rowsWithoutInnerVisitsGiveNoPeriod() {
        RowPeriodSearch search = new RowPeriodSearch();
        assertNull(feed(search, 12, new int[] {0}, new int[] {50}));
    }

    @Test
    void rowsThatNeverRepeatGiveNothing() {
        RowPeriodSearch search = new RowPeriodSearch();
        RowPeriodSearch.Candidate c = null;
        for (int r = 0; r < 50; r++) {
            c = c != null ? c : search.visit(ROW_PC, 1000L * r, 400L * r + r * r, 100L * r);
        }
        assertNull(c);
    }
}
