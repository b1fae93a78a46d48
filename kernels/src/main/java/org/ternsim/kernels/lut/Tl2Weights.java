// TL2 weights in their logical layout: triple indices, triple sign bits, then TL1-style pair indices for the rest.
package org.ternsim.kernels.lut;

import java.util.Objects;

/**
 * An M x K ternary matrix in TL2 format (kernels.md §4.1), logical layout, in the original's three sections:
 * <ol>
 *   <li>{@code tripleIndices}: the first ThreeK = floor(K / BK) BK weights of each row as triples
 *       (t[3i], t[3i+1], t[3i+2]) with v = 9 w0 + 3 w1 + w2; index |v| in 0..13, two per byte, triple 2j in the
 *       high nibble of the row's byte j. {@link #tripleRowBytes()} bytes per row.</li>
 *   <li>{@code tripleSigns}: sign bit (v < 0) of each triple, 16 per little-endian uint16 word, triple i of a row in
 *       bit 15 - (i mod 16) of the row's word i / 16 (MSB first, as the original). {@link #signRowBytes()} bytes per
 *       row; unused bits are 0, and so is the sign of index 0.</li>
 *   <li>{@code pairIndices}: the last TwoK = K - ThreeK weights of each row as TL1 pair indices
 *       (see {@link Tl1Weights}); TwoK is a multiple of 32, so rows fill whole bytes.</li>
 * </ol>
 * Not modelled: the codegen's row permutation (bm = 32 row blocks, 8-row groups in order [0, 2, 1, 3]), sign words
 * interleaved per 32-row block, the scale tail and the original's over-allocation for a hard-coded TwoK = 256.
 *
 * @param rows          M, at least 1
 * @param cols          K, see {@link LutShapes#checkTl2}
 * @param bk            BK, a multiple of 6: the triple part's int16 accumulation block; exact for BK <= 258
 * @param tripleIndices {@code rows * tripleRowBytes()} bytes; shared, not copied
 * @param tripleSigns   {@code rows * signRowBytes()} bytes; shared, not copied
 * @param pairIndices   {@code rows * pairRowBytes()} bytes; shared, not copied
 * @param scale         per-tensor weight scale
 */
public record Tl2Weights(int rows, int cols, int bk, byte[] tripleIndices, byte[] tripleSigns, byte[] pairIndices,
                         float scale) {

    public Tl2Weights {
        Objects.requireNonNull(tripleIndices, "tripleIndices");
        Objects.requireNonNull(tripleSigns, "tripleSigns");
        Objects.requireNonNull(pairIndices, "pairIndices");
        if (rows < 1) {
            throw new IllegalArgumentException("TL2 weights need rows >= 1, got " + rows);
        }
        LutShapes.checkTl2(cols, bk);
        if (!Float.isFinite(scale)) {
            throw new IllegalArgumentException("TL2 weight scale must be finite, got " + scale);
        }
        int threeK = LutShapes.threeK(cols, bk);
        int triples = threeK / 3;
        checkLength("triple index", tripleIndices, rows, triples / 2);
        checkLength("triple sign", tripleSigns, rows, signRowBytes(triples));
        checkLength("pair index", pairIndices, rows, (cols - threeK) / 4);
        for (int i = 0; i < tripleIndices.length; i++) {
            if (((tripleIndices[i] >> 4) & 0xF) >= TripleIndex.ENTRIES || (tripleIndices[i] & 0xF) >= TripleIndex.ENTRIES) {
                throw new IllegalArgumentException("TL2 triple byte " + i + " (0x"
                        + Integer.toHexString(tripleIndices[i] & 0xFF) + ") holds an index outside 0..13");
            }
        }
        for (int row = 0; row < rows; row++) {
            for (int i = 0; i < signRowBytes(triples) * 8; i++) {
                boolean set = signAt(tripleSigns, row * signRowBytes(triples), i);
                if (set && (i >= triples
                        || Tl1Weights.indexAt(tripleIndices, row * (triples / 2) + i / 2, i) == 0)) {
                    throw new IllegalArgumentException("TL2 row " + row + " sets the sign bit of "
                            + (i >= triples ? "unused slot " : "zero triple ") + i);
                }
            }
        }
        for (int i = 0; i < pairIndices.length; i++) {
            if (((pairIndices[i] >> 4) & 0xF) > 8 || (pairIndices[i] & 0xF) > 8) {
                throw new IllegalArgumentException("TL2 pair byte " + i + " (0x"
                        + Integer.toHexString(pairIndices[i] & 0xFF) + ") holds an index outside 0..8");
            }
        }
    }

    /** ThreeK = floor(K / BK) * BK. */
    public int threeK() {
        return LutShapes.threeK(cols, bk);
    }

    /** TwoK = K - ThreeK, a multiple of 32. */
    public int twoK() {
        return cols - threeK();
    }

    /** Triples per row: ThreeK / 3 (even). */
    public int triples() {
        return threeK() / 3;
    }

    /** Triple index bytes per row. */
    public int tripleRowBytes() {
        return triples() / 2;
    }

    /** Sign bytes per row: two per started group of 16 triples. */
    public int signRowBytes() {
        return signRowBytes(triples());
    }

    /** Pair index bytes per row: TwoK / 4. */
    public int pairRowBytes() {
        return twoK() / 4;
    }

    /** |v| in 0..13 of triple {@code triple} (weights 3 triple .. 3 triple + 2) of {@code row}. */
    public int tripleIndex(int row, int triple) {
        Objects.checkIndex(row, rows);
        Objects.checkIndex(triple, triples());
        return Tl1Weights.indexAt(tripleIndices, row * tripleRowBytes() + triple / 2, triple);
    }

    /** Whether v < 0 for triple {@code triple} of {@code row}. */
    public boolean tripleNegative(int row, int triple) {
        Objects.checkIndex(row, rows);
        Objects.checkIndex(triple, triples());
        return signAt(tripleSigns, row * signRowBytes(), triple);
    }

    /** The pair index 0..8 of pair {@code pair} of the row's pair part (weights ThreeK + 2 pair, + 1). */
    public int pairIndex(int row, int pair) {
        Objects.checkIndex(row, rows);
        Objects.checkIndex(pair, twoK() / 2);
        return Tl1Weights.indexAt(pairIndices, row * pairRowBytes() + pair / 2, pair);
    }

    static int signRowBytes(int triples) {
        return (triples + 15) / 16 * 2;
    }

    /** Bit 15 - (i mod 16) of little-endian word i / 16 starting at {@code rowStart}. */
    static boolean signAt(byte[] signs, int rowStart, int i) {
        int bit = 15 - i % 16;
        int at = rowStart + 2 * (i / 16) + bit / 8;
        return ((signs[at] >> (bit % 8)) & 1) != 0;
    }

    static void setSign(byte[] signs, int rowStart, int i) {
        int bit = 15 - i % 16;
        signs[rowStart + 2 * (i / 16) + bit / 8] |= (byte) (1 << (bit % 8));
    }

    private static void checkLength(String what, byte[] data, int rows, int rowBytes) {
        long expected = (long) rows * rowBytes;
        if (data.length != expected) {
            throw new IllegalArgumentException("TL2 needs " + expected + " " + what + " bytes (" + rows + " rows x "
                    + rowBytes + "), got " + data.length);
        }
    }
}
