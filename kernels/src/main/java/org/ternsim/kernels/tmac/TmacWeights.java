// Integer weights as T-MAC bit planes: 2 (ternary) or 4 (int4) planes of 4-bit indices per row, two indices per byte.
package org.ternsim.kernels.tmac;

import java.util.Objects;

/**
 * An M x K matrix of b-bit integer weights in T-MAC's bit-plane format, logical (unpermuted) layout; b = 2 holds
 * ternary weights (kernel {@code tmac}), b = 4 int4 weights (T-MAC's W4, kernel {@code tmac-w4}).
 *
 * <p>Encoding ({@code python/t_mac/weights.py} {@code preprocess_weights}: "add a bias of 2^(bits-1) to the original
 * int values ... -2, -1, 0, 1 -> 0, 1, 2, 3"): weight w becomes the b-bit unsigned code c = w + 2^(b-1). For b = 2
 * the weights are trits, -1 -> 01b, 0 -> 10b, +1 -> 11b (code 00b, the int2 value -2, never occurs and is rejected);
 * for b = 4 every code 0..15 is an int4 value -8..7. Plane i holds bit i of every code. The kernel reads a plane bit
 * as s = 2 bit - 1 ("0 means -1, 1 means +1", kernels.md §7), so w = c - 2^(b-1) = sum_i 2^(i-1) s_i - 1/2: plane i
 * is weighted 2^(i-1) (alphas {1/2, 1, 2, 4} of {@code get_bits_alphas}), and the -1/2 per weight is the bias term
 * (1/2) lut_bias with lut_bias = -sum a, on plane 0 only, for every b.
 *
 * <p>Layout: {@link #planeBytes()} = K / 8 bytes per plane; row r's plane i starts at
 * {@code (b r + i) * planeBytes()} (T-MAC's "M * bits" virtual rows, row-major before its permutation). Group g
 * (weights 4g .. 4g+3) of a plane is one 4-bit index whose bit k is the plane bit of weight 4g + k (bit k set means
 * +a_k in the table, as in {@code preprocess_weights}: {@code sum(w[..., ig] << ig)}); group 2j goes to the low
 * nibble of byte j and group 2j + 1 to the high nibble (T-MAC puts element ng of a byte at shift 4 ng).
 *
 * <p>Not modelled: T-MAC's offline permutation. There, the two nibbles of one byte belong to two different virtual
 * rows of the same activation group (the kernel's {@code vec_a_bot} / {@code vec_a_top} look up the same table);
 * planes are interleaved in blocks of simd_n_out = 8 rows; and bytes are tiled as (M bits / bm, K / g / kfactor,
 * bm / 32, kfactor, 16) so each 16-byte load feeds one table shuffle. The per-tensor weight scale replaces T-MAC's
 * per-128-group scales ({@code m_groups = 1}, the "BitNet-like unified scale" of qgemm.py; its W4 models, e.g.
 * GPTQ Llama-2-7B, have a scale per 128 weights, which is not modelled either).
 *
 * @param rows    M, at least 1
 * @param cols    K, a positive multiple of 8
 * @param bits    planes b: {@value TmacShapes#BITS} or {@value TmacShapes#W4_BITS}
 * @param indices {@code rows * b * cols / 8} bytes; shared, not copied
 * @param scale   per-tensor weight scale, finite
 */
public record TmacWeights(int rows, int cols, int bits, byte[] indices, float scale) {

    /** Ternary weights: {@value TmacShapes#BITS} planes. */
    public TmacWeights(int rows, int cols, byte[] indices, float scale) {
        this(rows, cols, TmacShapes.BITS, indices, scale);
    }

    public TmacWeights {
        Objects.requireNonNull(indices, "indices");
        if (rows < 1) {
            throw new IllegalArgumentException("T-MAC weights need rows >= 1, got " + rows);
        }
        TmacShapes.checkWeights(cols);
        TmacShapes.checkBits(bits);
        if (!Float.isFinite(scale)) {
            throw new IllegalArgumentException("T-MAC weight scale must be finite, got " + scale);
        }
        long expected = (long) rows * bits * (cols / 8);
        if (indices.length != expected) {
            throw new IllegalArgumentException("T-MAC needs " + expected + " index bytes (" + rows + " rows x " + bits
                    + " planes x " + cols / 8 + "), got " + indices.length);
        }
        if (bits == TmacShapes.BITS) {
            rejectCodeZero(rows, cols, indices);
        }
    }

    /** Two planes carry trits: code 00b (int2 -2) has both plane bits clear and is not one. */
    private static void rejectCodeZero(int rows, int cols, byte[] indices) {
        int planeBytes = cols / 8;
        for (int row = 0; row < rows; row++) {
            for (int j = 0; j < planeBytes; j++) {
                int both = (indices[2 * row * planeBytes + j] | indices[(2 * row + 1) * planeBytes + j]) & 0xFF;
                if (both != 0xFF) {
                    int bit = Integer.numberOfTrailingZeros(~both);
                    throw new IllegalArgumentException("T-MAC row " + row + " weight " + weight(j, bit)
                            + " has code 00b (int2 -2), which is not a trit");
                }
            }
        }
    }

    /** Bytes per plane of one row: K / 8. */
    public int planeBytes() {
        return cols / 8;
    }

    /** 4-weight groups per row: K / 4. */
    public int groups() {
        return cols / TmacShapes.G;
    }

    /** The 4-bit index of group {@code group} of plane {@code plane} of {@code row}. */
    public int index(int row, int plane, int group) {
        Objects.checkIndex(row, rows);
        Objects.checkIndex(plane, bits);
        Objects.checkIndex(group, groups());
        return indexAt(indices, planeStart(row, plane), group);
    }

    /** Offset of plane {@code plane} of {@code row} in {@link #indices()}. */
    public int planeStart(int row, int plane) {
        return (bits * row + plane) * planeBytes();
    }

    /** Group i of the plane starting at {@code planeStart}: low nibble of byte i / 2 for even i, high for odd. */
    static int indexAt(byte[] indices, int planeStart, int group) {
        int b = indices[planeStart + group / 2];
        return (group & 1) == 0 ? b & 0xF : (b >> 4) & 0xF;
    }

    /** Weight (column) of bit {@code bit} of byte {@code j}: low nibble is group 2j, high nibble group 2j + 1. */
    private static int weight(int j, int bit) {
        return 8 * j + bit;
    }
}
