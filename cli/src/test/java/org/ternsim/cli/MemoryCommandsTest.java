// `bench memory` and `simulate --op stream` as a user meets them: one-line errors, and the CSV + chart they write.
package org.ternsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ternsim.reports.memory.MemoryMountain;

class MemoryCommandsTest {

    @BeforeAll
    static void home() {
        System.setProperty("ternsim.home", "..");
    }

    private static void oneLineUsage(TernSimCliTest.Outcome o, String mention) {
        assertEquals(TernSim.USAGE, o.code(), o.err());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertTrue(o.err().contains(mention), o.err());
        assertFalse(o.err().contains("Exception"), o.err());
    }

    @Test
    void badSizesAndThreadCountsAreOneLineErrors() {
        oneLineUsage(TernSimCliTest.run("bench", "memory", "--min", "1GiB", "--max", "4KiB"), "--min");
        oneLineUsage(TernSimCliTest.run("bench", "memory", "--min", "4 parsecs"), "--min");
        oneLineUsage(TernSimCliTest.run("bench", "memory", "--threads", "4096"), "--threads 4096");
        oneLineUsage(TernSimCliTest.run("bench", "memory", "--threads", "0"), "--threads 0");
        oneLineUsage(TernSimCliTest.run("bench", "memory", "--windows", "0"), "--windows 0");
        oneLineUsage(TernSimCliTest.run("bench", "memory", "--reps", "-3"), "--windows -3");
        oneLineUsage(TernSimCliTest.run("bench", "memory", "--chase", "diagonal"), "--chase diagonal");
        oneLineUsage(TernSimCliTest.run("bench", "memory", "--max", "64TiB"), "--max");
        // A value picocli cannot convert: its message line, then where the usage is (as for every command).
        TernSimCliTest.Outcome o = TernSimCliTest.run("bench", "memory", "--threads", "one");
        assertEquals(TernSim.USAGE, o.code(), o.err());
        assertEquals(List.of("Try 'ternsim bench memory --help' for usage."),
            o.err().strip().lines().skip(1).toList(), o.err());
    }

    @Test
    void benchNativeRefusesWhatItCannotRunInOneLine() {
        oneLineUsage(TernSimCliTest.run("bench", "native", "--isa", "neon"), "--isa neon");
        // On a host that cannot run x86 programs the first check names that instead; either way one line, exit 2.
        oneLineUsage(TernSimCliTest.run("bench", "native", "--kernel", "no-such-kernel", "--no-sim"), "");
        oneLineUsage(TernSimCliTest.run("bench", "native", "--shape", "100x100", "--no-sim"), "");
    }

    @Test
    void benchNativeRunsTheProgramBitExactWhereItCan() {
        org.junit.jupiter.api.Assumptions.assumeTrue(org.ternsim.cli.bench.NativeProgram.unavailableReason("avx2") == null);
        TernSimCliTest.Outcome o = TernSimCliTest.run("bench", "native", "--kernel", "i2_s", "--shape", "256x2560",
            "--threads", "1", "--reps", "3");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("exact"), o.out());
        assertTrue(o.out().contains("zen5-2c"), o.out());
    }

    @Test
    void streamOnAnAcceleratorSaysWhyNot(@TempDir Path out) {
        oneLineUsage(TernSimCliTest.run("simulate", "--op", "stream", "--hw", "configs/hw/accel-edge.yaml", "--out",
            out.toString()), "accel-edge");
    }

    @Test
    void benchMemoryWritesOneCsvAndOneChart(@TempDir Path out) throws IOException {
        TernSimCliTest.Outcome o = TernSimCliTest.run("bench", "memory", "--min", "4KiB", "--max", "8KiB", "--threads",
            "1", "--windows", "1", "--no-sim", "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        List<MemoryMountain.Row> rows = MemoryMountain.readCsv(out.resolve("memory-mountain.csv"));
        assertEquals(2, rows.size());
        assertTrue(rows.stream().allMatch(r -> r.source().equals("measured") && r.readGBps() > 0));
        assertTrue(Files.size(out.resolve("memory-mountain.png")) > 0);
        assertTrue(Files.readString(out.resolve("memory-mountain.svg")).contains("<svg"));
    }
}
