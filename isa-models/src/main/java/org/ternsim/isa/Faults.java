// Registry of the fault sets of every ISA, for `validate --inject-fault` and the per-family fault tests.
package org.ternsim.isa;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.ternsim.isa.arm.ArmFaults;
import org.ternsim.isa.arm.ArmSemantics;
import org.ternsim.isa.x86.X86Faults;

public final class Faults {

    /** One entry per ISA's fault set; an ISA adds its set with one line here. */
    private static final List<Supplier<List<Fault>>> SETS = List.of(
        X86Faults::all,
        Faults::arm);

    private Faults() {
    }

    /** ArmFaults (name -> "mnemonic: description") as Faults of ISA "neon", which also covers "neon-dotprod". */
    private static List<Fault> arm() {
        List<Fault> out = new ArrayList<>();
        SemanticsTable base = ArmSemantics.neonDotprod();
        ArmFaults.available().forEach((name, description) -> {
            String mnemonic = ArmFaults.mnemonic(name);
            out.add(new Fault(name, ArmSemantics.NEON, "neon", mnemonic, description,
                ArmFaults.inject(base, name).lookup(mnemonic)));
        });
        return out;
    }

    public static List<Fault> all() {
        List<Fault> all = new ArrayList<>();
        SETS.forEach(s -> all.addAll(s.get()));
        return List.copyOf(all);
    }

    public static Optional<Fault> find(String name) {
        return all().stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The fault called {@code name}; the message lists the valid names. */
    public static Fault require(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown fault '" + name + "'; valid: "
            + String.join(", ", all().stream().map(Fault::name).toList())));
    }
}
