// The trace JSON follows the trace-event format: parsed back, it has named processes and threads, "X" events with
// ts/dur in microseconds, and on every track (pid, tid) events either nest or are disjoint.
package org.ternsim.reports.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ternsim.reports.TestRuns;
import org.ternsim.reports.data.RunSummary;

class TraceWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Checks the parsed trace and returns thread names by "pid/tid". */
    static Map<String, String> assertValidTrace(JsonNode root) {
        assertTrue(root.get("traceEvents").isArray());
        Map<String, String> threadNames = new HashMap<>();
        Set<Integer> namedProcesses = new java.util.HashSet<>();
        Map<String, List<double[]>> tracks = new HashMap<>();
        for (JsonNode e : root.get("traceEvents")) {
            String ph = e.get("ph").asText();
            assertTrue(Set.of("X", "i", "M").contains(ph), ph);
            assertTrue(e.get("pid").isInt() && e.get("tid").isInt(), e.toString());
            String track = e.get("pid").asInt() + "/" + e.get("tid").asInt();
            if (ph.equals("M")) {
                if (e.get("name").asText().equals("thread_name")) {
                    threadNames.put(track, e.get("args").get("name").asText());
                } else if (e.get("name").asText().equals("process_name")) {
                    namedProcesses.add(e.get("pid").asInt());
                }
                continue;
            }
            assertTrue(e.get("ts").isNumber() && e.has("name") && e.has("cat"), e.toString());
            if (ph.equals("X")) {
                assertTrue(e.get("dur").asDouble() >= 0, e.toString());
                tracks.computeIfAbsent(track, k -> new ArrayList<>())
                    .add(new double[] {e.get("ts").asDouble(), e.get("ts").asDouble() + e.get("dur").asDouble()});
            }
        }
        for (Map.Entry<String, List<double[]>> t : tracks.entrySet()) {
            assertTrue(threadNames.containsKey(t.getKey()), "track " + t.getKey() + " has a thread_name");
            assertTrue(namedProcesses.contains(Integer.parseInt(t.getKey().split("/")[0])));
            List<double[]> spans = new ArrayList<>(t.getValue());
            spans.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(b[1], a[1]));
            Deque<double[]> open = new ArrayDeque<>();
            for (double[] s : spans) {
                // ts + dur is float arithmetic in microseconds: allow 1 ps, the writer's resolution
                while (!open.isEmpty() && open.peek()[1] <= s[0] + 1e-6) {
                    open.pop();
                }
                assertTrue(open.isEmpty() || s[1] <= open.peek()[1] + 1e-6,
                    "track " + threadNames.get(t.getKey()) + ": [" + s[0] + ", " + s[1] + "] overlaps its parent ["
                        + (open.isEmpty() ? "" : open.peek()[0] + ", " + open.peek()[1]) + "] without nesting");
                open.push(s);
            }
        }
        return threadNames;
    }

    @Test
    void coresDmaAndStallsOnTheirOwnTracks(@TempDir Path tmp) throws Exception {
        List<TraceEvent> events = new ArrayList<>();
        for (int core = 0; core < 2; core++) {
            String p = "core " + core;
            events.add(TraceEvent.span("layer0", "layer", p, "ops", 0, 10e-6, Map.of()));
            events.add(TraceEvent.span("wqkv", "operator", p, "ops", 0, 4e-6, Map.of("kernel", "i2_s", "cycles", 15600)));
            events.add(TraceEvent.span("wo", "operator", p, "ops", 4e-6, 6e-6, Map.of()));
            events.add(TraceEvent.span("L2 miss stall", "stall", p, "stalls", 1e-6, 0.5e-6, Map.of()));
        }
        // Two DMA transfers that overlap partly: must go to two lanes, not be drawn as a bad nesting.
        events.add(TraceEvent.span("DMA weights", "dma", "accelerator", "DMA", 0, 5e-6, Map.of("bytes", 65536)));
        events.add(TraceEvent.span("DMA acts", "dma", "accelerator", "DMA", 3e-6, 4e-6, Map.of("bytes", 4096)));
        events.add(TraceEvent.instant("barrier", "sync", "core 0", "ops", 10e-6));
        Path file = tmp.resolve("trace.json");
        TraceWriter.write(events, Map.of("source", "test"), file);
        JsonNode root = JSON.readTree(Files.readString(file));
        Map<String, String> names = assertValidTrace(root);
        assertTrue(names.containsValue("DMA") && names.containsValue("DMA (2)"), names.toString());
        assertTrue(names.containsValue("stalls"));
        JsonNode wqkv = null;
        for (JsonNode e : root.get("traceEvents")) {
            if (e.get("name").asText().equals("wqkv")) {
                wqkv = e;
            }
        }
        assertEquals(4.0, wqkv.get("dur").asDouble(), 1e-9, "microseconds");
        assertEquals(15600, wqkv.get("args").get("cycles").asInt());
    }

    @Test
    void randomEventsAlwaysComeOutNested() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 50; trial++) {
            List<TraceEvent> events = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                double start = rnd.nextInt(100) * 1e-7;
                events.add(TraceEvent.span("e" + i, "x", "p" + rnd.nextInt(2), "t" + rnd.nextInt(2), start,
                    rnd.nextInt(30) * 1e-7, Map.of()));
            }
            assertValidTrace(JSON.valueToTree(Map.of("traceEvents", TraceWriter.traceEvents(events))));
            long written = TraceWriter.traceEvents(events).stream().filter(m -> !"M".equals(m.get("ph"))).count();
            assertEquals(events.size(), written, "no event is lost");
        }
    }

    @Test
    void operatorTimelineOfARunNestsOperatorsInLayers(@TempDir Path tmp) throws Exception {
        RunSummary run = TestRuns.fixture(tmp);
        List<TraceEvent> events = OperatorTimeline.of(run);
        assertEquals(26 + 3, events.size(), "26 operators and 3 layer spans (embedding and LM head outside layers)");
        JsonNode root = JSON.readTree(TraceWriter.toJson(events, Map.of("note", OperatorTimeline.NOTE)));
        Map<String, String> names = assertValidTrace(root);
        assertEquals(Set.of("operators"), Set.copyOf(names.values()), "sums of operator times nest in their layer");
        double end = 0;
        for (JsonNode e : root.get("traceEvents")) {
            if (e.has("dur")) {
                end = Math.max(end, e.get("ts").asDouble() + e.get("dur").asDouble());
            }
        }
        assertEquals(run.totals().latencySeconds() * 1e6, end, 1e-6);
    }

    @Test
    void ofTwoEqualSpansTheEarlierIsTheParent() {
        List<TraceEvent> events = List.of(TraceEvent.span("layer 5", "layer", "p", "t", 1e-6, 2e-6, Map.of()),
            TraceEvent.span("only op", "operator", "p", "t", 1e-6, 2e-6, Map.of()));
        List<String> names = TraceWriter.traceEvents(events).stream().filter(m -> "X".equals(m.get("ph")))
            .map(m -> (String) m.get("name")).toList();
        assertEquals(List.of("layer 5", "only op"), names);
        assertEquals(1, TraceWriter.lanes(events).size(), "nested, one lane");
    }

    @Test
    void theNestingCheckCatchesPartialOverlap() throws Exception {
        String bad = "{\"traceEvents\":[{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":1,\"tid\":0,\"args\":{\"name\":\"p\"}},"
            + "{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":1,\"args\":{\"name\":\"t\"}},"
            + "{\"name\":\"a\",\"cat\":\"\",\"ph\":\"X\",\"ts\":0,\"dur\":5,\"pid\":1,\"tid\":1},"
            + "{\"name\":\"b\",\"cat\":\"\",\"ph\":\"X\",\"ts\":3,\"dur\":5,\"pid\":1,\"tid\":1}]}";
        assertThrows(org.opentest4j.AssertionFailedError.class, () -> assertValidTrace(JSON.readTree(bad)));
    }

    @Test
    void invalidEventsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> TraceEvent.span("x", "", "p", "t", 0, -1, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> TraceEvent.span("x", "", "p", "t", Double.NaN, 1, Map.of()));
        assertFalse(TraceWriter.toJson(List.of(), Map.of()).isEmpty());
    }
}
