// `ternsim simulate` in workload mode: run directory, JSON on stdout, determinism, one-line errors.
package org.ternsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadSimulateTest {

    private static final String SMALL = "configs/workloads/bitnet-dummy-125m.yaml";

    @BeforeAll
    static void home() {
        System.setProperty("ternsim.home", "..");
    }

    @Test
    void decodeWritesTheRunDirectoryWithTheSchema(@TempDir Path dir) throws Exception {
        TernSimCliTest.Outcome o = TernSimCliTest.run("simulate", "--workload", SMALL, "--threads", "1", "--out",
            dir.toString(), "--run-name", "r");
        assertEquals(TernSim.OK, o.code(), o.err());
        assertTrue(o.out().contains("tokens/s"), o.out());
        for (String f : new String[] {"results.json", "results.csv", "stats.txt", "resolved-config.yaml",
                "environment.json"}) {
            assertTrue(Files.exists(dir.resolve("r").resolve(f)), f);
        }
        JsonNode j = new ObjectMapper().readTree(dir.resolve("r/results.json").toFile());
        assertFalse(j.has("environment"), "the JDK and host belong in environment.json, not in the results");
        assertTrue(new ObjectMapper().readTree(dir.resolve("r/environment.json").toFile()).has("jdk"));
        assertEquals(1, j.get("schemaVersion").asInt());
        JsonNode s = j.get("summary");
        assertTrue(s.get("latencySeconds").asDouble() > 0);
        assertEquals(1 / s.get("latencySeconds").asDouble(), s.get("tokensPerSecond").asDouble(), 1e-6);
        assertTrue(s.get("secondsPerStep").isNull());
        assertTrue(s.get("energyByComponent").has("DRAM"));
        JsonNode op = j.get("operators").get(1);
        for (String f : new String[] {"name", "layer", "opClass", "kernel", "shape", "cycles", "seconds", "energy",
                "bytes", "bound", "model"}) {
            assertTrue(op.has(f), f);
        }
        String csv = Files.readString(dir.resolve("r/results.csv"));
        assertTrue(csv.startsWith("index,name,layer,block,opClass,kernel,isa,m,k,n,context,cycles,seconds,"
            + "energyJoules,dramBytes,bound,model,"), csv.substring(0, 200));
        assertEquals(j.get("operators").size() + 1, csv.lines().count());
        assertTrue(Files.readString(dir.resolve("r/stats.txt")).contains("sim.latency "));
    }

    @Test
    void theSameCommandTwiceGivesByteIdenticalResults(@TempDir Path dir) throws Exception {
        String[] args = {"simulate", "--workload", SMALL, "--phase", "prefill", "--tokens", "8", "--out",
            dir.toString(), "--run-name", "x", "--force"};
        assertEquals(TernSim.OK, TernSimCliTest.run(args).code());
        byte[] first = Files.readAllBytes(dir.resolve("x/results.json"));
        assertEquals(TernSim.OK, TernSimCliTest.run(args).code());
        assertArrayEquals(first, Files.readAllBytes(dir.resolve("x/results.json")));
    }

    @Test
    void jsonFormatPrintsResultsJson(@TempDir Path dir) throws Exception {
        TernSimCliTest.Outcome o = TernSimCliTest.run("simulate", "--workload", SMALL, "--threads", "1", "--format",
            "json", "--energy-model", "arithmetic", "--node", "45nm", "--out", dir.toString(), "--run-name", "j");
        assertEquals(TernSim.OK, o.code(), o.err());
        assertEquals(Files.readString(dir.resolve("j/results.json")), o.out());
        JsonNode j = new ObjectMapper().readTree(o.out());
        assertEquals("arithmetic", j.get("run").get("energy").get("model").asText());
        assertTrue(j.get("summary").get("energyByComponent").has("add"));
    }

    @Test
    void badOptionsAreOneLineErrors(@TempDir Path dir) {
        assertOneLine(TernSimCliTest.run("simulate", "--workload", SMALL, "--phase", "image", "--out", dir.toString()),
            "is an LLM");
        assertOneLine(TernSimCliTest.run("simulate", "--workload", SMALL, "--threads", "9", "--out", dir.toString()),
            "--threads");
        assertOneLine(TernSimCliTest.run("simulate", "--workload", "configs/workloads/nope.yaml"), "nope.yaml");
        assertOneLine(TernSimCliTest.run("simulate", "--workload", SMALL, "--energy-model", "arithmetic", "--node",
            "5nm", "--out", dir.toString()), "--node");
        assertFalse(Files.exists(dir.resolve("zen5-2c-bitnet-dummy-125m-decode-t2")));
    }

    private static void assertOneLine(TernSimCliTest.Outcome o, String mention) {
        assertEquals(TernSim.USAGE, o.code(), o.err());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertTrue(o.err().contains(mention), o.err());
    }

    @Test
    void acceleratorConfigsRunWorkloadsAndSingleKernels(@TempDir Path dir) throws Exception {
        TernSimCliTest.Outcome o = TernSimCliTest.run("simulate", "--hw", "configs/hw/accel-edge.yaml", "--workload",
            SMALL, "--out", dir.toString(), "--run-name", "w");
        assertEquals(TernSim.OK, o.code(), o.err());
        JsonNode j = new ObjectMapper().readTree(dir.resolve("w/results.json").toFile());
        boolean onDatapath = false;
        for (JsonNode op : j.get("operators")) {
            onDatapath |= op.get("model").asText().equals("simulated") && op.get("isa").asText().equals("accel");
        }
        assertTrue(onDatapath, "ternary linears must run on the accelerator model");
        TernSimCliTest.Outcome k = TernSimCliTest.run("simulate", "--hw", "configs/hw/accel-edge.yaml", "--op", "gemv",
            "--shape", "64x256", "--out", dir.toString(), "--run-name", "k");
        assertEquals(TernSim.OK, k.code(), k.err());
        assertTrue(k.out().contains("bit-exact"), k.out());
        TernSimCliTest.Outcome bad = TernSimCliTest.run("simulate", "--hw", "configs/hw/accel-edge.yaml", "--threads",
            "2", "--workload", SMALL, "--out", dir.toString());
        assertEquals(TernSim.USAGE, bad.code(), bad.err());
    }
}
