// The 256-bit bodies of the exact TL1/TL2 row kernels.
// Generated for 128, 256 and 512 bits from kernels/src/main/templates/LutBody.java.tmpl; edit the template
// and regenerate with PerWidthBodiesTest (-Dternsim.regenerate=true), which fails while the two differ.
package org.ternsim.kernels.lut;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Exact row sums of TL1 and TL2 weights at 256 bits, for GEMVs in which no int16 block can wrap ({@link LutExact}).
 * Lanes are index bytes of one row: L = 16 bytes are loaded and widened B2S, the high and low nibbles decoded
 * into digits (pairs: by arithmetic; triples: by a shuffle of constant trit tables, and the sign bit), multiplied in
 * int16 by activations that {@link LutExact} laid out in the same lane order, and added in int16 for a bounded number
 * of steps ({@link #CHUNK}, {@link #PAIR_CHUNK}) before widening pairwise into int32. One class per width because
 * the Vector API compiles to SIMD code only with constant species.
 */
final class LutBody256 {

    /** Loop iterations summed in int16 before widening: |sum| <= 32 * 768 (triples), 16 * 1024 (pairs). */
    static final int CHUNK = 32;
    static final int PAIR_CHUNK = 16;
    private static final VectorSpecies<Byte> B = ByteVector.SPECIES_128;
    private static final VectorSpecies<Short> S = ShortVector.SPECIES_256;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_256;
    /** Index bytes per step. */
    static final int L = S.length();

    /** Trits of the TL2 triple |v| 0..13 (positions 0, 1, 2). */
    private static final ShortVector[] TRIPLE0 = LutExact.table(S, LutExact.TRIPLE[0]);
    private static final ShortVector[] TRIPLE1 = LutExact.table(S, LutExact.TRIPLE[1]);
    private static final ShortVector[] TRIPLE2 = LutExact.table(S, LutExact.TRIPLE[2]);
    private static final ShortVector T0_LO = TRIPLE0[0];
    private static final ShortVector T0_HI = TRIPLE0[1];
    private static final ShortVector T1_LO = TRIPLE1[0];
    private static final ShortVector T1_HI = TRIPLE1[1];
    private static final ShortVector T2_LO = TRIPLE2[0];
    private static final ShortVector T2_HI = TRIPLE2[1];
    /** Lane l reads sign word l / 8 of the step (8 index bytes = 16 triples per word). */
    private static final VectorShuffle<Short> WORD_OF_LANE = VectorShuffle.fromOp(S, l -> l / 8);
    /** Lane l's bit of triple 2l (high nibble) or 2l + 1 (low nibble) in its 16-triple sign word (MSB first). */
    private static final ShortVector SIGN_BIT_HI = ShortVector.fromArray(S, LutExact.signBits(L, 0), 0);
    private static final ShortVector SIGN_BIT_LO = ShortVector.fromArray(S, LutExact.signBits(L, 1), 0);

    private LutBody256() {
    }

    /**
     * {@code out[r - from] = }{@link #pairs} of rows [from, to). The row loop lives here, called once per GEMV, so the
     * JIT compiles it with the vector body inlined and never has to inline the body into a larger caller (C2 inlines
     * vector code only up to a node budget, and vectors crossing a call that was not inlined are boxed).
     */
    static void pairRows(byte[] indices, int rowBytes, int from, int to, int body, short[] act, int[] out) {
        for (int r = from; r < to; r++) {
            out[r - from] = pairs(indices, r * rowBytes, body, act);
        }
    }

    /** {@code out[r - from] = }{@link #triples} of rows [from, to); see {@link #pairRows}. */
    static void tripleRows(byte[] indices, int rowBytes, byte[] signs, int signRowBytes, int from, int to, int body,
                           short[] words, short[] act, int[] out) {
        for (int r = from; r < to; r++) {
            if (L < 32) {
                LutExact.signWords(signs, r * signRowBytes, signRowBytes / 2, words);
            }
            out[r - from] = triples(indices, r * rowBytes, body, signs, r * signRowBytes, words, act);
        }
    }

    /**
     * Sum over index bytes [0, body) of the row at {@code start} of (t + 1) * q: nibble i = 3 d0 + d1 (digits of the
     * pair, t + 1) contributes d0 a0 + d1 a1 = q (a0 - 3 a1) + i a1 with q = i / 3 = (11 i) >> 5, in [-512, 512];
     * {@code act}: {@link LutExact#pairActs} (a0 - 3 a1, a1 per nibble). The caller subtracts the sum of the codes.
     */
    private static int pairs(byte[] indices, int start, int body, short[] act) {
        IntVector total = IntVector.zero(I);
        ShortVector acc = ShortVector.zero(S);
        int n = 0;
        for (int j = 0; j < body; j += L) {
            ShortVector v = codes(indices, start + j);
            ShortVector hi = v.lanewise(VectorOperators.LSHR, 4).and((short) 0xF);
            ShortVector lo = v.and((short) 0xF);
            int a = 4 * j;
            acc = acc.add(third(hi).mul(ShortVector.fromArray(S, act, a)))
                    .add(hi.mul(ShortVector.fromArray(S, act, a + L)))
                    .add(third(lo).mul(ShortVector.fromArray(S, act, a + 2 * L)))
                    .add(lo.mul(ShortVector.fromArray(S, act, a + 3 * L)));
            if (++n == PAIR_CHUNK) {
                total = total.add(widen(acc));
                acc = ShortVector.zero(S);
                n = 0;
            }
        }
        return total.add(widen(acc)).reduceLanes(VectorOperators.ADD);
    }

    /** i / 3 for i in 0..15. */
    private static ShortVector third(ShortVector i) {
        return i.mul((short) 11).lanewise(VectorOperators.LSHR, 5);
    }

    /**
     * Sum over triple index bytes [0, body) of the row at {@code start} of t * q; {@code act}:
     * {@link LutExact#tripleActs}. Sign words: at L = 32 read straight from {@code signs} at {@code signStart} (the
     * step's four words, 8 bytes), below that from {@code words}, the row's words as shorts
     * ({@link LutExact#signWords}).
     */
    private static int triples(byte[] indices, int start, int body, byte[] signs, int signStart, short[] words,
                               short[] act) {
        IntVector total = IntVector.zero(I);
        ShortVector acc = ShortVector.zero(S);
        int n = 0;
        for (int j = 0; j < body; j += L) {
            ShortVector v = codes(indices, start + j);
            ShortVector hi = v.lanewise(VectorOperators.LSHR, 4).and((short) 0xF);
            ShortVector lo = v.and((short) 0xF);
            ShortVector w = L == 32
                    ? ((ByteVector) ByteVector.fromArray(ByteVector.SPECIES_64, signs, signStart + j / 4)
                            .reinterpretShape(ByteVector.SPECIES_256, 0)).reinterpretAsShorts().rearrange(WORD_OF_LANE)
                    : ShortVector.fromArray(S, words, j / 8).rearrange(WORD_OF_LANE);
            VectorMask<Short> negHi = w.and(SIGN_BIT_HI).compare(VectorOperators.NE, (short) 0);
            VectorMask<Short> negLo = w.and(SIGN_BIT_LO).compare(VectorOperators.NE, (short) 0);
            int a = 6 * j;
            ShortVector xHi = triple(hi, act, a);
            ShortVector xLo = triple(lo, act, a + 3 * L);
            acc = acc.add(xHi.lanewise(VectorOperators.NEG, negHi)).add(xLo.lanewise(VectorOperators.NEG, negLo));
            if (++n == CHUNK) {
                total = total.add(widen(acc));
                acc = ShortVector.zero(S);
                n = 0;
            }
        }
        return total.add(widen(acc)).reduceLanes(VectorOperators.ADD);
    }

    /** t0 a0 + t1 a1 + t2 a2 for triple indices |v|, activations at {@code a}, {@code a + L}, {@code a + 2L}. */
    private static ShortVector triple(ShortVector index, short[] act, int a) {
        ShortVector a0 = ShortVector.fromArray(S, act, a);
        ShortVector a1 = ShortVector.fromArray(S, act, a + L);
        ShortVector a2 = ShortVector.fromArray(S, act, a + 2 * L);
        if (L >= 16) { // one shuffle (and one index check) for the three tables
            VectorShuffle<Short> shuffle = index.toShuffle();
            return T0_LO.rearrange(shuffle).mul(a0).add(T1_LO.rearrange(shuffle).mul(a1))
                    .add(T2_LO.rearrange(shuffle).mul(a2));
        }
        return lookup(index, T0_LO, T0_HI).mul(a0).add(lookup(index, T1_LO, T1_HI).mul(a1))
                .add(lookup(index, T2_LO, T2_HI).mul(a2));
    }

    /** Entry {@code index} (0..15) of a 16-entry table held as one vector (L >= 16) or two halves (L = 8). */
    private static ShortVector lookup(ShortVector index, ShortVector lo, ShortVector hi) {
        if (L >= 16) {
            return index.selectFrom(lo);
        }
        ShortVector k = index.and((short) 7);
        return k.selectFrom(lo).blend(k.selectFrom(hi), index.compare(VectorOperators.GE, (short) 8));
    }

    /** L bytes from {@code off}, sign-extended to int16 lanes. */
    private static ShortVector codes(byte[] data, int off) {
        return (ShortVector) ByteVector.fromArray(B, data, off).convertShape(VectorOperators.B2S, S, 0);
    }

    /** Int lane j = int16 lanes 2j and 2j + 1, each sign-extended. */
    private static IntVector widen(ShortVector p) {
        IntVector v = p.reinterpretAsInts();
        return v.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
                .add(v.lanewise(VectorOperators.ASHR, 16));
    }
}
