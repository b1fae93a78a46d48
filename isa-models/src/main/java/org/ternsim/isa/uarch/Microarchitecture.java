// One microarchitecture: core parameters, ports and per-form timing, as loaded from a data file.
package org.ternsim.isa.uarch;

import java.util.List;
import java.util.Map;

/**
 * A microarchitecture as described by one data file (after {@code extends:} is resolved), loaded by
 * {@link UarchLoader}. Immutable.
 *
 * @param name        short name, equal to the data file's base name ({@code zen5})
 * @param description one line: vendor, core, parts it models
 * @param core        core-wide parameters
 * @param ports       execution ports / issue-limited resources usable in {@link PortUse}, in file order
 * @param forms       timing per canonical form string, in file order
 * @param sources     source id to full citation
 * @param coreSources core field name (as in the file, e.g. {@code rob_size}) to its source string
 */
public record Microarchitecture(String name, String description, CoreParams core, List<String> ports,
                                Map<String, InstrDesc> forms, Map<String, String> sources,
                                Map<String, String> coreSources) {

    public Microarchitecture {
        ports = List.copyOf(ports);
        // Map.copyOf would lose the file order that reports rely on.
        forms = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(forms));
        sources = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sources));
        coreSources = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(coreSources));
    }

    /**
     * Timing of a form; the spelling is normalised with {@link InstrDesc#canonicalForm}.
     *
     * @throws UnknownFormException when the data file has no entry for it
     */
    public InstrDesc desc(String form) {
        InstrDesc d = forms.get(InstrDesc.canonicalForm(form));
        if (d == null) {
            throw new UnknownFormException(name + " has no timing for form '" + form + "' (known forms: "
                    + String.join("; ", forms.keySet()) + ")");
        }
        return d;
    }

    /** True when {@link #desc} would find the form. */
    public boolean has(String form) {
        return forms.containsKey(InstrDesc.canonicalForm(form));
    }
}
