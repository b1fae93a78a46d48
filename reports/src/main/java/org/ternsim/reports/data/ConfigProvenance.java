// Reads resolved-config.yaml's `{value: ..., source: ...}` leaves into sourced values, and a few numbers the charts use.
package org.ternsim.reports.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

final class ConfigProvenance {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ConfigProvenance() {
    }

    /** Every document of the file (a workload run's config holds the run, then the hardware as a second document). */
    static List<JsonNode> parse(String yaml) {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNextValue()) {
                JsonNode doc = it.nextValue();
                if (doc != null) {
                    docs.add(doc);
                }
            }
        } catch (IOException | RuntimeException e) {
            // An unreadable config only costs the provenance table, which then says "not available".
        }
        return docs;
    }

    /** Every leaf with a source, by field path; list entries are named by their {@code name} value where they have one. */
    static List<SourcedValue> sourced(List<JsonNode> docs) {
        List<SourcedValue> out = new ArrayList<>();
        for (JsonNode doc : docs) {
            walk("", doc, out);
        }
        return out;
    }

    private static void walk(String path, JsonNode n, List<SourcedValue> out) {
        if (n.isObject() && n.has("value") && n.has("source")) {
            out.add(new SourcedValue(path, n.get("value").asText(), n.get("source").asText(),
                n.path("estimate").asBoolean(false)));
        } else if (n.isObject()) {
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                walk(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), out);
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                JsonNode name = n.get(i).path("name");
                String key = name.isObject() ? name.path("value").asText() : name.isTextual() ? name.asText() : "" + i;
                walk(path + "[" + key + "]", n.get(i), out);
            }
        }
    }

    /** The value text of a sourced leaf, e.g. {@code "dram.bandwidth"} -> {@code "42.7GB/s"}, or null. */
    static SourcedValue find(List<SourcedValue> values, String field) {
        return values.stream().filter(v -> v.field().equals(field)).findFirst().orElse(null);
    }
}
