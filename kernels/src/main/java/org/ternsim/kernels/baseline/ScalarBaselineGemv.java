// The reference baseline GEMV: plain loops over ggml's block layouts.
package org.ternsim.kernels.baseline;

/**
 * Scalar reference. F32/F16: {@code Math.fma} into 16 lanes (element k to lane k mod 16), then {@link Lanes16}. Block
 * formats: the block's weight codes as {@link BlockCodes} reads them, times the int8 activation codes, summed in
 * int32 (Q6_K: each sub-block's sum times its int8 scale; Q2_K: times its 4-bit scale, less its 4-bit min times the
 * activations' sum), then {@link BlockSum}.
 */
public final class ScalarBaselineGemv implements BaselineGemv {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public float dot(BlockTensor w, int row, BlockTensor x) {
        GemvArgs.check(w, row, x);
        return dotChecked(w, row, x, w.type() == BlockFormat.F32 || w.type() == BlockFormat.F16 ? x.dequantize() : null);
    }

    @Override
    public void gemv(BlockTensor w, BlockTensor x, float[] y) {
        GemvArgs.check(w, x, y);
        float[] xf = x.type() == BlockFormat.F32 || x.type() == BlockFormat.F16 ? x.dequantize() : null;
        for (int r = 0; r < w.rows(); r++) {
            y[r] = dotChecked(w, r, x, xf);
        }
    }

    private static float dotChecked(BlockTensor w, int row, BlockTensor x, float[] xf) {
        byte[] wd = w.data();
        int off = row * w.rowBytes();
        switch (w.type()) {
            case F32:
            case F16:
                return floatDot(w.type(), wd, off, xf);
            default:
                return blockDot(w, wd, off, x.data());
        }
    }

    private static float floatDot(BlockFormat type, byte[] wd, int off, float[] x) {
        float[] lanes = new float[Lanes16.LANES];
        for (int k = 0; k < x.length; k++) {
            float wk = type == BlockFormat.F32 ? LittleEndian.f32(wd, off + 4 * k) : LittleEndian.f16(wd, off + 2 * k);
            lanes[k & 15] = Math.fma(wk, x[k], lanes[k & 15]);
        }
        return Lanes16.sum(lanes);
    }

    private static float blockDot(BlockTensor w, byte[] wd, int off, byte[] ad) {
        BlockFormat type = w.type();
        int blockBytes = type.blockBytes();
        int actBytes = type.activationType().blockBytes();
        byte[] codes = new byte[type.blockSize()];
        float sumf = 0f;
        for (int b = 0; b < w.blocksPerRow(); b++) {
            int wo = off + b * blockBytes;
            int ao = b * actBytes;
            int isum;
            float dw;
            switch (type) {
                case Q8_0:
                    System.arraycopy(wd, wo + 2, codes, 0, 32);
                    isum = dot(codes, 0, ad, ao + 2, 32);
                    dw = LittleEndian.f16(wd, wo);
                    break;
                case Q4_0:
                    BlockCodes.q4_0(wd, wo, codes);
                    isum = dot(codes, 0, ad, ao + 2, 32);
                    dw = LittleEndian.f16(wd, wo);
                    break;
                case Q2_K:
                    BlockCodes.q2K(wd, wo, codes);
                    sumf = q2KBlock(sumf, codes, wd, wo, ad, ao);
                    continue;
                case Q6_K:
                    BlockCodes.q6K(wd, wo, codes);
                    isum = 0;
                    for (int j = 0; j < 16; j++) {
                        isum += BlockCodes.q6KScale(wd, wo, j) * dot(codes, 16 * j, ad, ao + 4 + 16 * j, 16);
                    }
                    dw = LittleEndian.f16(wd, wo + 208);
                    break;
                case TQ2_0:
                    BlockCodes.tq2_0(wd, wo, codes);
                    isum = dot(codes, 0, ad, ao + 4, 256);
                    dw = LittleEndian.f16(wd, wo + 64);
                    break;
                case TQ1_0:
                    BlockCodes.tq1_0(wd, wo, codes);
                    isum = dot(codes, 0, ad, ao + 4, 256);
                    dw = LittleEndian.f16(wd, wo + 52);
                    break;
                default:
                    throw new AssertionError(type);
            }
            float da = actBytes == 34 ? LittleEndian.f16(ad, ao) : LittleEndian.f32(ad, ao);
            sumf = BlockSum.add(sumf, isum, dw, da);
        }
        return sumf;
    }

    /**
     * Q2_K: per sub-block j, its scale index times the sum of code x activation, and its min index times the Q8_K
     * block's stored bsums[j] (the activations' sum there, as ggml reads it).
     */
    static float q2KBlock(float sumf, byte[] codes, byte[] wd, int wo, byte[] ad, int ao) {
        int isum = 0;
        int summs = 0;
        for (int j = 0; j < 16; j++) {
            int sc = BlockCodes.q2KScales(wd, wo, j);
            isum += (sc & 0xF) * dot(codes, 16 * j, ad, ao + 4 + 16 * j, 16);
            summs += (sc >>> 4) * LittleEndian.i16(ad, ao + 260 + 2 * j);
        }
        return BlockSum.addWithMins(sumf, isum, summs, LittleEndian.f16(wd, wo + 80), LittleEndian.f16(wd, wo + 82),
                LittleEndian.f32(ad, ao));
    }

    private static int dot(byte[] w, int wOff, byte[] a, int aOff, int n) {
        int sum = 0;
        for (int i = 0; i < n; i++) {
            sum += w[wOff + i] * a[aOff + i];
        }
        return sum;
    }
}
