// What a results.json must be for a report to be worth writing: a schema this version reads, and numbers where the
// charts take numbers. The reader stays tolerant of missing fields (shown as "not available"), but an unknown schema
// or a field of the wrong type means a foreign or damaged file, whose report would be silently empty.
package org.ternsim.reports.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.ternsim.reports.WorkloadResultTree;

final class ResultsCheck {

    private static final String SUPPORTED = String.valueOf(WorkloadResultTree.SCHEMA_VERSION);

    private ResultsCheck() {
    }

    /** Throws a ReportInputException naming the file and the first field that is wrong. */
    static void check(Path file, JsonNode root, boolean legacy) {
        if (legacy) { // a single-kernel run: no schemaVersion, its own layout
            numbers(file, root, "", "performance.cycles", "performance.seconds", "performance.macs",
                "performance.gmac_per_s", "performance.operand_bytes", "performance.effective_gb_per_s", "run.rows",
                "run.cols", "run.threads", "run.freq_hz", "energy.total_pj");
            return;
        }
        JsonNode v = root.get("schemaVersion");
        if (v == null || v.isNull()) {
            throw new ReportInputException(file + ": no schemaVersion; expected a results.json written by ternsim"
                + " simulate (schemaVersion " + SUPPORTED + ", or a single-kernel run with a performance section)");
        }
        if (!v.asText().equals(SUPPORTED)) {
            throw new ReportInputException(file + ": schemaVersion " + v + " is not supported; expected "
                + SUPPORTED);
        }
        numbers(file, root, "", "summary.latencySeconds", "summary.tokensPerSecond", "summary.secondsPerStep",
            "summary.secondsPerImage", "summary.energyJoules", "summary.cycles", "summary.dramBytes");
        JsonNode ops = root.get("operators");
        if (ops != null && !ops.isNull()) {
            if (!ops.isArray()) {
                throw new ReportInputException(file + ": operators: expected an array, got " + shown(ops));
            }
            for (int i = 0; i < ops.size(); i++) {
                numbers(file, ops.get(i), "operators[" + i + "].", "cycles", "seconds", "macs");
            }
        }
    }

    /** Each path, where present, must hold a number (or a numeric string, as the reader accepts). */
    private static void numbers(Path file, JsonNode root, String prefix, String... paths) {
        for (String path : paths) {
            JsonNode n = Json.node(root, path);
            if (n != null && Json.number(root, path) == null) {
                throw new ReportInputException(file + ": " + prefix + path + ": expected a number, got " + shown(n));
            }
        }
    }

    private static String shown(JsonNode n) {
        String s = n.toString();
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
