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
        long[] masks = new long[n];
        long[] cycles = new long[n];
        int k = 0;
        for (Map.Entry<Long, Long> e : cyclesByMask.entrySet()) {
            masks[k] = e.getKey();
            cycles[k] = e.getValue();
            k++;
        }
        return best(masks, cycles, 0, false, 0, 0);
    }

    /**
     * The largest bound over the subsets S of masks that extend the choices made for indices below {@code i}, each
     * S charged only its own cycles d(S) over its union U(S), not the cycles D(U(S)) of every mask inside U(S). The
     * maximum is the same: d(S) <= D(U(S)) (cycles are >= 0), and the set C of all masks inside U(S) has U(C) = U(S)
     * and d(C) = D(U(S)), so the best S is matched by a C that is itself one of the subsets. This visits the 2^n
     * subsets with constant work each (summing D per subset was n more steps on boxed values, ~1% of a short run).
     */
    private static long best(long[] masks, long[] cycles, int i, boolean any, long union, long demand) {
        if (i == masks.length) {
            if (!any) {
                return 0;
            }
            int ports = Long.bitCount(union);
            return (demand + ports - 1) / ports;
        }
        return Math.max(best(masks, cycles, i + 1, any, union, demand),
            best(masks, cycles, i + 1, true, union | masks[i], demand + cycles[i]));
    }
}
