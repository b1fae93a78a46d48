// dequantize(quantize(x)): exact where x is representable, within each format's error bound otherwise.
package org.ternsim.kernels.baseline;

import org.ternsim.kernels.numeric.Fp16;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RoundTripTest {

    private static final float HALF_EPS = 0x1p-11f;

    private static float[] roundTrip(BlockFormat type, float[] x) {
        return BlockTensor.quantize(type, 1, x.length, x).dequantize();
    }

    private static float[] gaussian(Random random, int n, float scale) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextGaussian() * scale;
        }
        return x;
    }

    private static float blockAmax(float[] x, int from, int size) {
        float amax = 0f;
        for (int i = from; i < from + size; i++) {
            amax = Math.max(amax, Math.abs(x[i]));
        }
        return amax;
    }

    @Property(tries = 60)
    void errorBoundsPerFormat(@ForAll @IntRange(min = 1, max = 4) int blocks, @ForAll long seed,
                              @ForAll @IntRange(min = 0, max = 12) int log2Scale) {
        // Outside this range fp16 scales (Q6_K: amax / 4096) go subnormal and lose precision, or TQ scales (amax) overflow.
        Random random = new Random(seed);
        float[] x = gaussian(random, 256 * blocks, (float) Math.scalb(1.0, log2Scale));
        check(BlockFormat.Q8_0, x, 32, 0.5f / 127 + 1.01f * HALF_EPS);
        check(BlockFormat.Q4_0, x, 32, 1f / 8 + 1.01f * HALF_EPS); // the block's max lands on +8, clamped to 7
        check(BlockFormat.TQ2_0, x, 256, 0.5f + 1.01f * HALF_EPS);
        check(BlockFormat.TQ1_0, x, 256, 0.5f + 1.01f * HALF_EPS);
        check(BlockFormat.Q8_K, x, 256, 0.5f / 127 + 1e-6f);
        check(BlockFormat.Q6_K, x, 16 * 16, 1f / 16); // loose: 6-bit codes under an 8-bit scale of the block max
        check(BlockFormat.Q2_K, x, 256, 0.5f); // loose: 4 levels per 16 values, fitted by least absolute error
        float[] f16 = roundTrip(BlockFormat.F16, x);
        float[] bf16 = roundTrip(BlockFormat.BF16, x);
        for (int i = 0; i < x.length; i++) {
            assertTrue(Math.abs(f16[i] - x[i]) <= Math.max(Math.abs(x[i]) * HALF_EPS, 0x1p-25f));
            assertTrue(Math.abs(bf16[i] - x[i]) <= Math.abs(x[i]) * 0x1p-8f);
        }
        assertArrayEquals(x, roundTrip(BlockFormat.F32, x));
    }

    /** |y - x| <= bound * amax of the value's block. */
    private static void check(BlockFormat type, float[] x, int block, float bound) {
        float[] y = roundTrip(type, x);
        for (int i = 0; i < x.length; i++) {
            float amax = blockAmax(x, i / block * block, block);
            assertTrue(Math.abs(y[i] - x[i]) <= bound * amax,
                    type + " value " + i + ": " + x[i] + " -> " + y[i] + " (block amax " + amax + ")");
        }
    }

    @Property(tries = 40)
    void representableValuesAreExact(@ForAll long seed, @ForAll @IntRange(min = -10, max = 10) int log2) {
        Random random = new Random(seed);
        float d = Fp16.round((float) Math.scalb(1 + random.nextInt(1024) / 1024.0, log2));
        float[] q8 = new float[64];
        float[] q4 = new float[64];
        float[] tern = new float[512];
        for (int b = 0; b < 2; b++) {
            for (int j = 0; j < 32; j++) {
                q8[32 * b + j] = (random.nextInt(255) - 127) * d;
                q4[32 * b + j] = (random.nextInt(16) - 8) * d;
            }
            q8[32 * b + random.nextInt(32)] = 127 * d;  // the block's amax is 127 d
            q4[32 * b + random.nextInt(32)] = -8 * d;   // and its signed max -8 d
        }
        for (int i = 0; i < tern.length; i++) {
            tern[i] = (random.nextInt(3) - 1) * d;
        }
        tern[7] = d;
        tern[300] = -d;
        assertArrayEquals(q8, roundTrip(BlockFormat.Q8_0, q8));
        assertArrayEquals(q4, roundTrip(BlockFormat.Q4_0, q4));
        assertArrayEquals(tern, roundTrip(BlockFormat.TQ2_0, tern));
        assertArrayEquals(tern, roundTrip(BlockFormat.TQ1_0, tern));
        float[] halves = new float[64];
        for (int i = 0; i < halves.length; i++) {
            halves[i] = Fp16.toFloat(random.nextInt(0x7C00) | (random.nextBoolean() ? 0x8000 : 0));
        }
        assertArrayEquals(halves, roundTrip(BlockFormat.F16, halves));
        float[] bf16 = roundTrip(BlockFormat.BF16, halves);
        assertArrayEquals(bf16, roundTrip(BlockFormat.BF16, bf16));
    }

    @Test
    void q6KRequantizesToTheDequantizedValues() {
        // Quantizing Q6_K output again reproduces it: each value is a code times the grid it came from.
        Random random = new Random(6);
        float[] x = gaussian(random, 1024, 0.02f);
        float[] once = roundTrip(BlockFormat.Q6_K, x);
        float rms = 0f;
        for (int i = 0; i < x.length; i++) {
            rms += (once[i] - x[i]) * (once[i] - x[i]);
        }
        assertTrue(Math.sqrt(rms / x.length) < 0.02f / 40, "rms error " + Math.sqrt(rms / x.length));
        float[] twice = roundTrip(BlockFormat.Q6_K, once);
        float maxDiff = 0f;
        for (int i = 0; i < x.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(twice[i] - once[i]));
        }
        assertTrue(maxDiff <= 0.02f * 4 / 128, "requantization moved a value by " + maxDiff);
    }

    @Test
    void q8KBlockSumsAreTheSumsOfTheCodes() {
        Random random = new Random(8);
        float[] x = gaussian(random, 512, 3f);
        byte[] b = BlockTensor.quantize(BlockFormat.Q8_K, 1, 512, x).data();
        for (int blk = 0; blk < 2; blk++) {
            for (int j = 0; j < 16; j++) {
                int sum = 0;
                for (int i = 0; i < 16; i++) {
                    sum += b[292 * blk + 4 + 16 * j + i];
                }
                assertEquals(sum, LittleEndian.i16(b, 292 * blk + 260 + 2 * j));
            }
        }
    }
}
