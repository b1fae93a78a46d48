// Applies ConfigOverrides to a parsed YAML tree before it is read, so an overridden config goes through exactly the
// same validation (units, ranges, relations, unknown keys) as a file; replaced values keep the position of the value
// they replace, so errors still point at the line of the original file.
package org.ternsim.sim.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.regex.Pattern;

final class YamlOverrides {
    private static final Pattern INT = Pattern.compile("[-+]?\\d+");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][-+]?\\d+)?");
    private static final Pattern INDEX = Pattern.compile("(.+)\\[(\\d+)]");

    private YamlOverrides() {}

    /** The tree with every override applied in order; an unresolvable path is a problem and leaves the tree as is. */
    static YamlNode apply(YamlNode doc, List<ConfigOverride> overrides, Problems problems) {
        for (ConfigOverride o : overrides) {
            List<String> segs = segments(o.path());
            try {
                doc = set(doc, segs, 0, o, "");
            } catch (ConfigException e) {
                problems.add(doc.line, doc.col, o.path(), "cannot override: " + e.getMessage(),
                        "a field path of this config such as core.freq or caches.L2.size");
            }
        }
        return doc;
    }

    private static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("\\.")) {
            var m = INDEX.matcher(s);
            if (m.matches()) {
                out.add(m.group(1));
                out.add(m.group(2));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    private static YamlNode set(YamlNode node, List<String> segs, int i, ConfigOverride o, String at) {
        String seg = segs.get(i);
        String here = at.isEmpty() ? seg : at + "." + seg;
        boolean last = i == segs.size() - 1;
        if (node.kind == YamlNode.Kind.SEQUENCE) {
            int idx = itemIndex(node, seg, at);
            List<YamlNode> items = new ArrayList<>(node.items());
            YamlNode item = items.get(idx);
            if (last) throw new ConfigException(here + " is a list item, not a value");
            items.set(idx, set(item, segs, i + 1, o, here));
            return YamlNode.sequence(node.line, node.col, items);
        }
        if (!node.isMapping()) throw new ConfigException((at.isEmpty() ? "the document" : at) + " is not a mapping");
        LinkedHashMap<String, YamlNode.Entry> entries = new LinkedHashMap<>(node.entries());
        YamlNode.Entry old = entries.get(seg);
        YamlNode child;
        if (last) {
            YamlNode pos = old == null ? node : old.value();
            if (pos.isMapping() && pos.get("value") != null) pos = pos.get("value");
            child = leaf(pos.line, pos.col, o);
        } else {
            YamlNode sub = old != null ? old.value()
                    : YamlNode.mapping(node.line, node.col, new LinkedHashMap<>()); // loader rejects unknown keys
            child = set(sub, segs, i + 1, o, here);
        }
        int kl = old == null ? node.line : old.line();
        int kc = old == null ? node.col : old.col();
        entries.put(seg, new YamlNode.Entry(seg, kl, kc, child));
        return YamlNode.mapping(node.line, node.col, entries);
    }

    /** The list item a segment names: its index, or the item whose name is the segment. */
    private static int itemIndex(YamlNode seq, String seg, String at) {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < seq.items().size(); j++) {
            YamlNode item = seq.items().get(j);
            YamlNode n = item.isMapping() ? item.get("name") : null;
            if (n != null && n.isMapping()) n = n.get("value");
            String name = n != null && n.isScalar() ? n.text : null;
            if (seg.equals(name)) return j;
            names.add(name != null ? name : String.valueOf(j));
        }
        if (INT.matcher(seg).matches()) {
            int j = Integer.parseInt(seg);
            if (j >= 0 && j < seq.items().size()) return j;
        }
        String hint = Suggestions.closest(seg, names).map(s -> " (did you mean '" + s + "'?)").orElse("");
        throw new ConfigException(at + " has no item '" + seg + "'" + hint + "; items: " + String.join(", ", names));
    }

    /** {value: X, source: "..."}: an overridden value carries its own source rather than inheriting the block's. */
    private static YamlNode leaf(int line, int col, ConfigOverride o) {
        LinkedHashMap<String, YamlNode.Entry> m = new LinkedHashMap<>();
        m.put("value", new YamlNode.Entry("value", line, col, scalar(line, col, o.value())));
        String src = o.source() == null ? "override " + o : o.source();
        m.put(MappingReader.SOURCE, new YamlNode.Entry(MappingReader.SOURCE, line, col,
                YamlNode.scalar(line, col, src, YamlNode.ScalarType.STRING)));
        return YamlNode.mapping(line, col, m);
    }

    /** The scalar as YAML would type it, so "4" is an integer and "4GHz" a string, as in a file. */
    static YamlNode scalar(int line, int col, String text) {
        String t = text.trim();
        YamlNode.ScalarType type;
        if (INT.matcher(t).matches()) type = YamlNode.ScalarType.INTEGER;
        else if (FLOAT.matcher(t).matches()) type = YamlNode.ScalarType.FLOAT;
        else if (t.equals("true") || t.equals("false")) type = YamlNode.ScalarType.BOOLEAN;
        else if (t.isEmpty() || t.equals("null") || t.equals("~")) type = YamlNode.ScalarType.NULL;
        else type = YamlNode.ScalarType.STRING;
        return YamlNode.scalar(line, col, t, type);
    }
}
