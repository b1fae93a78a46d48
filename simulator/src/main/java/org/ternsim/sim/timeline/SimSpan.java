// One span (or instant) of simulated time on a track: an operator on a thread, a DMA transfer, a tile, a stall.
package org.ternsim.sim.timeline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * @param unit      top-level track: the machine or unit, e.g. {@code "zen5-2c"}, {@code "accel-tl2"}
 * @param track     track within it, e.g. {@code "thread 0"}, {@code "DMA load"}, {@code "PE array"}
 * @param name      what happened
 * @param category  {@code operator}, {@code layer}, {@code sample}, {@code stall}, {@code dma}, {@code compute} ...
 * @param startSeconds    simulated start
 * @param durationSeconds simulated duration, 0 for an instant
 * @param args      details in order (kernel, rows, cycles, bytes ...)
 */
public record SimSpan(String unit, String track, String name, String category, double startSeconds,
        double durationSeconds, Map<String, Object> args) {

    public SimSpan {
        Objects.requireNonNull(unit);
        Objects.requireNonNull(track);
        Objects.requireNonNull(name);
        category = category == null ? "" : category;
        args = args == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(args));
    }

    public double endSeconds() {
        return startSeconds + durationSeconds;
    }

    public SimSpan shifted(double seconds) {
        return new SimSpan(unit, track, name, category, startSeconds + seconds, durationSeconds, args);
    }
}
