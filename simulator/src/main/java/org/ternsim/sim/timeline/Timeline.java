// The events of one operator call relative to its start, recorded once per operator shape and replayed at every
// call's place in the run.
package org.ternsim.sim.timeline;

import java.util.ArrayList;
import java.util.List;

public record Timeline(List<SimSpan> spans, List<SimCounter> counters) {

    public Timeline {
        spans = List.copyOf(spans);
        counters = List.copyOf(counters);
    }

    /** Sends every event, moved to start at {@code offsetSeconds}. */
    public void replay(SimListener listener, double offsetSeconds) {
        for (SimSpan s : spans) {
            listener.span(s.shifted(offsetSeconds));
        }
        for (SimCounter c : counters) {
            listener.counter(c.shifted(offsetSeconds));
        }
    }

    /** Collects events into a timeline. */
    public static final class Builder implements SimListener {
        private final List<SimSpan> spans = new ArrayList<>();
        private final List<SimCounter> counters = new ArrayList<>();

        @Override
        public void span(SimSpan span) {
            spans.add(span);
        }

        @Override
        public void counter(SimCounter counter) {
            counters.add(counter);
        }

        public Timeline build() {
            return new Timeline(spans, counters);
        }
    }
}
