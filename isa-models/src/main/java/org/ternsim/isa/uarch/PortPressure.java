// Throughput bound implied by a form's port usage: the resource side of the analytic bound.
package org.ternsim.isa.uarch;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reciprocal throughput a form's port usage allows when independent copies run back to back, assuming the
 * scheduler spreads uops over their allowed ports perfectly.
 *
 * <p>Each uop of a term needs {@code occupancy} cycles on one port of its set. For any set P of ports, the
 * terms whose port sets lie inside P must share |P| ports, so rthr is at least (their demand) / |P|. The
 * largest such ratio is the bound; it is enough to try the unions of term port sets (max-flow / Hall
 * argument). Dispatch width adds uops / width. With one term this is just count * occupancy / |ports|.
 */
public final class PortPressure {
    private PortPressure() {
    }

    /** Port-side bound only, cycles per instruction (0 for a form that uses no port). */
    public static double portBound(List<PortUse> usage, int occupancy) {
        int n = usage.size();
        if (n > 20) {
            throw new IllegalArgumentException("too many usage terms to bound exactly: " + n);
        }
        double best = 0;
        for (int mask = 1; mask < (1 << n); mask++) {
            Set<String> union = new HashSet<>();
            for (int i = 0; i < n; i++) {
                if ((mask & (1 << i)) != 0) {
                    union.addAll(usage.get(i).ports());
                }
            }
            double demand = 0;
            for (PortUse u : usage) {
                if (union.containsAll(u.ports())) {
                    demand += (double) u.count() * occupancy;
                }
            }
            best = Math.max(best, demand / union.size());
        }
        return best;
    }

    /** Bound from ports and from the dispatch width, cycles per instruction. */
    public static double impliedRthr(InstrDesc d, CoreParams core) {
        return Math.max(portBound(d.usage(), d.occupancy()), (double) d.uops() / core.dispatchWidth());
    }
}
