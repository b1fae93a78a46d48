// Writes timed events as Chrome trace-event JSON (the format Perfetto UI and chrome://tracing open): "X" complete
// events in microseconds, one pid per process and one tid per track, named by metadata events. Events on a track
// must nest (Perfetto draws a track as a stack; of two equal spans the one earlier in the list is the parent); an event that partly overlaps another moves to an extra lane
// ("DMA (2)"), so overlapping transfers stay visible instead of being drawn wrongly.
package org.ternsim.reports.trace;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class TraceWriter {

    /**
     * Times are quantised to picoseconds (far below a cycle) and compared as integers; a child may stick out of its
     * parent by this much (rounding of summed seconds) and is then clipped to the parent's end.
     */
    static final long TOLERANCE_PS = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TraceWriter() {
    }

    public static void write(List<TraceEvent> events, Map<String, Object> otherData, Path file) {
        write(events, List.of(), otherData, file);
    }

    public static void write(List<TraceEvent> events, List<TraceCounter> counters, Map<String, Object> otherData,
            Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
            Files.writeString(tmp, toJson(events, counters, otherData), StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write trace " + file + ": " + e.getMessage(), e);
        }
    }

    public static String toJson(List<TraceEvent> events, Map<String, Object> otherData) {
        return toJson(events, List.of(), otherData);
    }

    /** As {@link #toJson(List, Map)} with counter tracks ({@code "C"} events) under their processes. */
    public static String toJson(List<TraceEvent> events, List<TraceCounter> counters, Map<String, Object> otherData) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("displayTimeUnit", "ns");
        root.put("traceEvents", traceEvents(events, counters));
        root.put("otherData", otherData == null ? Map.of() : otherData);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Map<String, Object>> traceEvents(List<TraceEvent> events) {
        return traceEvents(events, List.of());
    }

    static List<Map<String, Object>> traceEvents(List<TraceEvent> events, List<TraceCounter> counters) {
        // Processes and tracks are numbered in order of first appearance, so the trace reads like the input.
        Map<String, Integer> pids = new LinkedHashMap<>();
        Map<String, Map<String, List<TraceEvent>>> tracks = new LinkedHashMap<>();
        for (TraceEvent e : events) {
            pids.computeIfAbsent(e.process(), k -> pids.size() + 1);
            tracks.computeIfAbsent(e.process(), k -> new LinkedHashMap<>())
                .computeIfAbsent(e.thread(), k -> new ArrayList<>()).add(e);
        }
        for (TraceCounter c : counters) {
            pids.computeIfAbsent(c.process(), k -> pids.size() + 1);
            tracks.computeIfAbsent(c.process(), k -> new LinkedHashMap<>());
        }
        List<Map<String, Object>> meta = new ArrayList<>();
        List<Map<String, Object>> body = new ArrayList<>();
        for (Map.Entry<String, Map<String, List<TraceEvent>>> p : tracks.entrySet()) {
            int pid = pids.get(p.getKey());
            meta.add(metadata("process_name", pid, 0, Map.of("name", p.getKey())));
            meta.add(metadata("process_sort_index", pid, 0, Map.of("sort_index", pid)));
            int tid = 0;
            for (Map.Entry<String, List<TraceEvent>> t : p.getValue().entrySet()) {
                List<List<Placed>> lanes = lanes(t.getValue());
                for (int lane = 0; lane < lanes.size(); lane++) {
                    tid++;
                    String name = lane == 0 ? t.getKey() : t.getKey() + " (" + (lane + 1) + ")";
                    meta.add(metadata("thread_name", pid, tid, Map.of("name", name)));
                    meta.add(metadata("thread_sort_index", pid, tid, Map.of("sort_index", tid)));
                    for (Placed e : lanes.get(lane)) {
                        body.add(event(e, pid, tid));
                    }
                }
            }
        }
        for (TraceCounter c : counters) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("ph", "C");
            m.put("ts", ps(c.atSeconds()) / 1e6);
            m.put("pid", pids.get(c.process()));
            m.put("tid", 0);
            m.put("args", c.values());
            body.add(m);
        }
        meta.addAll(body);
        return meta;
    }

    /** An event at integer picoseconds, its end possibly clipped to its parent's end. */
    record Placed(TraceEvent event, long start, long end) {
    }

    static long ps(double seconds) {
        return Math.round(seconds * 1e12);
    }

    /** Splits one track's events into lanes in which every pair of events is either disjoint or nested. */
    static List<List<Placed>> lanes(List<TraceEvent> events) {
        List<TraceEvent> sorted = new ArrayList<>(events);
        // Parents before children: earlier start first, then longer first.
        sorted.sort(Comparator.comparingDouble(TraceEvent::startSeconds)
            .thenComparing(Comparator.comparingDouble(TraceEvent::durationSeconds).reversed()));
        List<List<Placed>> lanes = new ArrayList<>();
        List<Deque<Placed>> open = new ArrayList<>();
        for (TraceEvent e : sorted) {
            boolean placed = false;
            long start = ps(e.startSeconds());
            long end = Math.max(start, ps(e.endSeconds()));
            for (int i = 0; i < lanes.size() && !placed; i++) {
                Deque<Placed> stack = open.get(i);
                while (!stack.isEmpty() && stack.peek().end() <= start) {
                    stack.pop();
                }
                if (stack.isEmpty() || end <= stack.peek().end() + TOLERANCE_PS) {
                    Placed p = new Placed(e, start, stack.isEmpty() ? end : Math.min(end, stack.peek().end()));
                    stack.push(p);
                    lanes.get(i).add(p);
                    placed = true;
                }
            }
            if (!placed) {
                Placed p = new Placed(e, start, end);
                lanes.add(new ArrayList<>(List.of(p)));
                Deque<Placed> stack = new ArrayDeque<>();
                stack.push(p);
                open.add(stack);
            }
        }
        return lanes;
    }

    private static Map<String, Object> event(Placed p, int pid, int tid) {
        TraceEvent e = p.event();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", e.name());
        m.put("cat", e.category());
        boolean instant = e.durationSeconds() == 0;
        m.put("ph", instant ? "i" : "X");
        m.put("ts", p.start() / 1e6);
        if (instant) {
            m.put("s", "t");
        } else {
            m.put("dur", (p.end() - p.start()) / 1e6);
        }
        m.put("pid", pid);
        m.put("tid", tid);
        if (!e.args().isEmpty()) {
            m.put("args", e.args());
        }
        return m;
    }

    private static Map<String, Object> metadata(String name, int pid, int tid, Map<String, Object> args) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("ph", "M");
        m.put("pid", pid);
        m.put("tid", tid);
        m.put("args", args);
        return m;
    }
}
