// Vector physical registers available for renaming: a vector-writing instruction dispatches only once one is free.
package org.ternsim.sim.core;

/**
 * Renaming limit on the vector/FP physical register file. Each vector-writing instruction takes a free register at
 * dispatch; a register comes free when a later writer of the same architectural register retires. In program
 * order every vector write retires one older mapping, so with {@code free} rename registers the k-th vector writer
 * waits for the retirement of the (k - free)-th. Native runs on a Zen 4 host show this limit: about 155 ymm writes
 * fit behind a stalled load (docs/validation.md, "Native runs: the per-row cost the model misses").
 * A size of 0 means "not modelled" (no limit).
 */
final class VectorRegisterLimit {
    /**
     * Retire cycles of the latest vector writers, a ring that starts at 0: until it has wrapped, the slot read is an
     * unwritten 0, which bounds no dispatch (cycles are >= 0), so no "is it full yet" branch is needed (such a branch
     * flips once per run, and C2 deoptimised the core's hot method on it).
     */
    private final long[] freedAt;
    /** False when the limit is not modelled: the ring (one slot) then stays 0. */
    private final boolean modelled;
    private int slot;

    VectorRegisterLimit(int freeRegisters) {
        this.modelled = freeRegisters > 0;
        this.freedAt = new long[Math.max(1, freeRegisters)];
    }

    /** Earliest dispatch cycle for the next vector-writing instruction. */
    long earliestDispatch() {
        return freedAt[slot];
    }

    /** The next vector-writing instruction retires at {@code cycle}, freeing the register of an older writer. */
    void retired(long cycle) {
        if (!modelled) {
            return;
        }
        freedAt[slot] = cycle;
        slot = slot + 1 == freedAt.length ? 0 : slot + 1;
    }

    /** Writes the ring to {@code image}: entries at or before {@code base} (a dispatch cycle) bound nothing. */
    void capture(StateImage image, long base) {
        if (modelled) {
            image.putRing(freedAt, slot, base, 0);
        }
    }

    void restore(StateImage image, long base) {
        if (modelled) {
            image.readRing(freedAt, base);
            slot = 0;
        }
    }
}
