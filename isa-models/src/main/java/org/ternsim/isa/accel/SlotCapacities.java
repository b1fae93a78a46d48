// Per-slot capacities of the on-chip buffers (half of each buffer when double buffered), in the units the ISA uses.
package org.ternsim.isa.accel;

/**
 * @param weightBytes  packed weight bytes per WEIGHT slot
 * @param actBytes     activation bytes per ACT slot
 * @param lutEntries   int16 table entries per LUT slot (16 per activation group)
 * @param accumulators outputs per OUT slot (an int32, or 16 float lanes for W1.58A16, plus the 4-byte result)
 * @param paramBytes   bytes per PARAM slot (8 per token)
 */
public record SlotCapacities(long weightBytes, long actBytes, long lutEntries, long accumulators, long paramBytes) {

    public SlotCapacities {
        if (weightBytes < 1 || actBytes < 1 || lutEntries < 0 || accumulators < 1 || paramBytes < 8) {
            throw new IllegalArgumentException("buffer slots too small: " + weightBytes + " B weight, " + actBytes
                    + " B act, " + lutEntries + " LUT entries, " + accumulators + " accumulators, " + paramBytes
                    + " B param");
        }
    }
}
