// Tolerant look-ups in a Jackson tree: the first of several dotted paths that exists, as text, number or node.
package org.ternsim.reports.data;

import com.fasterxml.jackson.databind.JsonNode;

final class Json {

    private Json() {
    }

    /** The node at the first of {@code paths} (dotted, e.g. {@code "summary.latencySeconds"}) that exists and is not null. */
    static JsonNode node(JsonNode root, String... paths) {
        for (String path : paths) {
            JsonNode n = root;
            for (String part : path.split("\\.")) {
                n = n == null ? null : n.get(part);
            }
            if (n != null && !n.isNull() && !n.isMissingNode()) {
                return n;
            }
        }
        return null;
    }

    static String text(JsonNode root, String... paths) {
        JsonNode n = node(root, paths);
        return n == null || n.isContainerNode() ? null : n.asText();
    }

    /** A number, also from a numeric string; null when absent or not a number. */
    static Double number(JsonNode root, String... paths) {
        JsonNode n = node(root, paths);
        if (n == null) {
            return null;
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isTextual()) {
            try {
                return Double.parseDouble(n.asText().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static Long integer(JsonNode root, String... paths) {
        Double d = number(root, paths);
        return d == null ? null : Math.round(d);
    }
}
