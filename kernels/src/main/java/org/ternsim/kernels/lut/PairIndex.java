// The TL1 pair code 3 (w0 + 1) + (w1 + 1) and its inverse; TL2's pair part uses the same code.
package org.ternsim.kernels.lut;

/** Encodes two trits as one index 0..8 (kernels.md §3.1) and decodes it. */
final class PairIndex {

    private PairIndex() {
    }

    static int encode(int w0, int w1) {
        return 3 * (w0 + 1) + (w1 + 1);
    }

    static int first(int index) {
        return index / 3 - 1;
    }

    static int second(int index) {
        return index % 3 - 1;
    }
}
