// The TL2 GEMV on the incubator Vector API: exact row-wise decoding when no int16 block can wrap, else LUT tiles.
package org.ternsim.kernels.lut;

import java.util.Arrays;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import org.ternsim.kernels.quant.Int8Activations;

/**
 * TL2 GEMV with the Vector API at 128, 256 or 512 bits, equal to {@link ScalarTl2Gemv} bit for bit.
 *
 * <p>Fast path as in {@link PanamaTl1Gemv}: when no int16 block of either part can wrap ({@link LutExact}), rows are
 * summed exactly by decoding triple indices and sign bits (and the pair part's indices) into trits.
 *
 * <p>LUT path. Same shape as {@link PanamaTl1Gemv} (lanes are rows, one shuffle per table, tiles transposed into
 * scratch buffers). The sign handling is the original's (kernels.md §4.3): the row's 16-bit sign word is shifted left
 * so that triple i's bit is the top bit, shifted arithmetically right by 15 to give m = 0 or -1 per lane ({@code
 * vpsllw} / {@code vpsraw}), and the entry becomes (x + m) XOR m ({@code vpaddw} / {@code vpxor}), i.e. x or -x.
 * Padding rows use index 0 and sign 0 (entry 0) in the triple part and index 4 in the pair part.
 */
public final class PanamaTl2Gemv implements Tl2Gemv {

    private final int bits;

    /** Uses {@code bits}-wide vectors: 128, 256 or 512. */
    public PanamaTl2Gemv(int bits) {
        this.bits = PanamaTl1Gemv.checkBits(bits, "PanamaTl2Gemv");
    }

    /** Factory that {@link LutKernels} finds reflectively; {@code bits == 0} means the preferred width. */
    public static Tl2Gemv forBits(int bits) {
        return new PanamaTl2Gemv(bits == 0 ? PanamaTl1Gemv.preferredBits() : bits);
    }

    @Override
    public String name() {
        return "panama/" + bits + "-bit";
    }

    @Override
    public int dot(Tl2Weights w, int row, byte[] codes) {
        LutArgs.checkRow(w.rows(), w.cols(), row, codes);
        if (exact(w, codes)) {
            int[] acc = new int[1];
            exactRows(w, row, row + 1, new Exact(w, codes, bits / 16), codes, acc);
            return acc[0];
        }
        Scratch s = new Scratch(w, bits / 16);
        tile(w, row, 1, LutTables.triples(codes, w.triples()), LutTables.pairs(codes, w.threeK(), w.twoK() / 2), s);
        return s.acc[0];
    }

    @Override
    public void gemv(Tl2Weights w, Int8Activations x, float[] y) {
        LutArgs.checkGemv(w.rows(), w.cols(), x.codes(), y);
        if (exact(w, x.codes())) {
            int[] acc = new int[w.rows()];
            exactRows(w, 0, w.rows(), new Exact(w, x.codes(), bits / 16), x.codes(), acc);
            for (int row = 0; row < w.rows(); row++) {
                y[row] = LutEpilogue.output(acc[row], x.scale(), w.scale());
            }
            return;
        }
        short[] triples = LutTables.triples(x.codes(), w.triples());
        short[] pairs = LutTables.pairs(x.codes(), w.threeK(), w.twoK() / 2);
        int lanes = bits / 16;
        Scratch s = new Scratch(w, lanes);
        for (int first = 0; first < w.rows(); first += lanes) {
            int count = Math.min(lanes, w.rows() - first);
            tile(w, first, count, triples, pairs, s);
            for (int r = 0; r < count; r++) {
                y[first + r] = LutEpilogue.output(s.acc[r], x.scale(), w.scale());
            }
        }
    }

    /** Whether no int16 block of either part can wrap (see {@link LutExact}). */
    private static boolean exact(Tl2Weights w, byte[] codes) {
        return LutExact.fits(codes, 0, w.threeK(), w.bk())
                && LutExact.fits(codes, w.threeK(), w.cols(), LutShapes.TL2_PAIR_BLOCK);
    }

    /** Per-GEMV state of the exact path: vector extents, activations in lane order, one row's sign words. */
    private static final class Exact {
        final int tripleBody;
        final int pairBody;
        final short[] tripleActs;
        final LutExact.PairActs pairActs;
        final short[] words;

        Exact(Tl2Weights w, byte[] codes, int lanes) {
            tripleBody = w.tripleRowBytes() - w.tripleRowBytes() % lanes;
            pairBody = w.pairRowBytes() - w.pairRowBytes() % lanes;
            tripleActs = LutExact.tripleActs(codes, tripleBody, lanes);
            pairActs = new LutExact.PairActs(codes, w.threeK(), w.twoK() / 2, pairBody, lanes);
            words = new short[w.signRowBytes() / 2 + lanes];
        }
    }

    /** Exact sums of rows [from, to): triple and pair index bytes in vectors up to their bodies, the rest in scalar. */
    private void exactRows(Tl2Weights w, int from, int to, Exact e, byte[] codes, int[] acc) {
        int[] pairSums = new int[to - from];
        LutExact.tripleRows(bits, w, from, to, e.tripleBody, e.words, e.tripleActs, acc);
        LutExact.pairRows(bits, w.pairIndices(), w.pairRowBytes(), from, to, e.pairBody, e.pairActs.act, pairSums);
        for (int row = from; row < to; row++) {
            int start = row * w.pairRowBytes();
            acc[row - from] += LutExact.tripleTail(w, row, 2 * e.tripleBody, codes) + pairSums[row - from]
                    - e.pairActs.offset
                    + LutExact.pairTail(w.pairIndices(), start, e.pairBody, w.pairRowBytes(), codes, w.threeK(),
                            w.twoK() / 2);
        }
    }

    /** Per-GEMV buffers: transposed index bytes, sign words and pair bytes of one tile, and its accumulators. */
    private static final class Scratch {
        final byte[] indices;
        final short[] signs;
        final byte[] pairs;
        final short[] lane;
        final int[] acc;

        Scratch(Tl2Weights w, int lanes) {
            indices = new byte[w.tripleRowBytes() * lanes];
            signs = new short[w.signRowBytes() / 2 * lanes];
            pairs = new byte[w.pairRowBytes() * lanes];
            lane = new short[lanes];
            acc = new int[lanes];
        }
    }

    /**
     * The triple and pair sums of every row through the LUT path, kept apart ({@code acc3[row]}, {@code acc2[row]}):
     * TL2_0 prices them with different scales. Tables as {@link LutTables} lays them out.
     */
    void lutSums(Tl2Weights w, short[] tripleTables, short[] pairTables, int[] acc3, int[] acc2) {
        int lanes = bits / 16;
        Scratch s = new Scratch(w, lanes);
        short[] zeroPairs = new short[pairTables.length];
        for (int first = 0; first < w.rows(); first += lanes) {
            int count = Math.min(lanes, w.rows() - first);
            tile(w, first, count, tripleTables, zeroPairs, s);
            System.arraycopy(s.acc, 0, acc3, first, count);
            Arrays.fill(s.acc, 0);
            PanamaTl1Gemv.accumulatePairs(bits, s.pairs, w.pairRowBytes(), LutShapes.TL2_PAIR_BLOCK / 4, pairTables,
                    s.lane, s.acc);
            System.arraycopy(s.acc, 0, acc2, first, count);
        }
    }

    private void tile(Tl2Weights w, int first, int count, short[] tripleTables, short[] pairTables, Scratch s) {
        int lanes = bits / 16;
        PanamaTl1Gemv.transpose(w.tripleIndices(), w.tripleRowBytes(), first, count, lanes, s.indices, (byte) 0);
        transposeSigns(w, first, count, lanes, s.signs);
        PanamaTl1Gemv.transpose(w.pairIndices(), w.pairRowBytes(), first, count, lanes, s.pairs,
                PanamaTl1Gemv.PAD_BYTE);
        Arrays.fill(s.acc, 0);
        int groups = w.tripleRowBytes();
        int blockGroups = w.bk() / 6;
        switch (bits) {
            case 128:
                triples128(s.indices, s.signs, groups, blockGroups, tripleTables, s.lane, s.acc);
                break;
            case 256:
                triples256(s.indices, s.signs, groups, blockGroups, tripleTables, s.lane, s.acc);
                break;
            default:
                triples512(s.indices, s.signs, groups, blockGroups, tripleTables, s.lane, s.acc);
        }
        PanamaTl1Gemv.accumulatePairs(bits, s.pairs, w.pairRowBytes(), LutShapes.TL2_PAIR_BLOCK / 4, pairTables,
                s.lane, s.acc);
    }

    /** Row r's little-endian sign word j goes to {@code signs[j * lanes + r]}; padding rows get 0. */
    private static void transposeSigns(Tl2Weights w, int first, int count, int lanes, short[] signs) {
        byte[] data = w.tripleSigns();
        int words = w.signRowBytes() / 2;
        for (int r = 0; r < lanes; r++) {
            int src = (first + r) * w.signRowBytes();
            for (int j = 0; j < words; j++) {
                signs[j * lanes + r] = r < count
                        ? (short) ((data[src + 2 * j] & 0xFF) | data[src + 2 * j + 1] << 8)
                        : 0;
            }
        }
    }

    private static void triples128(byte[] indices, short[] signs, int groups, int blockGroups, short[] tables,
                                  short[] lane, int[] acc) {
        for (int g0 = 0; g0 < groups; g0 += blockGroups) {
            ShortVector block = ShortVector.zero(PanamaTl1Gemv.S128);
            for (int g = g0; g < g0 + blockGroups; g++) {
                ShortVector packed = (ShortVector) ByteVector.fromArray(PanamaTl1Gemv.B64, indices, g * PanamaTl1Gemv.S128.length())
                        .convertShape(VectorOperators.B2S, PanamaTl1Gemv.S128, 0);
                ShortVector words = ShortVector.fromArray(PanamaTl1Gemv.S128, signs, g / 8 * PanamaTl1Gemv.S128.length());
                ShortVector hiSign = words.lanewise(VectorOperators.LSHL, 2 * g % 16).lanewise(VectorOperators.ASHR, 15);
                ShortVector loSign = words.lanewise(VectorOperators.LSHL, (2 * g + 1) % 16)
                        .lanewise(VectorOperators.ASHR, 15);
                ShortVector hi = PanamaTl1Gemv.lookup128(packed.lanewise(VectorOperators.ASHR, 4).and((short) 0xF),
                        tables, 2 * LutTables.STRIDE * g);
                ShortVector lo = PanamaTl1Gemv.lookup128(packed.and((short) 0xF), tables,
                        2 * LutTables.STRIDE * g + LutTables.STRIDE);
                block = block.add(hi.add(hiSign).lanewise(VectorOperators.XOR, hiSign))
                        .add(lo.add(loSign).lanewise(VectorOperators.XOR, loSign));
            }
            PanamaTl1Gemv.widenInto(block, lane, acc);
        }
    }

    private static void triples256(byte[] indices, short[] signs, int groups, int blockGroups, short[] tables,
                                  short[] lane, int[] acc) {
        for (int g0 = 0; g0 < groups; g0 += blockGroups) {
            ShortVector block = ShortVector.zero(PanamaTl1Gemv.S256);
            for (int g = g0; g < g0 + blockGroups; g++) {
                ShortVector packed = (ShortVector) ByteVector.fromArray(PanamaTl1Gemv.B128, indices, g * PanamaTl1Gemv.S256.length())
                        .convertShape(VectorOperators.B2S, PanamaTl1Gemv.S256, 0);
                ShortVector words = ShortVector.fromArray(PanamaTl1Gemv.S256, signs, g / 8 * PanamaTl1Gemv.S256.length());
                ShortVector hiSign = words.lanewise(VectorOperators.LSHL, 2 * g % 16).lanewise(VectorOperators.ASHR, 15);
                ShortVector loSign = words.lanewise(VectorOperators.LSHL, (2 * g + 1) % 16)
                        .lanewise(VectorOperators.ASHR, 15);
                ShortVector hi = PanamaTl1Gemv.lookup256(packed.lanewise(VectorOperators.ASHR, 4).and((short) 0xF),
                        tables, 2 * LutTables.STRIDE * g);
                ShortVector lo = PanamaTl1Gemv.lookup256(packed.and((short) 0xF), tables,
                        2 * LutTables.STRIDE * g + LutTables.STRIDE);
                block = block.add(hi.add(hiSign).lanewise(VectorOperators.XOR, hiSign))
                        .add(lo.add(loSign).lanewise(VectorOperators.XOR, loSign));
            }
            PanamaTl1Gemv.widenInto(block, lane, acc);
        }
    }

    private static void triples512(byte[] indices, short[] signs, int groups, int blockGroups, short[] tables,
                                  short[] lane, int[] acc) {
        for (int g0 = 0; g0 < groups; g0 += blockGroups) {
            ShortVector block = ShortVector.zero(PanamaTl1Gemv.S512);
            for (int g = g0; g < g0 + blockGroups; g++) {
                ShortVector packed = (ShortVector) ByteVector.fromArray(PanamaTl1Gemv.B256, indices, g * PanamaTl1Gemv.S512.length())
                        .convertShape(VectorOperators.B2S, PanamaTl1Gemv.S512, 0);
                ShortVector words = ShortVector.fromArray(PanamaTl1Gemv.S512, signs, g / 8 * PanamaTl1Gemv.S512.length());
                ShortVector hiSign = words.lanewise(VectorOperators.LSHL, 2 * g % 16).lanewise(VectorOperators.ASHR, 15);
                ShortVector loSign = words.lanewise(VectorOperators.LSHL, (2 * g + 1) % 16)
                        .lanewise(VectorOperators.ASHR, 15);
                ShortVector hi = PanamaTl1Gemv.lookup512(packed.lanewise(VectorOperators.ASHR, 4).and((short) 0xF),
                        tables, 2 * LutTables.STRIDE * g);
                ShortVector lo = PanamaTl1Gemv.lookup512(packed.and((short) 0xF), tables,
                        2 * LutTables.STRIDE * g + LutTables.STRIDE);
                block = block.add(hi.add(hiSign).lanewise(VectorOperators.XOR, hiSign))
                        .add(lo.add(loSign).lanewise(VectorOperators.XOR, loSign));
            }
            PanamaTl1Gemv.widenInto(block, lane, acc);
        }
    }
}
