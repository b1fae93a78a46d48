// The reference T-MAC GEMV: one row, one plane and one lookup at a time, for any number of planes.
package org.ternsim.kernels.tmac;

/** Scalar reference of {@link TmacGemv}. */
public final class ScalarTmacGemv implements TmacGemv {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void gemv(TmacWeights w, TmacLut lut, float[] y) {
        TmacArgs.checkGemv(w, lut, y);
        int[][] sums = new int[w.bits()][lut.actGroups()];
        LaneSum sum = new LaneSum();
        for (int row = 0; row < w.rows(); row++) {
            for (int plane = 0; plane < w.bits(); plane++) {
                planeSums(w, row, plane, lut, sums[plane]);
            }
            y[row] = TmacEpilogue.output(sums, lut, w.scale(), sum);
        }
    }

    /** sums[j] = sum of plane {@code plane}'s lookups over activation group j, in int16 blocks widened to int32. */
    static void planeSums(TmacWeights w, int row, int plane, TmacLut lut, int[] sums) {
        byte[] entries = lut.entries();
        int planeStart = w.planeStart(row, plane);
        int per = lut.groupsPerActGroup();
        for (int j = 0; j < sums.length; j++) {
            int total = 0;
            for (int b0 = j * per; b0 < (j + 1) * per; b0 += INT16_BLOCK) {
                short block = 0; // int16 on purpose: the original's widening adder (cannot wrap, see TmacGemv)
                for (int i = b0; i < Math.min((j + 1) * per, b0 + INT16_BLOCK); i++) {
                    block += entries[TmacShapes.ENTRIES * i + TmacWeights.indexAt(w.indices(), planeStart, i)];
                }
                total += block;
            }
            sums[j] = total;
        }
    }
}
