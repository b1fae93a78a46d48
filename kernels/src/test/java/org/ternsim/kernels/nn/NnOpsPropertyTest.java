// Properties on random rows: softmax sums to 1, RMSNorm gives RMS 1, and every Vector API width gives scalar bits.
package org.ternsim.kernels.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ternsim.kernels.nn.NnFixtures.assertSameBits;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;

class NnOpsPropertyTest {

    private final NnOps scalar = new ScalarNnOps();

    @Property(tries = 200)
    void softmaxSumsToOne(@ForAll @IntRange(min = 1, max = 600) int n,
                          @ForAll @FloatRange(min = 0.01f, max = 30f) float spread,
                          @ForAll long seed) {
        float[] x = NnFixtures.gaussian(new Random(seed), n, spread);
        scalar.softmax(x, 0, n);
        double total = 0;
        for (float p : x) {
            total += p;
        }
        assertEquals(1.0, total, 2e-6 * Math.sqrt(n) + 1e-6);
    }

    @Property(tries = 200)
    void rmsNormGivesUnitRms(@ForAll @IntRange(min = 1, max = 600) int n,
                             @ForAll @FloatRange(min = 0.05f, max = 1000f) float scale,
                             @ForAll long seed) {
        float[] x = NnFixtures.gaussian(new Random(seed), n, scale);
        x[0] = scale; // keeps the RMS well above sqrt(eps)
        float[] ones = new float[n];
        Arrays.fill(ones, 1f);
        float[] y = new float[n];
        scalar.rmsNorm(x, 0, ones, 0, NnOps.RMS_EPS_2B4T, y, 0, n);
        double squares = 0;
        double inSquares = 0;
        for (int i = 0; i < n; i++) {
            squares += (double) y[i] * y[i];
            inSquares += (double) x[i] * x[i];
        }
        // RMS 1, shrunk by eps where the row is small: exactly sqrt(ms / (ms + eps)) up to float rounding.
        double ms = inSquares / n;
        double expected = Math.sqrt(ms / (ms + NnOps.RMS_EPS_2B4T));
        assertEquals(expected, Math.sqrt(squares / n), 1e-5);
        // And close to 1 wherever eps is negligible against the mean square (eps/ms <= 1e-3 moves the RMS by <= 5e-4);
        // small rows with few elements can have ms near eps, where only the formula above holds.
        if (ms >= 1e-2) {
            assertEquals(1.0, Math.sqrt(squares / n), 5e-3);
        }
    }

    @Property(tries = 60)
    void vectorEqualsScalar(@ForAll @IntRange(min = 1, max = 300) int n,
                            @ForAll @IntRange(min = 0, max = 5) int offset,
                            @ForAll boolean specials,
                            @ForAll long seed) {
        Random random = new Random(seed);
        float[] a = specials ? NnFixtures.withSpecials(random, n + offset, random.nextInt(20))
                : NnFixtures.gaussian(random, n + offset, 10f);
        float[] b = NnFixtures.gaussian(random, n + offset, 1f);
        for (NnOps panama : NnFixtures.panamaAll()) {
            String what = panama.name() + " n=" + n + " offset " + offset;
            assertSameBits(scalar.dot(a, offset, b, offset, n), panama.dot(a, offset, b, offset, n), what + " dot");
            float[] expected = new float[n];
            float[] actual = new float[n];
            scalar.rmsNorm(a, offset, b, offset, NnOps.RMS_EPS_2B4T, expected, 0, n);
            panama.rmsNorm(a, offset, b, offset, NnOps.RMS_EPS_2B4T, actual, 0, n);
            assertSameBits(expected, actual, what + " rmsNorm");
            scalar.layerNorm(a, offset, NnOps.LAYER_NORM_EPS_FLUX, expected, 0, n);
            panama.layerNorm(a, offset, NnOps.LAYER_NORM_EPS_FLUX, actual, 0, n);
            assertSameBits(expected, actual, what + " layerNorm");
            scalar.gelu(a, offset, expected, 0, n);
            panama.gelu(a, offset, actual, 0, n);
            assertSameBits(expected, actual, what + " gelu");
            scalar.swiGlu(a, offset, b, offset, expected, 0, n);
            panama.swiGlu(a, offset, b, offset, actual, 0, n);
            assertSameBits(expected, actual, what + " swiGlu");
            System.arraycopy(a, offset, expected, 0, n);
            System.arraycopy(a, offset, actual, 0, n);
            scalar.softmax(expected, 0, n);
            panama.softmax(actual, 0, n);
            assertSameBits(expected, actual, what + " softmax");
        }
    }
}
