// Ctrl-C on a running sweep: a child JVM runs `ternsim sweep`, gets SIGINT after two points, and must exit cleanly
// keeping exactly the completed points, with no partial tables or temp files; the same command then resumes.
// A point takes about 0.1 s, so the sweep has enough of them that the signal always lands while it still runs.
package org.ternsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class SweepInterruptTest {
    private static final int POINTS = 24;
    private static final String[] SWEEP = {"sweep", "--param", "core.freq=" + IntStream.range(0, POINTS)
        .mapToObj(i -> (30 + i) / 10 + "." + (30 + i) % 10 + "GHz").collect(Collectors.joining(",")),
        "--param", "shape=640x2560", "--name", "int", "--jobs", "1"};

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void sigintKeepsCompletedPointsAndTheRerunResumes(@TempDir Path tmp) throws Exception {
        // A build started as a background job of a non-interactive shell inherits SIGINT ignored, and so would the
        // sweep: the JVM keeps an ignored SIGINT ignored. Ctrl-C cannot be tested there.
        Assumptions.assumeFalse(sigintIgnored(), "SIGINT is ignored in this process (a background job?)");
        Path dir = tmp.resolve("int");
        Path points = dir.resolve("points.jsonl");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
            "-Dternsim.home=" + Path.of("..").toAbsolutePath().normalize(), "org.ternsim.cli.TernSim"));
        cmd.addAll(List.of(SWEEP));
        cmd.addAll(List.of("--out", tmp.toString()));
        Process p = new ProcessBuilder(cmd).redirectOutput(tmp.resolve("stdout.txt").toFile())
            .redirectError(tmp.resolve("stderr.txt").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (lines(points) < 2 && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(p.isAlive(), "the sweep should still be running: " + Files.readString(tmp.resolve("stderr.txt")));
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start().waitFor();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the sweep stops after SIGINT");
        String err = Files.readString(tmp.resolve("stderr.txt"));
        assertEquals(130, p.exitValue(), err);
        assertTrue(err.contains("interrupted;") && err.contains("run the same command again to resume"), err);
        assertFalse(err.contains("Exception"), err);

        byte[] bytes = Files.readAllBytes(points);
        assertEquals('\n', bytes[bytes.length - 1], "no torn line");
        Set<Integer> kept = indices(points);
        assertTrue(kept.size() >= 2 && kept.size() < POINTS, "kept " + kept);
        assertFalse(Files.exists(dir.resolve("points.csv")), "no table of a partial sweep");
        assertFalse(Files.exists(dir.resolve("pareto.csv")));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.filter(f -> f.getFileName().toString().startsWith(".")).toList(), "no temp files");
        }

        System.setProperty("ternsim.home", "..");
        String[] again = Stream.concat(Stream.of(SWEEP), Stream.of("--out", tmp.toString())).toArray(String[]::new);
        TernSimCliTest.Outcome o = TernSimCliTest.run(again);
        assertEquals(TernSim.OK, o.code(), o.err());
        assertTrue(o.out().contains(POINTS + " points (" + kept.size() + " resumed, " + (POINTS - kept.size()) + " run)"),
            o.out());
        List<String> all = Files.readAllLines(points);
        assertEquals(POINTS, all.size(), "completed points are not redone");
        assertEquals(POINTS, indices(points).size());
    }

    /** Whether this process ignores SIGINT (signal 2: bit 1 of the SigIgn mask in /proc/self/status). */
    private static boolean sigintIgnored() throws Exception {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return false; // macOS: no /proc; assume the usual foreground run
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16) & 2L) != 0;
            }
        }
        return false;
    }

    private static long lines(Path f) throws Exception {
        if (!Files.exists(f)) return 0;
        return new String(Files.readAllBytes(f), StandardCharsets.UTF_8).chars().filter(c -> c == '\n').count();
    }

    private static Set<Integer> indices(Path f) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Set<Integer> out = new HashSet<>();
        for (String line : Files.readAllLines(f)) {
            JsonNode n = json.readTree(line);
            assertTrue(n.has("metrics"), line);
            out.add(n.get("index").asInt());
        }
        return out;
    }

}
