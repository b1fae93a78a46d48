// Groups a run's operator events by layer: a layer's events are held until it ends, then sent after one "layer" span
// per track its operators used, so a trace viewer nests the operators under their layer.
package org.ternsim.sim.workload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ternsim.sim.target.OperatorSpans;
import org.ternsim.sim.timeline.SimCounter;
import org.ternsim.sim.timeline.SimListener;
import org.ternsim.sim.timeline.SimSpan;
import org.ternsim.sim.timeline.Timeline;

final class LayerSpans {

    private final SimListener out;
    private final List<SimSpan> spans = new ArrayList<>();
    private final List<SimCounter> counters = new ArrayList<>();
    private String layer;
    private int block;
    private double start;
    private double end;

    LayerSpans(SimListener out) {
        this.out = out;
    }

    void add(Operator op, Timeline timeline, double at) {
        String key = op.layer() < 0 ? null : op.block() + "#" + op.layer();
        if (key == null || !key.equals(layer)) {
            flush();
            layer = key;
            block = op.layer();
            start = at;
        }
        timeline.spans().forEach(s -> spans.add(s.shifted(at)));
        timeline.counters().forEach(c -> counters.add(c.shifted(at)));
        end = Math.max(end, at + timeline.spans().stream().filter(s -> s.category().equals(OperatorSpans.OPERATOR))
            .mapToDouble(SimSpan::durationSeconds).max().orElse(0));
        if (layer == null) {
            flush();
        }
    }

    void flush() {
        if (layer != null) {
            Map<String, SimSpan> tracks = new LinkedHashMap<>();
            for (SimSpan s : spans) {
                if (s.category().equals(OperatorSpans.OPERATOR)) {
                    String name = layer.startsWith("layer#") ? "layer " + block : layer.replace('#', ' ');
                    tracks.putIfAbsent(s.unit() + "\u0000" + s.track(), new SimSpan(s.unit(), s.track(), name, "layer",
                        start, end - start, Map.of()));
                }
            }
            tracks.values().forEach(out::span);
        }
        spans.forEach(out::span);
        counters.forEach(out::counter);
        spans.clear();
        counters.clear();
        layer = null;
        end = 0;
    }
}
