// The TL1 GEMV on the incubator Vector API: exact row-wise decoding when no int16 block can wrap, else LUT tiles.
package org.ternsim.kernels.lut;

import java.util.Arrays;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.ternsim.kernels.quant.Int8Activations;

/**
 * TL1 GEMV with the Vector API at 128, 256 or 512 bits, equal to {@link ScalarTl1Gemv} bit for bit.
 *
 * <p>Fast path. When no int16 block sum can wrap (checked once per GEMV from the activations, see {@link LutExact}),
 * the int32 accumulator is the exact sum of t * q, and rows are summed one at a time by decoding their indices into
 * trits ({@link LutBody512} etc.); the LUT path below is kept for the other inputs.
 *
 * <p>LUT path. Shape of the kernel, as in the original (kernels.md §3.3): a vector of int16 lanes holds one
 * accumulator per output row; for each activation pair the pair's table is loaded once and every lane selects its
 * row's entry with a shuffle (the Java form of {@code tbl} / {@code vpshufb}; tables stay int16 instead of being split
 * into byte planes, which gives the same entries). The logical layout stores rows one after another, so each tile of L
 * rows (L = lanes) is first transposed into a scratch buffer where byte g * L + r holds row r's byte g; the codegen's
 * tile permutation would make this copy unnecessary.
 *
 * <p>Exactness. Lane additions are int16 and wrap modulo 2^16 exactly like the scalar {@code short} accumulator (a
 * block's sum modulo 2^16 does not depend on the order of its additions); each block is sign-extended into an int32
 * accumulator per row. Padding rows and the pad nibble use index 4, whose entry is 0 in every table.
 */
public final class PanamaTl1Gemv implements Tl1Gemv {

    static final VectorSpecies<Short> S128 = ShortVector.SPECIES_128;
    static final VectorSpecies<Short> S256 = ShortVector.SPECIES_256;
    static final VectorSpecies<Short> S512 = ShortVector.SPECIES_512;
    static final VectorSpecies<Byte> B64 = ByteVector.SPECIES_64;
    static final VectorSpecies<Byte> B128 = ByteVector.SPECIES_128;
    static final VectorSpecies<Byte> B256 = ByteVector.SPECIES_256;
    /** Two pad indices (the (0, 0) pair) in one byte. */
    static final byte PAD_BYTE = (byte) (Tl1Weights.PAD_INDEX << 4 | Tl1Weights.PAD_INDEX);

    private final int bits;

    /** Uses {@code bits}-wide vectors: 128, 256 or 512. */
    public PanamaTl1Gemv(int bits) {
        this.bits = checkBits(bits, "PanamaTl1Gemv");
    }

    /** Factory that {@link LutKernels} finds reflectively; {@code bits == 0} means the preferred width. */
    public static Tl1Gemv forBits(int bits) {
        return new PanamaTl1Gemv(bits == 0 ? preferredBits() : bits);
    }

    @Override
    public String name() {
        return "panama/" + bits + "-bit";
    }

    @Override
    public int dot(Tl1Weights w, int row, byte[] codes) {
        LutArgs.checkRow(w.rows(), w.cols(), row, codes);
        if (LutExact.fits(codes, 0, w.cols(), w.bk())) {
            int body = w.rowBytes() - w.rowBytes() % (bits / 16);
            int[] acc = new int[1];
            exactRows(w, row, row + 1, body, new LutExact.PairActs(codes, 0, w.pairs(), body, bits / 16), codes, acc);
            return acc[0];
        }
        int lanes = bits / 16;
        int[] acc = new int[lanes];
        tile(w, row, 1, LutTables.pairs(codes, 0, w.pairs()), new byte[w.rowBytes() * lanes], new short[lanes], acc);
        return acc[0];
    }

    @Override
    public void gemv(Tl1Weights w, Int8Activations x, float[] y) {
        LutArgs.checkGemv(w.rows(), w.cols(), x.codes(), y);
        if (LutExact.fits(x.codes(), 0, w.cols(), w.bk())) {
            int body = w.rowBytes() - w.rowBytes() % (bits / 16);
            LutExact.PairActs act = new LutExact.PairActs(x.codes(), 0, w.pairs(), body, bits / 16);
            int[] acc = new int[w.rows()];
            exactRows(w, 0, w.rows(), body, act, x.codes(), acc);
            for (int row = 0; row < w.rows(); row++) {
                y[row] = LutEpilogue.output(acc[row], x.scale(), w.scale());
            }
            return;
        }
        short[] tables = LutTables.pairs(x.codes(), 0, w.pairs());
        int lanes = bits / 16;
        byte[] scratch = new byte[w.rowBytes() * lanes];
        short[] lane = new short[lanes];
        int[] acc = new int[lanes];
        for (int first = 0; first < w.rows(); first += lanes) {
            int count = Math.min(lanes, w.rows() - first);
            tile(w, first, count, tables, scratch, lane, acc);
            for (int r = 0; r < count; r++) {
                y[first + r] = LutEpilogue.output(acc[r], x.scale(), w.scale());
            }
        }
    }

    /** Exact sums (see {@link LutExact}) of rows [from, to): index bytes [0, body) in vectors, the rest in scalar. */
    private void exactRows(Tl1Weights w, int from, int to, int body, LutExact.PairActs act, byte[] codes, int[] acc) {
        LutExact.pairRows(bits, w.indices(), w.rowBytes(), from, to, body, act.act, acc);
        for (int row = from; row < to; row++) {
            int start = row * w.rowBytes();
            acc[row - from] += LutExact.pairTail(w.indices(), start, body, w.rowBytes(), codes, 0, w.pairs())
                    - act.offset;
        }
    }

    private void tile(Tl1Weights w, int first, int count, short[] tables, byte[] scratch, short[] lane, int[] acc) {
        transpose(w.indices(), w.rowBytes(), first, count, bits / 16, scratch, PAD_BYTE);
        Arrays.fill(acc, 0);
        accumulatePairs(bits, scratch, w.rowBytes(), w.bk() / 4, tables, lane, acc);
    }

    /** Row r's byte g goes to {@code scratch[g * lanes + r]}; rows past {@code count} get {@code pad}. */
    static void transpose(byte[] data, int rowBytes, int first, int count, int lanes, byte[] scratch, byte pad) {
        for (int r = 0; r < lanes; r++) {
            int src = (first + r) * rowBytes;
            for (int g = 0; g < rowBytes; g++) {
                scratch[g * lanes + r] = r < count ? data[src + g] : pad;
            }
        }
    }

    /**
     * Adds, for each lane r, the table sum of the transposed index bytes {@code [0, groups)} into {@code acc[r]}, in
     * int16 blocks of {@code blockGroups} bytes (two pairs each); byte g reads tables 2g (high nibble) and 2g + 1.
     * Shared with the TL2 pair part. One body per width: the Vector API only compiles to SIMD code when the species
     * is a constant.
     */
    static void accumulatePairs(int bits, byte[] scratch, int groups, int blockGroups, short[] tables, short[] lane,
                                int[] acc) {
        switch (bits) {
            case 128:
                pairs128(scratch, groups, blockGroups, tables, lane, acc);
                break;
            case 256:
                pairs256(scratch, groups, blockGroups, tables, lane, acc);
                break;
            default:
                pairs512(scratch, groups, blockGroups, tables, lane, acc);
        }
    }

    private static void pairs128(byte[] scratch, int groups, int blockGroups, short[] tables, short[] lane,
                                int[] acc) {
        for (int g0 = 0; g0 < groups; g0 += blockGroups) {
            ShortVector block = ShortVector.zero(S128);
            for (int g = g0; g < Math.min(groups, g0 + blockGroups); g++) {
                ShortVector packed = (ShortVector) ByteVector.fromArray(B64, scratch, g * S128.length())
                        .convertShape(VectorOperators.B2S, S128, 0);
                ShortVector hi = packed.lanewise(VectorOperators.ASHR, 4).and((short) 0xF);
                ShortVector lo = packed.and((short) 0xF);
                block = block.add(lookup128(hi, tables, 2 * LutTables.STRIDE * g))
                        .add(lookup128(lo, tables, 2 * LutTables.STRIDE * g + LutTables.STRIDE));
            }
            widenInto(block, lane, acc);
        }
    }

    private static void pairs256(byte[] scratch, int groups, int blockGroups, short[] tables, short[] lane,
                                int[] acc) {
        for (int g0 = 0; g0 < groups; g0 += blockGroups) {
            ShortVector block = ShortVector.zero(S256);
            for (int g = g0; g < Math.min(groups, g0 + blockGroups); g++) {
                ShortVector packed = (ShortVector) ByteVector.fromArray(B128, scratch, g * S256.length())
                        .convertShape(VectorOperators.B2S, S256, 0);
                ShortVector hi = packed.lanewise(VectorOperators.ASHR, 4).and((short) 0xF);
                ShortVector lo = packed.and((short) 0xF);
                block = block.add(lookup256(hi, tables, 2 * LutTables.STRIDE * g))
                        .add(lookup256(lo, tables, 2 * LutTables.STRIDE * g + LutTables.STRIDE));
            }
            widenInto(block, lane, acc);
        }
    }

    private static void pairs512(byte[] scratch, int groups, int blockGroups, short[] tables, short[] lane,
                                int[] acc) {
        for (int g0 = 0; g0 < groups; g0 += blockGroups) {
            ShortVector block = ShortVector.zero(S512);
            for (int g = g0; g < Math.min(groups, g0 + blockGroups); g++) {
                ShortVector packed = (ShortVector) ByteVector.fromArray(B256, scratch, g * S512.length())
                        .convertShape(VectorOperators.B2S, S512, 0);
                ShortVector hi = packed.lanewise(VectorOperators.ASHR, 4).and((short) 0xF);
                ShortVector lo = packed.and((short) 0xF);
                block = block.add(lookup512(hi, tables, 2 * LutTables.STRIDE * g))
                        .add(lookup512(lo, tables, 2 * LutTables.STRIDE * g + LutTables.STRIDE));
            }
            widenInto(block, lane, acc);
        }
    }

    /** 8 lanes cannot hold a 16-entry table: look up both halves and keep the upper one where index >= 8. */
    static ShortVector lookup128(ShortVector index, short[] tables, int offset) {
        ShortVector low = index.and((short) 7);
        ShortVector t0 = low.selectFrom(ShortVector.fromArray(S128, tables, offset));
        ShortVector t1 = low.selectFrom(ShortVector.fromArray(S128, tables, offset + 8));
        return t0.blend(t1, index.compare(VectorOperators.GE, (short) 8));
    }

    /** Lanes hold indices 0..15 into the table at {@code offset}. */
    static ShortVector lookup256(ShortVector index, short[] tables, int offset) {
        return index.selectFrom(ShortVector.fromArray(S256, tables, offset));
    }

    /** Lanes hold indices 0..15 into the table at {@code offset} (the upper 16 lanes hold the next table and are never selected). */
    static ShortVector lookup512(ShortVector index, short[] tables, int offset) {
        return index.selectFrom(ShortVector.fromArray(S512, tables, offset));
    }

    /** Sign-extends each int16 lane of a finished block into its row's int32 accumulator. */
    static void widenInto(ShortVector block, short[] lane, int[] acc) {
        block.intoArray(lane, 0);
        for (int r = 0; r < lane.length; r++) {
            acc[r] += lane[r];
        }
    }

    static int checkBits(int bits, String what) {
        if (bits != 128 && bits != 256 && bits != 512) {
            throw new IllegalArgumentException(what + " supports 128-, 256- and 512-bit vectors, got " + bits);
        }
        return bits;
    }

    static int preferredBits() {
        return Math.max(128, IntVector.SPECIES_PREFERRED.vectorBitSize());
    }
}
