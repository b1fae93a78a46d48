// The TL2 triple code: v = 9 w0 + 3 w1 + w2, stored as |v| (4 bits) and a sign bit, and its inverse.
package org.ternsim.kernels.lut;

/**
 * Encodes three trits as index |v| in 0..13 and sign bit (v < 0), v = 9 w0 + 3 w1 + w2 (kernels.md §4.1).
 * Negating v negates all three weights, so 14 table entries and a sign cover all 27 combinations.
 */
final class TripleIndex {

    /** Distinct indices, 0..13. */
    static final int ENTRIES = 14;

    private TripleIndex() {
    }

    static int value(int w0, int w1, int w2) {
        return 9 * w0 + 3 * w1 + w2;
    }

    /** Trit {@code position} (0, 1 or 2) of the triple with value v in [-13, 13]: v + 13 in base 3, digits minus 1. */
    static int trit(int v, int position) {
        int u = v + 13;
        int digit = position == 0 ? u / 9 : position == 1 ? u / 3 % 3 : u % 3;
        return digit - 1;
    }
}
