// The two table kinds of TL2: 14-entry tables per activation triple, and TL1-style 9-entry tables per pair.
package org.ternsim.isa.accel;

/** TL2 table kinds (kernels.md §4). */
public enum LutKind {
    /** Triple part: index |v| in 0..13 plus a sign bit, v = 9 w0 + 3 w1 + w2; int16 blocks of BK / 3 lookups. */
    TRIPLE(3, 14),
    /** Pair part (the last K mod BK activations): TL1 index 3 (w0 + 1) + (w1 + 1); int16 blocks of 16 lookups. */
    PAIR(2, 9);

    private final int activations;
    private final int entries;

    LutKind(int activations, int entries) {
        this.activations = activations;
        this.entries = entries;
    }

    /** Activations per table. */
    public int activations() {
        return activations;
    }

    /** Entries a builder computes per table (the rest of the 16-entry stride is zero). */
    public int entries() {
        return entries;
    }
}
