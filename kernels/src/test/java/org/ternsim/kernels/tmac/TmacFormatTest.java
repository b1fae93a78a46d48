// T-MAC bit-plane format: hand-checked bytes and indices, round trips, code 00b and shape errors.
package org.ternsim.kernels.tmac;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ternsim.kernels.quant.TernaryWeights;

class TmacFormatTest {

    @Test
    void tritsMapToCodesTPlusTwo() {
        assertEquals(1, TmacPacker.code(-1)); // 01b
        assertEquals(2, TmacPacker.code(0));  // 10b
        assertEquals(3, TmacPacker.code(1));  // 11b
        assertThrows(IllegalArgumentException.class, () -> TmacPacker.code(2));
    }

    @Test
    void handCheckedBytes() {
        // group 0 = (-1, 0, +1, 0): codes 01, 10, 11, 10 -> plane 0 bits 1,0,1,0 = 0101b = 5; plane 1 bits 0,1,1,1 = 1110b = 14
        // group 1 = (+1, +1, -1, -1): codes 11, 11, 01, 01 -> plane 0 = 1111b = 15; plane 1 = 0011b = 3
        byte[] trits = {-1, 0, 1, 0, 1, 1, -1, -1};
        TmacWeights w = TmacPacker.pack(new TernaryWeights(1, 8, trits, 2f));
        // byte = group 1 index << 4 | group 0 index
        assertArrayEquals(new byte[] {(byte) 0xF5, (byte) 0x3E}, w.indices());
        assertEquals(5, w.index(0, 0, 0));
        assertEquals(14, w.index(0, 1, 0));
        assertEquals(15, w.index(0, 0, 1));
        assertEquals(3, w.index(0, 1, 1));
        assertEquals(1, w.planeBytes());
        assertEquals(2f, w.scale());
    }

    @Test
    void allZeroTritsGivePlaneZeroIndexZeroAndPlaneOneIndexFifteen() {
        TmacWeights w = TmacPacker.pack(TmacFixtures.constantTrits(2, 16, 0));
        assertArrayEquals(new byte[] {0, 0, -1, -1, 0, 0, -1, -1}, w.indices());
    }

    @Test
    void roundTripOnAwkwardShapes() {
        Random random = new Random(11);
        for (int size : TmacFixtures.AWKWARD) {
            int cols = Math.max(8, Math.round(size / 8f) * 8);
            for (int rows : new int[] {1, 3, 17}) {
                TernaryWeights t = TmacFixtures.randomTrits(random, rows, cols);
                TernaryWeights back = TmacPacker.unpack(TmacPacker.pack(t));
                assertArrayEquals(t.trits(), back.trits(), rows + "x" + cols);
                assertEquals(t.scale(), back.scale());
            }
        }
    }

    @Test
    void codeZeroIsRejected() {
        new TmacWeights(1, 8, new byte[] {(byte) 0xFF, (byte) 0xFF}, 1f); // all codes 11b: fine
        // plane 0 all clear, plane 1 bit 3 clear: weight 3 has code 00b
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TmacWeights(1, 8, new byte[] {(byte) 0x00, (byte) 0xF7}, 1f));
        assertTrue(e.getMessage().contains("weight 3"), e.getMessage());
    }

    @Test
    void invalidShapesNameTheNearestValid() {
        assertMessage(() -> TmacPacker.pack(TmacFixtures.constantTrits(1, 12, 0)), "nearest valid: 8 or 16");
        assertMessage(() -> TmacShapes.check(1000, 64), "nearest valid: 1024");
        assertMessage(() -> TmacShapes.check(1, 64), "nearest valid: 64");
        assertMessage(() -> TmacShapes.check(96, 64), "nearest valid: 64 or 128");
        assertMessage(() -> TmacShapes.check(2560, 48), "multiple of 32");
        assertMessage(() -> TmacShapes.check(1 << 17, 64), "K <= 65536");
        assertMessage(() -> new TmacWeights(1, 8, new byte[3], 1f), "2 index bytes");
        assertMessage(() -> new TmacWeights(1, 8, new byte[] {-1, -1}, Float.NaN), "finite");
        for (int size : TmacFixtures.AWKWARD) {
            TmacShapes.check(TmacFixtures.nearestValid(size, 64), 64);
        }
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
