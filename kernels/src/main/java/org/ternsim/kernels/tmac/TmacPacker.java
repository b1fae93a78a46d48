// Converts between integer (ternary or int4) weights and T-MAC's bit planes (logical layout).
package org.ternsim.kernels.tmac;

import java.util.Objects;
import org.ternsim.kernels.quant.IntWeights;
import org.ternsim.kernels.quant.TernaryWeights;

/** Packs {@link TernaryWeights} and {@link IntWeights} into {@link TmacWeights} and back (encoding: see there). */
public final class TmacPacker {

    private TmacPacker() {
    }

    /** The 2-bit code of trit {@code t}: t + 2 (T-MAC's uint bias 2^(bits-1)). */
    public static int code(int trit) {
        if (trit < -1 || trit > 1) {
            throw new IllegalArgumentException("trit must be -1, 0 or +1, got " + trit);
        }
        return code(trit, TmacShapes.BITS);
    }

    /** The {@code bits}-bit code of {@code value}: value + 2^(bits-1); value must fit a signed {@code bits}-bit int. */
    public static int code(int value, int bits) {
        int bias = -IntWeights.min(bits);
        if (value < -bias || value >= bias) {
            throw new IllegalArgumentException("int" + bits + " weight must be " + -bias + ".." + (bias - 1) + ", got "
                    + value);
        }
        return value + bias;
    }

    /** Packs ternary {@code w} into {@value TmacShapes#BITS} planes; K must be a positive multiple of 8. */
    public static TmacWeights pack(TernaryWeights w) {
        Objects.requireNonNull(w, "w");
        return pack(IntWeights.of(w));
    }

    /**
     * Packs {@code w} into {@code w.bits()} planes ({@value TmacShapes#BITS}: trits only; {@value TmacShapes#W4_BITS}:
     * any int4); K must be a positive multiple of 8.
     */
    public static TmacWeights pack(IntWeights w) {
        Objects.requireNonNull(w, "w");
        TmacShapes.checkBits(w.bits());
        TmacShapes.checkWeights(w.cols());
        int bits = w.bits();
        int cols = w.cols();
        int planeBytes = cols / 8;
        byte[] values = w.values();
        byte[] indices = new byte[w.rows() * bits * planeBytes];
        for (int row = 0; row < w.rows(); row++) {
            for (int col = 0; col < cols; col++) {
                int c = code(values[row * cols + col], bits);
                for (int plane = 0; plane < bits; plane++) {
                    // bit `col % 8` of byte col / 8: low nibble = group 2j (bit k = weight k of the group)
                    indices[(bits * row + plane) * planeBytes + col / 8] |= (byte) (((c >> plane) & 1) << (col % 8));
                }
            }
        }
        return new TmacWeights(w.rows(), cols, bits, indices, w.scale());
    }

    /** Recovers the trits and scale of {@value TmacShapes#BITS}-plane weights. */
    public static TernaryWeights unpack(TmacWeights w) {
        if (w.bits() != TmacShapes.BITS) {
            throw new IllegalArgumentException("T-MAC weights of " + w.bits() + " planes are not ternary; use"
                    + " unpackInts");
        }
        IntWeights ints = unpackInts(w);
        return new TernaryWeights(w.rows(), w.cols(), ints.values(), w.scale());
    }

    /** Recovers the integer values (code - 2^(bits-1)) and scale. */
    public static IntWeights unpackInts(TmacWeights w) {
        int cols = w.cols();
        int bits = w.bits();
        int bias = -IntWeights.min(bits);
        byte[] values = new byte[w.rows() * cols];
        for (int row = 0; row < w.rows(); row++) {
            for (int group = 0; group < w.groups(); group++) {
                for (int k = 0; k < TmacShapes.G; k++) {
                    int c = 0;
                    for (int plane = 0; plane < bits; plane++) {
                        c |= ((w.index(row, plane, group) >> k) & 1) << plane;
                    }
                    values[row * cols + TmacShapes.G * group + k] = (byte) (c - bias);
                }
            }
        }
        return new IntWeights(w.rows(), cols, bits, values, w.scale());
    }
}
