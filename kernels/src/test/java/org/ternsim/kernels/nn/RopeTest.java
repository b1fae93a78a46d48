// RoPE: frequencies and axis split of 2B4T and FLUX, a hand rotation, the pairing permutation, and norm preservation.
package org.ternsim.kernels.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.ternsim.kernels.nn.NnFixtures.assertSameBits;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RopeTest {

    @Test
    void bitnetFrequencies() {
        Rope rope = new Rope(RopeSpec.bitnet2b4t());
        assertEquals(1.0, rope.inverseFrequency(0));
        assertEquals(Math.pow(500_000, -2.0 / 128), rope.inverseFrequency(1), 1e-15);
        assertEquals(Math.pow(500_000, -126.0 / 128), rope.inverseFrequency(63), 1e-18);
    }

    @Test
    void fluxAxesRestartTheirFrequencies() {
        Rope rope = new Rope(RopeSpec.flux());
        assertEquals(1.0, rope.inverseFrequency(0));
        assertEquals(Math.pow(10_000, -14.0 / 16), rope.inverseFrequency(7), 1e-15);
        assertEquals(1.0, rope.inverseFrequency(8), "axis 1 starts at pair 8");
        assertEquals(Math.pow(10_000, -54.0 / 56), rope.inverseFrequency(35), 1e-15);
        assertEquals(1.0, rope.inverseFrequency(36), "axis 2 starts at pair 36");
        // Image token (0, row 3, col 5): axis 0 pairs do not turn, axis 1 pair 0 turns by 3 rad, axis 2 by 5 rad.
        RotaryAngles a = rope.angles(0, 3, 5);
        assertEquals(1f, a.cos()[7]);
        assertEquals(0f, a.sin()[7]);
        assertEquals((float) StrictMath.cos(3.0), a.cos()[8]);
        assertEquals((float) StrictMath.sin(5.0), a.sin()[36]);
    }

    @Test
    void rotationByHand() {
        // Head 4, theta 100: pair 0 turns by pos rad, pair 1 by pos / 10 rad.
        Rope half = new Rope(new RopeSpec(4, 100.0, new int[] {4}, RopePairing.HALF_SPLIT));
        float[] x = {1f, 2f, 3f, 4f};
        half.rotate(half.angles(1), x, 0);
        float c0 = (float) Math.cos(1);
        float s0 = (float) Math.sin(1);
        float c1 = (float) Math.cos(0.1);
        float s1 = (float) Math.sin(0.1);
        // Pairs (0, 2) and (1, 3).
        assertArrayEquals(new float[] {1 * c0 - 3 * s0, 2 * c1 - 4 * s1, 3 * c0 + 1 * s0, 4 * c1 + 2 * s1}, x, 1e-6f);
        Rope inter = new Rope(new RopeSpec(4, 100.0, new int[] {4}, RopePairing.INTERLEAVED));
        float[] y = {1f, 2f, 3f, 4f};
        inter.rotate(inter.angles(1), y, 0);
        // Pairs (0, 1) and (2, 3).
        assertArrayEquals(new float[] {1 * c0 - 2 * s0, 2 * c0 + 1 * s0, 3 * c1 - 4 * s1, 4 * c1 + 3 * s1}, y, 1e-6f);
    }

    @Test
    void positionZeroIsIdentity() {
        Rope rope = new Rope(RopeSpec.bitnet2b4t());
        float[] x = NnFixtures.gaussian(new Random(1), 128, 1f);
        float[] y = x.clone();
        rope.rotate(rope.angles(0), y, 0);
        assertSameBits(x, y, "pos 0");
    }

    @Test
    void halfSplitIsInterleavedUpToTheWeightPermutation() {
        // The GPU converter's '(h l d) -> (h d l)' with l = 2 maps half-split element p to 2p and p + d/2 to 2p + 1.
        Rope half = new Rope(new RopeSpec(128, 500_000.0, new int[] {128}, RopePairing.HALF_SPLIT));
        Rope inter = new Rope(new RopeSpec(128, 500_000.0, new int[] {128}, RopePairing.INTERLEAVED));
        float[] x = NnFixtures.gaussian(new Random(2), 128, 1f);
        float[] permuted = new float[128];
        for (int p = 0; p < 64; p++) {
            permuted[2 * p] = x[p];
            permuted[2 * p + 1] = x[p + 64];
        }
        half.rotate(half.angles(4095), x, 0);
        inter.rotate(inter.angles(4095), permuted, 0);
        for (int p = 0; p < 64; p++) {
            assertSameBits(x[p], permuted[2 * p], "first of pair " + p);
            assertSameBits(x[p + 64], permuted[2 * p + 1], "second of pair " + p);
        }
    }

    @Test
    void rejectsBadSpecs() {
        assertThrows(IllegalArgumentException.class,
            () -> new RopeSpec(128, 10_000.0, new int[] {16, 56}, RopePairing.INTERLEAVED));
        assertThrows(IllegalArgumentException.class,
            () -> new RopeSpec(7, 10_000.0, new int[] {7}, RopePairing.INTERLEAVED));
        assertThrows(IllegalArgumentException.class, () -> new Rope(RopeSpec.flux()).angles(1));
        assertEquals(RopeSpec.flux(), RopeSpec.flux());
    }

    @Property(tries = 100)
    void rotationPreservesPairNorms(@ForAll @IntRange(min = 0, max = 4095) int pos,
                                    @ForAll @IntRange(min = 0, max = 63) int row,
                                    @ForAll boolean flux,
                                    @ForAll long seed) {
        RopeSpec spec = flux ? RopeSpec.flux() : RopeSpec.bitnet2b4t();
        Rope rope = new Rope(spec);
        float[] x = NnFixtures.gaussian(new Random(seed), 128, 4f);
        float[] y = x.clone();
        rope.rotate(flux ? rope.angles(0, row, pos % 64) : rope.angles(pos), y, 0);
        for (int p = 0; p < 64; p++) {
            int a = spec.pairing().first(p, 128);
            int b = spec.pairing().second(p, 128);
            double before = Math.hypot(x[a], x[b]);
            double after = Math.hypot(y[a], y[b]);
            assertEquals(before, after, 4e-6 * before + 1e-30, "pair " + p);
        }
    }
}
