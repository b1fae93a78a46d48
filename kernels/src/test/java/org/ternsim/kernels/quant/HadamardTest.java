// Blocked Hadamard: hand-computed transforms, the explicit Sylvester matrix, H H = I, and scalar == Vector API bits.
package org.ternsim.kernels.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HadamardTest {

    private static final List<VectorSpecies<Float>> SPECIES =
            List.of(FloatVector.SPECIES_128, FloatVector.SPECIES_256, FloatVector.SPECIES_512);
    /** DESIGN's awkward sizes; odd widths get block 1 (the identity), 2560 and 6912 the 2B4T blocks 512 and 256. */
    private static final int[] WIDTHS = {1, 2, 3, 8, 15, 16, 17, 24, 31, 32, 33, 96, 127, 128, 129, 255, 256, 257,
        1000, 2560, 4096, 6912};

    private final Hadamard scalar = new ScalarHadamard();

    @Test
    void fourPointTransformByHand() {
        // Stage 1: (1+2, 1-2, 3+4, 3-4) = (3, -1, 7, -1); stage 2: (3+7, -1-1, 3-7, -1+1) = (10, -2, -4, 0); * 1/2.
        float[] x = {1f, 2f, 3f, 4f};
        scalar.transform(x);
        assertArrayEquals(new float[] {5f, -1f, -2f, 0f}, x);
    }

    @Test
    void twoPointTransformUsesTheFloatInverseSquareRootOfTwo() {
        float[] x = {3f, 1f};
        scalar.transform(x);
        float r = (float) (1 / Math.sqrt(2)); // 0.70710677f
        assertArrayEquals(new float[] {4f * r, 2f * r}, x);
    }

    @Test
    void widthOneAndOddWidthsAreTheIdentity() {
        float[] x = {-7.25f, 3f, 1e30f};
        scalar.transform(x);
        assertArrayEquals(new float[] {-7.25f, 3f, 1e30f}, x);
    }

    @Test
    void blockSizeIsTheLargestPowerOfTwoDivisor() {
        assertEquals(512, Hadamard.blockSize(2560));
        assertEquals(256, Hadamard.blockSize(6912));
        assertEquals(4096, Hadamard.blockSize(4096));
        assertEquals(1, Hadamard.blockSize(3));
        assertEquals(1, Hadamard.blockSize(1));
        assertEquals(0.0625f, Hadamard.normalisation(256)); // exact for powers of four
        assertThrows(IllegalArgumentException.class, () -> Hadamard.blockSize(0));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 16, 128})
    void matchesTheExplicitSylvesterMatrix(int n) {
        // Column j of H is H e_j; entry (i, j) is (-1)^popcount(i & j) / sqrt(n) in natural order.
        for (int j = 0; j < n; j++) {
            float[] e = new float[n];
            e[j] = 1f;
            scalar.transform(e);
            for (int i = 0; i < n; i++) {
                double expected = (Integer.bitCount(i & j) % 2 == 0 ? 1 : -1) / Math.sqrt(n);
                assertEquals(expected, e[i], 1e-7, "H[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void columnsAreOrthonormalAndBlocksDoNotMix() {
        int n = 48; // 3 blocks of 16
        float[][] columns = new float[n][];
        for (int j = 0; j < n; j++) {
            columns[j] = new float[n];
            columns[j][j] = 1f;
            scalar.transform(columns[j]);
            for (int i = 0; i < n; i++) {
                if (i / 16 != j / 16) {
                    assertEquals(0f, columns[j][i]);
                }
            }
        }
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += (double) columns[a][i] * columns[b][i];
                }
                assertEquals(a == b ? 1.0 : 0.0, dot, 1e-6);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 128, 2560, 6912})
    void isItsOwnInverseAndKeepsTheNorm(int width) {
        float[] x = random(new Random(width), width);
        float[] y = x.clone();
        scalar.transform(y);
        double norm = 0;
        double normY = 0;
        for (int i = 0; i < width; i++) {
            norm += (double) x[i] * x[i];
            normY += (double) y[i] * y[i];
        }
        assertEquals(norm, normY, 1e-5 * norm);
        scalar.transform(y);
        for (int i = 0; i < width; i++) {
            // log2(512) = 9 stages each way, each adding about one ulp of the block's magnitude.
            assertEquals(x[i], y[i], 2e-5, "entry " + i);
        }
    }

    @Test
    void vectorEqualsScalarBitForBitOnAwkwardWidths() {
        Random random = new Random(6912);
        for (VectorSpecies<Float> species : SPECIES) {
            Hadamard panama = new PanamaHadamard(species);
            for (int width : WIDTHS) {
                float[] x = random(random, width);
                assertSameBits(panama, x, 0, width, Hadamard.blockSize(width), species + " width " + width);
            }
        }
    }

    @Test
    void vectorEqualsScalarForEveryCallerBlockAndOnSlices() {
        Random random = new Random(2560);
        for (VectorSpecies<Float> species : SPECIES) {
            Hadamard panama = new PanamaHadamard(species);
            for (int block = 1; block <= 512; block <<= 1) {
                float[] x = random(random, 2560 + 7);
                assertSameBits(panama, x, 3, 2560, block, species + " block " + block);
            }
        }
    }

    @Test
    void vectorEqualsScalarOnExtremeValues() {
        for (VectorSpecies<Float> species : SPECIES) {
            Hadamard panama = new PanamaHadamard(species);
            float[] x = new float[64];
            for (int i = 0; i < x.length; i++) {
                x[i] = i % 3 == 0 ? Float.MAX_VALUE : i % 3 == 1 ? -Float.MIN_VALUE : -0.0f; // overflows to inf, NaN
            }
            assertSameBits(panama, x, 0, 64, 64, species + " extremes");
        }
    }

    @Test
    void sliceLeavesTheRestUntouched() {
        float[] x = {9f, 1f, 2f, 3f, 4f, 9f};
        scalar.transform(x, 1, 4, 4);
        assertArrayEquals(new float[] {9f, 5f, -1f, -2f, 0f, 9f}, x);
    }

    @Test
    void rejectsBadBlocks() {
        float[] x = new float[2560];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> scalar.transform(x, 0, 2560, 1024));
        assertTrue(e.getMessage().contains("512"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> scalar.transform(x, 0, 2560, 5));
        assertThrows(IllegalArgumentException.class, () -> scalar.transform(x, 0, 2560, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> scalar.transform(x, 1, 2560, 512));
        assertThrows(IllegalArgumentException.class, () -> new PanamaHadamard(FloatVector.SPECIES_64));
    }

    @Test
    void instanceIsSelectedOnce() {
        assertTrue(Hadamard.instance() == Hadamard.instance());
        assertTrue(Hadamard.instance().name().startsWith("panama/") || Hadamard.instance().name().equals("scalar"));
    }

    @Property(tries = 200)
    void vectorEqualsScalarOnRandomBlockedRows(@ForAll @IntRange(min = 0, max = 9) int log2Block,
            @ForAll @IntRange(min = 1, max = 5) int blocks, @ForAll @IntRange(min = 0, max = 2) int width,
            @ForAll long seed) {
        int block = 1 << log2Block;
        float[] x = random(new Random(seed), block * blocks);
        assertSameBits(new PanamaHadamard(SPECIES.get(width)), x, 0, x.length, block, "property");
    }

    private void assertSameBits(Hadamard panama, float[] x, int offset, int length, int block, String what) {
        float[] expected = x.clone();
        float[] actual = x.clone();
        scalar.transform(expected, offset, length, block);
        panama.transform(actual, offset, length, block);
        for (int i = 0; i < x.length; i++) {
            // floatToIntBits: every bit of every number, but one NaN, since Java leaves NaN payloads unspecified.
            assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(actual[i]), what + " at " + i);
        }
    }

    private static float[] random(Random random, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextGaussian() * (random.nextInt(16) == 0 ? 20f : 1f); // a few outliers
        }
        return x;
    }
}
