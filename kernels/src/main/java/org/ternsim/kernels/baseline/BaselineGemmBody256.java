// The 256-bit 4-token bodies of PanamaBaselineGemm.
// Generated for 128, 256 and 512 bits from kernels/src/main/templates/BaselineGemmBody.java.tmpl; edit the template
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
 * The baseline GEMM bodies at 256 bits: one weight row against four tokens, each decoded weight vector used four
 * times; see {@link PanamaBaselineGemm}. Per token, every int16 lane holds the same products as in
 * {@link BaselineBody256} (so the same overflow bounds hold), every block sum is the same exact int32, and the blocks
 * are combined by {@link BlockSum} in the same order; F32/F16 lanes take the same fma chains. One class per width for
 * the reason given in {@link BaselineBody256}.
 */
final class BaselineGemmBody256 {

    /** L = 16 int16 lanes; code bytes are loaded L at a time ({@link #B}) and widened B2S. */
    private static final VectorSpecies<Byte> B = ByteVector.SPECIES_128;
    private static final VectorSpecies<Short> S = ShortVector.SPECIES_256;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_256;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    /** F32 weights: F floats as 4F bytes. */
    private static final VectorSpecies<Byte> BF = ByteVector.SPECIES_256;
    private static final int L = S.length();
    private static final int FL = F.length();

    /** Q6_K and Q2_K at 512 bits: int lanes 8..15 hold the second sub-block of a 32-value chunk. */
    private static final VectorMask<Integer> UPPER8 = VectorMask.fromLong(I, L == 32 ? 0xFF00L : 0L);

    private BaselineGemmBody256() {
    }

    /**
     * Rows [from, to) of {@code w} against tokens t .. t + 3 into {@code y[t + i][row]}. One rows method per type, as
     * in {@link BaselineBody256#gemv}, so each loop is compiled with only its own body inlined.
     */
    static void gemm4(BlockTensor w, int from, int to, BaselineActivations[] a, int t, float[][] y) {
        switch (w.type()) {
            case F32:
                f32Rows(w, from, to, a, t, y);
                break;
            case F16:
                f16Rows(w, from, to, a, t, y);
                break;
            case Q8_0:
                q8_0Rows(w, from, to, a, t, y);
                break;
            case Q4_0:
                q4_0Rows(w, from, to, a, t, y);
                break;
            case Q2_K:
                q2KRows(w, from, to, a, t, y);
                break;
            case Q6_K:
                q6KRows(w, from, to, a, t, y);
                break;
            case TQ2_0:
                tq2Rows(w, from, to, a, t, y);
                break;
            case TQ1_0:
                tq1Rows(w, from, to, a, t, y);
                break;
            default:
                throw new AssertionError(w.type());
        }
    }

    private static void store(float[] out, int row, int t, float[][] y) {
        y[t][row] = out[0];
        y[t + 1][row] = out[1];
        y[t + 2][row] = out[2];
        y[t + 3][row] = out[3];
    }

    private static void f32Rows(BlockTensor w, int from, int to, BaselineActivations[] a, int t, float[][] y) {
        byte[] wd = w.data();
        int rb = w.rowBytes();
        float[][] lanes = new float[4][Lanes16.LANES];
        float[] out = new float[4];
        for (int r = from; r < to; r++) {
            f32Row(wd, r * rb, a[t].floats, a[t + 1].floats, a[t + 2].floats, a[t + 3].floats, lanes);
            finish(false, wd, r * rb, a, t, lanes, out);
            store(out, r, t, y);
        }
    }

    private static void f16Rows(BlockTensor w, int from, int to, BaselineActivations[] a, int t, float[][] y) {
        byte[] wd = w.data();
        int rb = w.rowBytes();
        float[][] lanes = new float[4][Lanes16.LANES];
        float[] out = new float[4];
        for (int r = from; r < to; r++) {
            f16Row(wd, r * rb, a[t].floats, a[t + 1].floats, a[t + 2].floats, a[t + 3].floats, lanes);
            finish(true, wd, r * rb, a, t, lanes, out);
            store(out, r, t, y);
        }
    }

    private static void q8_0Rows(BlockTensor w, int from, int to, BaselineActivations[] a, int t, float[][] y) {
        byte[] wd = w.data();
        int rb = w.rowBytes();
        int nb = w.blocksPerRow();
        float[] out = new float[4];
        int[] isum = new int[4];
        for (int r = from; r < to; r++) {
            q8_0Row(wd, r * rb, nb, a[t], a[t + 1], a[t + 2], a[t + 3], isum, out);
            store(out, r, t, y);
        }
    }

    private static void q4_0Rows(BlockTensor w, int from, int to, BaselineActivations[] a, int t, float[][] y) {
        byte[] wd = w.data();
        int rb = w.rowBytes();
        int nb = w.blocksPerRow();
        float[] out = new float[4];
        int[] isum = new int[4];
        // 512 bits: the 256-bit body, as the GEMV does
        for (int r = from; r < to; r++) {
            if (L == 32) {
                BaselineGemmBody256.q4_0Row(wd, r * rb, nb, a[t], a[t + 1], a[t + 2], a[t + 3], isum, out);
            } else {
                q4_0Row(wd, r * rb, nb, a[t], a[t + 1], a[t + 2], a[t + 3], isum, out);
            }
            store(out, r, t, y);
        }
    }

    private static void q2KRows(BlockTensor w, int from, int to, BaselineActivations[] a, int t, float[][] y) {
        byte[] wd = w.data();
        int rb = w.rowBytes();
        int nb = w.blocksPerRow();
        float[] out = new float[4];
        int[] isum = new int[4];
        for (int r = from; r < to; r++) {
            q2KRow(wd, r * rb, nb, a[t], a[t + 1], a[t + 2], a[t + 3], isum, out);
            store(out, r, t, y);
        }
    }

    private static void q6KRows(BlockTensor w, int from, int to, BaselineActivations[] a, int t, float[][] y) {
        byte[] wd = w.data();
        int rb = w.rowBytes();
        int nb = w.blocksPerRow();
        float[] out = new float[4];
        int[] isum = new int[4];
        for (int r = from; r < to; r++) {
            q6KRow(wd, r * rb, nb, a[t], a[t + 1], a[t + 2], a[t + 3], isum, out);
            store(out, r, t, y);
        }
    }

    private static void tq2Rows(BlockTensor w, int from, int to, BaselineActivations[] a, int t, float[][] y) {
        byte[] wd = w.data();
        int rb = w.rowBytes();
        int nb = w.blocksPerRow();
        float[] out = new float[4];
        int[] isum = new int[4];
        for (int r = from; r < to; r++) {
            tq2Row(wd, r * rb, nb, a[t], a[t + 1], a[t + 2], a[t + 3], isum, out);
            store(out, r, t, y);
        }
    }

    private static void tq1Rows(BlockTensor w, int from, int to, BaselineActivations[] a, int t, float[][] y) {
        byte[] wd = w.data();
        int rb = w.rowBytes();
        int nb = w.blocksPerRow();
        float[] out = new float[4];
        int[] isum = new int[4];
        // 512 bits: the 256-bit body (activations laid out for 16 lanes), as the GEMV does
        for (int r = from; r < to; r++) {
            if (L == 32) {
                BaselineGemmBody256.tq1Row(wd, r * rb, nb, a[t], a[t + 1], a[t + 2], a[t + 3], isum, out);
            } else {
                tq1Row(wd, r * rb, nb, a[t], a[t + 1], a[t + 2], a[t + 3], isum, out);
            }
            store(out, r, t, y);
        }
    }

    /** Q8_0: block sums by {@link #q8_0Block}, combined per token in block order. */
    private static void q8_0Row(byte[] wd, int off, int nb, BaselineActivations a0, BaselineActivations a1,
                                BaselineActivations a2, BaselineActivations a3, int[] isum, float[] out) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        for (int blk = 0; blk < nb; blk++) {
            int wo = off + 34 * blk;
            q8_0Block(wd, wo, a0.codes, a1.codes, a2.codes, a3.codes, 32 * blk, isum);
            float dw = LittleEndian.f16(wd, wo);
            s0 = BlockSum.add(s0, isum[0], dw, a0.scales[blk]);
            s1 = BlockSum.add(s1, isum[1], dw, a1.scales[blk]);
            s2 = BlockSum.add(s2, isum[2], dw, a2.scales[blk]);
            s3 = BlockSum.add(s3, isum[3], dw, a3.scales[blk]);
        }
        out[0] = s0;
        out[1] = s1;
        out[2] = s2;
        out[3] = s3;
    }

    /** One Q8_0 block for four tokens: codes widened once; as the GEMV, each product vector widened on its own. */
    private static void q8_0Block(byte[] wd, int wo, short[] c0, short[] c1, short[] c2, short[] c3, int ao,
                                  int[] isum) {
        IntVector acc0 = IntVector.zero(I);
        IntVector acc1 = IntVector.zero(I);
        IntVector acc2 = IntVector.zero(I);
        IntVector acc3 = IntVector.zero(I);
        for (int c = 0; c < 32; c += L) {
            ShortVector q = codes(wd, wo + 2 + c);
            int o = ao + c;
            acc0 = acc0.add(pairs(q.mul(ShortVector.fromArray(S, c0, o))));
            acc1 = acc1.add(pairs(q.mul(ShortVector.fromArray(S, c1, o))));
            acc2 = acc2.add(pairs(q.mul(ShortVector.fromArray(S, c2, o))));
            acc3 = acc3.add(pairs(q.mul(ShortVector.fromArray(S, c3, o))));
        }
        isum[0] = acc0.reduceLanes(VectorOperators.ADD);
        isum[1] = acc1.reduceLanes(VectorOperators.ADD);
        isum[2] = acc2.reduceLanes(VectorOperators.ADD);
        isum[3] = acc3.reduceLanes(VectorOperators.ADD);
    }

    /** Q4_0, L < 32: block sums by {@link #q4_0Block}, combined per token in block order. */
    static void q4_0Row(byte[] wd, int off, int nb, BaselineActivations a0, BaselineActivations a1,
                        BaselineActivations a2, BaselineActivations a3, int[] isum, float[] out) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        for (int blk = 0; blk < nb; blk++) {
            int wo = off + 18 * blk;
            q4_0Block(wd, wo, a0.codes, a1.codes, a2.codes, a3.codes, 32 * blk, isum);
            float dw = LittleEndian.f16(wd, wo);
            s0 = BlockSum.add(s0, isum[0], dw, a0.scales[blk]);
            s1 = BlockSum.add(s1, isum[1], dw, a1.scales[blk]);
            s2 = BlockSum.add(s2, isum[2], dw, a2.scales[blk]);
            s3 = BlockSum.add(s3, isum[3], dw, a3.scales[blk]);
        }
        out[0] = s0;
        out[1] = s1;
        out[2] = s2;
        out[3] = s3;
    }

    /** One Q4_0 block for four tokens: nibbles unpacked once; per token as the GEMV (|lane| <= 4 * 8 * 128). */
    private static void q4_0Block(byte[] wd, int wo, short[] c0, short[] c1, short[] c2, short[] c3, int ao,
                                  int[] isum) {
        ShortVector acc0 = ShortVector.zero(S);
        ShortVector acc1 = ShortVector.zero(S);
        ShortVector acc2 = ShortVector.zero(S);
        ShortVector acc3 = ShortVector.zero(S);
        for (int c = 0; c < 16; c += L) {
            ShortVector q = codes(wd, wo + 2 + c);
            for (int half = 0; half < 2; half++) {
                ShortVector code = q.lanewise(VectorOperators.LSHR, 4 * half).and((short) 0x0F).sub((short) 8);
                int o = ao + 16 * half + c;
                acc0 = acc0.add(code.mul(ShortVector.fromArray(S, c0, o)));
                acc1 = acc1.add(code.mul(ShortVector.fromArray(S, c1, o)));
                acc2 = acc2.add(code.mul(ShortVector.fromArray(S, c2, o)));
                acc3 = acc3.add(code.mul(ShortVector.fromArray(S, c3, o)));
            }
        }
        isum[0] = pairs(acc0).reduceLanes(VectorOperators.ADD);
        isum[1] = pairs(acc1).reduceLanes(VectorOperators.ADD);
        isum[2] = pairs(acc2).reduceLanes(VectorOperators.ADD);
        isum[3] = pairs(acc3).reduceLanes(VectorOperators.ADD);
    }

    /** Q6_K: block sums by {@link #q6KBlock}, combined per token in block order. */
    private static void q6KRow(byte[] wd, int off, int nb, BaselineActivations a0, BaselineActivations a1,
                               BaselineActivations a2, BaselineActivations a3, int[] isum, float[] out) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        for (int blk = 0; blk < nb; blk++) {
            int wo = off + 210 * blk;
            q6KBlock(wd, wo, a0.codes, a1.codes, a2.codes, a3.codes, 256 * blk, isum);
            float dw = LittleEndian.f16(wd, wo + 208);
            s0 = BlockSum.add(s0, isum[0], dw, a0.scales[blk]);
            s1 = BlockSum.add(s1, isum[1], dw, a1.scales[blk]);
            s2 = BlockSum.add(s2, isum[2], dw, a2.scales[blk]);
            s3 = BlockSum.add(s3, isum[3], dw, a3.scales[blk]);
        }
        out[0] = s0;
        out[1] = s1;
        out[2] = s2;
        out[3] = s3;
    }

    /**
     * One Q6_K block's exact sums for four tokens: each quarter's 6-bit codes and sub-block scales are built once
     * (as in {@link BaselineBody256}), then multiplied by each token's activations. Its own method with one quarter
     * per loop body, for C2's inlining budget.
     */
    private static void q6KBlock(byte[] wd, int wo, short[] c0, short[] c1, short[] c2, short[] c3, int ao,
                                 int[] isum) {
        IntVector acc0 = IntVector.zero(I);
        IntVector acc1 = IntVector.zero(I);
        IntVector acc2 = IntVector.zero(I);
        IntVector acc3 = IntVector.zero(I);
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
                    IntVector scale = q6KScales(wd, wo, first);
                    int o = ao + first;
                    acc0 = acc0.add(pairs(code.mul(ShortVector.fromArray(S, c0, o))).mul(scale));
                    acc1 = acc1.add(pairs(code.mul(ShortVector.fromArray(S, c1, o))).mul(scale));
                    acc2 = acc2.add(pairs(code.mul(ShortVector.fromArray(S, c2, o))).mul(scale));
                    acc3 = acc3.add(pairs(code.mul(ShortVector.fromArray(S, c3, o))).mul(scale));
                }
            }
        }
        isum[0] = acc0.reduceLanes(VectorOperators.ADD);
        isum[1] = acc1.reduceLanes(VectorOperators.ADD);
        isum[2] = acc2.reduceLanes(VectorOperators.ADD);
        isum[3] = acc3.reduceLanes(VectorOperators.ADD);
    }

    /** Per int lane, the scale of the sub-block of values first.. (L of them: one sub-block, or two at L = 32). */
    private static IntVector q6KScales(byte[] wd, int wo, int first) {
        IntVector scale = IntVector.broadcast(I, wd[wo + 192 + first / 16]);
        return L == 32 ? scale.blend(wd[wo + 193 + first / 16], UPPER8) : scale;
    }

    /** Q2_K: block sums by {@link #q2KBlock}, each token's mins term, combined per token in block order. */
    private static void q2KRow(byte[] wd, int off, int nb, BaselineActivations a0, BaselineActivations a1,
                               BaselineActivations a2, BaselineActivations a3, int[] isum, float[] out) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        for (int blk = 0; blk < nb; blk++) {
            int wo = off + 84 * blk;
            q2KBlock(wd, wo, a0.codes, a1.codes, a2.codes, a3.codes, 256 * blk, isum);
            float dw = LittleEndian.f16(wd, wo + 80);
            float dmin = LittleEndian.f16(wd, wo + 82);
            s0 = BlockSum.addWithMins(s0, isum[0], BlockCodes.q2KMins(wd, wo, a0.sums, blk), dw, dmin, a0.scales[blk]);
            s1 = BlockSum.addWithMins(s1, isum[1], BlockCodes.q2KMins(wd, wo, a1.sums, blk), dw, dmin, a1.scales[blk]);
            s2 = BlockSum.addWithMins(s2, isum[2], BlockCodes.q2KMins(wd, wo, a2.sums, blk), dw, dmin, a2.scales[blk]);
            s3 = BlockSum.addWithMins(s3, isum[3], BlockCodes.q2KMins(wd, wo, a3.sums, blk), dw, dmin, a3.scales[blk]);
        }
        out[0] = s0;
        out[1] = s1;
        out[2] = s2;
        out[3] = s3;
    }

    /**
     * One Q2_K block's scaled code sums for four tokens: each shift's 2-bit codes and sub-block scales are built once
     * (as in {@link BaselineBody256}), then multiplied by each token's activations.
     */
    private static void q2KBlock(byte[] wd, int wo, short[] c0, short[] c1, short[] c2, short[] c3, int ao,
                                 int[] isum) {
        IntVector acc0 = IntVector.zero(I);
        IntVector acc1 = IntVector.zero(I);
        IntVector acc2 = IntVector.zero(I);
        IntVector acc3 = IntVector.zero(I);
        for (int h = 0; h < 2; h++) {
            for (int c = 0; c < 32; c += L) {
                ShortVector q = codes(wd, wo + 16 + 32 * h + c);
                for (int s = 0; s < 4; s++) {
                    ShortVector code = q.lanewise(VectorOperators.LSHR, 2 * s).and((short) 3);
                    int first = 128 * h + 32 * s + c;
                    IntVector scale = q2KScales(wd, wo, first);
                    int o = ao + first;
                    acc0 = acc0.add(pairs(code.mul(ShortVector.fromArray(S, c0, o))).mul(scale));
                    acc1 = acc1.add(pairs(code.mul(ShortVector.fromArray(S, c1, o))).mul(scale));
                    acc2 = acc2.add(pairs(code.mul(ShortVector.fromArray(S, c2, o))).mul(scale));
                    acc3 = acc3.add(pairs(code.mul(ShortVector.fromArray(S, c3, o))).mul(scale));
                }
            }
        }
        isum[0] = acc0.reduceLanes(VectorOperators.ADD);
        isum[1] = acc1.reduceLanes(VectorOperators.ADD);
        isum[2] = acc2.reduceLanes(VectorOperators.ADD);
        isum[3] = acc3.reduceLanes(VectorOperators.ADD);
    }

    /** Per int lane, the 4-bit scale of the sub-block of values first.. (one sub-block, or two at L = 32). */
    private static IntVector q2KScales(byte[] wd, int wo, int first) {
        IntVector scale = IntVector.broadcast(I, wd[wo + first / 16] & 0xF);
        return L == 32 ? scale.blend(wd[wo + 1 + first / 16] & 0xF, UPPER8) : scale;
    }

    /** TQ2_0: block sums by {@link #tq2Block}, combined per token in block order. */
    private static void tq2Row(byte[] wd, int off, int nb, BaselineActivations a0, BaselineActivations a1,
                               BaselineActivations a2, BaselineActivations a3, int[] isum, float[] out) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        for (int blk = 0; blk < nb; blk++) {
            int wo = off + 66 * blk;
            tq2Block(wd, wo, a0.codes, a1.codes, a2.codes, a3.codes, 256 * blk, isum);
            float dw = LittleEndian.f16(wd, wo + 64);
            s0 = BlockSum.add(s0, isum[0], dw, a0.scales[blk]);
            s1 = BlockSum.add(s1, isum[1], dw, a1.scales[blk]);
            s2 = BlockSum.add(s2, isum[2], dw, a2.scales[blk]);
            s3 = BlockSum.add(s3, isum[3], dw, a3.scales[blk]);
        }
        out[0] = s0;
        out[1] = s1;
        out[2] = s2;
        out[3] = s3;
    }

    /** One TQ2_0 block for four tokens: each 2-bit field unpacked once; per token as the GEMV (|lane| <= 32 * 256). */
    private static void tq2Block(byte[] wd, int wo, short[] c0, short[] c1, short[] c2, short[] c3, int ao,
                                 int[] isum) {
        ShortVector acc0 = ShortVector.zero(S);
        ShortVector acc1 = ShortVector.zero(S);
        ShortVector acc2 = ShortVector.zero(S);
        ShortVector acc3 = ShortVector.zero(S);
        for (int j = 0; j < 64; j += 32) {
            for (int c = 0; c < 32; c += L) {
                ShortVector q = codes(wd, wo + j + c);
                for (int f = 0; f < 4; f++) {
                    ShortVector code = q.lanewise(VectorOperators.LSHR, 2 * f).and((short) 3).sub((short) 1);
                    int v = ao + 4 * j + c + 32 * f;
                    acc0 = acc0.add(code.mul(ShortVector.fromArray(S, c0, v)));
                    acc1 = acc1.add(code.mul(ShortVector.fromArray(S, c1, v)));
                    acc2 = acc2.add(code.mul(ShortVector.fromArray(S, c2, v)));
                    acc3 = acc3.add(code.mul(ShortVector.fromArray(S, c3, v)));
                }
            }
        }
        isum[0] = pairs(acc0).reduceLanes(VectorOperators.ADD);
        isum[1] = pairs(acc1).reduceLanes(VectorOperators.ADD);
        isum[2] = pairs(acc2).reduceLanes(VectorOperators.ADD);
        isum[3] = pairs(acc3).reduceLanes(VectorOperators.ADD);
    }

    /** TQ1_0: block sums by {@link #tq1Block}; the last block of the weight array in scalar, as the GEMV. */
    static void tq1Row(byte[] wd, int off, int nb, BaselineActivations a0, BaselineActivations a1,
                       BaselineActivations a2, BaselineActivations a3, int[] isum, float[] out) {
        int span = BaselineActivations.tq1Span(L);
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        for (int blk = 0; blk < nb; blk++) {
            int wo = off + 54 * blk;
            if (wo + span <= wd.length) {
                tq1Block(wd, wo, a0.codes, a1.codes, a2.codes, a3.codes, 5 * span * blk, isum);
            } else {
                isum[0] = PanamaBaselineGemv.tq1ScalarBlock(wd, wo, a0.natural, 256 * blk);
                isum[1] = PanamaBaselineGemv.tq1ScalarBlock(wd, wo, a1.natural, 256 * blk);
                isum[2] = PanamaBaselineGemv.tq1ScalarBlock(wd, wo, a2.natural, 256 * blk);
                isum[3] = PanamaBaselineGemv.tq1ScalarBlock(wd, wo, a3.natural, 256 * blk);
            }
            float dw = LittleEndian.f16(wd, wo + 52);
            s0 = BlockSum.add(s0, isum[0], dw, a0.scales[blk]);
            s1 = BlockSum.add(s1, isum[1], dw, a1.scales[blk]);
            s2 = BlockSum.add(s2, isum[2], dw, a2.scales[blk]);
            s3 = BlockSum.add(s3, isum[3], dw, a3.scales[blk]);
        }
        out[0] = s0;
        out[1] = s1;
        out[2] = s2;
        out[3] = s3;
    }

    /** One TQ1_0 block for four tokens: each base-3 digit extracted once; per token as the GEMV (|lane| <= 4480). */
    private static void tq1Block(byte[] wd, int wo, short[] c0, short[] c1, short[] c2, short[] c3, int ao,
                                 int[] isum) {
        ShortVector acc0 = ShortVector.zero(S);
        ShortVector acc1 = ShortVector.zero(S);
        ShortVector acc2 = ShortVector.zero(S);
        ShortVector acc3 = ShortVector.zero(S);
        for (int c = 0; c < 52; c += L) {
            ShortVector shifted = codes(wd, wo + c).and((short) 0xFF);
            for (int n = 0; n < 5; n++) { // shifted = q * 3^n <= 255 * 81
                ShortVector trit = trit(shifted);
                int o = ao + 5 * c + n * L;
                acc0 = acc0.add(trit.mul(ShortVector.fromArray(S, c0, o)));
                acc1 = acc1.add(trit.mul(ShortVector.fromArray(S, c1, o)));
                acc2 = acc2.add(trit.mul(ShortVector.fromArray(S, c2, o)));
                acc3 = acc3.add(trit.mul(ShortVector.fromArray(S, c3, o)));
                shifted = shifted.mul((short) 3);
            }
        }
        isum[0] = pairs(acc0).reduceLanes(VectorOperators.ADD);
        isum[1] = pairs(acc1).reduceLanes(VectorOperators.ADD);
        isum[2] = pairs(acc2).reduceLanes(VectorOperators.ADD);
        isum[3] = pairs(acc3).reduceLanes(VectorOperators.ADD);
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

    // ---- F32 / F16: lane group g (float lanes g .. g + FL - 1 of the 16) in its own pass over the row ----
    // Lane l of the canonical order only ever sees elements k = l mod 16 in increasing k, so the 16 / FL lane groups
    // are independent chains: one pass per group keeps four accumulators (one per token) instead of 4 * 16 / FL.

    private static void f32Row(byte[] wd, int off, float[] x0, float[] x1, float[] x2, float[] x3, float[][] lanes) {
        int body = x0.length & ~15;
        for (int g = 0; g < 16; g += FL) {
            FloatVector acc0 = FloatVector.zero(F);
            FloatVector acc1 = FloatVector.zero(F);
            FloatVector acc2 = FloatVector.zero(F);
            FloatVector acc3 = FloatVector.zero(F);
            for (int k = g; k < body; k += 16) {
                FloatVector wv = ByteVector.fromArray(BF, wd, off + 4 * k).reinterpretAsFloats();
                acc0 = wv.fma(FloatVector.fromArray(F, x0, k), acc0);
                acc1 = wv.fma(FloatVector.fromArray(F, x1, k), acc1);
                acc2 = wv.fma(FloatVector.fromArray(F, x2, k), acc2);
                acc3 = wv.fma(FloatVector.fromArray(F, x3, k), acc3);
            }
            acc0.intoArray(lanes[0], g);
            acc1.intoArray(lanes[1], g);
            acc2.intoArray(lanes[2], g);
            acc3.intoArray(lanes[3], g);
        }
    }

    private static void f16Row(byte[] wd, int off, float[] x0, float[] x1, float[] x2, float[] x3, float[][] lanes) {
        int body = x0.length & ~15;
        for (int g = 0; g < 16; g += FL) {
            FloatVector acc0 = FloatVector.zero(F);
            FloatVector acc1 = FloatVector.zero(F);
            FloatVector acc2 = FloatVector.zero(F);
            FloatVector acc3 = FloatVector.zero(F);
            for (int k = g; k < body; k += 16) {
                FloatVector wv = halfToFloat(wd, off + 2 * k);
                acc0 = wv.fma(FloatVector.fromArray(F, x0, k), acc0);
                acc1 = wv.fma(FloatVector.fromArray(F, x1, k), acc1);
                acc2 = wv.fma(FloatVector.fromArray(F, x2, k), acc2);
                acc3 = wv.fma(FloatVector.fromArray(F, x3, k), acc3);
            }
            acc0.intoArray(lanes[0], g);
            acc1.intoArray(lanes[1], g);
            acc2.intoArray(lanes[2], g);
            acc3.intoArray(lanes[3], g);
        }
    }

    /** Per token: the scalar tail (K mod 16) into its 16 lanes, then {@link Lanes16}, exactly as the GEMV. */
    private static void finish(boolean half, byte[] wd, int off, BaselineActivations[] a, int t, float[][] lanes,
                               float[] out) {
        int k = a[t].floats.length;
        int body = k & ~15;
        for (int i = body; i < k; i++) {
            float wk = half ? LittleEndian.f16(wd, off + 2 * i) : LittleEndian.f32(wd, off + 4 * i);
            for (int j = 0; j < 4; j++) {
                lanes[j][i - body] = Math.fma(wk, a[t + j].floats[i], lanes[j][i - body]);
            }
        }
        for (int j = 0; j < 4; j++) {
            out[j] = Lanes16.sum(lanes[j]);
        }
    }

    /** FL halves at {@code off} (2 FL bytes, the {@link #B} species' shape), converted exactly (as the GEMV). */
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
