// The 128-bit bodies of PanamaBaselineGemv.
// Generated for 128, 256 and 512 bits from kernels/src/main/templates/BaselineBody.java.tmpl; edit the template
// and regenerate with PerWidthBodiesTest (-Dternsim.regenerate=true), which fails while the two differ.
package org.ternsim.kernels.baseline;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The baseline GEMV bodies at 128 bits; see {@link PanamaBaselineGemv} for the method. One class per width because
 * the Vector API compiles to SIMD code only when every species is a constant: species passed as arguments stay
 * constant only if the JIT inlines, which it refuses for a body it has already compiled on its own.
 */
final class BaselineBody128 {

    /** L = 8 int16 lanes; code bytes are loaded L at a time ({@link #B}) and widened B2S. */
    private static final VectorSpecies<Byte> B = ByteVector.SPECIES_64;
    private static final VectorSpecies<Short> S = ShortVector.SPECIES_128;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_128;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_128;
    /** F32 weights: F floats as 4F bytes. */
    private static final VectorSpecies<Byte> BF = ByteVector.SPECIES_128;
    private static final int L = S.length();
    private static final int FL = F.length();

    /** Q6_K and Q2_K at 512 bits: int lanes 8..15 hold the second sub-block of a 32-value chunk. */
    private static final VectorMask<Integer> UPPER8 = VectorMask.fromLong(I, L == 32 ? 0xFF00L : 0L);

    private BaselineBody128() {
    }

    /**
     * Rows [from, to) of {@code w} into {@code y[row + shift]}. Each type has its own rows method, so a JVM that runs
     * several types compiles each loop with only its own body inlined (C2 inlines vector code only up to a node
     * budget).
     */
    static void gemv(BlockTensor w, int from, int to, BaselineActivations a, float[] y, int shift) {
        switch (w.type()) {
            case F32:
                f32Rows(w, from, to, a, y, shift);
                break;
            case F16:
                f16Rows(w, from, to, a, y, shift);
                break;
            case Q8_0:
                q8_0Rows(w, from, to, a, y, shift);
                break;
            case Q4_0:
                q4_0Rows(w, from, to, a, y, shift);
                break;
            case Q2_K:
                q2KRows(w, from, to, a, y, shift);
                break;
            case Q6_K:
                q6KRows(w, from, to, a, y, shift);
                break;
            case TQ2_0:
                tq2Rows(w, from, to, a, y, shift);
                break;
            case TQ1_0:
                tq1Rows(w, from, to, a, y, shift);
                break;
            default:
                throw new AssertionError(w.type());
        }
    }

    private static void f32Rows(BlockTensor w, int from, int to, BaselineActivations a, float[] y, int shift) {
        byte[] wd = w.data();
        int rb = w.rowBytes();
        for (int r = from; r < to; r++) {
            y[r + shift] = f32Row(wd, r * rb, a.floats);
        }
    }

    private static void f16Rows(BlockTensor w, int from, int to, BaselineActivations a, float[] y, int shift) {
        byte[] wd = w.data();
        int rb = w.rowBytes();
        for (int r = from; r < to; r++) {
            y[r + shift] = f16Row(wd, r * rb, a.floats);
        }
    }

    private static void q8_0Rows(BlockTensor w, int from, int to, BaselineActivations a, float[] y, int shift) {
        byte[] wd = w.data();
        int rb = w.rowBytes();
        int nb = w.blocksPerRow();
        for (int r = from; r < to; r++) {
            y[r + shift] = q8_0Row(wd, r * rb, nb, a);
        }
    }

    private static void q4_0Rows(BlockTensor w, int from, int to, BaselineActivations a, float[] y, int shift) {
        byte[] wd = w.data();
        int rb = w.rowBytes();
        int nb = w.blocksPerRow();
        // 512 bits: the 256-bit body (16 bytes are 16 lanes there) beats unpacking into 32 lanes
        for (int r = from; r < to; r++) {
            y[r + shift] = L == 32 ? BaselineBody256.q4_0Row(wd, r * rb, nb, a) : q4_0Row(wd, r * rb, nb, a);
        }
    }

    private static void q2KRows(BlockTensor w, int from, int to, BaselineActivations a, float[] y, int shift) {
        byte[] wd = w.data();
        int rb = w.rowBytes();
        int nb = w.blocksPerRow();
        for (int r = from; r < to; r++) {
            y[r + shift] = q2KRow(wd, r * rb, nb, a);
        }
    }

    private static void q6KRows(BlockTensor w, int from, int to, BaselineActivations a, float[] y, int shift) {
        byte[] wd = w.data();
        int rb = w.rowBytes();
        int nb = w.blocksPerRow();
        for (int r = from; r < to; r++) {
            y[r + shift] = q6KRow(wd, r * rb, nb, a);
        }
    }

    private static void tq2Rows(BlockTensor w, int from, int to, BaselineActivations a, float[] y, int shift) {
        byte[] wd = w.data();
        int rb = w.rowBytes();
        int nb = w.blocksPerRow();
        for (int r = from; r < to; r++) {
            y[r + shift] = tq2Row(wd, r * rb, nb, a);
        }
    }

    private static void tq1Rows(BlockTensor w, int from, int to, BaselineActivations a, float[] y, int shift) {
        byte[] wd = w.data();
        int rb = w.rowBytes();
        int nb = w.blocksPerRow();
        // 512 bits: the 256-bit body (20 vectors of 16 lanes per block, activations laid out for 16 lanes) is faster
        // than 10 vectors of 32 lanes, of which 12 lanes per block are padding either way
        for (int r = from; r < to; r++) {
            y[r + shift] = L == 32 ? BaselineBody256.tq1Row(wd, r * rb, nb, a) : tq1Row(wd, r * rb, nb, a);
        }
    }

    /** Q8_0: |code * act| <= 2^14, so each product vector is widened on its own. */
    private static float q8_0Row(byte[] wd, int off, int nb, BaselineActivations a) {
        short[] act = a.codes;
        float[] da = a.scales;
        float sumf = 0f;
        for (int blk = 0; blk < nb; blk++) {
            int wo = off + 34 * blk;
            IntVector acc = IntVector.zero(I);
            for (int c = 0; c < 32; c += L) {
                acc = acc.add(pairs(codes(wd, wo + 2 + c).mul(ShortVector.fromArray(S, act, 32 * blk + c))));
            }
            sumf = BlockSum.add(sumf, acc.reduceLanes(VectorOperators.ADD), LittleEndian.f16(wd, wo), da[blk]);
        }
        return sumf;
    }

    /** Q4_0, L < 32: low nibbles are values c.., high nibbles values 16 + c..; |sum| <= 4 * 8 * 128 per lane. */
    static float q4_0Row(byte[] wd, int off, int nb, BaselineActivations a) {
        short[] act = a.codes;
        float[] da = a.scales;
        float sumf = 0f;
        for (int blk = 0; blk < nb; blk++) {
            int wo = off + 18 * blk;
            ShortVector acc = ShortVector.zero(S);
            for (int c = 0; c < 16; c += L) {
                ShortVector q = codes(wd, wo + 2 + c);
                ShortVector lo = q.and((short) 0x0F).sub((short) 8);
                ShortVector hi = q.lanewise(VectorOperators.LSHR, 4).and((short) 0x0F).sub((short) 8);
                acc = acc.add(lo.mul(ShortVector.fromArray(S, act, 32 * blk + c)))
                        .add(hi.mul(ShortVector.fromArray(S, act, 32 * blk + 16 + c)));
            }
            sumf = BlockSum.add(sumf, pairs(acc).reduceLanes(VectorOperators.ADD), LittleEndian.f16(wd, wo), da[blk]);
        }
        return sumf;
    }

    /**
     * Q6_K: for half h, byte offset c and quarter q the lanes are values 128 h + 32 q + c + lane, codes in [-32, 31];
     * |code * act| <= 2^12 in int16, widened in pairs (both in one 16-value sub-block) and multiplied by the
     * sub-block scale in int32.
     */
    private static float q6KRow(byte[] wd, int off, int nb, BaselineActivations a) {
        short[] act = a.codes;
        float[] da = a.scales;
        float sumf = 0f;
        for (int blk = 0; blk < nb; blk++) {
            int wo = off + 210 * blk;
            sumf = BlockSum.add(sumf, q6KBlock(wd, wo, act, 256 * blk), LittleEndian.f16(wd, wo + 208), da[blk]);
        }
        return sumf;
    }

    /**
     * One Q6_K block's exact sum. Its own method, returning an int, and one quarter per loop body: C2 stops inlining
     * the Vector API's methods into a method past a node budget (NodeCountInliningCutoff), and the vector code that
     * is left out is boxed and slow. Quarter q takes the low (q < 2) or high nibble of ql[32 (q mod 2) + l] and bits
     * 2q, 2q + 1 of qh[l].
     */
    private static int q6KBlock(byte[] wd, int wo, short[] act, int ao) {
        IntVector acc = IntVector.zero(I);
        for (int h = 0; h < 2; h++) {
            for (int c = 0; c < 32; c += L) {
                for (int q = 0; q < 4; q++) {
                    ShortVector ql = codes(wd, wo + 64 * h + 32 * (q & 1) + c);
                    ShortVector qh = codes(wd, wo + 128 + 32 * h + c);
                    ShortVector code = ql.lanewise(VectorOperators.LSHR, 4 * (q >> 1)).and((short) 0x0F)
                            .or(qh.lanewise(VectorOperators.LSHR, 2 * q).and((short) 3)
                                    .lanewise(VectorOperators.LSHL, 4))
                            .sub((short) 32);
                    int first = 128 * h + 32 * q + c;
                    acc = acc.add(pairs(code.mul(ShortVector.fromArray(S, act, ao + first)))
                            .mul(q6KScales(wd, wo, first)));
                }
            }
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    /** Per int lane, the scale of the sub-block of values first.. (L of them: one sub-block, or two at L = 32). */
    private static IntVector q6KScales(byte[] wd, int wo, int first) {
        IntVector scale = IntVector.broadcast(I, wd[wo + 192 + first / 16]);
        return L == 32 ? scale.blend(wd[wo + 193 + first / 16], UPPER8) : scale;
    }

    /**
     * Q2_K: for half h, byte offset c and shift s the lanes are values 128 h + 32 s + c + lane, codes in [0, 3];
     * |code * act| <= 384 in int16, widened in pairs (both in one 16-value sub-block) and multiplied by the sub-block's
     * 4-bit scale in int32. The mins term is scalar, from the Q8_K block's bsums.
     */
    private static float q2KRow(byte[] wd, int off, int nb, BaselineActivations a) {
        short[] act = a.codes;
        float[] da = a.scales;
        float sumf = 0f;
        for (int blk = 0; blk < nb; blk++) {
            int wo = off + 84 * blk;
            sumf = BlockSum.addWithMins(sumf, q2KBlock(wd, wo, act, 256 * blk),
                    BlockCodes.q2KMins(wd, wo, a.sums, blk), LittleEndian.f16(wd, wo + 80),
                    LittleEndian.f16(wd, wo + 82), da[blk]);
        }
        return sumf;
    }

    /** One Q2_K block's scaled code sum (a method of its own, see {@link #q6KBlock}). */
    private static int q2KBlock(byte[] wd, int wo, short[] act, int ao) {
        IntVector acc = IntVector.zero(I);
        for (int h = 0; h < 2; h++) {
            for (int c = 0; c < 32; c += L) {
                ShortVector q = codes(wd, wo + 16 + 32 * h + c);
                for (int s = 0; s < 4; s++) {
                    ShortVector code = q.lanewise(VectorOperators.LSHR, 2 * s).and((short) 3);
                    int first = 128 * h + 32 * s + c;
                    acc = acc.add(pairs(code.mul(ShortVector.fromArray(S, act, ao + first)))
                            .mul(q2KScales(wd, wo, first)));
                }
            }
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    /** Per int lane, the 4-bit scale of the sub-block of values first.. (one sub-block, or two at L = 32). */
    private static IntVector q2KScales(byte[] wd, int wo, int first) {
        IntVector scale = IntVector.broadcast(I, wd[wo + first / 16] & 0xF);
        return L == 32 ? scale.blend(wd[wo + 1 + first / 16] & 0xF, UPPER8) : scale;
    }

    /** TQ2_0: codes in [-1, 2] (2-bit fields minus 1); 256 / L products per int16 lane, |sum| <= 32 * 256. */
    private static float tq2Row(byte[] wd, int off, int nb, BaselineActivations a) {
        short[] act = a.codes;
        float[] da = a.scales;
        float sumf = 0f;
        for (int blk = 0; blk < nb; blk++) {
            int wo = off + 66 * blk;
            sumf = BlockSum.add(sumf, tq2Block(wd, wo, act, 256 * blk), LittleEndian.f16(wd, wo + 64), da[blk]);
        }
        return sumf;
    }

    /** One TQ2_0 block's exact sum (a method of its own, see {@link #q6KBlock}). */
    private static int tq2Block(byte[] wd, int wo, short[] act, int ao) {
        ShortVector acc = ShortVector.zero(S);
        for (int j = 0; j < 64; j += 32) {
            for (int c = 0; c < 32; c += L) {
                ShortVector q = codes(wd, wo + j + c);
                int v = ao + 4 * j + c;
                acc = acc.add(q.and((short) 3).sub((short) 1).mul(ShortVector.fromArray(S, act, v)))
                        .add(q.lanewise(VectorOperators.LSHR, 2).and((short) 3).sub((short) 1)
                                .mul(ShortVector.fromArray(S, act, v + 32)))
                        .add(q.lanewise(VectorOperators.LSHR, 4).and((short) 3).sub((short) 1)
                                .mul(ShortVector.fromArray(S, act, v + 64)))
                        .add(q.lanewise(VectorOperators.LSHR, 6).and((short) 3).sub((short) 1)
                                .mul(ShortVector.fromArray(S, act, v + 96)));
            }
        }
        return pairs(acc).reduceLanes(VectorOperators.ADD);
    }

    /**
     * TQ1_0: bytes [c, c + L) of the 52 code bytes, digit n of each in int16 lanes: ((q * 3^n mod 256) * 3) >> 8,
     * minus 1, in [-1, 1]. The activations are laid out in the same (chunk, digit, lane) order with 0 where a lane
     * holds no value (the fifth digit of qh, bytes past 52); at most 35 products per lane, |sum| <= 4480.
     */
    static float tq1Row(byte[] wd, int off, int nb, BaselineActivations a) {
        short[] act = a.codes;
        float[] da = a.scales;
        int span = BaselineActivations.tq1Span(L);
        float sumf = 0f;
        for (int blk = 0; blk < nb; blk++) {
            int wo = off + 54 * blk;
            int isum = wo + span <= wd.length ? tq1Block(wd, wo, act, 5 * span * blk)
                    : PanamaBaselineGemv.tq1ScalarBlock(wd, wo, a.natural, 256 * blk);
            sumf = BlockSum.add(sumf, isum, LittleEndian.f16(wd, wo + 52), da[blk]);
        }
        return sumf;
    }

    /** One TQ1_0 block's exact sum (its own method with a small loop body, see {@link #q6KBlock}). */
    private static int tq1Block(byte[] wd, int wo, short[] act, int ao) {
        ShortVector acc = ShortVector.zero(S);
        for (int c = 0; c < 52; c += L) {
            ShortVector shifted = codes(wd, wo + c).and((short) 0xFF);
            for (int n = 0; n < 5; n++) { // shifted = q * 3^n <= 255 * 81
                acc = acc.add(trit(shifted).mul(ShortVector.fromArray(S, act, ao + 5 * c + n * L)));
                shifted = shifted.mul((short) 3);
            }
        }
        return pairs(acc).reduceLanes(VectorOperators.ADD);
    }

    /** The digit of (q * 3^n) (q * 3^n < 2^15): ((that mod 256) * 3) >> 8, minus 1. */
    private static ShortVector trit(ShortVector shifted) {
        return shifted.and((short) 0xFF).mul((short) 3).lanewise(VectorOperators.LSHR, 8).sub((short) 1);
    }

    /** L bytes from {@code off}, sign-extended to int16 lanes. */
    private static ShortVector codes(byte[] wd, int off) {
        return (ShortVector) ByteVector.fromArray(B, wd, off).convertShape(VectorOperators.B2S, S, 0);
    }

    /** Int lane j = int16 lanes 2j + 2j + 1, each sign-extended (exact pairwise widening). */
    private static IntVector pairs(ShortVector p) {
        IntVector v = p.reinterpretAsInts();
        return v.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
                .add(v.lanewise(VectorOperators.ASHR, 16));
    }

    // ---- F32 / F16: 16 / FL vectors of FL float lanes, element k in lane k mod 16 ----

    private static float f32Row(byte[] wd, int off, float[] x) {
        int body = x.length & ~15;
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        FloatVector acc2 = FloatVector.zero(F);
        FloatVector acc3 = FloatVector.zero(F);
        for (int k = 0; k < body; k += 16) {
            int w = off + 4 * k;
            acc0 = ByteVector.fromArray(BF, wd, w).reinterpretAsFloats().fma(FloatVector.fromArray(F, x, k), acc0);
            if (FL < 16) {
                acc1 = ByteVector.fromArray(BF, wd, w + 4 * FL).reinterpretAsFloats()
                        .fma(FloatVector.fromArray(F, x, k + FL), acc1);
            }
            if (FL < 8) {
                acc2 = ByteVector.fromArray(BF, wd, w + 8 * FL).reinterpretAsFloats()
                        .fma(FloatVector.fromArray(F, x, k + 2 * FL), acc2);
                acc3 = ByteVector.fromArray(BF, wd, w + 12 * FL).reinterpretAsFloats()
                        .fma(FloatVector.fromArray(F, x, k + 3 * FL), acc3);
            }
        }
        return finish(false, acc0, acc1, acc2, acc3, wd, off, x, body);
    }

    private static float f16Row(byte[] wd, int off, float[] x) {
        int body = x.length & ~15;
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        FloatVector acc2 = FloatVector.zero(F);
        FloatVector acc3 = FloatVector.zero(F);
        for (int k = 0; k < body; k += 16) {
            int w = off + 2 * k;
            acc0 = halfToFloat(wd, w).fma(FloatVector.fromArray(F, x, k), acc0);
            if (FL < 16) {
                acc1 = halfToFloat(wd, w + 2 * FL).fma(FloatVector.fromArray(F, x, k + FL), acc1);
            }
            if (FL < 8) {
                acc2 = halfToFloat(wd, w + 4 * FL).fma(FloatVector.fromArray(F, x, k + 2 * FL), acc2);
                acc3 = halfToFloat(wd, w + 6 * FL).fma(FloatVector.fromArray(F, x, k + 3 * FL), acc3);
            }
        }
        return finish(true, acc0, acc1, acc2, acc3, wd, off, x, body);
    }

    /** Lanes to the 16-float array in canonical order, the scalar tail, then {@link Lanes16}. */
    private static float finish(boolean half, FloatVector acc0, FloatVector acc1, FloatVector acc2,
                                FloatVector acc3, byte[] wd, int off, float[] x, int body) {
        float[] l16 = new float[Lanes16.LANES];
        acc0.intoArray(l16, 0);
        if (FL < 16) {
            acc1.intoArray(l16, FL);
        }
        if (FL < 8) {
            acc2.intoArray(l16, 2 * FL);
            acc3.intoArray(l16, 3 * FL);
        }
        for (int k = body; k < x.length; k++) {
            float wk = half ? LittleEndian.f16(wd, off + 2 * k) : LittleEndian.f32(wd, off + 4 * k);
            l16[k - body] = Math.fma(wk, x[k], l16[k - body]);
        }
        return Lanes16.sum(l16);
    }

    /** FL halves at {@code off} (2 FL bytes, the {@link #B} species' shape), converted exactly (see the class doc). */
    private static FloatVector halfToFloat(byte[] wd, int off) {
        ShortVector sv = ByteVector.fromArray(B, wd, off).reinterpretAsShorts();
        IntVector h = ((IntVector) sv.convertShape(VectorOperators.S2I, I, 0)).and(0xFFFF);
        IntVector sign = h.and(0x8000).lanewise(VectorOperators.LSHL, 16);
        IntVector magnitude = h.and(0x7FFF);
        IntVector finite = magnitude.lanewise(VectorOperators.LSHL, 13).reinterpretAsFloats().mul(0x1p112f)
                .reinterpretAsInts();
        IntVector special = magnitude.and(0x3FF).lanewise(VectorOperators.LSHL, 13).or(0x7F800000);
        VectorMask<Integer> isSpecial = magnitude.compare(VectorOperators.GE, 0x7C00);
        return finite.blend(special, isSpecial).or(sign).reinterpretAsFloats();
    }
}
