// `simulate --trace`: the trace of the simulated execution is valid trace-event JSON, its events nest per track as
// the simulator emitted them, and its operators are the run's results.json operators with the same durations.
package org.ternsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateTraceTest {

    private static final String SMALL = "configs/workloads/bitnet-dummy-125m.yaml";
    /** Trace times are whole picoseconds written in microseconds. */
    private static final double PS_IN_US = 1e-6;

    @BeforeAll
    static void home() {
        System.setProperty("ternsim.home", "..");
    }

    @Test
    void cpuTraceHasOneTrackPerThreadWithTheRunsOperators(@TempDir Path dir) throws Exception {
        TernSimCliTest.Outcome o = TernSimCliTest.run("simulate", "--workload", SMALL, "--threads", "2", "--out",
            dir.toString(), "--run-name", "c", "--trace");
        assertEquals(TernSim.OK, o.code(), o.err());
        JsonNode results = new ObjectMapper().readTree(dir.resolve("c/results.json").toFile());
        JsonNode trace = new ObjectMapper().readTree(dir.resolve("c/trace.json").toFile());
        Map<String, Integer> tids = checkFormatAndNesting(trace);
        assertTrue(tids.containsKey("thread 0") && tids.containsKey("thread 1"), tids.toString());
        for (String thread : new String[] {"thread 0", "thread 1"}) {
            checkOperatorsMatch(trace, tids.get(thread), results);
        }
        Set<String> cats = categories(trace);
        assertTrue(cats.containsAll(Set.of("operator", "layer", "simulated", "extrapolated", "stall", "bound")), cats.toString());
        boolean stallCounter = false;
        for (JsonNode e : trace.get("traceEvents")) {
            if (e.get("ph").asText().equals("C")) {
                stallCounter |= e.get("name").asText().startsWith("dispatch stalls") && e.get("args").has("ROB full");
            }
        }
        assertTrue(stallCounter, "dispatch stalls by cause as a counter");
    }

    @Test
    void acceleratorTraceHasEngineTracksAndAnExplicitFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("elsewhere/a.json");
        TernSimCliTest.Outcome o = TernSimCliTest.run("simulate", "--hw", "configs/hw/accel-edge-lut.yaml",
            "--workload", SMALL, "--out", dir.toString(), "--run-name", "a", "--trace", file.toString());
        assertEquals(TernSim.OK, o.code(), o.err());
        assertFalse(Files.exists(dir.resolve("a/trace.json")));
        JsonNode results = new ObjectMapper().readTree(dir.resolve("a/results.json").toFile());
        JsonNode trace = new ObjectMapper().readTree(file.toFile());
        Map<String, Integer> tids = checkFormatAndNesting(trace);
        for (String track : new String[] {"operators", "DMA load", "DMA store", "PE array", "LUT builder"}) {
            assertTrue(tids.containsKey(track), track + " in " + tids);
        }
        checkOperatorsMatch(trace, tids.get("operators"), results);
        assertTrue(categories(trace).containsAll(Set.of("dma", "compute", "lut-build", "stall")));
    }

    @Test
    void traceIsDeterministicAndRefusedInSingleKernelMode(@TempDir Path dir) throws Exception {
        String[] args = {"simulate", "--hw", "configs/hw/accel-edge.yaml", "--workload", SMALL, "--out",
            dir.toString(), "--run-name", "d", "--force", "--trace"};
        assertEquals(TernSim.OK, TernSimCliTest.run(args).code());
        byte[] first = Files.readAllBytes(dir.resolve("d/trace.json"));
        assertEquals(TernSim.OK, TernSimCliTest.run(args).code());
        assertTrue(java.util.Arrays.equals(first, Files.readAllBytes(dir.resolve("d/trace.json"))));
        TernSimCliTest.Outcome bad = TernSimCliTest.run("simulate", "--op", "gemv", "--shape", "64x256", "--trace",
            "--out", dir.toString());
        assertEquals(TernSim.USAGE, bad.code());
        assertTrue(bad.err().contains("--trace"), bad.err());
    }

    /**
     * Checks every event has the fields its phase needs and that on every (pid, tid) the complete events nest or are
     * disjoint, with no track split into extra lanes (the simulator's own events must nest). Returns tid by track name
     * (of the first process holding the name).
     */
    static Map<String, Integer> checkFormatAndNesting(JsonNode trace) {
        Map<String, Integer> tids = new LinkedHashMap<>();
        Map<String, List<long[]>> spans = new LinkedHashMap<>();
        for (JsonNode e : trace.get("traceEvents")) {
            String ph = e.get("ph").asText();
            assertTrue(e.has("pid") && e.get("pid").isInt(), e.toString());
            switch (ph) {
                case "M" -> {
                    if (e.get("name").asText().equals("thread_name")) {
                        String name = e.get("args").get("name").asText();
                        assertFalse(name.matches(".* \\(\\d+\\)"), "track split into lanes: " + name);
                        tids.putIfAbsent(name, e.get("tid").asInt());
                    }
                }
                case "X" -> {
                    assertTrue(e.get("ts").isNumber() && e.get("dur").isNumber() && e.has("tid") && e.has("name"), e.toString());
                    assertTrue(e.get("dur").asDouble() >= 0, e.toString());
                    long start = Math.round(e.get("ts").asDouble() / PS_IN_US);
                    long end = start + Math.round(e.get("dur").asDouble() / PS_IN_US);
                    spans.computeIfAbsent(e.get("pid").asInt() + "/" + e.get("tid").asInt(), k -> new ArrayList<>())
                        .add(new long[] {start, end});
                }
                case "C" -> {
                    assertTrue(e.get("ts").isNumber() && e.get("args").isObject(), e.toString());
                    e.get("args").forEach(v -> assertTrue(v.isNumber(), e.toString()));
                }
                case "i" -> assertTrue(e.get("ts").isNumber() && e.has("tid"), e.toString());
                default -> fail("unexpected phase " + ph);
            }
        }
        spans.forEach((track, list) -> {
            list.sort(Comparator.<long[]>comparingLong(s -> s[0]).thenComparing(s -> -s[1]));
            Deque<long[]> open = new ArrayDeque<>();
            for (long[] s : list) {
                while (!open.isEmpty() && open.peek()[1] <= s[0]) {
                    open.pop();
                }
                if (!open.isEmpty() && s[1] > open.peek()[1]) {
                    fail("track " + track + ": [" + s[0] + ", " + s[1] + "] ps partly overlaps [" + open.peek()[0] + ", "
                        + open.peek()[1] + "]");
                }
                open.push(s);
            }
        });
        return tids;
    }

    /** The operator spans of one track, in time order, are results.json's operators with their durations. */
    static void checkOperatorsMatch(JsonNode trace, int tid, JsonNode results) {
        List<JsonNode> ops = new ArrayList<>();
        for (JsonNode e : trace.get("traceEvents")) {
            if (e.path("cat").asText().equals("operator") && e.get("pid").asInt() == 1 && e.get("tid").asInt() == tid) {
                ops.add(e);
            }
        }
        ops.sort(Comparator.comparingDouble(e -> e.get("ts").asDouble()));
        JsonNode expected = results.get("operators");
        assertEquals(expected.size(), ops.size());
        double total = 0;
        for (int i = 0; i < ops.size(); i++) {
            JsonNode r = expected.get(i);
            JsonNode e = ops.get(i);
            assertTrue(e.get("name").asText().endsWith(r.get("name").asText()), e.get("name") + " vs " + r.get("name"));
            assertEquals(r.get("seconds").asDouble() * 1e6, e.get("dur").asDouble(), 2 * PS_IN_US, r.get("name").asText());
            assertEquals(r.get("model").asText().equals("extrapolated"), e.get("args").get("extrapolated").asBoolean());
            total += e.get("dur").asDouble();
        }
        double latencyUs = results.get("summary").get("latencySeconds").asDouble() * 1e6;
        assertEquals(latencyUs, total, ops.size() * PS_IN_US);
        JsonNode last = ops.get(ops.size() - 1);
        assertEquals(latencyUs, last.get("ts").asDouble() + last.get("dur").asDouble(), ops.size() * PS_IN_US);
    }

    private static Set<String> categories(JsonNode trace) {
        Set<String> cats = new HashSet<>();
        trace.get("traceEvents").forEach(e -> cats.add(e.path("cat").asText()));
        return cats;
    }
}
