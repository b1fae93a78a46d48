// The stride table's shortcut for a repeated line must answer as the full scan does, also after the table changed.
package org.ternsim.sim.mem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PrefetcherTest {

    private static long[] observe(Prefetcher p, long line) {
        long[] out = new long[p.degree()];
        return Arrays.copyOf(out, p.observe(line, false, out));
    }

    @Test
    void aLineSeenAgainAfterTheTableChangedIsScannedAfresh() {
        Prefetcher p = Prefetcher.of("stride", 1, 1);
        assertEquals(0, observe(p, 100).length);
        assertEquals(0, observe(p, 100).length); // a repeat: remembered
        assertEquals(0, observe(p, 110).length); // retrains the entry to stride +10 at line 110
        assertEquals(0, observe(p, 100).length); // retrains it to stride -10 at line 100, not the remembered answer
        assertArrayEquals(new long[] {80}, observe(p, 90)); // 90 continues stride -10: prefetch one stride ahead
    }

    @Test
    void repeatsInsideAStrideStreamNeitherConfirmNorBreakIt() {
        Prefetcher p = Prefetcher.of("stride", 2, 2);
        observe(p, 0);
        observe(p, 4);
        observe(p, 4);
        observe(p, 4);
        assertArrayEquals(new long[] {16, 20}, observe(p, 8));
        observe(p, 8);
        assertArrayEquals(new long[] {24}, observe(p, 12));
    }
}
