// The exact fast path of the Vector API TL1/TL2 kernels: when no int16 block can wrap, a row is the plain sum of t * q.
package org.ternsim.kernels.lut;

import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Why the fast path has the reference's bits. The reference sums each block's table entries in int16 and sign-extends
 * the block sum, i.e. keeps the exact block sum modulo 2^16. An entry is a dot product of two or three trits with
 * their codes, so |block sum| <= the sum of |q| over the block's activations; when that bound is at most 2^15 - 1 for
 * every block ({@link #fits}, checked once per GEMV from the activations alone) nothing wraps, and the row's int32
 * accumulator is exactly the sum of t * q over the row, however it is computed. The Vector API bodies ({@link
 * LutBody512} etc.) then decode the indices row by row, with no per-activation tables and no transposition. With |q|
 * <= 127 (what {@code absmaxTl} produces) this holds for every BK <= 256; otherwise the kernels keep the tiled int16
 * LUT path, which wraps exactly like the reference.
 *
 * <p>Activations are laid out once per GEMV in the lane order of the bodies: for the step of index bytes
 * [j0, j0 + L), vector v holds in lane l a value for byte j0 + l: for triples (6 vectors) the code of weight v of the
 * byte, for pairs (4 vectors) a0 - 3 a1 and a1 of the high nibble's pair, then of the low nibble's ({@link PairActs}).
 */
final class LutExact {

    /** First and second trit of TL1 pair index 0..8 (index 9..15: 0), for the scalar tails. */
    static final short[] PAIR_FIRST = new short[16];
    static final short[] PAIR_SECOND = new short[16];
    /** Trit 0, 1, 2 of TL2 triple index |v| 0..13 (14, 15: 0). */
    static final short[][] TRIPLE = new short[3][16];

    static {
        for (int index = 0; index < 9; index++) {
            PAIR_FIRST[index] = (short) PairIndex.first(index);
            PAIR_SECOND[index] = (short) PairIndex.second(index);
        }
        for (int v = 0; v < TripleIndex.ENTRIES; v++) {
            for (int p = 0; p < 3; p++) {
                TRIPLE[p][v] = (short) TripleIndex.trit(v, p);
            }
        }
    }

    private LutExact() {
    }

    /** Whether every block of {@code block} codes in [from, to) (the last one may be short) has sum |q| < 2^15. */
    static boolean fits(byte[] codes, int from, int to, int block) {
        for (int b = from; b < to; b += block) {
            int sum = 0;
            for (int k = b; k < Math.min(to, b + block); k++) {
                sum += Math.abs(codes[k]);
            }
            if (sum > Short.MAX_VALUE) {
                return false;
            }
        }
        return true;
    }

    /** A 16-entry table as vectors of {@code s}: entries 0.. and 8.. (the second one only used when L = 8). */
    static ShortVector[] table(VectorSpecies<Short> s, short[] entries) {
        short[] padded = new short[8 + Math.max(16, s.length())];
        System.arraycopy(entries, 0, padded, 0, 16);
        return new ShortVector[] {ShortVector.fromArray(s, padded, 0), ShortVector.fromArray(s, padded, 8)};
    }

    /** For lanes l < L: the bit of triple 2l + odd in a 16-triple sign word, bit 15 - (2l + odd) mod 16. */
    static short[] signBits(int lanes, int odd) {
        short[] bits = new short[lanes];
        for (int l = 0; l < lanes; l++) {
            bits[l] = (short) (1 << (15 - (2 * (l % 8) + odd)));
        }
        return bits;
    }

    /**
     * Pair-index activations for index bytes [0, body), {@code pairs} pairs of codes from {@code from}: per nibble
     * (high, low) a0 - 3 a1 and a1, 0 for the pad nibble; {@code offset} is the sum of those codes, which the bodies'
     * digit sums exceed the sum of t * q by.
     */
    static final class PairActs {
        final short[] act;
        final int offset;

        PairActs(byte[] codes, int from, int pairs, int body, int lanes) {
            act = new short[4 * body];
            int sum = 0;
            for (int j0 = 0; j0 < body; j0 += lanes) {
                for (int l = 0; l < lanes; l++) {
                    for (int nibble = 0; nibble < 2; nibble++) {
                        int p = 2 * (j0 + l) + nibble;
                        int a0 = p < pairs ? codes[from + 2 * p] : 0;
                        int a1 = p < pairs ? codes[from + 2 * p + 1] : 0;
                        act[4 * j0 + 2 * nibble * lanes + l] = (short) (a0 - 3 * a1);
                        act[4 * j0 + (2 * nibble + 1) * lanes + l] = (short) a1;
                        sum += a0 + a1;
                    }
                }
            }
            offset = sum;
        }
    }

    /** Triple-index activations for index bytes [0, body) (triples 0 .. 2 body - 1, codes from 0). */
    static short[] tripleActs(byte[] codes, int body, int lanes) {
        short[] act = new short[6 * body];
        for (int j0 = 0; j0 < body; j0 += lanes) {
            for (int v = 0; v < 6; v++) {
                for (int l = 0; l < lanes; l++) {
                    act[6 * j0 + v * lanes + l] = codes[6 * (j0 + l) + v];
                }
            }
        }
        return act;
    }

    /** The row's little-endian sign words into {@code words} (which has room for L more, left as they are). */
    static void signWords(byte[] signs, int rowStart, int count, short[] words) {
        for (int k = 0; k < count; k++) {
            words[k] = (short) ((signs[rowStart + 2 * k] & 0xFF) | signs[rowStart + 2 * k + 1] << 8);
        }
    }

    /** Sum of t * q over index bytes [from, rowBytes) of the row at {@code start}; pairs from {@code pairs} on pad. */
    static int pairTail(byte[] indices, int start, int from, int rowBytes, byte[] codes, int codeFrom, int pairs) {
        int sum = 0;
        for (int j = from; j < rowBytes; j++) {
            for (int p = 2 * j; p < Math.min(pairs, 2 * j + 2); p++) {
                int index = Tl1Weights.indexAt(indices, start + j, p);
                sum += PAIR_FIRST[index] * codes[codeFrom + 2 * p] + PAIR_SECOND[index] * codes[codeFrom + 2 * p + 1];
            }
        }
        return sum;
    }

    /** Sum of t * q over triples [from, triples) of {@code row}. */
    static int tripleTail(Tl2Weights w, int row, int from, byte[] codes) {
        int sum = 0;
        for (int t = from; t < w.triples(); t++) {
            int v = w.tripleIndex(row, t);
            int x = TRIPLE[0][v] * codes[3 * t] + TRIPLE[1][v] * codes[3 * t + 1] + TRIPLE[2][v] * codes[3 * t + 2];
            sum += w.tripleNegative(row, t) ? -x : x;
        }
        return sum;
    }

    /** {@link LutBody512#pairRows} etc. at {@code bits}. */
    static void pairRows(int bits, byte[] indices, int rowBytes, int from, int to, int body, short[] act, int[] out) {
        switch (bits) {
            case 128:
                LutBody128.pairRows(indices, rowBytes, from, to, body, act, out);
                break;
            case 256:
                LutBody256.pairRows(indices, rowBytes, from, to, body, act, out);
                break;
            default:
                LutBody512.pairRows(indices, rowBytes, from, to, body, act, out);
        }
    }

    /** {@link LutBody512#tripleRows} etc. at {@code bits}. */
    static void tripleRows(int bits, Tl2Weights w, int from, int to, int body, short[] words, short[] act, int[] out) {
        switch (bits) {
            case 128:
                LutBody128.tripleRows(w.tripleIndices(), w.tripleRowBytes(), w.tripleSigns(), w.signRowBytes(), from,
                        to, body, words, act, out);
                break;
            case 256:
                LutBody256.tripleRows(w.tripleIndices(), w.tripleRowBytes(), w.tripleSigns(), w.signRowBytes(), from,
                        to, body, words, act, out);
                break;
            default:
                LutBody512.tripleRows(w.tripleIndices(), w.tripleRowBytes(), w.tripleSigns(), w.signRowBytes(), from,
                        to, body, words, act, out);
        }
    }
}
