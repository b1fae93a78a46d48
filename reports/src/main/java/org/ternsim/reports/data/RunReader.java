// Reads a run directory into a RunSummary: the end-to-end schema (schemaVersion, summary, operators[]) or the
// foundation's single-kernel results.json, which becomes one operator. Missing fields become null ("not available");
// an unsupported schema or a field of the wrong type is an error (ResultsCheck).
package org.ternsim.reports.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ternsim.sim.config.Units;

public final class RunReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunReader() {
    }

    public static RunSummary read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ReportInputException(dir + ": not a directory (expected a run directory such as out/<run>)");
        }
        Path results = dir.resolve("results.json");
        if (!Files.isRegularFile(results)) {
            throw new ReportInputException(dir + ": no results.json (expected a run directory written by ternsim simulate)");
        }
        JsonNode root;
        String yaml;
        try {
            root = JSON.readTree(Files.readString(results, StandardCharsets.UTF_8));
            Path cfg = dir.resolve("resolved-config.yaml");
            yaml = Files.isRegularFile(cfg) ? Files.readString(cfg, StandardCharsets.UTF_8) : null;
        } catch (JsonProcessingException e) {
            throw new ReportInputException(results + ":" + e.getLocation().getLineNr() + ": invalid JSON: "
                + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ReportInputException(results + ": cannot read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ReportInputException(results + ": expected a JSON object");
        }
        List<SourcedValue> provenance = ConfigProvenance.sourced(yaml == null ? List.of() : ConfigProvenance.parse(yaml));
        String label = dir.toAbsolutePath().normalize().getFileName().toString();
        boolean legacy = root.has("performance") && !root.has("operators");
        ResultsCheck.check(results, root, legacy);
        return legacy ? legacy(dir, label, root, provenance, yaml) : endToEnd(dir, label, root, provenance, yaml);
    }

    private static RunSummary legacy(Path dir, String label, JsonNode r, List<SourcedValue> provenance, String yaml) {
        Double seconds = Json.number(r, "performance.seconds");
        Double pj = Json.number(r, "energy.total_pj");
        Map<String, Double> byComponent = components(Json.node(r, "energy.by_component_pj"), 1e-12);
        String shape = Json.text(r, "run.rows") + "x" + Json.text(r, "run.cols");
        String op = Json.text(r, "run.op");
        String kernel = Json.text(r, "run.kernel");
        Double macs = Json.number(r, "performance.macs");
        OperatorResult only = new OperatorResult(op, kernel, shape, null, op, Json.integer(r, "performance.cycles"),
            seconds, pj == null ? null : pj * 1e-12, Json.text(r, "performance.dominant_bound"),
            Json.integer(r, "performance.operand_bytes"), macs);
        RunIdentity id = new RunIdentity(label, op + " " + kernel + "/" + Json.text(r, "run.isa") + " " + shape,
            "kernel call (" + Json.text(r, "run.cache_state") + " caches)", Json.text(r, "run.hardware"),
            Json.integer(r, "run.threads") == null ? null : Json.integer(r, "run.threads").intValue(), kernel, null);
        RunTotals totals = new RunTotals(seconds, null, null, null, pj == null ? null : pj * 1e-12, byComponent, null);
        Double portCycles = Json.number(r, "bounds.port_cycles");
        Double freq = Json.number(r, "run.freq_hz");
        Double peak = macs == null || portCycles == null || portCycles <= 0 || freq == null ? null : macs / portCycles * freq;
        Roofline roof = withBandwidth(new Roofline(peak, peak == null ? null
            : "port-bound throughput of this kernel's instruction mix (results.json bounds.port_cycles)", null, null),
            provenance);
        if (provenance.isEmpty()) {
            provenance = energyActionSources(Json.node(r, "energy.actions"));
        }
        return new RunSummary(dir, RunSummary.LEGACY_SCHEMA, id, totals, List.of(only), roof,
            check(Json.node(r, "functional_check")), List.of(), provenance, yaml);
    }

    private static RunSummary endToEnd(Path dir, String label, JsonNode r, List<SourcedValue> provenance, String yaml) {
        List<OperatorResult> ops = new ArrayList<>();
        JsonNode arr = Json.node(r, "operators");
        if (arr != null && arr.isArray()) {
            for (JsonNode o : arr) {
                ops.add(operator(o));
            }
        }
        Long threads = Json.integer(r, "run.target.threads", "run.threads", "threads");
        RunIdentity id = new RunIdentity(label,
            Json.text(r, "run.workload", "workload.name", "workload"),
            Json.text(r, "run.phase.kind", "run.phase", "phase", "workload.phase"),
            Json.text(r, "run.target.name", "run.hardware", "hardware.name", "hardware"),
            threads == null ? null : threads.intValue(), kernel(r),
            modelParams(r));
        RunTotals totals = new RunTotals(
            Json.number(r, "summary.latencySeconds"), Json.number(r, "summary.tokensPerSecond"),
            Json.number(r, "summary.secondsPerStep"), Json.number(r, "summary.secondsPerImage"),
            Json.number(r, "summary.energyJoules"), components(Json.node(r, "summary.energyByComponent"), 1),
            Json.number(r, "summary.areaMm2", "hardware.areaMm2"));
        Double peak = Json.number(r, "hardware.peakMacsPerSecond", "roofline.peakMacsPerSecond");
        Double bw = Json.number(r, "hardware.dramBytesPerSecond", "roofline.bytesPerSecond");
        Roofline roof = new Roofline(peak, peak == null ? null : "results.json hardware.peakMacsPerSecond",
            bw, bw == null ? null : "results.json hardware.dramBytesPerSecond");
        if (bw == null) {
            roof = withBandwidth(roof, provenance);
        }
        List<ValidationPoint> validation = new ArrayList<>();
        JsonNode v = Json.node(r, "validation");
        if (v != null && v.isArray()) {
            for (JsonNode p : v) {
                Double pred = Json.number(p, "predicted");
                Double meas = Json.number(p, "measured");
                if (pred != null && meas != null && meas != 0) {
                    Double lo = Json.number(p, "measuredLow");
                    Double hi = Json.number(p, "measuredHigh");
                    validation.add(new ValidationPoint(Json.text(p, "name"), Json.text(p, "unit"), pred, meas,
                        lo == null ? meas : lo, hi == null ? meas : hi, Json.text(p, "source")));
                }
            }
        }
        return new RunSummary(dir, Json.text(r, "schemaVersion"), id, totals, ops, roof,
            check(Json.node(r, "functionalCheck", "functional_check", "summary.functionalCheck")), validation,
            provenance, yaml);
    }

    /**
     * The model's parameter count as the results give it, else derived: the weights of the linear operators (m x k of
     * each, LM head included, the embedding table not). Null when neither is possible.
     */
    private static Double modelParams(JsonNode r) {
        Double given = Json.number(r, "workload.parameters", "workload.params", "run.parameters", "summary.parameters");
        if (given != null) {
            return given;
        }
        double sum = 0;
        JsonNode ops = Json.node(r, "operators");
        if (ops != null) {
            for (JsonNode o : ops) {
                Double m = Json.number(o, "shape.m");
                Double k = Json.number(o, "shape.k");
                if ("linear".equals(Json.text(o, "opClass")) && m != null && k != null) {
                    sum += m * k;
                }
            }
        }
        return sum > 0 ? sum : null;
    }

    /** {@code run.kernel}, or from the {@code run.kernels} map (class -> kernel) the linear layers' kernel. */
    private static String kernel(JsonNode r) {
        String k = Json.text(r, "run.kernel", "kernel");
        JsonNode map = Json.node(r, "run.kernels");
        if (k == null && map != null && map.isObject()) {
            k = Json.text(map, "linear", "bitlinear");
            if (k == null) {
                List<String> all = new ArrayList<>();
                map.forEach(v -> all.add(v.asText()));
                k = String.join("+", all.stream().distinct().toList());
            }
        }
        return k;
    }

    /** "layer 3" (LLM), "double 5" (DiT block), null outside layers (index -1) or when absent. */
    private static String layer(JsonNode o) {
        JsonNode n = Json.node(o, "layer");
        if (n == null) {
            return null;
        }
        if (!n.isNumber()) {
            return n.asText();
        }
        if (n.asInt() < 0) {
            return null;
        }
        String block = Json.text(o, "block");
        return (block == null || block.isEmpty() ? "layer" : block) + " " + n.asInt();
    }

    /** Bytes the operator must move: a number, or from a {weights, activations, dram} object the operand bytes. */
    private static Long bytes(JsonNode o) {
        JsonNode n = Json.node(o, "bytes", "bytesMoved", "dramBytes");
        if (n == null || !n.isObject()) {
            return Json.integer(o, "bytes", "bytesMoved", "dramBytes");
        }
        Long w = Json.integer(n, "weights");
        Long a = Json.integer(n, "activations");
        if (w != null || a != null) {
            long sum = (w == null ? 0 : w) + (a == null ? 0 : a);
            if (sum > 0) {
                return sum;
            }
        }
        return Json.integer(n, "dram");
    }

    private static OperatorResult operator(JsonNode o) {
        Double macs = Json.number(o, "macs");
        if (macs == null) {
            Double flops = Json.number(o, "flops");
            macs = flops == null ? null : flops / 2;
        }
        Double energy = Json.number(o, "energy", "energyJoules", "energy.joules", "energy.total");
        String name = Json.text(o, "name");
        String opClass = Json.text(o, "opClass", "class", "op");
        String shape = Json.text(o, "shapeText");
        return new OperatorResult(name, Json.text(o, "kernel"), shape != null ? shape : shape(Json.node(o, "shape")),
            layer(o), opClass == null ? name : opClass, Json.integer(o, "cycles"), Json.number(o, "seconds"), energy,
            Json.text(o, "bound"), bytes(o), macs);
    }

    /** "2560x6912" from a string, an array [2560, 6912] or an object {m: 2560, k: 6912}. */
    private static String shape(JsonNode n) {
        if (n == null) {
            return null;
        }
        if (n.isArray()) {
            List<String> parts = new ArrayList<>();
            n.forEach(x -> parts.add(x.asText()));
            return String.join("x", parts);
        }
        if (n.isObject()) {
            List<String> parts = new ArrayList<>();
            n.properties().forEach(e -> parts.add(e.getKey() + "=" + e.getValue().asText()));
            return String.join(" ", parts);
        }
        return n.asText();
    }

    private static Map<String, Double> components(JsonNode n, double scale) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (n != null && n.isObject()) {
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                if (e.getValue().isNumber()) {
                    out.put(e.getKey(), e.getValue().asDouble() * scale);
                }
            }
        }
        return out;
    }

    private static CheckStatus check(JsonNode n) {
        if (n == null) {
            return CheckStatus.NOT_AVAILABLE;
        }
        JsonNode exact = Json.node(n, "bit_exact", "bitExact", "passed");
        if (exact == null || !exact.isBoolean()) {
            return new CheckStatus(n.toString(), null);
        }
        String ref = Json.text(n, "reference");
        Long outputs = Json.integer(n, "outputs");
        Long mismatches = Json.integer(n, "mismatches");
        String text = exact.asBoolean() ? "bit-exact" : (mismatches == null ? "" : mismatches + " ") + "mismatches";
        if (outputs != null || ref != null) {
            text += " (" + (outputs == null ? "" : outputs + " outputs ") + (ref == null ? "" : "vs " + ref) + ")";
        }
        return new CheckStatus(text.replace(" )", ")"), exact.asBoolean());
    }

    private static Roofline withBandwidth(Roofline roof, List<SourcedValue> provenance) {
        SourcedValue bw = ConfigProvenance.find(provenance, "dram.bandwidth");
        if (bw == null) {
            return roof;
        }
        try {
            return new Roofline(roof.peakMacsPerSecond(), roof.peakSource(), Units.bytesPerSec(bw.value()),
                "resolved-config.yaml dram.bandwidth: " + bw.source());
        } catch (RuntimeException e) {
            return roof;
        }
    }

    private static List<SourcedValue> energyActionSources(JsonNode actions) {
        List<SourcedValue> out = new ArrayList<>();
        if (actions != null && actions.isArray()) {
            for (JsonNode a : actions) {
                String src = Json.text(a, "source");
                out.add(new SourcedValue("energy." + Json.text(a, "action"), Json.text(a, "pj_each") + " pJ",
                    src, src != null && src.startsWith("[estimate]")));
            }
        }
        return out;
    }
}
