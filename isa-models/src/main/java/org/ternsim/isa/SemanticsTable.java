// The semantics of an ISA, looked up by mnemonic; replaceable per mnemonic so tests can inject faults.
package org.ternsim.isa;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

public final class SemanticsTable {

    private final String isa;
    private final Map<String, InstructionSemantics> byMnemonic;

    public SemanticsTable(String isa, Map<String, InstructionSemantics> byMnemonic) {
        this.isa = isa;
        this.byMnemonic = Map.copyOf(byMnemonic);
    }

    public String isa() {
        return isa;
    }

    public InstructionSemantics lookup(String mnemonic) {
        InstructionSemantics s = byMnemonic.get(mnemonic);
        if (s == null) {
            throw new IllegalArgumentException(isa + " has no semantics for '" + mnemonic + "'");
        }
        return s;
    }

    public boolean supports(String mnemonic) {
        return byMnemonic.containsKey(mnemonic);
    }

    public Set<String> mnemonics() {
        return new TreeSet<>(byMnemonic.keySet());
    }

    /** A copy in which {@code mnemonic} behaves as {@code replacement}, e.g. a deliberately broken variant. */
    public SemanticsTable withOverride(String mnemonic, InstructionSemantics replacement) {
        lookup(mnemonic);
        Map<String, InstructionSemantics> copy = new HashMap<>(byMnemonic);
        copy.put(mnemonic, replacement);
        return new SemanticsTable(isa + "+override(" + mnemonic + ")", copy);
    }
}
