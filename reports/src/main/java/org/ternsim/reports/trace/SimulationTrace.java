// The trace writer's side of the simulator's listener: collects the simulated execution as it happens (operators per
// thread, accelerator engines, stalls, counters) and turns it into trace-event JSON.
package org.ternsim.reports.trace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ternsim.sim.timeline.SimCounter;
import org.ternsim.sim.timeline.SimListener;
import org.ternsim.sim.timeline.SimSpan;

public final class SimulationTrace implements SimListener {

    private final List<TraceEvent> events = new ArrayList<>();
    private final List<TraceCounter> counters = new ArrayList<>();

    @Override
    public void span(SimSpan s) {
        events.add(new TraceEvent(s.name(), s.category(), s.unit(), s.track(), s.startSeconds(), s.durationSeconds(),
            s.args()));
    }

    @Override
    public void counter(SimCounter c) {
        counters.add(new TraceCounter(c.name(), c.unit(), c.atSeconds(), c.values()));
    }

    public List<TraceEvent> events() {
        return List.copyOf(events);
    }

    public List<TraceCounter> counters() {
        return List.copyOf(counters);
    }

    public String toJson(Map<String, Object> otherData) {
        return TraceWriter.toJson(events, counters, otherData);
    }

    public void write(Map<String, Object> otherData, Path file) {
        TraceWriter.write(events, counters, otherData, file);
    }
}
