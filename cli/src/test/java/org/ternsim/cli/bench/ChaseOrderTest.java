// The chase orders of bench memory: each a single cycle through every line; pages order keeps 32 pages' lines together.
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
    void pagesOrderVisitsAllLinesOfThirtyTwoPagesBeforeTheNext() {
        int lines = 4 * 2048;
        int[] o = ChaseOrder.PAGES.order(lines, 1);
        assertPermutation(o, lines);
        for (int g = 0; g < 4; g++) {
            int group = o[g * 2048] / 2048;
            for (int k = 0; k < 2048; k++) {
                assertEquals(group, o[g * 2048 + k] / 2048, "group " + g + " step " + k);
            }
        }
        // Within a group consecutive loads go to random pages, not page after page (the spatial prefetchers would
        // fetch a page's remaining lines ahead of the chase): about 1/32 of the steps stay in their page.
        assertTrue(samePageSteps(o) < lines / 8, "same-page steps " + samePageSteps(o));
        int[] first = Arrays.copyOfRange(o, 0, 2048);
        int[] ascending = first.clone();
        Arrays.sort(ascending);
        assertFalse(Arrays.equals(first, ascending));
    }

    @Test
    void randomOrderRarelyStaysInAPage() {
        int[] o = ChaseOrder.RANDOM.order(1024, 1);
        assertPermutation(o, 1024);
        // Expected about 1023 x 63/1023 = 63 same-page steps out of 1023.
        assertTrue(samePageSteps(o) < 150, "same-page steps " + samePageSteps(o));
    }

    @Test
    void aPartialLastPageAndATinySetAreStillCycles() {
        assertPermutation(ChaseOrder.PAGES.order(5000, 3), 5000);
        assertPermutation(ChaseOrder.PAGES.order(10, 3), 10);
        assertPermutation(ChaseOrder.RANDOM.order(2, 3), 2);
    }

    @Test
    void theSameSeedGivesTheSameOrder() {
        assertTrue(Arrays.equals(ChaseOrder.PAGES.order(4096, 9), ChaseOrder.PAGES.order(4096, 9)));
    }
}
