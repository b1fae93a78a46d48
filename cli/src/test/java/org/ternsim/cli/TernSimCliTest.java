// The command line as a user meets it: exit codes, one-line errors, the run directory.
package org.ternsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TernSimCliTest {

    record Outcome(int code, String out, String err) {
    }

    @BeforeAll
    static void home() {
        System.setProperty("ternsim.home", "..");
    }

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TernSim.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    private static void assertOneLineUserError(Outcome o, String mustMention) {
        assertEquals(TernSim.USAGE, o.code(), o.err());
        assertEquals(1, o.err().strip().lines().count(), "one line expected: " + o.err());
        assertTrue(o.err().contains(mustMention), o.err());
        assertFalse(o.err().contains("Exception") || o.err().contains("\tat "), o.err());
    }

    @Test
    void helpListsEveryCommandAndATypoGetsSuggestionsThoughOnlyANamedCommandIsRegistered() {
        Outcome help = run("--help");
        assertEquals(TernSim.OK, help.code());
        for (String c : TernSim.COMMANDS) {
            assertTrue(help.out().contains("\n  " + c + " "), c + " missing from\n" + help.out());
        }
        Outcome typo = run("simulat");
        assertEquals(TernSim.USAGE, typo.code());
        assertTrue(typo.err().contains("ternsim simulate"), typo.err());
        assertEquals("simulate", TernSim.commandWord(new String[] {"--debug", "simulate", "--op", "gemv"}));
        assertEquals(null, TernSim.commandWord(new String[] {"--version"}));
        assertEquals(null, TernSim.commandWord(new String[] {"gemv", "simulate"}));
        Outcome sub = run("--debug", "report", "--help");
        assertEquals(TernSim.OK, sub.code(), sub.err());
        assertTrue(sub.out().startsWith("Usage: ternsim report"), sub.out());
    }

    @Test
    void missingHardwareConfigIsOneLineAndExitCode2() {
        assertOneLineUserError(run("simulate", "--hw", "configs/hw/missing.yaml"), "missing.yaml");
    }

    @Test
    void unknownKeyIsOneLineWithFileLineAndExitCode2(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("hw"));
        Files.createDirectories(dir.resolve("energy"));
        Files.copy(Path.of("../configs/energy/zen5-n4.yaml"), dir.resolve("energy/zen5-n4.yaml"));
        String yaml = Files.readString(Path.of("../configs/hw/zen5-2c.yaml")).replace("\ncores:", "\ncroes: 2\ncores:");
        Path hw = dir.resolve("hw/typo.yaml");
        Files.writeString(hw, yaml);
        Outcome o = run("simulate", "--hw", hw.toString(), "--out", dir.resolve("out").toString());
        assertOneLineUserError(o, "croes");
        assertTrue(o.err().contains("typo.yaml:"), o.err());
        assertFalse(Files.exists(dir.resolve("out")), "no partial output on error");
    }

    @Test
    void badShapesAreUsageErrors() {
        assertEquals(TernSim.USAGE, run("simulate", "--shape", "0x5").code());
        assertEquals(TernSim.USAGE, run("simulate", "--shape", "banana").code());
        assertOneLineUserError(run("simulate", "--shape", "64x100"), "multiple of 128");
        assertOneLineUserError(run("simulate", "--kernel", "tl9"), "valid: i2_s");
    }

    @Test
    void simulateWritesTheRunDirectory(@TempDir Path dir) {
        Outcome o = run("simulate", "--shape", "64x256", "--out", dir.toString(), "--run-name", "small");
        assertEquals(TernSim.OK, o.code(), o.err());
        assertTrue(o.out().contains("bit-exact"), o.out());
        for (String f : new String[] {"results.json", "results.csv", "stats.txt", "resolved-config.yaml", "program.s"}) {
            assertTrue(Files.exists(dir.resolve("small").resolve(f)), f);
        }
        assertEquals(TernSim.USAGE, run("simulate", "--shape", "64x256", "--out", dir.toString(), "--run-name", "small").code(),
            "an existing run directory is not overwritten without --force");
        assertEquals(TernSim.OK, run("simulate", "--shape", "64x256", "--out", dir.toString(), "--run-name", "small",
            "--force").code());
    }

    @Test
    void gemvThreadsSplitTheRowsOverSimulatedCores(@TempDir Path dir) {
        Outcome one = run("simulate", "--shape", "256x512", "--out", dir.toString(), "--run-name", "t1");
        Outcome two = run("simulate", "--shape", "256x512", "--threads", "2", "--out", dir.toString(), "--run-name", "t2");
        assertEquals(TernSim.OK, two.code(), two.err());
        assertTrue(two.out().contains("2 threads"), two.out());
        assertTrue(cycles(two.out()) < cycles(one.out()), one.out() + two.out());
        assertOneLineUserError(run("simulate", "--shape", "256x512", "--threads", "3", "--out", dir.toString()), "cores");
    }

    private static long cycles(String summary) {
        String line = summary.lines().filter(l -> l.strip().startsWith("cycles")).findFirst().orElseThrow();
        return Long.parseLong(line.strip().split("\\s+")[1].replace(",", ""));
    }

    @Test
    void sameInputsGiveByteIdenticalResults(@TempDir Path dir) throws IOException {
        run("simulate", "--shape", "64x256", "--out", dir.toString(), "--run-name", "a");
        run("simulate", "--shape", "64x256", "--out", dir.toString(), "--run-name", "b");
        for (String f : new String[] {"results.json", "resolved-config.yaml", "stats.txt"}) {
            assertEquals(Files.readString(dir.resolve("a").resolve(f)), Files.readString(dir.resolve("b").resolve(f)), f);
        }
    }

    @Test
    void validatePassesAndABrokenSemanticsFailsWithExitCode3() {
        Outcome ok = run("validate", "--kernel", "i2_s", "--isa", "avx2", "--shapes", "16x256,3x384");
        assertEquals(TernSim.OK, ok.code(), ok.out() + ok.err());
        assertTrue(ok.out().contains("8 passed, 0 failed"), ok.out());
        Outcome broken = run("validate", "--kernel", "i2_s", "--isa", "avx2", "--shapes", "16x256", "--inject-fault",
            "vpmaddubsw-no-pair-sum");
        assertEquals(TernSim.MISMATCH, broken.code(), broken.out() + broken.err());
        assertTrue(broken.out().contains("FAIL"), broken.out());
    }

    @Test
    void validateChecksTheLutKernelsAndReportsTheLossyOnesError() {
        Outcome o = run("validate", "--kernel", "tl1,tl2,tl2_0,tmac", "--isa", "avx2,neon", "--shapes", "16x384");
        assertEquals(TernSim.OK, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("28 passed, 0 failed"), o.out()); // tl1, tl2 and tmac on both avx2 and neon
        assertTrue(o.out().lines().filter(l -> l.startsWith("tmac") || l.startsWith("tl2_0"))
            .allMatch(l -> l.contains("max|err|")), o.out());
        assertOneLineUserError(run("validate", "--kernel", "tl9"),
            "valid: all, f16, i2_s, i2_s-1xn, i2_s-int4, i2_s-nx1, i2_s-sparse, i2_s-vnni, q4_0, ternary-a16, tl1, tl2,"
                + " tl2_0, tmac, tmac-w4, tq2_0");
        assertOneLineUserError(run("validate", "--kernel", "tmac", "--shapes", "16x100"), "16x100");
    }

    @Test
    void helpAndVersion() {
        assertEquals(TernSim.OK, run("--help").code());
        Outcome v = run("--version");
        assertEquals(TernSim.OK, v.code());
        assertTrue(v.out().startsWith("ternsim "), v.out());
        assertEquals(TernSim.USAGE, run("frobnicate").code());
    }
}
