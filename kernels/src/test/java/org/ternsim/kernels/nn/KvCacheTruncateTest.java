// Truncating a KV cache forgets the later positions and lets them be appended again.
package org.ternsim.kernels.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class KvCacheTruncateTest {

    @Test
    void truncateThenAppendOverwrites() {
        KvCache cache = new KvCache(1, 2, 3, new F32KvCodec());
        cache.append(new float[] {1, 2}, 0, new float[] {3, 4}, 0);
        cache.append(new float[] {5, 6}, 0, new float[] {7, 8}, 0);
        cache.truncate(1);
        assertEquals(1, cache.length());
        cache.append(new float[] {9, 10}, 0, new float[] {11, 12}, 0);
        float[] k = new float[2];
        cache.readKey(1, 0, k, 0);
        assertArrayEquals(new float[] {9, 10}, k);
        assertThrows(IndexOutOfBoundsException.class, () -> cache.truncate(3));
        assertThrows(IndexOutOfBoundsException.class, () -> cache.truncate(-1));
    }
}
