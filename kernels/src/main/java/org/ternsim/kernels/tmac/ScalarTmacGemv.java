// The reference T-MAC GEMV: one row, one plane and one lookup at a time.
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
        int[] s0 = new int[lut.actGroups()];
        int[] s1 = new int[lut.actGroups()];
        LaneSum sum = new LaneSum();
        for (int row = 0; row < w.rows(); row++) {
            planeSums(w, row, 0, lut, s0);
            planeSums(w, row, 1, lut, s1);
            y[row] = TmacEpilogue.output(s0, s1, lut, w.scale(), sum);
        }
    }

    /** sums[j] = sum of plane {@code plane}'s lookups over activation group j, in int16 blocks widened to int32. */
    static void planeSums(TmacWeights w, int row, int plane, TmacLut lut, int[] sums) {
        byte[] entries = lut.entries();
        int planeStart = (2 * row + plane) * w.planeBytes();
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
