// The TL2_0 GEMV on the incubator Vector API: TL2's LUT-tile path (rows as lanes) over the int8-quantized tables.
package org.ternsim.kernels.lut;

/** Equal to {@link ScalarTl20Gemv} bit for bit at 128, 256 and 512 bits. */
public final class PanamaTl20Gemv implements Tl20Gemv {

    private final PanamaTl2Gemv tiles;
    private final int bits;

    public PanamaTl20Gemv(int bits) {
        this.bits = PanamaTl1Gemv.checkBits(bits, "PanamaTl20Gemv");
        this.tiles = new PanamaTl2Gemv(this.bits);
    }

    /** Factory that {@link LutKernels} finds reflectively; {@code bits == 0} means the preferred width. */
    public static Tl20Gemv forBits(int bits) {
        return new PanamaTl20Gemv(bits == 0 ? PanamaTl1Gemv.preferredBits() : bits);
    }

    @Override
    public String name() {
        return "panama/" + bits + "-bit";
    }

    @Override
    public void gemv(Tl2Weights w, float[] x, float[] y) {
        Tl20Gemv.check(w, x, y);
        Tl20Lut lut = Tl20Tables.build(x, w.threeK(), w.twoK());
        int[] acc3 = new int[w.rows()];
        int[] acc2 = new int[w.rows()];
        tiles.lutSums(w, lut.triples(), lut.pairs(), acc3, acc2);
        for (int row = 0; row < w.rows(); row++) {
            y[row] = Tl20Gemv.output(acc3[row], acc2[row], lut, w.scale(), w.twoK() > 0);
        }
    }
}
