// The port-pressure lower bound of a run: for every union of port sets, the uop cycles that must fit in it over its size.
package org.ternsim.sim.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

final class PortBound {

    private PortBound() {
    }

    /**
     * @param cyclesByMask issue-port cycles demanded per allowed-port bit mask
     * @return the largest over unions U of masks of (cycles of uops whose mask lies in U) / |U|, rounded up
     */
    static long of(Map<Long, Long> cyclesByMask) {
        List<Long> masks = new ArrayList<>(cyclesByMask.keySet());
        if (masks.size() > 20) {
            throw new IllegalStateException("too many distinct port sets for the exact bound: " + masks.size());
        }
        long best = 0;
        for (int subset = 1; subset < 1 << masks.size(); subset++) {
            long union = 0;
            for (int i = 0; i < masks.size(); i++) {
                if ((subset & 1 << i) != 0) {
                    union |= masks.get(i);
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
}
