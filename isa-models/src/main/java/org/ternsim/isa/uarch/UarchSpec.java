// One data file as written, before extends: is resolved; every entry keeps its file and line for errors.
package org.ternsim.isa.uarch;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The content of one microarchitecture data file, possibly partial (a file that {@code extends} another may
 * leave fields out). Values keep the file and line they came from so that checks made after merging a child
 * with its parent (undeclared port, unknown source id, missing field) still point at the right line.
 */
record UarchSpec(String file, String name, int nameLine, String description, String parent, int parentLine,
                 Map<String, Cited> sources, Map<String, CoreValue> core, int coreLine,
                 Map<String, Cited> ports, Map<String, FormEntry> forms) {

    /** A text with its source string (ports) or a citation (sources: {@code source} is null). */
    record Cited(String text, String source, String file, int line) {
    }

    /** One core field: an Integer or Boolean value with its source. */
    record CoreValue(Object value, String source, String note, String file, int line) {
    }

    /** One form: its descriptor and where its entry, usage and source were written. */
    record FormEntry(InstrDesc desc, String file, int line, int usageLine, int sourceLine) {
    }

    /**
     * This child laid over {@code parent}: scalar fields, core fields, sources and forms of the child win
     * (a form entry is replaced whole, so its numbers and its source stay together); {@code ports}, when the
     * child gives it, replaces the parent's list.
     */
    UarchSpec over(UarchSpec parent) {
        Map<String, Cited> src = new LinkedHashMap<>(parent.sources);
        src.putAll(sources);
        Map<String, CoreValue> c = new LinkedHashMap<>(parent.core);
        c.putAll(core);
        Map<String, FormEntry> f = new LinkedHashMap<>(parent.forms);
        f.putAll(forms);
        return new UarchSpec(file, name, nameLine, description != null ? description : parent.description,
                parent.parent, parent.parentLine, src, c, coreLine, ports != null ? ports : parent.ports, f);
    }
}
