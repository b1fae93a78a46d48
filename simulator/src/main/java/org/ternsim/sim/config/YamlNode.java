// A minimal YAML tree that, unlike Jackson's JsonNode, remembers where each node and key came from, so every
// config error can name its line and column.
package org.ternsim.sim.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One YAML node with its 1-based source position. Mappings keep key order and key positions. */
final class YamlNode {
    enum Kind { MAPPING, SEQUENCE, SCALAR }

    /** What the scalar looked like in the file: plain numbers are told apart from strings such as "48KiB". */
    enum ScalarType { STRING, INTEGER, FLOAT, BOOLEAN, NULL }

    /** A mapping entry: the key with its own position, and the value. */
    record Entry(String key, int line, int col, YamlNode value) {}

    final Kind kind;
    final int line;
    final int col;
    final String text;             // scalars only
    final ScalarType scalarType;   // scalars only
    private final Map<String, Entry> entries; // mappings only
    private final List<YamlNode> items;       // sequences only

    private YamlNode(Kind kind, int line, int col, String text, ScalarType type, Map<String, Entry> entries,
            List<YamlNode> items) {
        this.kind = kind;
        this.line = line;
        this.col = col;
        this.text = text;
        this.scalarType = type;
        this.entries = entries;
        this.items = items;
    }

    static YamlNode scalar(int line, int col, String text, ScalarType type) {
        return new YamlNode(Kind.SCALAR, line, col, text, type, null, null);
    }

    static YamlNode mapping(int line, int col, LinkedHashMap<String, Entry> entries) {
        return new YamlNode(Kind.MAPPING, line, col, null, null, Collections.unmodifiableMap(entries), null);
    }

    static YamlNode sequence(int line, int col, List<YamlNode> items) {
        return new YamlNode(Kind.SEQUENCE, line, col, null, null, null, List.copyOf(items));
    }

    Map<String, Entry> entries() {
        return entries;
    }

    List<YamlNode> items() {
        return items;
    }

    /** The value under key, or null. */
    YamlNode get(String key) {
        Entry e = entries == null ? null : entries.get(key);
        return e == null ? null : e.value();
    }

    boolean isScalar() {
        return kind == Kind.SCALAR;
    }

    boolean isMapping() {
        return kind == Kind.MAPPING;
    }
}
