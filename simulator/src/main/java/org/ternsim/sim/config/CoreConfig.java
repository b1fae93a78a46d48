// The core type: which microarchitecture table to time instructions with, its clock and its ISA extensions.
package org.ternsim.sim.config;

import java.util.List;
import java.util.Objects;

/**
 * @param uarch  isa-models microarchitecture name, e.g. {@code "zen5"}
 * @param freqHz core clock in Hz used to convert cycles to time
 * @param isa    ISA extensions kernels may be lowered to, e.g. {@code ["avx2", "avx512"]}
 */
public record CoreConfig(String uarch, double freqHz, List<String> isa) {
    public CoreConfig {
        Objects.requireNonNull(uarch, "uarch");
        isa = List.copyOf(isa);
        if (!(freqHz > 0)) throw new IllegalArgumentException("freqHz must be positive");
    }
}
