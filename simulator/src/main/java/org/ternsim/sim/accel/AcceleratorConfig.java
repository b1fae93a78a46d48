// A ternary-accelerator design as configs/hw/accel-*.yaml describes it (schema in AcceleratorConfigLoader).
package org.ternsim.sim.accel;

import java.nio.file.Path;
import java.util.Optional;
import org.ternsim.isa.accel.SlotCapacities;
import org.ternsim.sim.config.Provenance;

/**
 * A validated accelerator config.
 *
 * @param lut        LUT buffer; null unless the PE unit is {@link PeUnit#LUT}
 * @param published  the published figures of a reproduced design, or null
 */
public record AcceleratorConfig(String name, String description, double clockHz, PeArrayConfig pe,
        BufferConfig weight, BufferConfig activation, BufferConfig lut, BufferConfig output, DmaConfig dma,
        boolean doubleBuffering, EpilogueConfig epilogue, SparsityConfig sparsity, AccelEnergyTable energy,
        PublishedFigures published, Provenance provenance, Path file) {

    /** Bytes of the PARAM buffer (per-token scale and sum): fixed, small, not configured; 8 B per token. */
    public static final long PARAM_BYTES = 4096;

    /** The published figures, if this config reproduces a published design. */
    public Optional<PublishedFigures> publishedFigures() {
        return Optional.ofNullable(published);
    }

    /** Slot capacities for a kernel whose accumulators take {@code accumulatorBytes} each. */
    public SlotCapacities slots(int accumulatorBytes) {
        int split = doubleBuffering ? 2 : 1;
        long lutEntries = lut == null ? 0 : lut.sizeBytes() / split / 2;
        // An output slot holds the accumulators and the 4-byte requantised results of the same tile.
        long outputs = output.sizeBytes() / split / (accumulatorBytes + 4L);
        return new SlotCapacities(weight.sizeBytes() / split, activation.sizeBytes() / split, lutEntries,
                Math.max(1, outputs), PARAM_BYTES / split);
    }

    /** Peak ternary MACs per second: rows x cols per cycle (x 3 weights per lookup for a LUT unit). */
    public double peakMacsPerSecond() {
        return (double) pe.pes() * (pe.unit() == PeUnit.LUT ? 3 : 1) * clockHz;
    }

    /** Total on-chip SRAM bytes. */
    public long sramBytes() {
        return weight.sizeBytes() + activation.sizeBytes() + output.sizeBytes() + (lut == null ? 0 : lut.sizeBytes());
    }
}
