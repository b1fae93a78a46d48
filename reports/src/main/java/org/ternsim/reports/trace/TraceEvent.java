// One event of a simulated timeline for the trace export: a span (operator, DMA transfer, stall) or an instant, on a
// track named by process (a core, the accelerator, DRAM) and thread (a unit or stream within it). Times in seconds.
package org.ternsim.reports.trace;

import java.util.Map;
import java.util.Objects;

/**
 * @param name      what happened, e.g. {@code "layer3.ffn.down"} or {@code "DMA weights 64 KiB"}
 * @param category  kind, e.g. {@code "operator"}, {@code "dma"}, {@code "stall"}, {@code "layer"}
 * @param process   top-level track, e.g. {@code "core 0"}, {@code "accelerator"}, {@code "DRAM"}
 * @param thread    track within the process, e.g. {@code "ops"}, {@code "DMA in"}, {@code "PE array"}
 * @param startSeconds    simulated start time
 * @param durationSeconds simulated duration, 0 for an instant event
 * @param args      details shown when the event is selected (kernel, shape, cycles, bytes ...), in order
 */
public record TraceEvent(String name, String category, String process, String thread, double startSeconds,
        double durationSeconds, Map<String, Object> args) {

    public TraceEvent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(thread, "thread");
        category = category == null ? "" : category;
        args = args == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(args));
        if (!(durationSeconds >= 0) || !Double.isFinite(startSeconds)) {
            throw new IllegalArgumentException("trace event '" + name + "': start must be finite and duration >= 0, got "
                + startSeconds + " / " + durationSeconds);
        }
    }

    public static TraceEvent span(String name, String category, String process, String thread, double start,
            double duration, Map<String, Object> args) {
        return new TraceEvent(name, category, process, thread, start, duration, args);
    }

    public static TraceEvent instant(String name, String category, String process, String thread, double at) {
        return new TraceEvent(name, category, process, thread, at, 0, Map.of());
    }

    public double endSeconds() {
        return startSeconds + durationSeconds;
    }
}
