// One accelerator instruction: exact semantics on AccelMachine and an assembly line; timing is the simulator's.
package org.ternsim.isa.accel;

/** The accelerator ISA. Instructions are coarse (a DMA transfer, a tile of MACs); each record carries its sizes. */
public sealed interface AccelInstr permits DmaLoad, DmaStore, LutBuild, TernaryMac, LutAccumulate, Requantise, Sync {

    /** Applies the instruction to the machine state. */
    void execute(AccelMachine m);

    /** One line of assembly, e.g. {@code dma.ld W1, w+4096, 32x160/640}. */
    String asm();
}
