// The chase orders of bench memory: each a single cycle through every line; page order keeps a page's lines together.
package org.ternsim.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ChaseOrderTest {

    private static void assertPermutation(int[] order, int lines) {
        int[] sorted = order.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < lines; i++) {
            assertEquals(i, sorted[i], "line " + i + " visited once");
        }
    }

    private static int samePageSteps(int[] order) {
        int n = 0;
        for (int i = 0; i + 1 < order.length; i++) {
            if (order[i] / 64 == order[i + 1] / 64) {
                n++;
            }
        }
        return n;
    }

    @Test
    void pageOrderVisitsAllSixtyFourLinesOfAPageBeforeTheNextPage() {
        int[] o = ChaseOrder.PAGE.order(1024, 1);
        assertPermutation(o, 1024);
        for (int g = 0; g < 16; g++) {
            int page = o[g * 64] / 64;
            for (int k = 0; k < 64; k++) {
                assertEquals(page, o[g * 64 + k] / 64, "group " + g + " step " + k);
            }
        }
        assertEquals(1024 - 16, samePageSteps(o));
        // Within a page and between pages the order is shuffled, so no prefetcher sees a stride.
        int[] firstPage = Arrays.copyOfRange(o, 0, 64);
        int[] ascending = firstPage.clone();
        Arrays.sort(ascending);
        assertFalse(Arrays.equals(firstPage, ascending));
    }

    @Test
    void randomOrderRarelyStaysInAPage() {
        int[] o = ChaseOrder.RANDOM.order(1024, 1);
        assertPermutation(o, 1024);
        // Expected about 1023 x 63/1023 = 63 same-page steps out of 1023; page order has 1008.
        assertTrue(samePageSteps(o) < 150, "same-page steps " + samePageSteps(o));
    }

    @Test
    void aPartialLastPageAndATinySetAreStillCycles() {
        assertPermutation(ChaseOrder.PAGE.order(100, 3), 100);
        assertPermutation(ChaseOrder.PAGE.order(10, 3), 10);
        assertPermutation(ChaseOrder.RANDOM.order(2, 3), 2);
    }

    @Test
    void theSameSeedGivesTheSameOrder() {
        assertTrue(Arrays.equals(ChaseOrder.PAGE.order(512, 9), ChaseOrder.PAGE.order(512, 9)));
    }
}
