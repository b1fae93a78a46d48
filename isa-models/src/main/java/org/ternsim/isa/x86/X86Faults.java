// Deliberately wrong variants of x86 instructions, to show that validation catches a broken semantics.
package org.ternsim.isa.x86;

import static org.ternsim.isa.MachineState.putShort;

import java.util.Map;
import java.util.TreeMap;
import org.ternsim.isa.InstructionSemantics;
import org.ternsim.isa.SemanticsTable;

public final class X86Faults {

    private record Fault(String mnemonic, String description, InstructionSemantics semantics) {
    }

    private static final Map<String, Fault> FAULTS = new TreeMap<>(Map.of(
        "vpmaddubsw-no-pair-sum", new Fault("vpmaddubsw", "keeps the even product of each pair and drops the odd one",
            (in, s) -> {
                int w = X86Semantics.width(in);
                byte[] a = s.readVector(in.op(1), w);
                byte[] b = s.readVector(in.op(2), w);
                byte[] r = new byte[w];
                for (int i = 0; i < w / 2; i++) {
                    int sum = (a[2 * i] & 0xFF) * b[2 * i];
                    putShort(r, i, Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sum)));
                }
                s.writeVector(in.reg(0), r);
            }),
        "vpaddw-saturating", new Fault("vpaddw", "saturates instead of wrapping (that is vpaddsw)",
            X86Semantics.lanes16((x, y) -> Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, x + y))))));

    private X86Faults() {
    }

    public static Map<String, String> available() {
        Map<String, String> m = new TreeMap<>();
        FAULTS.forEach((name, f) -> m.put(name, f.description()));
        return m;
    }

    public static SemanticsTable inject(SemanticsTable table, String fault) {
        Fault f = FAULTS.get(fault);
        if (f == null) {
            throw new IllegalArgumentException("unknown fault '" + fault + "'; valid: " + String.join(", ", FAULTS.keySet()));
        }
        return table.withOverride(f.mnemonic(), f.semantics());
    }
}
