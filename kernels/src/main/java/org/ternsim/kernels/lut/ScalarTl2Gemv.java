// The reference TL2 GEMV: signed lookups in 14-entry triple tables, then TL1 lookups for the pair part.
package org.ternsim.kernels.lut;

import org.ternsim.kernels.quant.Int8Activations;

/** Scalar reference of {@link Tl2Gemv}: the original's arithmetic one row and one lookup at a time. */
public final class ScalarTl2Gemv implements Tl2Gemv {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int dot(Tl2Weights w, int row, byte[] codes) {
        LutArgs.checkRow(w.rows(), w.cols(), row, codes);
        return rowDot(w, row, LutTables.triples(codes, w.triples()),
                LutTables.pairs(codes, w.threeK(), w.twoK() / 2));
    }

    @Override
    public void gemv(Tl2Weights w, Int8Activations x, float[] y) {
        LutArgs.checkGemv(w.rows(), w.cols(), x.codes(), y);
        short[] triples = LutTables.triples(x.codes(), w.triples());
        short[] pairs = LutTables.pairs(x.codes(), w.threeK(), w.twoK() / 2);
        for (int row = 0; row < w.rows(); row++) {
            y[row] = LutEpilogue.output(rowDot(w, row, triples, pairs), x.scale(), w.scale());
        }
    }

    private static int rowDot(Tl2Weights w, int row, short[] tripleTables, short[] pairTables) {
        return tripleSum(w, row, tripleTables) + pairSum(w, row, pairTables);
    }

    /** The triple part of {@code row}: signed entries summed in int16 per BK block, blocks added in int32. */
    static int tripleSum(Tl2Weights w, int row, short[] tripleTables) {
        int triplesPerBlock = w.bk() / 3;
        int acc3 = 0;
        for (int t0 = 0; t0 < w.triples(); t0 += triplesPerBlock) {
            short block = 0; // int16 on purpose: the original's accumulator, wrap included
            for (int t = t0; t < t0 + triplesPerBlock; t++) {
                short entry = tripleTables[LutTables.STRIDE * t + w.tripleIndex(row, t)];
                short m = (short) (w.tripleNegative(row, t) ? -1 : 0);
                block += (short) ((entry + m) ^ m);
            }
            acc3 += block;
        }
        return acc3;
    }

    /** The pair part of {@code row}: TL1 lookups summed in int16 per {@value LutShapes#TL2_PAIR_BLOCK} activations. */
    static int pairSum(Tl2Weights w, int row, short[] pairTables) {
        return ScalarTl1Gemv.pairDot(w.pairIndices(), row * w.pairRowBytes(), w.twoK() / 2,
                LutShapes.TL2_PAIR_BLOCK / 2, pairTables);
    }
}
