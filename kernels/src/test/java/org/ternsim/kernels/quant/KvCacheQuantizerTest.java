// KV cache quantizer: hand-computed codes and packing, [BOS] precision, and the round-trip error bound.
package org.ternsim.kernels.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class KvCacheQuantizerTest {

    @Test
    void threeBitCodesPackEightToThreeBytes() {
        // Stream bits low first: byte0 = 0 | 1<<3 | (2&3)<<6; byte1 = 2>>2 | 3<<1 | 4<<4 | (5&1)<<7; byte2 = 5>>1 | 6<<2 | 7<<5.
        byte[] packed = KvCodePacking.pack(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, 3);
        assertArrayEquals(new byte[] {(byte) 0x88, (byte) 0xC6, (byte) 0xFA}, packed);
        for (int i = 0; i < 8; i++) {
            assertEquals(i, KvCodePacking.unpack(packed, 3, i));
        }
        assertEquals(48, KvCodePacking.packedBytes(3, 128));
        assertEquals(2, KvCodePacking.packedBytes(3, 5)); // 15 bits, one padding bit
    }

    @Test
    void fourBitCodesGoLowNibbleFirst() {
        assertArrayEquals(new byte[] {0x21, 0x03}, KvCodePacking.pack(new int[] {1, 2, 3}, 4));
        assertArrayEquals(new byte[] {(byte) 255, 0}, KvCodePacking.pack(new int[] {255, 0}, 8));
        assertThrows(IllegalArgumentException.class, () -> KvCodePacking.pack(new int[] {16}, 4));
        assertThrows(IllegalArgumentException.class, () -> KvCodePacking.pack(new int[] {1}, 2));
    }

    @Test
    void threeBitHeadByHand() {
        // amax = 3 so s = 1: q = rint(x) (half even: -1.5 -> -2, 2.5 -> 2), u = q + 4.
        KvHeadBlock b = KvCacheQuantizer.quantize(new float[] {3f, -3f, 1f, 0.49f, -1.5f, 2.5f}, 0, 6, 3);
        assertEquals(1f, b.step());
        assertEquals(4, b.zeroPoint());
        int[] codes = new int[6];
        for (int i = 0; i < 6; i++) {
            codes[i] = b.code(i);
        }
        assertArrayEquals(new int[] {7, 1, 5, 4, 2, 6}, codes);
        assertArrayEquals(new float[] {3f, -3f, 1f, 0f, -2f, 2f}, b.dequantize());
        assertEquals(3 + 4, b.storageBytes()); // 18 bits -> 3 bytes, plus the step
    }

    @Test
    void fourBitHeadByHand() {
        // amax = 7 so s = 1; rint(-3.5) = -4; u = q + 8.
        KvHeadBlock b = KvCacheQuantizer.quantize(new float[] {7f, -3.5f, 0.5f, 2.5f}, 0, 4, 4);
        assertArrayEquals(new byte[] {0x4F, (byte) 0xA8}, b.packed());
        assertArrayEquals(new float[] {7f, -4f, 0f, 2f}, b.dequantize());
    }

    @Test
    void allZeroHeadUsesTheFloorAndRestoresZeros() {
        KvHeadBlock b = KvCacheQuantizer.quantize(new float[16], 0, 16, 3);
        assertEquals((float) (1e-5 / 3), b.step());
        for (int i = 0; i < 16; i++) {
            assertEquals(4, b.code(i));
        }
        assertArrayEquals(new float[16], b.dequantize());
    }

    @Test
    void singleValueAndExtremesStayWithinTheBound() {
        for (float v : new float[] {-5f, 1e-7f, KvCacheQuantizer.MAX_ABS, -KvCacheQuantizer.MAX_ABS, Float.MIN_VALUE}) {
            for (int bits : new int[] {3, 4, 8}) {
                KvHeadBlock b = KvCacheQuantizer.quantize(new float[] {v, v / 2}, 0, 2, bits);
                assertWithinBound(new float[] {v, v / 2}, b);
            }
        }
        // One value at amax maps to +-Qp: -5 -> -3 + 4 = 1.
        assertEquals(1, KvCacheQuantizer.quantize(new float[] {-5f}, 0, 1, 3).code(0));
    }

    @Test
    void bosTokenHeadsUseTheHigherPrecision() {
        float[] token = randomHeads(new Random(5), 5 * 128);
        KvTokenBlock ordinary = KvCacheQuantizer.V2.quantizeToken(token, 0, 5, 128, false);
        KvTokenBlock bosV2 = KvCacheQuantizer.V2.quantizeToken(token, 0, 5, 128, true);
        KvTokenBlock bosA48 = KvCacheQuantizer.A48.quantizeToken(token, 0, 5, 128, true);
        for (int h = 0; h < 5; h++) {
            assertEquals(3, ordinary.heads().get(h).bits());
            assertEquals(8, bosV2.heads().get(h).bits());
            assertEquals(4, bosA48.heads().get(h).bits());
        }
        // 2B4T: 5 KV heads x (48 code bytes + 4 step bytes) = 260 bytes per token for K, vs 1280 in bf16.
        assertEquals(260, ordinary.storageBytes());
        assertEquals(5 * (128 + 4), bosV2.storageBytes());
        assertEquals(128, ordinary.headDim());
        assertTrue(maxError(token, bosV2.dequantize()) < maxError(token, ordinary.dequantize()));
    }

    @Test
    void tokenHeadsAreQuantizedIndependently() {
        float[] token = {100f, -50f, 0.3f, -0.1f}; // two heads of 2: the outlier head does not flatten the other
        KvTokenBlock t = new KvCacheQuantizer(4, 4).quantizeToken(token, 0, 2, 2, false);
        assertEquals(0.3f / 7, t.heads().get(1).step(), 1e-8f);
        assertEquals(0.3f, t.dequantize()[2], 1e-6f);
    }

    @Test
    void rejectsBadConfigurationsAndBlocks() {
        assertThrows(IllegalArgumentException.class, () -> new KvCacheQuantizer(8, 8));
        assertThrows(IllegalArgumentException.class, () -> new KvCacheQuantizer(4, 3));
        assertThrows(IllegalArgumentException.class, () -> new KvCacheQuantizer(3, 16));
        assertThrows(IllegalArgumentException.class,
                () -> KvCacheQuantizer.quantize(new float[] {Float.NaN}, 0, 1, 3));
        assertThrows(IllegalArgumentException.class,
                () -> KvCacheQuantizer.quantize(new float[] {Math.nextUp(KvCacheQuantizer.MAX_ABS)}, 0, 1, 8));
        assertThrows(IllegalArgumentException.class, () -> KvCacheQuantizer.quantize(new float[1], 0, 0, 3));
        assertThrows(IndexOutOfBoundsException.class,
                () -> KvCacheQuantizer.A48.quantizeToken(new float[255], 0, 2, 128, false));
        assertThrows(IllegalArgumentException.class, () -> new KvHeadBlock(3, 5, new byte[] {0, (byte) 0x80}, 1f));
        assertThrows(IllegalArgumentException.class, () -> new KvHeadBlock(3, 5, new byte[3], 1f));
        assertThrows(IllegalArgumentException.class, () -> new KvHeadBlock(4, 2, new byte[1], 0f));
    }

    @Property(tries = 200)
    void packingRoundTrips(@ForAll long seed, @ForAll @IntRange(min = 1, max = 70) int count,
            @ForAll @IntRange(min = 0, max = 2) int width) {
        int bits = new int[] {3, 4, 8}[width];
        Random random = new Random(seed);
        int[] codes = new int[count];
        for (int i = 0; i < count; i++) {
            codes[i] = random.nextInt(1 << bits);
        }
        byte[] packed = KvCodePacking.pack(codes, bits);
        for (int i = 0; i < count; i++) {
            assertEquals(codes[i], KvCodePacking.unpack(packed, bits, i));
        }
    }

    @Property(tries = 300)
    void roundTripErrorIsAtMostHalfAStep(@ForAll long seed, @ForAll @IntRange(min = 1, max = 160) int length,
            @ForAll @IntRange(min = 0, max = 2) int width) {
        int bits = new int[] {3, 4, 8}[width];
        float[] x = randomHeads(new Random(seed), length);
        KvHeadBlock b = KvCacheQuantizer.quantize(x, 0, length, bits);
        assertWithinBound(x, b);
        for (int i = 0; i < length; i++) {
            assertTrue(b.code(i) >= 1, "the lowest code never occurs"); // symmetric absmax, like int8's -128
        }
    }

    /** |x - x'| <= d/2 up to float rounding of x*s, of s and d, and of the product. */
    private static void assertWithinBound(float[] x, KvHeadBlock b) {
        float[] y = b.dequantize();
        for (int i = 0; i < x.length; i++) {
            double bound = 0.5 * b.step() * (1 + 1e-6) + Math.abs((double) x[i]) * 0x1p-21;
            assertTrue(Math.abs((double) x[i] - y[i]) <= bound,
                    "value " + x[i] + " restored as " + y[i] + " with " + b.bits() + " bits, bound " + bound);
        }
    }

    private static double maxError(float[] x, float[] y) {
        double max = 0;
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, Math.abs((double) x[i] - y[i]));
        }
        return max;
    }

    private static float[] randomHeads(Random random, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextGaussian() * (random.nextInt(32) == 0 ? 30f : 1f);
        }
        return x;
    }
}
