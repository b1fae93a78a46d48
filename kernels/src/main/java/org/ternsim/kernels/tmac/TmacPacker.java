// Converts between ternary weights and T-MAC's bit planes (logical layout).
package org.ternsim.kernels.tmac;

import java.util.Objects;
import org.ternsim.kernels.quant.TernaryWeights;

/** Packs {@link TernaryWeights} into {@link TmacWeights} and back; see {@link TmacWeights} for the encoding. */
public final class TmacPacker {

    private TmacPacker() {
    }

    /** The 2-bit code of trit {@code t}: t + 2 (T-MAC's uint bias 2^(bits-1)). */
    public static int code(int trit) {
        if (trit < -1 || trit > 1) {
            throw new IllegalArgumentException("trit must be -1, 0 or +1, got " + trit);
        }
        return trit + 2;
    }

    /** Packs {@code w}; K must be a positive multiple of 8. */
    public static TmacWeights pack(TernaryWeights w) {
        Objects.requireNonNull(w, "w");
        TmacShapes.checkWeights(w.cols());
        int cols = w.cols();
        int planeBytes = cols / 8;
        byte[] trits = w.trits();
        byte[] indices = new byte[w.rows() * TmacShapes.BITS * planeBytes];
        for (int row = 0; row < w.rows(); row++) {
            for (int col = 0; col < cols; col++) {
                int c = code(trits[row * cols + col]);
                for (int plane = 0; plane < TmacShapes.BITS; plane++) {
                    // bit `col % 8` of byte col / 8: low nibble = group 2j (bit k = weight k of the group)
                    indices[(2 * row + plane) * planeBytes + col / 8] |= (byte) (((c >> plane) & 1) << (col % 8));
                }
            }
        }
        return new TmacWeights(w.rows(), cols, indices, w.scale());
    }

    /** Recovers the trits and scale. */
    public static TernaryWeights unpack(TmacWeights w) {
        int cols = w.cols();
        byte[] trits = new byte[w.rows() * cols];
        for (int row = 0; row < w.rows(); row++) {
            for (int group = 0; group < w.groups(); group++) {
                int i0 = w.index(row, 0, group);
                int i1 = w.index(row, 1, group);
                for (int k = 0; k < TmacShapes.G; k++) {
                    int c = ((i0 >> k) & 1) | ((i1 >> k) & 1) << 1;
                    trits[row * cols + TmacShapes.G * group + k] = (byte) (c - 2);
                }
            }
        }
        return new TernaryWeights(w.rows(), cols, trits, w.scale());
    }
}
