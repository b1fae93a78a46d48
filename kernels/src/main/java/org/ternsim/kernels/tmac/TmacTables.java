// Builds T-MAC's tables from float activations: mirror-consolidated float entries, per-group scale, int8 rounding.
package org.ternsim.kernels.tmac;

import java.util.Objects;

/**
 * Table construction of T-MAC's {@code lut_ctor_g4_int8_impl} and {@code partial_max_g4_int8_k8}
 * ({@code python/t_mac/intrins/lut_ctor.cc}, AVX2 branch, fp32 activations; the NEON branch does the same in fp16,
 * which is not modelled). Activations are taken as {@code float}: T-MAC quantizes the tables, not the activations.
 * Every float operation below is the original's, in its order:
 * <ol>
 *   <li><b>Float table</b> of group i (a0..a3 = x[4i .. 4i+3]): for odd g, T[g] = ((a0 ± a1) ± a2) ± a3, left to
 *       right, + where bit k of g is set; for even g, T[g] = -T[15 - g] (mirror consolidation: only the 8 odd
 *       entries are computed). Because rounding is sign-symmetric, this equals the left-to-right signed sum for every
 *       g.</li>
 *   <li><b>lut_scale</b> of activation group j: max over its 4-groups of (|a0| + |a1|) + (|a2| + |a3|), divided by
 *       127 in float. T-MAC takes the max of per-32-activation maxima each divided by 127; division by 127 is
 *       monotone, so that equals one division of the overall max.</li>
 *   <li><b>Quantization</b>: inv = scale != 0 ? 1 / scale : 0 (float); q = clamp(rint(T[g] * inv), -128, 127), the
 *       product in float, rounding half to even ({@code _mm256_round_ps(_MM_FROUND_TO_NEAREST_INT)} +
 *       {@code cvtps_epi32}; NEON {@code vcvtnq_s16_f16}), saturation as {@code packs_epi32} / {@code packs_epi16}.
 *       |T[g]| <= sum |a| gives |q| <= 127 up to rounding, so the clamp only documents the saturation. An all-zero
 *       activation group has scale 0, inv 0 and an all-zero table (T-MAC's guard), contributing nothing.</li>
 *   <li><b>lut_bias</b> of activation group j: sum of entry 0 (= -(a0 + a1 + a2 + a3), unquantized) over its groups.
 *       T-MAC sums 8 groups with an AVX2 horizontal add per 32 activations; here the package's canonical order
 *       ({@link LaneSum}, term = group index within the activation group) is used instead, a documented
 *       deviation of at most a few ulps.</li>
 * </ol>
 * Fast aggregation ({@code -fa}, {@code FastAggregationK > 0}) is not modelled: T-MAC's default build has it off.
 */
public final class TmacTables {

    private TmacTables() {
    }

    /** The tables of {@code x} with T-MAC's default act_group_size of 64. */
    public static TmacLut build(float[] x) {
        return build(x, TmacShapes.DEFAULT_ACT_GROUP);
    }

    /** The tables of {@code x}; K = x.length must be a multiple of {@code actGroupSize} (a multiple of 32). */
    public static TmacLut build(float[] x, int actGroupSize) {
        Objects.requireNonNull(x, "x");
        int cols = x.length;
        TmacShapes.check(cols, actGroupSize);
        for (int k = 0; k < cols; k++) {
            if (!Float.isFinite(x[k])) {
                throw new IllegalArgumentException("T-MAC activation " + k + " is " + x[k]);
            }
        }
        int groups = cols / TmacShapes.G;
        int perAct = actGroupSize / TmacShapes.G;
        byte[] entries = new byte[TmacShapes.ENTRIES * groups + TmacLut.SLACK];
        float[] scales = new float[cols / actGroupSize];
        float[] biases = new float[cols / actGroupSize];
        float[] table = new float[TmacShapes.ENTRIES];
        LaneSum bias = new LaneSum();
        for (int j = 0; j < scales.length; j++) {
            float max = 0f;
            for (int i = j * perAct; i < (j + 1) * perAct; i++) {
                max = Math.max(max, absSum(x, i));
            }
            if (!Float.isFinite(max)) {
                throw new IllegalArgumentException("T-MAC activation group " + j + ": sum |a| overflows float");
            }
            float scale = max / 127f;
            float inv = scale != 0f ? 1f / scale : 0f;
            bias.reset();
            for (int i = j * perAct; i < (j + 1) * perAct; i++) {
                floatTable(x, i, table);
                bias.addProduct(table[0], 1f);
                for (int g = 0; g < TmacShapes.ENTRIES; g++) {
                    entries[TmacShapes.ENTRIES * i + g] = quantize(table[g], inv);
                }
            }
            scales[j] = scale;
            biases[j] = bias.result();
        }
        return new TmacLut(cols, actGroupSize, entries, scales, biases);
    }

    /** Fills {@code table} with the float entries of 4-group {@code group} of {@code x}, mirror-consolidated. */
    public static void floatTable(float[] x, int group, float[] table) {
        float a0 = x[4 * group];
        float a1 = x[4 * group + 1];
        float a2 = x[4 * group + 2];
        float a3 = x[4 * group + 3];
        for (int g = 1; g < TmacShapes.ENTRIES; g += 2) {
            float t = a0;
            t = (g & 2) != 0 ? t + a1 : t - a1;
            t = (g & 4) != 0 ? t + a2 : t - a2;
            t = (g & 8) != 0 ? t + a3 : t - a3;
            table[g] = t;
        }
        for (int g = 0; g < TmacShapes.ENTRIES; g += 2) {
            table[g] = -table[15 - g];
        }
    }

    /** (|a0| + |a1|) + (|a2| + |a3|) of 4-group {@code group}, in the AVX2 partial_max order. */
    static float absSum(float[] x, int group) {
        int k = 4 * group;
        return (Math.abs(x[k]) + Math.abs(x[k + 1])) + (Math.abs(x[k + 2]) + Math.abs(x[k + 3]));
    }

    /** clamp(rint(t * inv), -128, 127): float product, round half to even, int8 saturation. */
    static byte quantize(float t, float inv) {
        double r = Math.rint(t * inv);
        return (byte) Math.max(-128.0, Math.min(127.0, r));
    }
}
