// `bench simulator` as a user meets it: one-line errors before any run, and a row per kernel in this JVM or its own.
package org.ternsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ternsim.sim.speed.HostProbe;
import org.ternsim.sim.speed.SpeedTrial;

class BenchSimulatorCommandTest {

    @BeforeAll
    static void home() {
        System.setProperty("ternsim.home", "..");
    }

    private static void oneLineUsage(TernSimCliTest.Outcome o, String mention) {
        UserErrors.line(o, mention);
        assertEquals("", o.out(), "nothing runs before the arguments are checked");
    }

    @Test
    void wrongArgumentsAreOneLineErrorsBeforeAnyRun() {
        oneLineUsage(TernSimCliTest.run("bench", "simulator", "--calls", "0"), "--calls 0");
        oneLineUsage(TernSimCliTest.run("bench", "simulator", "--warmup", "-1"), "--warmup -1");
        oneLineUsage(TernSimCliTest.run("bench", "simulator", "--attempts", "0"), "--attempts 0");
        oneLineUsage(TernSimCliTest.run("bench", "simulator", "--mode", "fast"), "--mode fast");
        oneLineUsage(TernSimCliTest.run("bench", "simulator", "--kernel", "i2_s"), "--kernel i2_s");
        oneLineUsage(TernSimCliTest.run("bench", "simulator", "--kernel", "nosuchcpu/i2_s"), "no hardware config");
        oneLineUsage(TernSimCliTest.run("bench", "simulator", "--kernel", "zen5-2c/i2_s/avx2,zen5-2c/nope"),
            "unknown kernel 'nope'");
        oneLineUsage(TernSimCliTest.run("bench", "simulator", "--kernel", "zen5-2c/i2_s/neon"), "does not list");
        oneLineUsage(TernSimCliTest.run("bench", "simulator", "--kernel", "zen5-2c/i2_s/avx2", "--shape", "3x5"),
            "--kernel zen5-2c/i2_s/avx2 at 3x5");
    }

    @Test
    void aKernelInThisJvmGetsItsRowAndTheCount() {
        TernSimCliTest.Outcome o = TernSimCliTest.run("bench", "simulator", "--kernel", "zen5-2c/i2_s/avx2",
            "--shape", "64x256", "--calls", "2", "--warmup", "0", "--same-jvm");
        assertEquals(TernSim.OK, o.code(), o.err() + o.out());
        long instructions = SpeedTrial.of(Path.of("../configs/hw"), "zen5-2c/i2_s/avx2", 64, 256).instructions();
        String row = row(o.out(), "| zen5-2c/i2_s/avx2 | ");
        assertTrue(row.startsWith(String.format(java.util.Locale.ROOT, "| zen5-2c/i2_s/avx2 | %,d | ", instructions)),
            row);
        assertTrue(o.out().contains(" of 1 kernels at 20 MIPS or more by the median call"), o.out());
    }

    @Test
    void aKernelInItsOwnJvmReportsBackThroughItsOutput() throws Exception {
        TernSimCliTest.Outcome o = TernSimCliTest.run("bench", "simulator", "--kernel", "cobalt-100/tl1",
            "--shape", "64x256", "--calls", "3", "--warmup", "0", "--mode", "functional", "--json");
        assertEquals(TernSim.OK, o.code(), o.err() + o.out());
        long instructions = SpeedTrial.of(Path.of("../configs/hw"), "cobalt-100/tl1", 64, 256).instructions();
        JsonNode doc = new ObjectMapper().readTree(o.out());
        assertTrue(doc.get("jvmPerKernel").asBoolean(), o.out());
        JsonNode kernel = doc.get("kernels").get(0);
        assertEquals("cobalt-100/tl1", kernel.get("kernel").asText());
        assertEquals(instructions, kernel.get("instructionsPerCall").asLong(), o.out());
        assertEquals(0, kernel.get("replayedPerCall").asLong(), "a functional call replays nothing");
        assertEquals(3, kernel.get("callCpuNanos").size(), o.out());
        assertTrue(kernel.get("fastestMips").asDouble() >= kernel.get("medianMips").asDouble(), o.out());
        assertTrue(kernel.get("hostProbeBefore").get("loadNanos").asDouble() > 0, o.out());
        assertEquals(1, kernel.get("attempts").asInt(), o.out());
    }

    @Test
    void aKernelCountsAsQuietWhileItsWorseProbeIsWithinTenPerCentOfTheQuietest() {
        BenchSimulatorCommand.Trial t = new BenchSimulatorCommand.Trial(new SpeedTrial.Reading(1, 0, new long[] {1}),
            new HostProbe.Reading(100, 1), new HostProbe.Reading(115, 1), null);
        assertEquals(115, t.worseLoad());
        assertEquals(100, t.quietestLoad());
        assertFalse(t.quiet(100), "115 ns is more than 10 % above 100");
        assertTrue(t.quiet(105), "115 ns is within 10 % of 105");
    }

    private static String row(String out, String start) {
        return out.lines().filter(l -> l.startsWith(start)).findFirst().orElseThrow(() -> new AssertionError(out));
    }
}
