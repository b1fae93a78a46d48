// The append-only record of completed sweep points (points.jsonl): each point is one line written with a single
// write and forced to disk, so an interrupted sweep keeps every point it finished; a torn last line is dropped.
package org.ternsim.sim.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ternsim.sim.config.ConfigException;

final class PointsFile implements AutoCloseable {
    static final String NAME = "points.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FileChannel channel;
    private boolean closed;

    /** Opens for appending, first cutting a torn last line (a write interrupted by a kill) off the end. */
    PointsFile(Path file) {
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            long keep = completeLength(Files.readAllBytes(file));
            channel.truncate(keep);
            channel.position(keep);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    /** Appends one point; returns false (and writes nothing) once closed by an interrupt. */
    synchronized boolean append(PointRecord r) {
        if (closed) return false;
        try {
            ByteBuffer b = ByteBuffer.wrap((line(r) + "\n").getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) channel.write(b);
            channel.force(false);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + NAME + ": " + e.getMessage(), e);
        }
    }

    /** Waits for a write in progress, then refuses further ones: called from the SIGINT hook. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was lost: every completed write was forced already
        }
    }

    /** The completed points of a file (none if it does not exist), in file order. */
    static List<PointRecord> read(Path file) {
        if (!Files.exists(file)) return List.of();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String text = new String(bytes, 0, (int) completeLength(bytes), StandardCharsets.UTF_8);
        List<PointRecord> out = new ArrayList<>();
        int lineNo = 0;
        for (String line : text.split("\n")) {
            lineNo++;
            if (line.isBlank()) continue;
            try {
                Map<String, Object> m = JSON.readValue(line, new TypeReference<LinkedHashMap<String, Object>>() {});
                @SuppressWarnings("unchecked")
                Map<String, String> params = (Map<String, String>) m.get("params");
                @SuppressWarnings("unchecked")
                Map<String, Object> metrics = (Map<String, Object>) m.get("metrics");
                if (!(m.get("index") instanceof Integer i) || params == null || metrics == null) {
                    throw new ConfigException("missing index, params or metrics");
                }
                out.add(new PointRecord(i, params, metrics));
            } catch (JsonProcessingException | ConfigException | ClassCastException e) {
                throw new ConfigException(file + ":" + lineNo + ": corrupt point record; expected one JSON object per"
                        + " line as ternsim sweep writes it (delete the line to rerun that point)");
            }
        }
        return out;
    }

    static String line(PointRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", r.index());
        m.put("params", r.params());
        m.put("metrics", r.metrics());
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long completeLength(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') end--;
        return end;
    }
}
