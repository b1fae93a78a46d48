// The memory-mountain table (measured on the host and simulated for a config): rows, CSV writing, and reading back.
package org.ternsim.reports.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

public final class MemoryMountain {

    /**
     * One point.
     *
     * @param source       {@code measured} or {@code simulated}
     * @param machine      host description or hardware config name
     * @param threads      threads reading
     * @param workingSet   working set in bytes (all threads together)
     * @param readGBps     read bandwidth, GB/s (1e9 B/s)
     * @param latencyNs    load-to-use latency of dependent loads in an order no prefetcher predicts, in ns (1 thread;
     *                     NaN where not measured; bench memory --chase pages or random)
     */
    public record Row(String source, String machine, int threads, long workingSet, double readGBps, double latencyNs) {
    }

    public static final String HEADER = "source,machine,threads,working_set_bytes,read_gbps,latency_ns";

    private MemoryMountain() {
    }

    public static void writeCsv(Path file, List<Row> rows) throws IOException {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%.2f,%s%n", r.source(), r.machine(), r.threads(),
                r.workingSet(), r.readGBps(), Double.isNaN(r.latencyNs()) ? ""
                    : String.format(Locale.ROOT, "%.2f", r.latencyNs())));
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, b.toString());
    }

    /** Reads a CSV written by {@link #writeCsv}; errors name the line. */
    public static List<Row> readCsv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<Row> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",", -1);
            try {
                out.add(new Row(f[0], f[1], Integer.parseInt(f[2]), Long.parseLong(f[3]), Double.parseDouble(f[4]),
                    f[5].isEmpty() ? Double.NaN : Double.parseDouble(f[5])));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected " + HEADER + ", got '" + line
                    + "'");
            }
        }
        return out;
    }
}
