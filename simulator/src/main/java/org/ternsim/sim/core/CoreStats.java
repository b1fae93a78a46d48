// What one core did: instructions, uops, port busy cycles, op classes and the analytic bounds beside the simulated cycles.
package org.ternsim.sim.core;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

public record CoreStats(
        long cycles,
        long instructions,
        long uops,
        long loads,
        long stores,
        Map<OpClass, Long> opCounts,
        /** Sum over vector instructions of width/256 bits, the unit the energy table prices vector ops in. */
        Map<OpClass, Double> vectorWork256,
        List<String> ports,
        long[] portBusyCycles,
        long dispatchBoundCycles,
        /** Port-pressure lower bound: uops spread optimally over the ports each may use. */
        long portBoundCycles,
        /** The port with the most busy cycles in the simulated schedule. */
        String busiestPort,
        long dataflowBoundCycles) {

    public double ipc() {
        return cycles == 0 ? 0 : (double) instructions / cycles;
    }

    static Map<OpClass, Long> emptyCounts() {
        Map<OpClass, Long> m = new EnumMap<>(OpClass.class);
        for (OpClass c : OpClass.values()) {
            m.put(c, 0L);
        }
        return m;
    }
}
