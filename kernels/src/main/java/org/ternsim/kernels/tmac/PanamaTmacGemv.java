// The T-MAC GEMV on the incubator Vector API: byte lanes are rows, each lane looks its index up in the group's table.
package org.ternsim.kernels.tmac;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * T-MAC GEMV with the Vector API at 128, 256 or 512 bits, equal to {@link ScalarTmacGemv} bit for bit.
 *
 * <p>Shape, as in T-MAC's {@code tbl.cc}: one byte lane per output row (bits / 8 rows per tile); per 4-activation group
 * the group's 16-byte int8 table is loaded once and every lane selects its row's entry with a byte shuffle
 * ({@code selectFrom}, the Java form of {@code vpshufb} / {@code tbl}; lanes beyond 16 of a wider load are never
 * selected because indices are 0..15). The int8 lookups are sign-extended to int16 ({@code B2S}, T-MAC's
 * {@code vpmovsxbw}) and added in int16 over blocks of at most {@link TmacGemv#INT16_BLOCK} lookups, then widened into
 * int32 group sums, one plane after the other (2 planes for ternary weights, 4 for int4). The logical layout stores
 * rows one after another, so each tile's index bytes are first transposed into a scratch buffer (byte c of row r at
 * {@code c * lanes + r}); T-MAC's offline permutation makes this copy unnecessary. Padding rows use index byte 0 and
 * are discarded.
 *
 * <p>Exactness: the integer sums are exact in both implementations, and the float part is the shared
 * {@link TmacEpilogue} with its fixed order, so outputs are bit-identical at every width.
 */
public final class PanamaTmacGemv implements TmacGemv {

    private final int bits;
    private final VectorSpecies<Byte> bytes;

    /** Uses {@code bits}-wide vectors: 128, 256 or 512. */
    public PanamaTmacGemv(int bits) {
        if (bits != 128 && bits != 256 && bits != 512) {
            throw new IllegalArgumentException("PanamaTmacGemv supports 128-, 256- and 512-bit vectors, got " + bits);
        }
        this.bits = bits;
        this.bytes = bits == 128 ? ByteVector.SPECIES_128 : bits == 256 ? ByteVector.SPECIES_256 : ByteVector.SPECIES_512;
    }

    /** Factory that {@link TmacKernels} finds reflectively; {@code bits == 0} means the preferred width. */
    public static TmacGemv forBits(int bits) {
        return new PanamaTmacGemv(bits == 0 ? Math.max(128, IntVector.SPECIES_PREFERRED.vectorBitSize()) : bits);
    }

    @Override
    public String name() {
        return "panama/" + bits + "-bit";
    }

    @Override
    public void gemv(TmacWeights w, TmacLut lut, float[] y) {
        TmacArgs.checkGemv(w, lut, y);
        int lanes = bytes.length();
        byte[] scratch = new byte[w.planeBytes() * lanes];
        short[] lane = new short[lanes];
        int planes = w.bits();
        int[][][] sums = new int[planes][lanes][lut.actGroups()];
        int[][] row = new int[planes][];
        LaneSum sum = new LaneSum();
        for (int first = 0; first < w.rows(); first += lanes) {
            int count = Math.min(lanes, w.rows() - first);
            for (int plane = 0; plane < planes; plane++) {
                planeSums(w, first, count, plane, lut, scratch, lane, sums[plane]);
            }
            for (int r = 0; r < count; r++) {
                for (int plane = 0; plane < planes; plane++) {
                    row[plane] = sums[plane][r];
                }
                y[first + r] = TmacEpilogue.output(row, lut, w.scale(), sum);
            }
        }
    }

    /** sums[r][j] for the tile's rows: plane {@code plane}'s lookups over activation group j. */
    private void planeSums(TmacWeights w, int first, int count, int plane, TmacLut lut, byte[] scratch,
                           short[] lane, int[][] sums) {
        transpose(w, first, count, plane, bytes.length(), scratch);
        int per = lut.groupsPerActGroup();
        switch (bits) {
            case 128 -> TmacBody128.planeSums(scratch, lut.entries(), per, lut.actGroups(), lane, sums);
            case 256 -> TmacBody256.planeSums(scratch, lut.entries(), per, lut.actGroups(), lane, sums);
            default -> TmacBody512.planeSums(scratch, lut.entries(), per, lut.actGroups(), lane, sums);
        }
    }

    /** Row r's plane byte c goes to {@code scratch[c * lanes + r]}; rows past {@code count} get 0. */
    private static void transpose(TmacWeights w, int first, int count, int plane, int lanes, byte[] scratch) {
        int planeBytes = w.planeBytes();
        byte[] indices = w.indices();
        for (int r = 0; r < lanes; r++) {
            int src = w.planeStart(first + r, plane);
            for (int c = 0; c < planeBytes; c++) {
                scratch[c * lanes + r] = r < count ? indices[src + c] : 0;
            }
        }
    }
}
