// Progress of long commands: plain lines on stderr when not on a terminal (as under Maven), nothing with --quiet,
// never on stdout or in the results files.
package org.ternsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressOutputTest {

    @BeforeAll
    static void home() {
        System.setProperty("ternsim.home", "..");
    }

    /** The final line of plain (non-terminal) progress: "label: done/total (100%), done in 1.2 s". */
    private static Pattern doneLine(String label, int total) {
        return Pattern.compile("(?m)^" + Pattern.quote(label) + ": " + total + "/" + total + " \\(100%\\), done in "
            + "[0-9.:]+( s)?$");
    }

    @Test
    void validateShowsPlainLinesOnStderrAndNothingWhenQuiet() {
        String[] args = {"validate", "--kernel", "i2_s", "--isa", "avx2", "--shapes", "16x256,3x384"};
        TernSimCliTest.Outcome o = TernSimCliTest.run(args);
        assertEquals(TernSim.OK, o.code(), o.err());
        long lowerings = org.ternsim.isa.lower.GemvLowerings.all().stream()
            .filter(l -> l.kernel().equals("i2_s") && l.isa().equals("avx2")).count();
        assertTrue(doneLine("validate", (int) (2 * lowerings)).matcher(o.err()).find(), o.err());
        assertFalse(o.err().contains("\r"), "no bar when not on a terminal");
        assertFalse(o.out().contains("done in"), "progress never goes to stdout");
        TernSimCliTest.Outcome q = TernSimCliTest.run(Stream.concat(Stream.of(args), Stream.of("--quiet"))
            .toArray(String[]::new));
        assertEquals(TernSim.OK, q.code(), q.err());
        assertEquals("", q.err());
        assertEquals(o.out(), q.out());
    }

    @Test
    void sweepCountsItsPointsOnStderr(@TempDir Path dir) throws Exception {
        String[] args = {"sweep", "--param", "core.freq=3GHz,4GHz", "--param", "shape=16x128", "--jobs", "1",
            "--name", "p", "--out", dir.toString()};
        TernSimCliTest.Outcome o = TernSimCliTest.run(args);
        assertEquals(TernSim.OK, o.code(), o.err());
        assertTrue(doneLine("sweep", 2).matcher(o.err()).find(), o.err());
        for (Path f : Files.list(dir.resolve("p")).toList()) {
            assertFalse(Files.readString(f).contains("done in"), f.toString());
        }
        TernSimCliTest.Outcome q = TernSimCliTest.run("sweep", "--param", "core.freq=3GHz,4GHz", "--param",
            "shape=16x128", "--jobs", "1", "--name", "q", "--out", dir.toString(), "--quiet");
        assertEquals(TernSim.OK, q.code(), q.err());
        assertEquals("", q.err());
    }

    @Test
    void workloadSimulationCountsItsKernelSimulations(@TempDir Path dir) throws Exception {
        TernSimCliTest.Outcome o = TernSimCliTest.run("simulate", "--workload", "configs/workloads/bitnet-dummy-125m.yaml",
            "--threads", "1", "--out", dir.toString(), "--run-name", "s");
        assertEquals(TernSim.OK, o.code(), o.err());
        // Distinct GEMV shapes of the 125M decode: q/k/v/o (768x768), gate/up (3072x768), down (768x3072), LM head.
        assertTrue(doneLine("simulate", 4).matcher(o.err()).find(), o.err());
        for (Path f : Files.list(dir.resolve("s")).toList()) {
            assertFalse(Files.readString(f).contains("done in"), f.toString());
        }
        assertFalse(o.out().contains("done in"));
        TernSimCliTest.Outcome bad = TernSimCliTest.run("simulate", "--workload",
            "configs/workloads/bitnet-dummy-125m.yaml", "--threads", "9", "--out", dir.toString());
        assertEquals(1, bad.err().strip().lines().count(), "an error stands alone: " + bad.err());
    }
}
