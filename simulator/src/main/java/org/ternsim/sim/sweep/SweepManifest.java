// sweep.json of a sweep directory: what the points in it belong to (a hash of everything that defines the plan),
// so a rerun resumes only the same sweep and a merge only combines shards of one sweep.
package org.ternsim.sim.sweep;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ternsim.sim.config.ConfigException;
import org.ternsim.sim.run.AtomicFiles;

/**
 * @param shard "all", "i/n" or "merged"
 * @param planPoints points of the whole sweep; {@code points} those of this directory
 */
public record SweepManifest(String name, String plan, String shard, int planPoints, int points, List<String> constraints,
        List<String> objectives) {
    static final String NAME = "sweep.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A hash of the evaluator, the base hardware file's bytes, the parameters, sampling and constraints. */
    public static String planHash(SweepSpec spec, Path hwFile) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(Files.readAllBytes(hwFile));
            String text = spec.evaluator() + "\n" + spec.params() + "\n" + spec.sampling() + "\n" + spec.constraints();
            d.update(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + hwFile + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    List<Constraint> parsedConstraints() {
        return constraints.stream().map(Constraint::parse).toList();
    }

    void write(Path dir) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("plan", plan);
        m.put("shard", shard);
        m.put("plan_points", planPoints);
        m.put("points", points);
        m.put("constraints", constraints);
        m.put("objectives", objectives);
        try {
            AtomicFiles.write(dir.resolve(NAME), JSON.writeValueAsString(m) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The manifest of a sweep directory, or null if it has none. */
    @SuppressWarnings("unchecked")
    static SweepManifest read(Path dir) {
        Path f = dir.resolve(NAME);
        if (!Files.exists(f)) return null;
        try {
            Map<String, Object> m = JSON.readValue(f.toFile(), new TypeReference<LinkedHashMap<String, Object>>() {});
            return new SweepManifest((String) m.get("name"), (String) m.get("plan"), (String) m.get("shard"),
                    (Integer) m.get("plan_points"), (Integer) m.get("points"), (List<String>) m.get("constraints"),
                    (List<String>) m.get("objectives"));
        } catch (IOException | ClassCastException | NullPointerException e) {
            throw new ConfigException(f + ": not a sweep manifest; expected sweep.json as ternsim sweep writes it");
        }
    }
}
