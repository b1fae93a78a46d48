// Event counts of one accelerator run, the inputs of the energy model (one field per action or SRAM traffic kind).
package org.ternsim.sim.accel;

/** Mutable counters filled by {@link AccelScheduler}; bytes are on-chip SRAM or DRAM bytes moved. */
public final class AccelCounters {
    long macs;
    long macsInt4;
    long macsFloat;
    /** Int8 / int4 MACs of zero-activation groups the array skipped (included in macs / macsInt4). */
    long macsSkipped;
    long macsInt4Skipped;
    /** Activations the zero detector examined, and non-zero group indices the compaction unit produced. */
    long zeroDetects;
    long skipIndices;
    /** Weights covered by LUT lookups (3 per triple, 2 per pair): the LUT unit's MACs, charged as lookups. */
    long macsLut;
    long peBusyCycles;
    long lutReads;
    long lutBuildAdds;
    long accUpdates;
    long epilogueOutputs;
    long a16TreeAdds;
    long dramReadBytes;
    long dramWriteBytes;
    long weightSramReads;
    long weightSramWrites;
    long actSramReads;
    long actSramWrites;
    long lutSramReads;
    long lutSramWrites;
    long outSramReads;
    long outSramWrites;
    long paramSramBytes;
    long instructions;

    public long macs() {
        return macs + macsInt4 + macsFloat + macsLut;
    }

    /** MACs the zero-activation skipping did not compute. */
    public long skippedMacs() {
        return macsSkipped + macsInt4Skipped;
    }

    public long dramBytes() {
        return dramReadBytes + dramWriteBytes;
    }

    public long dramReadBytes() {
        return dramReadBytes;
    }

    public long dramWriteBytes() {
        return dramWriteBytes;
    }

    public long instructions() {
        return instructions;
    }
}
