// The port-pressure lower bound of a run: for every union of port sets, the uop cycles that must fit in it over its size.
package org.ternsim.sim.core;

import java.util.Map;

final class PortBound {

    private PortBound() {
    }

    /**
     * @param cyclesByMask issue-port cycles demanded per allowed-port bit mask
     * @return the largest over unions U of masks of (cycles of uops whose mask lies in U) / |U|, rounded up
     */
    static long of(Map<Long, Long> cyclesByMask) {
        int n = cyclesByMask.size();
        if (n > 20) {
            throw new IllegalStateException("too many distinct port sets for the exact bound: " + n);
        }
        // Primitive copies: the subset loop runs 2^n times over all n entries (boxed, it was ~1% of a short run).
        long[] masks = new long[n];
        long[] cycles = new long[n];
        int k = 0;
        for (Map.Entry<Long, Long> e : cyclesByMask.entrySet()) {
            masks[k] = e.getKey();
            cycles[k] = e.getValue();
            k++;
        }
        long best = 0;
        for (int subset = 1; subset < 1 << n; subset++) {
            long union = 0;
            for (int i = 0; i < n; i++) {
                if ((subset & 1 << i) != 0) {
                    union |= masks[i];
                }
            }
            long demand = 0;
            for (int i = 0; i < n; i++) {
                if ((masks[i] & ~union) == 0) {
                    demand += cycles[i];
                }
            }
            int ports = Long.bitCount(union);
            best = Math.max(best, (demand + ports - 1) / ports);
        }
        return best;
    }
}
