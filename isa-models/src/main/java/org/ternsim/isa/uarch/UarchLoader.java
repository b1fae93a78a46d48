// Loads microarchitecture data files (bundled or from disk), resolves extends:, validates, builds records.
package org.ternsim.isa.uarch;

import org.ternsim.isa.uarch.UarchSpec.Cited;
import org.ternsim.isa.uarch.UarchSpec.CoreValue;
import org.ternsim.isa.uarch.UarchSpec.FormEntry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Entry point for microarchitecture tables.
 *
 * <pre>{@code
 * Microarchitecture zen5 = UarchLoader.load("zen5");               // bundled resource
 * InstrDesc d = zen5.desc("vpmaddubsw ymm, ymm, ymm");             // 1 uop, lat 3, rthr 0.5, 1*{FP0,FP1}
 * Microarchitecture mine = UarchLoader.load(Path.of("my-core.yaml"));
 * }</pre>
 *
 * <p>Files live in {@code org/ternsim/isa/uarch/<name>.yaml}; their header documents the format. A file may say
 * {@code extends: <parent>}: the parent is looked up next to the file first, then among the bundled files;
 * the child's fields, core values, sources and form entries override the parent's (see
 * {@link UarchSpec#over}). Cycles are reported. After merging, every port named in a usage must be declared,
 * every source id must be listed under {@code sources}, and every core field must be present.
 *
 * <p>Load latency convention: a form with {@code load: true} records latency <i>beyond</i> the cache access;
 * the simulator adds the hit latency of the level that serves it (L1: {@link CoreParams#loadToUseInt()} or
 * {@link CoreParams#loadToUseVec()}).
 *
 * <p>All format problems raise {@link UarchFormatException} with file, line, field path and what was expected.
 */
public final class UarchLoader {
    static final String RESOURCE_DIR = "org/ternsim/isa/uarch/";
    /** Lists the bundled names, one per line; a class-path directory cannot be listed inside a jar. */
    static final String INDEX = RESOURCE_DIR + "bundled.txt";

    private UarchLoader() {
    }

    /** Names of the bundled data files, e.g. {@code [zen5, zen5-256b]}. */
    public static List<String> bundled() {
        try (InputStream in = open(INDEX)) {
            if (in == null) {
                return List.of();
            }
            List<String> names = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    String s = line.strip();
                    if (!s.isEmpty() && !s.startsWith("#")) {
                        names.add(s);
                    }
                }
            }
            return List.copyOf(names);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads a bundled microarchitecture by name. */
    public static Microarchitecture load(String name) {
        if (!hasBundled(name)) {
            throw new IllegalArgumentException("no bundled microarchitecture '" + name + "' (bundled: "
                    + bundled() + ")");
        }
        return build(resolve(name, null, new LinkedHashSet<>(), null, 0));
    }

    /** Loads a data file from disk; its {@code extends:} parent may be a sibling file or a bundled name. */
    public static Microarchitecture load(Path file) {
        String base = file.getFileName().toString();
        if (!base.endsWith(".yaml")) {
            throw new UarchFormatException(file.toString(), 0, "", "expected a file name ending in .yaml");
        }
        return build(resolve(base.substring(0, base.length() - 5), file.toAbsolutePath().getParent(),
                new LinkedHashSet<>(), null, 0));
    }

    // ---- resolution ----

    /**
     * Reads {@code name} (from {@code dir} when that holds {@code name.yaml}, else bundled) and its ancestors,
     * merged. {@code chain} holds the names already being loaded, to report cycles at the child's extends line.
     */
    private static UarchSpec resolve(String name, Path dir, LinkedHashSet<String> chain, String childFile,
                                     int childLine) {
        if (chain.contains(name)) {
            List<String> cycle = new ArrayList<>(chain);
            cycle = cycle.subList(cycle.indexOf(name), cycle.size());
            throw new UarchFormatException(childFile, childLine, "extends",
                    "extends cycle: " + String.join(" -> ", cycle) + " -> " + name);
        }
        chain.add(name);
        UarchSpec spec;
        Path onDisk = dir == null ? null : dir.resolve(name + ".yaml");
        if (onDisk != null && Files.isRegularFile(onDisk)) {
            try (Reader r = Files.newBufferedReader(onDisk, StandardCharsets.UTF_8)) {
                spec = UarchFileReader.read(r, onDisk.toString());
            } catch (IOException e) {
                throw new UarchFormatException(onDisk.toString(), 0, "", "cannot read: " + e.getMessage());
            }
        } else if (hasBundled(name)) {
            String res = RESOURCE_DIR + name + ".yaml";
            try (InputStream in = open(res);
                 Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                spec = UarchFileReader.read(r, res);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            dir = null; // a bundled file's parents are bundled too
        } else {
            throw new UarchFormatException(childFile, childLine, "extends", "unknown microarchitecture '" + name
                    + "' (no file " + onDisk + " and no bundled one; bundled: " + bundled() + ")");
        }
        if (!spec.name().equals(name)) {
            throw new UarchFormatException(spec.file(), spec.nameLine(), "name",
                    "expected '" + name + "' (the file's base name), got '" + spec.name() + "'");
        }
        if (spec.parent() == null) {
            return spec;
        }
        UarchSpec parent = resolve(spec.parent(), dir, chain, spec.file(), spec.parentLine());
        return spec.over(parent);
    }

    // ---- validation after merging, then the records ----

    private static Microarchitecture build(UarchSpec s) {
        String file = s.file();
        if (s.description() == null) {
            throw new UarchFormatException(file, 1, "description", "missing (and not inherited)");
        }
        if (s.ports() == null || s.ports().isEmpty()) {
            throw new UarchFormatException(file, 1, "ports", "missing (and not inherited): declare the "
                    + "execution ports that usages may name");
        }
        Map<String, String> sources = new LinkedHashMap<>();
        s.sources().forEach((id, c) -> sources.put(id, c.text()));

        Map<String, String> coreSources = new LinkedHashMap<>();
        for (String key : UarchFileReader.CORE_KEYS.keySet()) {
            CoreValue v = s.core().get(key);
            if (v == null && UarchFileReader.OPTIONAL_CORE_KEYS.contains(key)) {
                continue;
            }
            if (v == null) {
                throw new UarchFormatException(file, s.coreLine(), "core." + key,
                        "missing required core field (and not inherited); expected {value: ..., source: ...}");
            }
            checkSources(v.source(), sources, v.file(), v.line(), "core." + key + ".source");
            coreSources.put(key, v.source());
        }
        for (var p : s.ports().entrySet()) {
            Cited c = p.getValue();
            checkSources(c.source(), sources, c.file(), c.line(), "ports." + p.getKey() + ".source");
        }
        Map<String, InstrDesc> forms = new LinkedHashMap<>();
        for (FormEntry f : s.forms().values()) {
            InstrDesc d = f.desc();
            String path = "forms.\"" + d.form() + "\"";
            for (PortUse u : d.usage()) {
                for (String port : u.ports()) {
                    if (!s.ports().containsKey(port)) {
                        throw new UarchFormatException(f.file(), f.usageLine(), path + ".usage",
                                "port " + port + " is not declared in ports (declared: "
                                        + String.join(", ", s.ports().keySet()) + ")");
                    }
                }
            }
            checkSources(d.source(), sources, f.file(), f.sourceLine(), path + ".source");
            forms.put(d.form(), d);
        }
        CoreParams core = new CoreParams(intv(s, "dispatch_width"), intv(s, "retire_width"), intv(s, "rob_size"),
                intv(s, "scheduler_size"), intv(s, "load_queue"), intv(s, "store_queue"),
                intv(s, "load_to_use_int"), intv(s, "load_to_use_vec"), intv(s, "vector_width_bits"),
                intv(s, "zmm_split"), (Boolean) s.core().get("fuses_cmp_jcc").value(),
                intv(s, "fp_scheduler_size"), intv(s, "mispredict_penalty"),
                s.core().containsKey("vector_rename_registers") ? intv(s, "vector_rename_registers") : 0,
                s.core().containsKey("fp_nonscheduling_queue") ? intv(s, "fp_nonscheduling_queue") : 0);
        if (core.dispatchWidth() < 1 || core.zmmSplit() < 1) {
            CoreValue bad = s.core().get(core.dispatchWidth() < 1 ? "dispatch_width" : "zmm_split");
            throw new UarchFormatException(bad.file(), bad.line(), "core", "dispatch_width and zmm_split must "
                    + "be >= 1");
        }
        return new Microarchitecture(s.name(), s.description(), core, List.copyOf(s.ports().keySet()), forms,
                sources, coreSources);
    }

    private static void checkSources(String text, Map<String, String> sources, String file, int line,
                                     String path) {
        for (String id : UarchFileReader.sourceIds(text)) {
            if (!sources.containsKey(id)) {
                throw new UarchFormatException(file, line, path, "unknown source id '" + id
                        + "' (expected one of the ids under sources: " + String.join(", ", sources.keySet()) + ")");
            }
        }
    }

    private static int intv(UarchSpec s, String key) {
        return (Integer) s.core().get(key).value();
    }

    private static boolean hasBundled(String name) {
        return bundled().contains(name);
    }

    private static InputStream open(String resource) {
        return UarchLoader.class.getClassLoader().getResourceAsStream(resource);
    }
}
