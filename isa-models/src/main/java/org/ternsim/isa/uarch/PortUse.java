// One term of a port-usage expression: `count` uops, each of which may issue on any one of `ports`.
package org.ternsim.isa.uarch;

import java.util.List;

/**
 * One term of an instruction form's port usage, as in uops.info / uiCA notation: {@code 2*{FP0,FP1}} is
 * {@code new PortUse(2, List.of("FP0", "FP1"))} — two uops, each of which may be issued to FP0 or to FP1.
 *
 * @param count number of uops (issue slots) this term places on the listed ports, {@code >= 1}
 * @param ports names of the ports any one of these uops may use (non-empty, no duplicates, declared in the
 *              microarchitecture's {@code ports})
 */
public record PortUse(int count, List<String> ports) {
    public PortUse {
        if (count < 1) {
            throw new IllegalArgumentException("port use count must be >= 1, got " + count);
        }
        ports = List.copyOf(ports);
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("port use needs at least one port");
        }
        if (ports.stream().distinct().count() != ports.size()) {
            throw new IllegalArgumentException("port listed twice in " + ports);
        }
    }

    /** The term in the notation {@link PortUsageParser} reads, e.g. {@code 1*{FP0,FP1}} or {@code 1*FP1}. */
    @Override
    public String toString() {
        return count + "*" + (ports.size() == 1 ? ports.get(0) : "{" + String.join(",", ports) + "}");
    }
}
