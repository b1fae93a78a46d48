// The reference baseline GEMM: plain loops, each weight block decoded once and used against every token.
package org.ternsim.kernels.baseline;

import java.util.List;

/**
 * Scalar reference. Per weight row: F32/F16 weights are decoded to floats once, then each token takes the canonical
 * 16-lane {@code Math.fma} order and {@link Lanes16}, as {@link ScalarBaselineGemv}; block formats decode each block's
 * codes (and Q6_K's sub-block scales) once, then each token's exact int32 block sum goes through {@link BlockSum} in
 * block order (Q2_K: through {@link ScalarBaselineGemv}'s block formula, mins term included). Every token's result therefore equals {@link ScalarBaselineGemv} on that token, bit for bit.
 */
public final class ScalarBaselineGemm implements BaselineGemm {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void gemm(BlockTensor w, List<BlockTensor> tokens, float[][] y) {
        GemmArgs.check(w, tokens, y);
        int n = tokens.size();
        if (n == 0) {
            return;
        }
        if (w.type() == BlockFormat.F32 || w.type() == BlockFormat.F16) {
            floatGemm(w, tokens, y);
        } else {
            blockGemm(w, tokens, y);
        }
    }

    private static void floatGemm(BlockTensor w, List<BlockTensor> tokens, float[][] y) {
        int k = w.cols();
        float[][] x = new float[tokens.size()][];
        for (int t = 0; t < x.length; t++) {
            x[t] = tokens.get(t).dequantize();
        }
        byte[] wd = w.data();
        boolean half = w.type() == BlockFormat.F16;
        float[] row = new float[k];
        float[] lanes = new float[Lanes16.LANES];
        for (int r = 0; r < w.rows(); r++) {
            int off = r * w.rowBytes();
            for (int i = 0; i < k; i++) {
                row[i] = half ? LittleEndian.f16(wd, off + 2 * i) : LittleEndian.f32(wd, off + 4 * i);
            }
            for (int t = 0; t < x.length; t++) {
                java.util.Arrays.fill(lanes, 0f);
                float[] xt = x[t];
                for (int i = 0; i < k; i++) {
                    lanes[i & 15] = Math.fma(row[i], xt[i], lanes[i & 15]);
                }
                y[t][r] = Lanes16.sum(lanes);
            }
        }
    }

    private static void blockGemm(BlockTensor w, List<BlockTensor> tokens, float[][] y) {
        BlockFormat type = w.type();
        int n = tokens.size();
        int nb = w.blocksPerRow();
        int blockBytes = type.blockBytes();
        int actBytes = type.activationType().blockBytes();
        int head = actBytes == 34 ? 2 : 4;
        byte[][] ad = new byte[n][];
        float[][] da = new float[n][nb];
        for (int t = 0; t < n; t++) {
            ad[t] = tokens.get(t).data();
            for (int b = 0; b < nb; b++) {
                da[t][b] = actBytes == 34 ? LittleEndian.f16(ad[t], b * actBytes) : LittleEndian.f32(ad[t], b * actBytes);
            }
        }
        byte[] wd = w.data();
        byte[] codes = new byte[type.blockSize()];
        int[] scales = new int[16];
        float[] sumf = new float[n];
        for (int r = 0; r < w.rows(); r++) {
            java.util.Arrays.fill(sumf, 0f);
            for (int b = 0; b < nb; b++) {
                int wo = r * w.rowBytes() + b * blockBytes;
                if (type == BlockFormat.Q2_K) {
                    BlockCodes.q2K(wd, wo, codes);
                    for (int t = 0; t < n; t++) {
                        sumf[t] = ScalarBaselineGemv.q2KBlock(sumf[t], codes, wd, wo, ad[t], b * actBytes);
                    }
                    continue;
                }
                float dw;
                switch (type) {
                    case Q8_0:
                        System.arraycopy(wd, wo + 2, codes, 0, 32);
                        dw = LittleEndian.f16(wd, wo);
                        break;
                    case Q4_0:
                        BlockCodes.q4_0(wd, wo, codes);
                        dw = LittleEndian.f16(wd, wo);
                        break;
                    case Q6_K:
                        BlockCodes.q6K(wd, wo, codes);
                        for (int j = 0; j < 16; j++) {
                            scales[j] = BlockCodes.q6KScale(wd, wo, j);
                        }
                        dw = LittleEndian.f16(wd, wo + 208);
                        break;
                    case TQ2_0:
                        BlockCodes.tq2_0(wd, wo, codes);
                        dw = LittleEndian.f16(wd, wo + 64);
                        break;
                    case TQ1_0:
                        BlockCodes.tq1_0(wd, wo, codes);
                        dw = LittleEndian.f16(wd, wo + 52);
                        break;
                    default:
                        throw new AssertionError(type);
                }
                for (int t = 0; t < n; t++) {
                    int ao = b * actBytes + head;
                    int isum;
                    if (type == BlockFormat.Q6_K) {
                        isum = 0;
                        for (int j = 0; j < 16; j++) {
                            isum += scales[j] * dot(codes, 16 * j, ad[t], ao + 16 * j, 16);
                        }
                    } else {
                        isum = dot(codes, 0, ad[t], ao, codes.length);
                    }
                    sumf[t] = BlockSum.add(sumf[t], isum, dw, da[t][b]);
                }
            }
            for (int t = 0; t < n; t++) {
                y[t][r] = sumf[t];
            }
        }
    }

    private static int dot(byte[] w, int wOff, byte[] a, int aOff, int n) {
        int sum = 0;
        for (int i = 0; i < n; i++) {
            sum += w[wOff + i] * a[aOff + i];
        }
        return sum;
    }
}
