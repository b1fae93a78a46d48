// The span of one operator call on a track, with the details a trace viewer shows when it is selected.
package org.ternsim.sim.target;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ternsim.sim.timeline.SimSpan;
import org.ternsim.sim.timeline.Timeline;
import org.ternsim.sim.workload.Operator;

public final class OperatorSpans {

    public static final String OPERATOR = "operator";

    private OperatorSpans() {
    }

    /** Name of an operator's span: its name, prefixed by its layer inside a layer ("L3 q_proj"). */
    public static String name(Operator op) {
        return op.layer() >= 0 ? (op.block().isEmpty() || op.block().equals("layer") ? "L" : op.block() + " ")
            + op.layer() + " " + op.name() : op.name();
    }

    /** Kernel, class, shape, cycles, how the cost was obtained (simulated, extrapolated ...) and its note. */
    public static Map<String, Object> args(Operator op, OperatorCost cost) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("class", op.opClass().label());
        a.put("kernel", op.kernel());
        a.put("shape", op.shape());
        a.put("cycles", Math.round(cost.cycles()));
        a.put("seconds", cost.seconds());
        a.put("energy_J", cost.energyTotalPj() * 1e-12);
        a.put("dram_bytes", Math.round(cost.dramBytes()));
        a.put("bound", cost.bound());
        a.put("model", cost.model());
        a.put("extrapolated", OperatorCost.EXTRAPOLATED.equals(cost.model()));
        a.put("note", cost.note());
        return a;
    }

    public static SimSpan span(String unit, String track, Operator op, OperatorCost cost, Map<String, Object> extra) {
        Map<String, Object> a = args(op, cost);
        a.putAll(extra);
        return new SimSpan(unit, track, name(op), OPERATOR, 0, cost.seconds(), a);
    }

    public static Timeline single(String unit, String track, Operator op, OperatorCost cost) {
        return new Timeline(List.of(span(unit, track, op, cost, Map.of())), List.of());
    }
}
