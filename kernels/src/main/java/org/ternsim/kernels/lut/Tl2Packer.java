// Converts between ternary weights and TL2's three sections (logical layout).
package org.ternsim.kernels.lut;

import java.util.Objects;
import org.ternsim.kernels.quant.TernaryWeights;

/** Packs {@link TernaryWeights} into {@link Tl2Weights} and back; see {@link Tl2Weights} for the byte layout. */
public final class Tl2Packer {

    /** BK of bitnet.cpp's shipped TL2 kernel configs. */
    public static final int DEFAULT_BK = 96;

    private Tl2Packer() {
    }

    /** Packs {@code w} with triple block {@code bk}; see {@link LutShapes#checkTl2} for valid K. */
    public static Tl2Weights pack(TernaryWeights w, int bk) {
        Objects.requireNonNull(w, "w");
        LutShapes.checkTl2(w.cols(), bk);
        int cols = w.cols();
        int threeK = LutShapes.threeK(cols, bk);
        int triples = threeK / 3;
        int tripleRowBytes = triples / 2;
        int signRowBytes = Tl2Weights.signRowBytes(triples);
        int pairRowBytes = (cols - threeK) / 4;
        byte[] trits = w.trits();
        byte[] indices = new byte[w.rows() * tripleRowBytes];
        byte[] signs = new byte[w.rows() * signRowBytes];
        byte[] pairs = new byte[w.rows() * pairRowBytes];
        for (int row = 0; row < w.rows(); row++) {
            int base = row * cols;
            for (int i = 0; i < triples; i++) {
                int v = TripleIndex.value(trits[base + 3 * i], trits[base + 3 * i + 1], trits[base + 3 * i + 2]);
                int shift = (i & 1) == 0 ? 4 : 0;
                indices[row * tripleRowBytes + i / 2] |= (byte) (Math.abs(v) << shift);
                if (v < 0) {
                    Tl2Weights.setSign(signs, row * signRowBytes, i);
                }
            }
            for (int j = 0; j < pairRowBytes; j++) {
                int k = base + threeK + 4 * j;
                int hi = PairIndex.encode(trits[k], trits[k + 1]);
                int lo = PairIndex.encode(trits[k + 2], trits[k + 3]);
                pairs[row * pairRowBytes + j] = (byte) (hi << 4 | lo);
            }
        }
        return new Tl2Weights(w.rows(), cols, bk, indices, signs, pairs, w.scale());
    }

    /** Recovers the trits and scale. */
    public static TernaryWeights unpack(Tl2Weights w) {
        int cols = w.cols();
        byte[] trits = new byte[w.rows() * cols];
        for (int row = 0; row < w.rows(); row++) {
            int base = row * cols;
            for (int i = 0; i < w.triples(); i++) {
                int v = w.tripleNegative(row, i) ? -w.tripleIndex(row, i) : w.tripleIndex(row, i);
                for (int position = 0; position < 3; position++) {
                    trits[base + 3 * i + position] = (byte) TripleIndex.trit(v, position);
                }
            }
            for (int p = 0; p < w.twoK() / 2; p++) {
                int index = w.pairIndex(row, p);
                trits[base + w.threeK() + 2 * p] = (byte) PairIndex.first(index);
                trits[base + w.threeK() + 2 * p + 1] = (byte) PairIndex.second(index);
            }
        }
        return new TernaryWeights(w.rows(), cols, trits, w.scale());
    }
}
