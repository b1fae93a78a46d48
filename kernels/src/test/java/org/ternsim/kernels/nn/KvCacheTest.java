// KV rows survive storage as defined: F32 exactly, F16 through Half, INT8 through the per-row absmax formula.
package org.ternsim.kernels.nn;

import org.ternsim.kernels.numeric.Fp16;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.ternsim.kernels.nn.NnFixtures.assertSameBits;

import java.util.Random;
import org.junit.jupiter.api.Test;

class KvCacheTest {

    @Test
    void f32KeepsEveryBit() {
        KvCache cache = new KvCache(2, 3, 4, new F32KvCodec());
        float[] k = {-0f, Float.NaN, Float.MIN_VALUE, 1f, Float.NEGATIVE_INFINITY, 3e38f};
        float[] v = {1, 2, 3, 4, 5, 6};
        cache.append(k, 0, v, 0);
        float[] got = new float[3];
        cache.readKey(0, 1, got, 0);
        assertSameBits(new float[] {1f, Float.NEGATIVE_INFINITY, 3e38f}, got, "key head 1");
        cache.readKey(0, 0, got, 0);
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(got[0]));
        cache.readValue(0, 0, got, 0);
        assertArrayEquals(new float[] {1, 2, 3}, got);
        assertEquals(1, cache.length());
    }

    @Test
    void f16IsHalfRounding() {
        Random random = new Random(5);
        float[] row = NnFixtures.gaussian(random, 128, 100f);
        row[0] = 70000f;
        KvCache cache = new KvCache(1, 128, 1, new F16KvCodec());
        cache.append(row, 0, row, 0);
        float[] got = new float[128];
        cache.readValue(0, 0, got, 0);
        for (int i = 0; i < 128; i++) {
            assertEquals(Fp16.round(row[i]), got[i], "element " + i);
        }
        assertEquals(Float.POSITIVE_INFINITY, got[0]);
    }

    @Test
    void int8ByHand() {
        // amax 1: s = 127; codes rint(127, -63.5 -> -64 even, 31.75 -> 32, 0).
        KvRowCodec codec = new Int8KvCodec();
        byte[] stored = new byte[codec.bytesPerRow(4)];
        codec.encode(new float[] {1f, -0.5f, 0.25f, 0f}, 0, 4, stored, 0);
        assertArrayEquals(new byte[] {127, -64, 32, 0}, java.util.Arrays.copyOfRange(stored, 4, 8));
        float[] got = new float[4];
        codec.decode(stored, 0, 4, got, 0);
        assertArrayEquals(new float[] {1f, -64f / 127f, 32f / 127f, 0f}, got);
    }

    @Test
    void int8ZeroRowAndRejections() {
        KvRowCodec codec = new Int8KvCodec();
        byte[] stored = new byte[codec.bytesPerRow(2)];
        codec.encode(new float[] {0f, -0f}, 0, 2, stored, 0);
        float[] got = new float[2];
        codec.decode(stored, 0, 2, got, 0);
        assertSameBits(new float[] {0f, 0f}, got, "zero row");
        assertThrows(IllegalArgumentException.class,
            () -> codec.encode(new float[] {1f, Float.NaN}, 0, 2, stored, 0));
        assertThrows(IllegalArgumentException.class,
            () -> codec.encode(new float[] {Float.POSITIVE_INFINITY, 0f}, 0, 2, stored, 0));
    }

    @Test
    void int8ErrorIsWithinHalfAStep() {
        Random random = new Random(8);
        float[] row = NnFixtures.gaussian(random, 128, 2f);
        KvCache cache = new KvCache(1, 128, 1, new Int8KvCodec());
        cache.append(row, 0, row, 0);
        float[] got = new float[128];
        cache.readKey(0, 0, got, 0);
        float amax = 0;
        for (float x : row) {
            amax = Math.max(amax, Math.abs(x));
        }
        for (int i = 0; i < 128; i++) {
            assertEquals(row[i], got[i], amax / 127f * 0.5f + 1e-6f);
        }
    }

    @Test
    void boundsAreChecked() {
        KvCache cache = new KvCache(1, 2, 1, new F16KvCodec());
        float[] row = {1, 2};
        assertThrows(IndexOutOfBoundsException.class, () -> cache.readKey(0, 0, row, 0));
        cache.append(row, 0, row, 0);
        assertThrows(IllegalStateException.class, () -> cache.append(row, 0, row, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> cache.readValue(0, 1, row, 0));
        assertThrows(IllegalArgumentException.class, () -> new KvCache(0, 2, 1, new F32KvCodec()));
    }
}
