// Builds the exact int16 lookup tables of TL1 (per activation pair) and TL2 (per activation triple).
package org.ternsim.kernels.lut;

/**
 * Lookup tables from int8 activation codes, one 16-entry int16 table per activation group, table g at
 * {@code [16 g, 16 g + 16)}. Entries are exact: |entry| <= 3 * 128 = 384 fits int16 (the original packs int32 to
 * int16 with {@code vmovn} / {@code vpackssdw}, which never saturates here). Unused entries are 0. Arrays end with
 * {@value #SLACK} spare zero entries so a 512-bit vector load (32 shorts) of any table stays inside the array, and
 * TL1 tables include one extra all-zero table for the pad nibble of an odd pair count.
 */
public final class LutTables {

    /** Shorts per table. */
    public static final int STRIDE = 16;
    /** Zero entries after the last table. */
    public static final int SLACK = 32;

    private LutTables() {
    }

    /**
     * TL1 tables for {@code pairs} pairs of {@code codes} from index {@code from} (kernels.md §3.2):
     * entry 3 (w0 + 1) + (w1 + 1) = w0 a0 + w1 a1, i.e. {-a0-a1, -a0, -a0+a1, -a1, 0, a1, a0-a1, a0, a0+a1}.
     */
    public static short[] pairs(byte[] codes, int from, int pairs) {
        short[] tables = new short[STRIDE * (pairs + 1) + SLACK];
        for (int p = 0; p < pairs; p++) {
            int a0 = codes[from + 2 * p];
            int a1 = codes[from + 2 * p + 1];
            for (int index = 0; index < 9; index++) {
                tables[STRIDE * p + index] = (short) (PairIndex.first(index) * a0 + PairIndex.second(index) * a1);
            }
        }
        return tables;
    }

    /**
     * TL2 tables for {@code triples} triples of {@code codes} from index 0 (kernels.md §4.2): entry |v| is the dot
     * product of the triple whose v = 9 w0 + 3 w1 + w2 is positive, T[0] = 0, T[1] = a2, T[2] = a1 - a2, ...,
     * T[13] = a0 + a1 + a2; a negative v takes the negated entry.
     */
    public static short[] triples(byte[] codes, int triples) {
        short[] tables = new short[STRIDE * triples + SLACK];
        for (int t = 0; t < triples; t++) {
            int a0 = codes[3 * t];
            int a1 = codes[3 * t + 1];
            int a2 = codes[3 * t + 2];
            for (int v = 0; v < TripleIndex.ENTRIES; v++) {
                tables[STRIDE * t + v] = (short) (TripleIndex.trit(v, 0) * a0 + TripleIndex.trit(v, 1) * a1
                        + TripleIndex.trit(v, 2) * a2);
            }
        }
        return tables;
    }
}
