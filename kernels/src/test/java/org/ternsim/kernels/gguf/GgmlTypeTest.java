// The ggml type table: ids of bitnet.cpp's fork, block sizes, and the byte-size rules including I2_S and TL2.
package org.ternsim.kernels.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class GgmlTypeTest {

    @Test
    void idsFollowTheBitnetFork() {
        assertEquals(0, GgmlType.F32.id());
        assertEquals(1, GgmlType.F16.id());
        assertEquals(2, GgmlType.Q4_0.id());
        assertEquals(8, GgmlType.Q8_0.id());
        assertEquals(14, GgmlType.Q6_K.id());
        assertEquals(15, GgmlType.Q8_K.id());
        assertEquals(30, GgmlType.BF16.id());
        assertEquals(34, GgmlType.TQ1_0.id());
        assertEquals(35, GgmlType.TQ2_0.id());
        assertEquals(36, GgmlType.I2_S.id());
        assertEquals(38, GgmlType.TL1.id());
        assertEquals(39, GgmlType.TL2.id());
        for (GgmlType t : GgmlType.values()) {
            assertEquals(Optional.of(t), GgmlType.fromId(t.id()));
        }
        assertTrue(GgmlType.fromId(4).isEmpty());
        assertTrue(GgmlType.fromId(40).isEmpty());
        assertTrue(GgmlType.fromId(-1).isEmpty());
    }

    @Test
    void blockSizesAndBytes() {
        assertEquals(4 * 6, GgmlType.F32.byteSize(new long[] {3, 2}));
        assertEquals(2 * 6, GgmlType.BF16.byteSize(new long[] {3, 2}));
        assertEquals(18 * 2 * 3, GgmlType.Q4_0.byteSize(new long[] {64, 3}));
        assertEquals(34 * 4, GgmlType.Q8_0.byteSize(new long[] {128}));
        assertEquals(210, GgmlType.Q6_K.byteSize(new long[] {256}));
        assertEquals(292, GgmlType.Q8_K.byteSize(new long[] {256}));
        assertEquals(54 * 10, GgmlType.TQ1_0.byteSize(new long[] {2560, 1}));
        assertEquals(66 * 10 * 4, GgmlType.TQ2_0.byteSize(new long[] {2560, 4}));
        assertThrows(IllegalArgumentException.class, () -> GgmlType.Q8_0.byteSize(new long[] {33, 1}));
        assertThrows(ArithmeticException.class, () -> GgmlType.F32.byteSize(new long[] {1L << 60, 1L << 10}));
    }

    @Test
    void i2sAndTl1AreAQuarterBytePerWeightPlusTheScaleTail() {
        // kernels.md §2.1: M*K/4 + 32.
        assertEquals(2560L * 6912 / 4 + 32, GgmlType.I2_S.byteSize(new long[] {2560, 6912}));
        assertEquals(128L * 3 / 4 + 32, GgmlType.TL1.byteSize(new long[] {128, 3}));
        assertEquals(0, GgmlType.I2_S.byteSize(new long[] {128, 0}));
    }

    @Test
    void tl2FollowsTheForksFormula() {
        // (K-256)*M/3*5/8 + 256*M/2*4/8, rounded up to 32, + 32; kernels.md §4.1.
        long k = 3200;
        long m = 8640;
        long n = (k - 256) * m / 3 * 5 / 8 + 256 * m / 2 * 4 / 8;
        n = (n + 31) / 32 * 32;
        assertEquals(n + 32, GgmlType.TL2.byteSize(new long[] {k, m}));
        assertThrows(IllegalArgumentException.class, () -> GgmlType.TL2.byteSize(new long[] {128, 4}));
    }
}
