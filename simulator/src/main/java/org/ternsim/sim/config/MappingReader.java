// Reads typed fields from one YAML mapping: each accessor declares a key (so unknown keys can be found), unwraps
// the {value, source, estimate} leaf form, records provenance, and turns every mistake into a located problem
// instead of throwing, so one pass reports all errors of a file. A key written without a value ("mshrs:" alone) is
// an error even where the key has a default: the user meant to set it, and the default would hide the mistake.
package org.ternsim.sim.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Typed, located access to one mapping. Accessors return null after recording a problem. */
final class MappingReader {
    /** Keys every mapping may carry: a block-level source and estimate flag that apply to its leaves. */
    static final String SOURCE = "source";
    static final String ESTIMATE = "estimate";
    private static final Set<String> LEAF_KEYS = Set.of("value", SOURCE, ESTIMATE);

    /** A leaf after unwrapping: the value node, its source (own or inherited) and estimate flag. */
    record Leaf(YamlNode value, String source, boolean estimate) {}

    final YamlNode node;
    final String path;
    final Problems problems;
    private final Map<String, String> provenance;
    private final String blockSource;
    private final boolean blockEstimate;
    private final Set<String> known = new LinkedHashSet<>();

    private MappingReader(YamlNode node, String path, Problems problems, Map<String, String> provenance,
            String inheritedSource, boolean inheritedEstimate) {
        this.node = node;
        this.path = path;
        this.problems = problems;
        this.provenance = provenance;
        String own = null;
        boolean est = inheritedEstimate;
        YamlNode s = node.get(SOURCE);
        if (s != null && isNull(s)) {
            noValue(node.entries().get(SOURCE), child(SOURCE), "text such as \"sysfs on the dev VM\"");
        } else if (s != null) {
            if (s.isScalar() && s.scalarType == YamlNode.ScalarType.STRING) own = s.text;
            else problems.add(s.line, s.col, child(SOURCE), "source must be a string", "text such as \"sysfs on the dev VM\"");
        }
        YamlNode e = node.get(ESTIMATE);
        if (e != null && isNull(e)) {
            noValue(node.entries().get(ESTIMATE), child(ESTIMATE), "true or false");
        } else if (e != null) {
            Boolean b = asBool(e, child(ESTIMATE));
            if (b != null) est = b;
        }
        this.blockSource = own != null ? own : inheritedSource;
        this.blockEstimate = est;
    }

    /** The root reader; returns null (problem recorded) if the document is not a mapping. */
    static MappingReader root(YamlNode doc, Problems problems, Map<String, String> provenance) {
        if (!doc.isMapping()) {
            problems.add(doc.line, doc.col, "(document)", "top level is not a mapping", "key: value pairs");
            return null;
        }
        return new MappingReader(doc, "", problems, provenance, null, false);
    }

    String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Whether the key is written, with or without a value (an empty one is reported by the accessor that reads it). */
    boolean has(String key) {
        return node.get(key) != null;
    }

    /** Whether the key is written without a value: {@code key:} alone or {@code key: {value: , source: ...}}. */
    boolean empty(String key) {
        YamlNode n = node.get(key);
        if (n != null && n.isMapping() && n.get("value") != null) n = n.get("value");
        return n != null && isNull(n);
    }

    /** Line and column of the key's value, or of this mapping if the key is absent. */
    int[] where(String key) {
        YamlNode n = node.get(key);
        if (n != null && n.isMapping() && n.get("value") != null) n = n.get("value");
        return n != null ? new int[] {n.line, n.col} : new int[] {node.line, node.col};
    }

    /**
     * Declares a key; returns its leaf, or null if absent or {@link #empty} (no problem recorded: the caller knows
     * whether a default applies) or malformed (problem recorded).
     */
    Leaf leaf(String key) {
        known.add(key);
        YamlNode n = node.get(key);
        if (n == null || empty(key)) return null;
        String p = child(key);
        if (n.isScalar()) return new Leaf(n, blockSource, blockEstimate);
        if (!n.isMapping() || n.get("value") == null) {
            problems.add(n.line, n.col, p, n.isMapping() ? "mapping without 'value'" : "a list is not allowed here",
                    "a scalar or {value: X, source: \"...\"}");
            return null;
        }
        for (YamlNode.Entry e : n.entries().values()) {
            if (!LEAF_KEYS.contains(e.key())) unknownKey(e, p, LEAF_KEYS);
        }
        String src = blockSource;
        YamlNode s = n.get(SOURCE);
        if (s != null) {
            if (s.isScalar() && s.scalarType == YamlNode.ScalarType.STRING) src = s.text;
            else problems.add(s.line, s.col, p + ".source", "source must be a string", "text such as \"sysfs\"");
        }
        boolean est = blockEstimate;
        YamlNode e = n.get(ESTIMATE);
        if (e != null) {
            Boolean b = asBool(e, p + ".estimate");
            if (b != null) est = b;
        }
        YamlNode v = n.get("value");
        if (!v.isScalar()) {
            problems.add(v.line, v.col, p, "value must be a scalar", "a scalar such as 48KiB");
            return null;
        }
        return new Leaf(v, src, est);
    }

    /** Records where a field's value came from (nothing if the file gives no source). */
    void record(String fieldPath, Leaf leaf) {
        if (leaf == null) {
            provenance.put(fieldPath, Provenance.DEFAULT);
        } else if (leaf.source() != null) {
            provenance.put(fieldPath, (leaf.estimate() ? Provenance.ESTIMATE_PREFIX : "") + leaf.source());
        }
    }

    /** Replaces the "default" provenance of an absent key by {@code source} (values taken from a named preset). */
    void recordPresetSource(String key, String source) {
        if (!has(key)) provenance.put(child(key), source);
    }

    /** A typed leaf through a parser that throws ConfigException("problem; expected form"). */
    <T> T typed(String key, Function<String, T> parser, T dflt, String form) {
        Leaf leaf = leaf(key);
        if (leaf == null) {
            if (node.get(key) != null && !empty(key)) return null; // malformed, already reported
            if (dflt == null || node.get(key) != null) {
                absent(key, "key", form);
                return null;
            }
            record(child(key), null);
            return dflt;
        }
        try {
            T v = parser.apply(leaf.value().text);
            record(child(key), leaf);
            return v;
        } catch (ConfigException ex) {
            problems.addFormatted(leaf.value().line, leaf.value().col, child(key), ex.getMessage());
            return null;
        }
    }

    String string(String key, String dflt) {
        return typed(key, s -> {
            if (s.isBlank()) throw new ConfigException("empty text; expected a non-empty string");
            return s;
        }, dflt, "a string");
    }

    /** A config's name becomes part of run directory names: letters, digits and a few marks, at most 80 characters. */
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,79}");

    /** The required {@code name} of a hardware, accelerator or workload config. */
    String name() {
        return typed("name", s -> {
            if (!NAME.matcher(s).matches()) {
                throw new ConfigException("'" + (s.length() > 40 ? s.substring(0, 40) + "...' (" + s.length()
                    + " characters)" : s + "'") + " cannot be part of a directory name; expected 1-80 letters, digits,"
                    + " '.', '_', '+' or '-', starting with a letter or digit");
            }
            return s;
        }, null, "a name");
    }

    Integer integer(String key, Integer dflt, int min, String example) {
        return integer(key, dflt, min, Integer.MAX_VALUE, example);
    }

    /** An integer in [min, max]: the upper bound keeps a typo (mshrs: 2147483647) from exhausting memory or time. */
    Integer integer(String key, Integer dflt, int min, int max, String example) {
        String form = "an integer " + (max == Integer.MAX_VALUE ? ">= " + min : "in " + min + ".." + max) + " such as " + example;
        Leaf leaf = leaf(key);
        if (leaf == null) return typed(key, s -> null, dflt, form); // default or missing, no re-declaration harm
        YamlNode v = leaf.value();
        if (v.scalarType != YamlNode.ScalarType.INTEGER) {
            problems.add(v.line, v.col, child(key), "'" + Units.show(v.text) + "' is not an integer", form);
            return null;
        }
        try {
            int i = Integer.parseInt(v.text.replace("_", ""));
            if (i < min || i > max) {
                problems.add(v.line, v.col, child(key), "must be " + (i < min ? ">= " + min : "<= " + max) + ", got " + i, form);
                return null;
            }
            record(child(key), leaf);
            return i;
        } catch (NumberFormatException ex) {
            problems.add(v.line, v.col, child(key), "'" + Units.show(v.text) + "' is out of range", form);
            return null;
        }
    }

    Boolean bool(String key, Boolean dflt) {
        Leaf leaf = leaf(key);
        if (leaf == null) return typed(key, s -> null, dflt, "true or false");
        Boolean b = asBool(leaf.value(), child(key));
        if (b != null) record(child(key), leaf);
        return b;
    }

    /** One of the given lower-case words (underscores and hyphens are interchangeable). */
    String choice(String key, List<String> allowed, String dflt) {
        String form = "one of " + String.join(", ", allowed);
        return typed(key, s -> {
            String w = s.toLowerCase(Locale.ROOT).replace('_', '-');
            if (allowed.contains(w)) return w;
            String hint = Suggestions.closest(w, allowed).map(x -> " (did you mean '" + x + "'?)").orElse("");
            throw new ConfigException("unknown value '" + Units.show(s) + "'" + hint + "; expected " + form);
        }, dflt, form);
    }

    /** A list of non-empty strings; required unless dflt is given. */
    List<String> stringList(String key, List<String> dflt, String example) {
        known.add(key);
        String form = "a list of names such as " + example;
        YamlNode n = node.get(key);
        if (n == null || isNull(n)) {
            if (dflt == null || n != null) {
                absent(key, "key", form);
                return null;
            }
            return dflt;
        }
        if (n.kind != YamlNode.Kind.SEQUENCE || n.items().isEmpty()) {
            problems.add(n.line, n.col, child(key), "not a non-empty list", form);
            return null;
        }
        List<String> out = new ArrayList<>();
        for (YamlNode i : n.items()) {
            if (!i.isScalar() || i.scalarType != YamlNode.ScalarType.STRING || i.text.isBlank()) {
                problems.add(i.line, i.col, child(key), "list item is not a name", form);
                return null;
            }
            out.add(i.text);
        }
        return out;
    }

    /** A nested mapping; required unless optional (then null without a problem if the key is absent). */
    MappingReader mapping(String key, boolean optional, String form) {
        known.add(key);
        YamlNode n = node.get(key);
        if (n == null || isNull(n)) {
            if (!optional || n != null) absent(key, "section", form);
            return null;
        }
        if (!n.isMapping()) {
            problems.add(n.line, n.col, child(key), "not a mapping", form);
            return null;
        }
        return new MappingReader(n, child(key), problems, provenance, blockSource, blockEstimate);
    }

    /** A mapping item of a sequence, read under the given path. */
    MappingReader item(YamlNode n, String itemPath, String form) {
        if (!n.isMapping()) {
            problems.add(n.line, n.col, itemPath, "list item is not a mapping", form);
            return null;
        }
        return new MappingReader(n, itemPath, problems, provenance, blockSource, blockEstimate);
    }

    /** A non-empty sequence; required. */
    List<YamlNode> sequence(String key, String form) {
        known.add(key);
        YamlNode n = node.get(key);
        if (n == null || isNull(n)) {
            absent(key, "list", form);
            return null;
        }
        if (n.kind != YamlNode.Kind.SEQUENCE || n.items().isEmpty()) {
            problems.add(n.line, n.col, child(key), "not a non-empty list", form);
            return null;
        }
        return n.items();
    }

    /**
     * A required key that is missing (reported at this mapping) or any key written without a value ({@code cores:}
     * alone, reported at the key's own line: the mapping's line would point somewhere else).
     */
    void absent(String key, String what, String form) {
        YamlNode.Entry e = node.entries().get(key);
        if (e == null) problems.add(node.line, node.col, child(key), "missing required " + what, form);
        else noValue(e, child(key), form);
    }

    private void noValue(YamlNode.Entry e, String p, String form) {
        problems.add(e.line(), e.col(), p, "has no value", form);
    }

    /** Reports keys no accessor asked for. Call after reading every field of this mapping. */
    void finish() {
        Set<String> allowed = new LinkedHashSet<>(known);
        allowed.add(SOURCE);
        allowed.add(ESTIMATE);
        for (YamlNode.Entry e : node.entries().values()) {
            if (!allowed.contains(e.key())) unknownKey(e, path, allowed);
        }
    }

    private void unknownKey(YamlNode.Entry e, String parentPath, Set<String> allowed) {
        String hint = Suggestions.closest(e.key(), allowed).map(s -> " (did you mean '" + s + "'?)").orElse("");
        String p = parentPath.isEmpty() ? e.key() : parentPath + "." + e.key();
        problems.add(e.line(), e.col(), p, "unknown key '" + e.key() + "'" + hint,
                "one of " + String.join(", ", allowed));
    }

    private Boolean asBool(YamlNode n, String p) {
        if (n.isScalar() && n.scalarType == YamlNode.ScalarType.BOOLEAN) return Boolean.valueOf(n.text);
        problems.add(n.line, n.col, p, "'" + (n.isScalar() ? Units.show(n.text) : n.kind) + "' is not a boolean", "true or false");
        return null;
    }

    private static boolean isNull(YamlNode n) {
        return n.isScalar() && n.scalarType == YamlNode.ScalarType.NULL;
    }
}
