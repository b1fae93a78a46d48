// The compute unit of a PE: a ternary adder tree (no multipliers), a LUT unit, or an INT8 MAC baseline.
package org.ternsim.sim.accel;

import java.util.List;

/** PE compute unit kinds, named as in the YAML. */
public enum PeUnit {
    /** Weights select +a / -a / 0 into an adder tree of {@code cols} inputs per row. */
    TERNARY_ADDER_TREE("ternary-adder-tree"),
    /** TL2-style: tables of 14 sums per activation triple, indexed by packed weights; {@code cols} lookups per row. */
    LUT("lut"),
    /** Baseline: {@code cols} INT8 multipliers per row feeding an adder tree (ternary weights as INT8 -1/0/+1). */
    INT8_MAC("int8-mac");

    public static final List<String> NAMES = List.of("ternary-adder-tree", "lut", "int8-mac");

    private final String id;

    PeUnit(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static PeUnit byId(String id) {
        for (PeUnit u : values()) {
            if (u.id.equals(id)) {
                return u;
            }
        }
        throw new IllegalArgumentException("unknown PE unit " + id);
    }
}
