// What the zero detector of a skipping MAC reports: compacted array steps and non-zero groups, observed or expected.
package org.ternsim.sim.accel;

import java.util.function.Supplier;
import org.ternsim.isa.accel.AccelMachine;
import org.ternsim.isa.accel.TernaryMac;

/** Source of the zero-group counts the scheduler times a skipping {@link TernaryMac} with. */
public interface ZeroGroups {

    /**
     * @param steps  compacted array steps of one row-group pass, summed over the instruction's tokens
     * @param groups non-zero groups summed over the tokens (the groups the array computes)
     */
    record Counts(double steps, double groups) {}

    /** Counts of {@code m} on a datapath whose adder trees take {@code lanes} activations and whose compaction window
     *  spans {@code window} activations (whole 128-value blocks). */
    Counts of(TernaryMac m, int lanes, int window);

    /** The actual zeros in the ACT slot of the machine {@code machine} returns (a functional run). */
    static ZeroGroups observed(Supplier<AccelMachine> machine) {
        return (m, lanes, window) -> {
            int[] perBlock = m.nonZeroGroups(machine.get());
            int blocks = (m.kLen() + 127) / 128;
            int blocksPerWindow = window / 128;
            double steps = 0;
            double groups = 0;
            for (int t = 0; t < m.tokens(); t++) {
                for (int w0 = 0; w0 < blocks; w0 += blocksPerWindow) {
                    long nz = 0;
                    for (int b = w0; b < Math.min(blocks, w0 + blocksPerWindow); b++) {
                        nz += perBlock[t * blocks + b];
                    }
                    steps += AccelCosts.ceil(nz * m.skipGroup(), lanes);
                    groups += nz;
                }
            }
            return new Counts(steps, groups);
        };
    }
}
