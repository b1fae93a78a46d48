// TL1 weights in their logical layout: one 4-bit pair index per two weights, two indices per byte, row-major.
package org.ternsim.kernels.lut;

import java.util.Objects;

/**
 * An M x K ternary matrix in TL1 format (kernels.md §3.1), logical layout. Pair p of a row holds weights
 * (w0, w1) = (t[2p], t[2p+1]) as index 3 (w0 + 1) + (w1 + 1) in 0..8. Row r's indices fill bytes
 * {@code r * rowBytes() ..}, pair 2j in the high nibble of byte j and pair 2j+1 in the low nibble. When K/2 is odd
 * the last low nibble of each row is padding and holds {@value #PAD_INDEX} (the (0, 0) pair, whose table entry is 0),
 * so rows never share a byte.
 *
 * <p>This is the order before the codegen's tile permutation ({@code process_tl1}, (BM, BK, bm) tiles); that
 * permutation, the 32-byte scale tail of the GGUF tensor, and the M % BM == 0 constraint are not modelled.
 *
 * @param rows    M, at least 1
 * @param cols    K, even, see {@link LutShapes#checkTl1}
 * @param bk      activations per int16 accumulation block of the kernel (BK, a multiple of 4); exact for BK <= 256
 * @param indices packed pair indices, {@code rows * rowBytes()} bytes; shared, not copied
 * @param scale   per-tensor weight scale
 */
public record Tl1Weights(int rows, int cols, int bk, byte[] indices, float scale) {

    /** Index of the pair (0, 0); fills the unused low nibble of a row with an odd number of pairs. */
    public static final int PAD_INDEX = 4;

    public Tl1Weights {
        Objects.requireNonNull(indices, "indices");
        if (rows < 1) {
            throw new IllegalArgumentException("TL1 weights need rows >= 1, got " + rows);
        }
        LutShapes.checkTl1(cols, bk);
        if (!Float.isFinite(scale)) {
            throw new IllegalArgumentException("TL1 weight scale must be finite, got " + scale);
        }
        long expected = (long) rows * rowBytes(cols);
        if (indices.length != expected) {
            throw new IllegalArgumentException("TL1 " + rows + "x" + cols + " needs " + expected + " index bytes, got "
                    + indices.length);
        }
        int rowBytes = rowBytes(cols);
        for (int i = 0; i < indices.length; i++) {
            int hi = (indices[i] >> 4) & 0xF;
            int lo = indices[i] & 0xF;
            boolean padNibble = cols / 2 % 2 == 1 && i % rowBytes == rowBytes - 1;
            if (hi > 8 || (padNibble ? lo != PAD_INDEX : lo > 8)) {
                throw new IllegalArgumentException("TL1 byte " + i + " (0x" + Integer.toHexString(indices[i] & 0xFF)
                        + ") holds an index outside 0..8" + (padNibble ? " or a pad nibble other than 4" : ""));
            }
        }
    }

    /** Index bytes per row: ceil(K / 4). */
    public int rowBytes() {
        return rowBytes(cols);
    }

    /** Pairs per row: K / 2. */
    public int pairs() {
        return cols / 2;
    }

    /** The pair index 0..8 of pair {@code pair} (weights 2 pair, 2 pair + 1) of {@code row}. */
    public int index(int row, int pair) {
        Objects.checkIndex(row, rows);
        Objects.checkIndex(pair, pairs());
        return indexAt(indices, row * rowBytes() + pair / 2, pair);
    }

    static int rowBytes(int cols) {
        return (cols / 2 + 1) / 2;
    }

    /** The nibble of {@code data[at]} that holds pair {@code pair}: high for even pairs, low for odd. */
    static int indexAt(byte[] data, int at, int pair) {
        return (pair & 1) == 0 ? (data[at] >> 4) & 0xF : data[at] & 0xF;
    }
}
