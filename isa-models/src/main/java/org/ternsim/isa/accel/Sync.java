// Barrier: waits until every engine (DMA, array, epilogue) has finished; no effect on the data.
package org.ternsim.isa.accel;

/** Ends a program (or a phase) so its last stores are complete before the next starts. */
public record Sync() implements AccelInstr {

    @Override
    public void execute(AccelMachine m) {
        // Functionally instructions already complete in order; the barrier only matters to timing.
    }

    @Override
    public String asm() {
        return "sync";
    }
}
