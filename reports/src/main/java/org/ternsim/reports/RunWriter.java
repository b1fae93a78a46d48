// Writes a run directory (results.json, results.csv, stats.txt, resolved-config.yaml, program.s) atomically.
package org.ternsim.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.ternsim.sim.run.RunResult;

public final class RunWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Temporary directories being written; removed on Ctrl-C (SIGINT) so an interrupted run leaves nothing behind. */
    static final java.util.Set<Path> IN_PROGRESS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> IN_PROGRESS.forEach(p -> {
            try {
                deleteTree(p);
            } catch (UncheckedIOException e) {
                // best effort while the JVM exits
            }
        }), "ternsim-run-cleanup"));
    }

    private RunWriter() {
    }

    /** Writes a single-kernel run directory (results.json, results.csv, stats.txt, resolved-config.yaml, program.s). */
    public static void write(Path runDir, RunResult result, String resolvedConfigYaml, String programText, boolean replace) {
        Map<String, Object> tree = ResultTree.of(result);
        Map<String, String> files = new java.util.LinkedHashMap<>();
        try {
            files.put("results.json", JSON.writeValueAsString(tree) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.put("results.csv", Flat.csv(tree));
        files.put("stats.txt", Flat.stats(tree));
        files.put("resolved-config.yaml", resolvedConfigYaml);
        files.put("program.s", programText);
        writeFiles(runDir, files, replace);
    }

    /**
     * Writes the named files into a temporary sibling directory and renames it to {@code runDir} only when all are
     * complete, so an interrupted run leaves no partial directory. An existing {@code runDir} is replaced only if
     * {@code replace}.
     */
    /** The file beside the results that records the TernSim version, git commit, JDK and vector kernels. */
    public static final String ENVIRONMENT_FILE = "environment.json";

    public static void writeFiles(Path runDir, Map<String, String> files, boolean replace) {
        Path parent = runDir.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(parent);
            tmp = StagingDirectory.create(parent, runDir.getFileName().toString());
            IN_PROGRESS.add(tmp);
            for (Map.Entry<String, String> f : files.entrySet()) {
                Files.writeString(tmp.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
            }
            // What ran the simulation, apart from the results so that those stay byte-identical across JDKs
            Files.writeString(tmp.resolve(ENVIRONMENT_FILE),
                JSON.writeValueAsString(RunEnvironment.current().toMap()) + "\n", StandardCharsets.UTF_8);
            if (Files.exists(runDir)) {
                if (!replace) {
                    throw new IllegalStateException(runDir + " already exists");
                }
                deleteTree(runDir);
            }
            Files.move(tmp, runDir, StandardCopyOption.ATOMIC_MOVE);
            IN_PROGRESS.remove(tmp);
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + runDir + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                deleteTree(tmp);
                IN_PROGRESS.remove(tmp);
            }
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Flattened renderings of the result tree: dotted keys, as gem5's stats.txt and a tidy CSV. */
    static final class Flat {
        private Flat() {
        }

        static String csv(Map<String, Object> tree) {
            StringBuilder sb = new StringBuilder("metric,value\r\n");
            flatten("", tree, (k, v) -> sb.append(k).append(',').append(quote(String.valueOf(v))).append("\r\n"));
            return sb.toString();
        }

        static String stats(Map<String, Object> tree) {
            StringBuilder sb = new StringBuilder("---------- Begin Simulation Statistics ----------\n");
            flatten("", tree, (k, v) -> sb.append(String.format(Locale.ROOT, "%-58s %s%n", k, v)));
            return sb.append("---------- End Simulation Statistics   ----------\n").toString();
        }

        private static String quote(String s) {
            return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
        }

        @SuppressWarnings("unchecked")
        private static void flatten(String prefix, Object node, java.util.function.BiConsumer<String, Object> out) {
            if (node instanceof Map<?, ?> map) {
                map.forEach((k, v) -> flatten(prefix.isEmpty() ? k.toString() : prefix + "." + k, v, out));
            } else if (node instanceof java.util.List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    flatten(prefix + "." + i, list.get(i), out);
                }
            } else {
                out.accept(prefix, node);
            }
        }
    }
}
