// Converts between ternary weights and TL1 pair indices (logical layout).
package org.ternsim.kernels.lut;

import java.util.Objects;
import org.ternsim.kernels.quant.TernaryWeights;

/** Packs {@link TernaryWeights} into {@link Tl1Weights} and back; see {@link Tl1Weights} for the byte layout. */
public final class Tl1Packer {

    private Tl1Packer() {
    }

    /** Packs {@code w} with accumulation block {@code bk}; K must be even. */
    public static Tl1Weights pack(TernaryWeights w, int bk) {
        Objects.requireNonNull(w, "w");
        LutShapes.checkTl1(w.cols(), bk);
        int cols = w.cols();
        int rowBytes = Tl1Weights.rowBytes(cols);
        byte[] trits = w.trits();
        byte[] indices = new byte[w.rows() * rowBytes];
        for (int row = 0; row < w.rows(); row++) {
            int base = row * cols;
            for (int j = 0; j < rowBytes; j++) {
                int hi = PairIndex.encode(trits[base + 4 * j], trits[base + 4 * j + 1]);
                int lo = 4 * j + 2 < cols
                        ? PairIndex.encode(trits[base + 4 * j + 2], trits[base + 4 * j + 3])
                        : Tl1Weights.PAD_INDEX;
                indices[row * rowBytes + j] = (byte) (hi << 4 | lo);
            }
        }
        return new Tl1Weights(w.rows(), cols, bk, indices, w.scale());
    }

    /** Recovers the trits and scale. */
    public static TernaryWeights unpack(Tl1Weights w) {
        byte[] trits = new byte[w.rows() * w.cols()];
        for (int row = 0; row < w.rows(); row++) {
            for (int p = 0; p < w.pairs(); p++) {
                int index = w.index(row, p);
                trits[row * w.cols() + 2 * p] = (byte) PairIndex.first(index);
                trits[row * w.cols() + 2 * p + 1] = (byte) PairIndex.second(index);
            }
        }
        return new TernaryWeights(w.rows(), w.cols(), trits, w.scale());
    }
}
