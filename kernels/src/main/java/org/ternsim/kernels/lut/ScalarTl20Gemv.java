// The reference TL2_0 GEMV: TL2's scalar integer loop over the int8-quantized tables, then TL2_0's epilogue.
package org.ternsim.kernels.lut;

public final class ScalarTl20Gemv implements Tl20Gemv {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void gemv(Tl2Weights w, float[] x, float[] y) {
        Tl20Gemv.check(w, x, y);
        Tl20Lut lut = Tl20Tables.build(x, w.threeK(), w.twoK());
        for (int row = 0; row < w.rows(); row++) {
            y[row] = Tl20Gemv.output(ScalarTl2Gemv.tripleSum(w, row, lut.triples()),
                    ScalarTl2Gemv.pairSum(w, row, lut.pairs()), lut, w.scale(), w.twoK() > 0);
        }
    }
}
