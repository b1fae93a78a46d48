// Turns the located YAML tree of one data file into a UarchSpec, rejecting unknown keys and bad values.
package org.ternsim.isa.uarch;

import org.ternsim.isa.uarch.LocatedYaml.ListNode;
import org.ternsim.isa.uarch.LocatedYaml.MapNode;
import org.ternsim.isa.uarch.LocatedYaml.Node;
import org.ternsim.isa.uarch.LocatedYaml.Scalar;
import org.ternsim.isa.uarch.UarchSpec.Cited;
import org.ternsim.isa.uarch.UarchSpec.CoreValue;
import org.ternsim.isa.uarch.UarchSpec.FormEntry;

import com.fasterxml.jackson.core.JsonToken;

import java.io.Reader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one file's syntax and local rules (types, ranges, known keys, port-usage grammar, canonical form
 * spelling). Rules that need the parent file too (ports declared, source ids known, nothing missing) are
 * checked by {@link UarchLoader} after merging.
 */
final class UarchFileReader {
    static final Set<String> TOP_KEYS = Set.of("name", "description", "extends", "sources", "core", "ports",
            "forms");
    /** Core fields and whether each is boolean (else a non-negative integer). Order = documentation order. */
    static final Map<String, Boolean> CORE_KEYS = new LinkedHashMap<>();

    static {
        for (String k : List.of("dispatch_width", "retire_width", "rob_size", "scheduler_size",
                "fp_scheduler_size", "load_queue", "store_queue", "load_to_use_int", "load_to_use_vec",
                "vector_width_bits", "zmm_split", "mispredict_penalty", "vector_rename_registers",
                "fp_nonscheduling_queue")) {
            CORE_KEYS.put(k, false);
        }
        CORE_KEYS.put("fuses_cmp_jcc", true);
    }

    /** Core fields a table may omit; an omitted one means "not modelled" (value 0). */
    static final Set<String> OPTIONAL_CORE_KEYS = Set.of("vector_rename_registers", "fp_nonscheduling_queue");
    static final Set<String> CORE_FIELD_KEYS = Set.of("value", "source", "note");
    static final Set<String> PORT_KEYS = Set.of("desc", "source");
    static final Set<String> FORM_KEYS = Set.of("uops", "latency", "rthr", "usage", "occupancy", "load", "store",
            "source", "estimate", "basis", "note", "zero_idiom", "accumulate_latency", "accumulate_group");
    private static final Pattern SOURCE_ID = Pattern.compile("^([A-Za-z][A-Za-z0-9_-]*)");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    private final String file;

    private UarchFileReader(String file) {
        this.file = file;
    }

    static UarchSpec read(Reader in, String file) {
        return new UarchFileReader(file).spec(LocatedYaml.read(in, file));
    }

    private UarchSpec spec(Node root) {
        MapNode top = map(root, "");
        checkKeys(top, "", TOP_KEYS);
        String name = string(required(top, "name", ""), "name");
        if (!NAME.matcher(name).matches()) {
            throw error(top.values().get("name").line(), "name",
                    "expected a lower-case name like 'zen5' or 'zen5-256b', got '" + name + "'");
        }
        String description = top.values().containsKey("description")
                ? string(top.values().get("description"), "description") : null;
        String parent = null;
        int parentLine = 0;
        Node ext = top.values().get("extends");
        if (ext != null && !(ext instanceof Scalar s && s.isNull())) {
            parent = string(ext, "extends");
            parentLine = ext.line();
        }

        Map<String, Cited> sources = new LinkedHashMap<>();
        if (top.values().containsKey("sources")) {
            MapNode m = map(top.values().get("sources"), "sources");
            for (var e : m.values().entrySet()) {
                String path = "sources." + e.getKey();
                if (!SOURCE_ID.matcher(e.getKey()).matches()
                        || !e.getKey().equals(firstId(e.getKey()))) {
                    throw error(m.keyLines().get(e.getKey()), path,
                            "expected a source id of letters, digits, '_' or '-', got '" + e.getKey() + "'");
                }
                sources.put(e.getKey(), new Cited(string(e.getValue(), path), null, file, e.getValue().line()));
            }
        }

        Map<String, CoreValue> core = new LinkedHashMap<>();
        int coreLine = top.keyLines().getOrDefault("core", 1);
        if (top.values().containsKey("core")) {
            MapNode m = map(top.values().get("core"), "core");
            checkKeys(m, "core", CORE_KEYS.keySet());
            for (var e : m.values().entrySet()) {
                core.put(e.getKey(), coreValue(e.getValue(), "core." + e.getKey(), CORE_KEYS.get(e.getKey())));
            }
        }

        Map<String, Cited> ports = null;
        if (top.values().containsKey("ports")) {
            ports = new LinkedHashMap<>();
            MapNode m = map(top.values().get("ports"), "ports");
            for (var e : m.values().entrySet()) {
                String path = "ports." + e.getKey();
                int line = m.keyLines().get(e.getKey());
                try {
                    if (PortUsageParser.parse("1*" + e.getKey()).get(0).ports().size() != 1) {
                        throw new IllegalArgumentException();
                    }
                } catch (IllegalArgumentException bad) {
                    throw error(line, path, "expected a port name (letter, then letters, digits or '_'), got '"
                            + e.getKey() + "'");
                }
                MapNode pm = map(e.getValue(), path);
                checkKeys(pm, path, PORT_KEYS);
                String desc = string(required(pm, "desc", path), path + ".desc");
                String source = sourceText(required(pm, "source", path), path + ".source");
                ports.put(e.getKey(), new Cited(desc, source, file, line));
            }
        }

        Map<String, FormEntry> forms = new LinkedHashMap<>();
        if (top.values().containsKey("forms")) {
            MapNode m = map(top.values().get("forms"), "forms");
            for (var e : m.values().entrySet()) {
                forms.put(e.getKey(), form(e.getKey(), m.keyLines().get(e.getKey()), e.getValue()));
            }
        }
        return new UarchSpec(file, name, top.values().get("name").line(), description, parent, parentLine,
                sources, core, coreLine, ports, forms);
    }

    private CoreValue coreValue(Node n, String path, boolean isBool) {
        MapNode m = map(n, path);
        checkKeys(m, path, CORE_FIELD_KEYS);
        Node v = required(m, "value", path);
        Object value = isBool ? (Object) bool(v, path + ".value") : (Object) integer(v, path + ".value", 0);
        String source = sourceText(required(m, "source", path), path + ".source");
        String note = m.values().containsKey("note") ? string(m.values().get("note"), path + ".note") : "";
        return new CoreValue(value, source, note, file, m.line());
    }

    private FormEntry form(String key, int line, Node n) {
        String path = "forms.\"" + key + "\"";
        String canonical = InstrDesc.canonicalForm(key);
        if (!canonical.equals(key)) {
            throw error(line, path, "expected the canonical spelling '" + canonical + "'");
        }
        List<String> badKinds = InstrDesc.unknownOperandKinds(key);
        if (!badKinds.isEmpty()) {
            throw error(line, path, "unknown operand kind(s) " + badKinds + " (expected one of "
                    + new java.util.TreeSet<>(InstrDesc.OPERAND_KINDS) + " or, for AArch64, "
                    + new java.util.TreeSet<>(InstrDesc.ARM_OPERAND_KINDS) + ")");
        }
        MapNode m = map(n, path);
        checkKeys(m, path, FORM_KEYS);
        int uops = integer(required(m, "uops", path), path + ".uops", 0);
        int latency = integer(required(m, "latency", path), path + ".latency", 0);
        double rthr = number(required(m, "rthr", path), path + ".rthr");
        Node usageNode = required(m, "usage", path);
        List<PortUse> usage;
        String usageText = string(usageNode, path + ".usage");
        try {
            usage = PortUsageParser.parse(usageText);
        } catch (IllegalArgumentException e) {
            throw error(usageNode.line(), path + ".usage", "expected " + PortUsageParser.EXPECTED + ": "
                    + e.getMessage());
        }
        int occupancy = m.values().containsKey("occupancy")
                ? integer(m.values().get("occupancy"), path + ".occupancy", 1) : 1;
        boolean load = optBool(m, "load", path);
        boolean store = optBool(m, "store", path);
        Node sourceNode = required(m, "source", path);
        String source = sourceText(sourceNode, path + ".source");
        boolean estimate = optBool(m, "estimate", path);
        String basis = m.values().containsKey("basis") ? string(m.values().get("basis"), path + ".basis") : "";
        if (estimate && basis.isBlank()) {
            throw error(m.line(), path + ".basis", "an estimate needs 'basis:' saying how it was made");
        }
        if (!estimate && !basis.isBlank()) {
            throw error(m.keyLines().get("basis"), path + ".basis", "'basis:' is only for 'estimate: true' forms");
        }
        String note = m.values().containsKey("note") ? string(m.values().get("note"), path + ".note") : "";
        boolean zeroIdiom = optBool(m, "zero_idiom", path);
        int accLatency = m.values().containsKey("accumulate_latency")
                ? integer(m.values().get("accumulate_latency"), path + ".accumulate_latency", 1) : 0;
        String accGroup = m.values().containsKey("accumulate_group")
                ? string(m.values().get("accumulate_group"), path + ".accumulate_group") : "";
        if (accLatency > latency) {
            throw error(m.keyLines().get("accumulate_latency"), path + ".accumulate_latency",
                    "expected an integer from 1 to the form's latency " + latency);
        }
        if ((accLatency > 0) == accGroup.isBlank()) {
            String missing = accLatency > 0 ? "accumulate_group" : "accumulate_latency";
            throw error(m.line(), path + "." + missing,
                    "'accumulate_latency:' and 'accumulate_group:' go together (late forwarding of an accumulator)");
        }
        InstrDesc d = new InstrDesc(key, uops, latency, rthr, usage, occupancy, load, store, source, estimate,
                basis, note, zeroIdiom, accLatency, accGroup.strip());
        return new FormEntry(d, file, line, usageNode.line(), sourceNode.line());
    }

    // ---- helpers: each names the field path and what was expected ----

    /** Source ids of a source string: items split on ';', each starting with an id. */
    static List<String> sourceIds(String text) {
        return java.util.Arrays.stream(text.split(";")).map(String::strip).map(UarchFileReader::firstId).toList();
    }

    private static String firstId(String item) {
        Matcher mm = SOURCE_ID.matcher(item);
        return mm.find() ? mm.group(1) : "";
    }

    private String sourceText(Node n, String path) {
        String s = string(n, path);
        for (String item : s.split(";")) {
            if (firstId(item.strip()).isEmpty()) {
                throw error(n.line(), path, "expected source ids separated by ';' (each optionally followed by "
                        + "what was taken from it, e.g. 'ILX lat/rthr; ZN5TD ports'), got '" + s + "'");
            }
        }
        return s;
    }

    private MapNode map(Node n, String path) {
        if (n instanceof MapNode m) {
            return m;
        }
        throw error(n.line(), path, "expected a mapping (key: value lines), got " + describe(n));
    }

    private void checkKeys(MapNode m, String path, Set<String> allowed) {
        for (var e : m.keyLines().entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw error(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(),
                        "unknown key '" + e.getKey() + "' (expected one of " + new java.util.TreeSet<>(allowed) + ")");
            }
        }
    }

    private Node required(MapNode m, String key, String path) {
        Node n = m.values().get(key);
        if (n == null) {
            throw error(m.line(), path.isEmpty() ? key : path + "." + key, "missing required key '" + key + "'");
        }
        return n;
    }

    private String string(Node n, String path) {
        if (n instanceof Scalar s && !s.isNull() && s.token() != JsonToken.VALUE_TRUE
                && s.token() != JsonToken.VALUE_FALSE) {
            return s.text();
        }
        throw error(n.line(), path, "expected a text, got " + describe(n));
    }

    private int integer(Node n, String path, int min) {
        if (n instanceof Scalar s && s.token() == JsonToken.VALUE_NUMBER_INT) {
            try {
                int v = Integer.parseInt(s.text());
                if (v >= min) {
                    return v;
                }
            } catch (NumberFormatException ignored) {
                // falls through to the error below
            }
        }
        throw error(n.line(), path, "expected a whole number >= " + min + ", got " + describe(n));
    }

    private double number(Node n, String path) {
        if (n instanceof Scalar s && (s.token() == JsonToken.VALUE_NUMBER_INT
                || s.token() == JsonToken.VALUE_NUMBER_FLOAT)) {
            double v = Double.parseDouble(s.text());
            if (v > 0 && Double.isFinite(v)) {
                return v;
            }
        }
        throw error(n.line(), path, "expected a number > 0 (cycles per instruction), got " + describe(n));
    }

    private boolean bool(Node n, String path) {
        if (n instanceof Scalar s && (s.token() == JsonToken.VALUE_TRUE || s.token() == JsonToken.VALUE_FALSE)) {
            return s.token() == JsonToken.VALUE_TRUE;
        }
        throw error(n.line(), path, "expected true or false, got " + describe(n));
    }

    private boolean optBool(MapNode m, String key, String path) {
        return m.values().containsKey(key) && bool(m.values().get(key), path + "." + key);
    }

    private static String describe(Node n) {
        if (n instanceof MapNode) {
            return "a mapping";
        }
        if (n instanceof ListNode) {
            return "a list";
        }
        Scalar s = (Scalar) n;
        return s.isNull() ? "nothing (null)" : "'" + s.text() + "'";
    }

    private UarchFormatException error(int line, String path, String message) {
        return new UarchFormatException(file, line, path, message);
    }
}
