// The reference TL1 GEMV: build one table per activation pair, look each index up, sum in int16 per BK block.
package org.ternsim.kernels.lut;

import org.ternsim.kernels.quant.Int8Activations;

/** Scalar reference of {@link Tl1Gemv}: the original's arithmetic one row and one lookup at a time. */
public final class ScalarTl1Gemv implements Tl1Gemv {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int dot(Tl1Weights w, int row, byte[] codes) {
        LutArgs.checkRow(w.rows(), w.cols(), row, codes);
        return rowDot(w, row, LutTables.pairs(codes, 0, w.pairs()));
    }

    @Override
    public void gemv(Tl1Weights w, Int8Activations x, float[] y) {
        LutArgs.checkGemv(w.rows(), w.cols(), x.codes(), y);
        short[] tables = LutTables.pairs(x.codes(), 0, w.pairs());
        for (int row = 0; row < w.rows(); row++) {
            y[row] = LutEpilogue.output(rowDot(w, row, tables), x.scale(), w.scale());
        }
    }

    private static int rowDot(Tl1Weights w, int row, short[] tables) {
        return pairDot(w.indices(), row * w.rowBytes(), w.pairs(), w.bk() / 2, tables);
    }

    /**
     * Sum over blocks of {@code pairsPerBlock} pairs of the block's int16 table sum, pair p's index in nibble
     * p mod 2 (high first) of byte {@code rowStart + p / 2}. Shared with the TL2 pair part.
     */
    static int pairDot(byte[] indices, int rowStart, int pairs, int pairsPerBlock, short[] tables) {
        int acc = 0;
        for (int p0 = 0; p0 < pairs; p0 += pairsPerBlock) {
            short block = 0; // int16 on purpose: the original's accumulator, wrap included
            for (int p = p0; p < Math.min(pairs, p0 + pairsPerBlock); p++) {
                block += tables[LutTables.STRIDE * p + Tl1Weights.indexAt(indices, rowStart + p / 2, p)];
            }
            acc += block;
        }
        return acc;
    }
}
