// Checks the port-pressure bound against the direct definition (every union of masks, every mask inside it).
package org.ternsim.sim.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PortBoundTest {

    /** The definition: over non-empty subsets, the cycles of every mask inside their union over its size. */
    private static long direct(Map<Long, Long> cyclesByMask) {
        Long[] masks = cyclesByMask.keySet().toArray(new Long[0]);
        long best = 0;
        for (int subset = 1; subset < 1 << masks.length; subset++) {
            long union = 0;
            for (int i = 0; i < masks.length; i++) {
                if ((subset & 1 << i) != 0) {
                    union |= masks[i];
                }
            }
            long demand = 0;
            for (Map.Entry<Long, Long> e : cyclesByMask.entrySet()) {
                if ((e.getKey() & ~union) == 0) {
                    demand += e.getValue();
                }
            }
            int ports = Long.bitCount(union);
            best = Math.max(best, (demand + ports - 1) / ports);
        }
        return best;
    }

    @Test
    void agreesWithTheDefinitionOnRandomPortSets() {
        SplittableRandom r = new SplittableRandom(7);
        for (int trial = 0; trial < 2000; trial++) {
            Map<Long, Long> demand = new HashMap<>();
            int ports = 1 + r.nextInt(12);
            int sets = 1 + r.nextInt(Math.min(9, (1 << ports) - 1)); // at most as many as distinct masks exist
            while (demand.size() < sets) {
                long mask = r.nextLong(1L, 1L << ports);
                demand.put(mask, r.nextLong(0, r.nextBoolean() ? 50 : 1_000_000));
            }
            assertEquals(direct(demand), PortBound.of(demand), demand.toString());
        }
    }

    @Test
    void nestedSetsChargeTheInnerDemandToTheOuterUnion() {
        // 10 cycles on port 0 alone and 10 on {0, 1}: port 0's own bound is 10, the union {0, 1} must hold 20 in 2.
        assertEquals(10, PortBound.of(Map.of(1L, 10L, 3L, 10L)));
        assertEquals(15, PortBound.of(Map.of(1L, 10L, 3L, 20L)));
        assertEquals(0, PortBound.of(Map.of()));
    }
}
