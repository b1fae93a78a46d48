// Where commands write and what they read: a bad output path is exit 2 naming option, path and why, found before
// any simulation or measurement (nothing printed, nothing written); input paths that are directories or not text
// say so.
package org.ternsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputPathErrorsTest {

    private static final String MEASURED = "../configs/calibration/host/zen4-2c-native-median-2026-12-03.csv";

    @BeforeAll
    static void home() {
        System.setProperty("ternsim.home", "..");
    }

    private static Path file(Path dir) throws IOException {
        return Files.writeString(dir.resolve("afile"), "not a directory");
    }

    @Test
    void simulateOutMustBeADirectoryItCanCreate(@TempDir Path dir) throws IOException {
        Path f = file(dir);
        UserErrors.line(TernSimCliTest.run("simulate", "--shape", "16x128", "--out", f.toString()),
            "--out " + f + ": not a directory");
        UserErrors.line(TernSimCliTest.run("simulate", "--out", f.toString()), "--out " + f + ": not a directory");
        UserErrors.line(TernSimCliTest.run("simulate", "--shape", "16x128", "--out", f.resolve("sub").toString()),
            "--out " + f.resolve("sub") + ": cannot create the directory: " + f + " is a file");
        UserErrors.line(TernSimCliTest.run("simulate", "--op", "stream", "--out", f.toString()), "--out " + f);
        // the stream's own directory under --out is a file: found before the simulation, and the file is left alone
        Path stream = Files.writeString(dir.resolve("zen5-2c-stream"), "not a directory");
        UserErrors.line(TernSimCliTest.run("simulate", "--op", "stream", "--out", dir.toString()),
            "--out " + stream + ": not a directory (a file of that name exists)"); // zen5-2c: the default config
        assertEquals("not a directory", Files.readString(stream));
    }

    @Test
    void aDirectoryTheSystemRefusesIsExit2NotAnInternalError(@TempDir Path dir) {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
        UserErrors.line(TernSimCliTest.run("simulate", "--shape", "16x128", "--out", "/proc/x"),
            "--out /proc/x: cannot create the directory");
        UserErrors.line(TernSimCliTest.run("bench", "memory", "--min", "4KiB", "--max", "8KiB", "--no-sim",
            "--reps", "1", "--threads", "1", "--out", "/proc/x"), "--out /proc/x: cannot create the directory");
        assertFalse(Files.exists(Path.of("/proc/x")));
    }

    @Test
    void traceIsCheckedBeforeTheRunAndNothingIsLeft(@TempDir Path dir) throws IOException {
        Path f = file(dir);
        Path out = dir.resolve("out");
        // One line on stderr: the check came before the simulation (which would draw progress).
        UserErrors.line(TernSimCliTest.run("simulate", "--trace=" + f.resolve("t.json"), "--out", out.toString()),
            "--trace " + f.resolve("t.json") + ": " + f + " is a file, not a directory");
        UserErrors.line(TernSimCliTest.run("simulate", "--trace=" + dir, "--out", out.toString()),
            "--trace " + dir + ": is a directory; expected a file name");
        assertFalse(Files.exists(out));
    }

    @Test
    void sweepOutAndMergeOutputAreChecked(@TempDir Path dir) throws IOException {
        Path f = file(dir);
        UserErrors.line(TernSimCliTest.run("sweep", "--param", "shape=16x128", "--name", "s", "--out", f.toString()),
            "--out " + f.resolve("s") + ": cannot create the directory: " + f + " is a file");
        Files.createDirectories(dir.resolve("shard"));
        UserErrors.line(TernSimCliTest.run("sweep", "--merge", dir.resolve("shard").toString(), "-o", f.toString()),
            "-o " + f + ": not a directory");
    }

    @Test
    void reportOutIsCheckedBeforeWriting(@TempDir Path dir) throws IOException {
        assertEquals(TernSim.OK, TernSimCliTest.run("simulate", "--shape", "16x128", "--out", dir.toString(),
            "--run-name", "r").code());
        Path f = file(dir);
        UserErrors.line(TernSimCliTest.run("report", "-q", dir.resolve("r").toString(), "--out", f.toString()),
            "--out " + f + ": not a directory");
        assertFalse(Files.exists(dir.resolve("r/report.html")));
    }

    @Test
    void calibrateOutputIsCheckedBeforeTheFit(@TempDir Path dir) throws IOException {
        Path f = file(dir);
        TernSimCliTest.Outcome o = TernSimCliTest.run("calibrate", "--hw", "configs/hw/zen5-2c.yaml", "--fit",
            "core.freq", "--measured", MEASURED, "-o", f.resolve("x.yaml").toString());
        UserErrors.line(o, "-o " + f.resolve("x.yaml") + ": " + f + " is a file, not a directory");
        assertEquals("", o.out(), "no fit was run");
    }

    @Test
    void benchMemoryOutIsCheckedBeforeMeasuring(@TempDir Path dir) throws IOException {
        Path f = file(dir);
        TernSimCliTest.Outcome o = TernSimCliTest.run("bench", "memory", "--min", "4KiB", "--max", "8KiB", "--no-sim",
            "--reps", "1", "--threads", "1", "--out", f.toString());
        UserErrors.line(o, "--out " + f + ": not a directory");
        assertEquals("", o.out(), "nothing was measured");
    }

    @Test
    void inputPathsSayWhatIsWrongWithThem(@TempDir Path dir) throws IOException {
        UserErrors.line(TernSimCliTest.run("simulate", "--hw", dir.toString(), "--out", dir.toString()),
            dir + ": is a directory; expected a hardware config file");
        UserErrors.line(TernSimCliTest.run("calibrate", "--hw", "configs/hw/zen5-2c.yaml", "--measured",
            dir.resolve("nope.csv").toString()), "--measured " + dir.resolve("nope.csv") + ": not found");
        Path bin = Files.write(dir.resolve("bin.csv"), new byte[] {(byte) 0xe0, (byte) 0x97, (byte) 0xf0, 0});
        UserErrors.line(TernSimCliTest.run("calibrate", "--hw", "configs/hw/zen5-2c.yaml", "--measured",
            bin.toString()), "--measured " + bin + ": not UTF-8 text", "expected a CSV file");
    }
}
