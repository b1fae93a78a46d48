// A timeline derived from per-operator results: operators laid end to end on one track in execution order, inside
// one span per layer. It is what results.json can tell; overlap between units needs the simulator's own events.
package org.ternsim.reports.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ternsim.reports.data.OperatorResult;
import org.ternsim.reports.data.RunSummary;

public final class OperatorTimeline {

    public static final String NOTE = "derived from results.json: operators laid end to end in execution order, "
        + "one track; overlap of units, DMA and stalls are not in per-operator results";

    private OperatorTimeline() {
    }

    public static List<TraceEvent> of(RunSummary run) {
        String process = (run.id().hardware() == null ? "target" : run.id().hardware())
            + (run.id().threads() == null ? "" : " (" + run.id().threads() + " threads)");
        List<TraceEvent> events = new ArrayList<>();
        double t = 0;
        String layer = null;
        double layerStart = 0;
        int layerIndex = 0;
        for (OperatorResult op : run.operators()) {
            if (op.seconds() == null) {
                continue;
            }
            if (layer != null && !layer.equals(op.layer())) {
                // Inserted before its first operator: on equal spans the earlier event is the parent.
                events.add(layerIndex, TraceEvent.span(layer, "layer", process, "operators", layerStart, t - layerStart,
                    Map.of()));
                layer = null;
            }
            if (layer == null && op.layer() != null) {
                layer = op.layer();
                layerStart = t;
                layerIndex = events.size();
            }
            Map<String, Object> args = new LinkedHashMap<>();
            put(args, "kernel", op.kernel());
            put(args, "class", op.opClass());
            put(args, "shape", op.shape());
            put(args, "cycles", op.cycles());
            put(args, "energy_J", op.energyJoules());
            put(args, "bound", op.bound());
            put(args, "bytes", op.bytes());
            put(args, "macs", op.macs());
            events.add(TraceEvent.span(op.name() == null ? op.opClass() : op.name(), "operator", process, "operators", t,
                op.seconds(), args));
            t += op.seconds();
        }
        if (layer != null) {
            events.add(layerIndex, TraceEvent.span(layer, "layer", process, "operators", layerStart, t - layerStart,
                Map.of()));
        }
        return events;
    }

    private static void put(Map<String, Object> args, String key, Object value) {
        if (value != null) {
            args.put(key, value);
        }
    }
}
