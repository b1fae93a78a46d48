// Issue 10 item 6: identical inputs give byte-identical results files on JDK 17 and JDK 25. Runs `ternsim simulate`
// in child JVMs of both JDKs (test classpath, so no jar is needed) and compares every results file byte for byte;
// environment.json records the JDK by design and must differ. Skipped unless both JDKs are installed.
package org.ternsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrossJdkReproducibilityTest {

    /** Where Debian and the Temurin packages install JDKs; a JDK is recognised by its {@code release} file. */
    private static final Path JVM_DIR = Path.of("/usr/lib/jvm");
    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

    /** The two commands compared: a workload phase end to end and one kernel call (functional check included). */
    private static final List<List<String>> RUNS = List.of(
        List.of("simulate", "--workload", "configs/workloads/bitnet-dummy-125m.yaml", "--threads", "1", "--run-name",
            "workload"),
        List.of("simulate", "--op", "gemv", "--shape", "64x256", "--run-name", "kernel"));

    @Test
    void resultsFilesAreByteIdenticalOnJdk17And25(@TempDir Path dir) throws Exception {
        Optional<Path> jdk17 = jdk(17);
        Optional<Path> jdk25 = jdk(25);
        assumeTrue(jdk17.isPresent() && jdk25.isPresent(), "needs JDK 17 and JDK 25 (set -Dternsim.jdk17=/path or "
            + "TERNSIM_JDK17, likewise 25; found 17: " + jdk17 + ", 25: " + jdk25 + ")");
        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> runAll(jdk17.get(), dir.resolve("17")));
        CompletableFuture<Void> b = CompletableFuture.runAsync(() -> runAll(jdk25.get(), dir.resolve("25")));
        a.get(5, TimeUnit.MINUTES);
        b.get(5, TimeUnit.MINUTES);
        for (List<String> run : RUNS) {
            String name = run.get(run.size() - 1);
            Path r17 = dir.resolve("17").resolve(name);
            Path r25 = dir.resolve("25").resolve(name);
            List<String> files = new ArrayList<>();
            try (Stream<Path> s = Files.list(r17)) {
                s.map(p -> p.getFileName().toString()).sorted().forEach(files::add);
            }
            assertTrue(files.contains("results.json"), files.toString());
            for (String f : files) {
                if (f.equals("environment.json")) {
                    assertFalse(Files.readString(r17.resolve(f)).equals(Files.readString(r25.resolve(f))),
                        "environment.json records the JDK, so the two runs must differ there (else both ran one JDK)");
                    continue;
                }
                assertArrayEquals(Files.readAllBytes(r17.resolve(f)), Files.readAllBytes(r25.resolve(f)),
                    name + "/" + f + " differs between JDK 17 and JDK 25");
            }
            try (Stream<Path> s = Files.list(r25)) {
                assertEquals(files.size(), s.count(), "the same files on both JDKs");
            }
        }
    }

    private static void runAll(Path jdk, Path out) {
        for (List<String> run : RUNS) {
            List<String> cmd = new ArrayList<>(List.of(jdk.resolve("bin/java").toString(), "--add-modules",
                "jdk.incubator.vector", "-Djava.awt.headless=true", "-Dternsim.home=" + HOME, "-cp",
                System.getProperty("java.class.path"), TernSim.class.getName()));
            cmd.addAll(run);
            cmd.addAll(List.of("--out", out.toString(), "--quiet"));
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                String log = new String(p.getInputStream().readAllBytes());
                assertTrue(p.waitFor(5, TimeUnit.MINUTES), "timed out: " + cmd);
                assertEquals(0, p.exitValue(), jdk + " " + run + ":\n" + log);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * A JDK of the given major version: -Dternsim.jdkNN or TERNSIM_JDKNN if set, else the running one if it matches,
     * else the first directory under /usr/lib/jvm whose release file says that version.
     */
    static Optional<Path> jdk(int major) throws IOException {
        String given = System.getProperty("ternsim.jdk" + major, System.getenv("TERNSIM_JDK" + major));
        if (given != null && !given.isBlank()) {
            return Optional.of(Path.of(given)).filter(p -> major(p) == major);
        }
        Path running = Path.of(System.getProperty("java.home"));
        if (major(running) == major) {
            return Optional.of(running);
        }
        if (!Files.isDirectory(JVM_DIR)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(JVM_DIR)) {
            return s.sorted().filter(p -> !Files.isSymbolicLink(p)).filter(p -> major(p) == major).findFirst();
        }
    }

    /** Major version from a JDK's release file ({@code JAVA_VERSION="17.0.15"}), or -1. */
    static int major(Path jdk) {
        Path release = jdk.resolve("release");
        if (!Files.isExecutable(jdk.resolve("bin/java")) || !Files.isRegularFile(release)) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(release)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring(line.indexOf('"') + 1);
                    return Integer.parseInt(v.split("[.\"]")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
