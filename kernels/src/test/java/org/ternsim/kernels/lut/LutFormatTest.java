// Hand-checked TL1/TL2 indices, bytes and tables, round trips on awkward sizes, and errors for invalid shapes.
package org.ternsim.kernels.lut;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ternsim.kernels.quant.TernaryWeights;

class LutFormatTest {

    /** The DESIGN sizes; each format is tested at the valid K nearest to each. */
    static final int[] AWKWARD = {1, 3, 15, 16, 17, 31, 33, 127, 128, 129, 255, 256, 257, 1000, 2560, 6912};

    @Test
    void tl1IndicesAndBytesByHand() {
        // Pairs (-1,-1) (1,0) (0,1): indices 0, 7, 5; the third pair's byte gets the pad nibble 4.
        TernaryWeights t = new TernaryWeights(1, 6, new byte[] {-1, -1, 1, 0, 0, 1}, 2f);
        Tl1Weights w = Tl1Packer.pack(t, 64);
        assertArrayEquals(new byte[] {0x07, 0x54}, w.indices());
        assertEquals(0, w.index(0, 0));
        assertEquals(7, w.index(0, 1));
        assertEquals(5, w.index(0, 2));
        assertEquals(2f, w.scale());
        // All nine codes in order: index = 3 (w0 + 1) + (w1 + 1).
        byte[] all = new byte[18];
        for (int i = 0; i < 9; i++) {
            all[2 * i] = (byte) (i / 3 - 1);
            all[2 * i + 1] = (byte) (i % 3 - 1);
        }
        Tl1Weights nine = Tl1Packer.pack(new TernaryWeights(1, 18, all, 1f), 4);
        assertArrayEquals(new byte[] {0x01, 0x23, 0x45, 0x67, (byte) 0x84}, nine.indices());
    }

    @Test
    void tl2IndicesSignsAndSectionsByHand() {
        // BK = 42, K = 42 + 32: 14 triples, then 16 pairs.
        byte[] trits = new byte[74];
        trits[0] = 1; trits[1] = 1; trits[2] = 1;     // v = 13: index 13, sign 0
        trits[3] = -1; trits[4] = 0; trits[5] = 1;    // v = -8: index 8, sign 1
        trits[42] = 1; trits[43] = -1;                // first pair: index 6
        Tl2Weights w = Tl2Packer.pack(new TernaryWeights(1, 74, trits, 1f), 42);
        assertEquals(42, w.threeK());
        assertEquals(32, w.twoK());
        assertArrayEquals(new byte[] {(byte) 0xD8, 0, 0, 0, 0, 0, 0}, w.tripleIndices());
        // Triple 1 -> bit 14 of the little-endian word: byte 1, bit 6.
        assertArrayEquals(new byte[] {0x00, 0x40}, w.tripleSigns());
        assertEquals((byte) 0x64, w.pairIndices()[0]);
        assertEquals((byte) 0x44, w.pairIndices()[7]);
        assertTrue(w.tripleNegative(0, 1));
        assertFalse(w.tripleNegative(0, 0));
    }

    @Test
    void tl2SignWordsAreMsbFirst() {
        // BK = 96, K = 96: 32 triples, 2 sign words per row; only triple 16 negative -> word 1, bit 15.
        byte[] trits = new byte[96];
        trits[48] = -1;
        Tl2Weights w = Tl2Packer.pack(new TernaryWeights(1, 96, trits, 1f), 96);
        assertArrayEquals(new byte[] {0, 0, 0, (byte) 0x80}, w.tripleSigns());
        assertEquals(9, w.tripleIndex(0, 16));
    }

    @Test
    void tablesMatchTheReferenceListing() {
        byte[] codes = {5, -7, 11};
        short[] tl1 = LutTables.pairs(codes, 0, 1);
        int a0 = 5;
        int a1 = -7;
        assertArrayEquals(new short[] {(short) (-a0 - a1), (short) -a0, (short) (-a0 + a1), (short) -a1, 0,
                (short) a1, (short) (a0 - a1), (short) a0, (short) (a0 + a1), 0, 0, 0, 0, 0, 0, 0},
                java.util.Arrays.copyOf(tl1, 16));
        short[] tl2 = LutTables.triples(codes, 1);
        int b0 = 5;
        int b1 = -7;
        int b2 = 11;
        int[] expected = {0, b2, b1 - b2, b1, b1 + b2, b0 - b1 - b2, b0 - b1, b0 - b1 + b2, b0 - b2, b0, b0 + b2,
            b0 + b1 - b2, b0 + b1, b0 + b1 + b2, 0, 0};
        for (int i = 0; i < 16; i++) {
            assertEquals(expected[i], tl2[i], "T[" + i + "]");
        }
    }

    @Test
    void roundTripsAtValidSizesNearestTheAwkwardOnes() {
        Random random = new Random(11);
        for (int size : AWKWARD) {
            int rows = size > 300 ? 3 : size;
            int tl1Cols = Math.max(2, size + (size & 1));
            TernaryWeights t1 = LutFixtures.randomTrits(random, rows, tl1Cols);
            assertTrits(t1, Tl1Packer.unpack(Tl1Packer.pack(t1, 128)));
            int tl2Cols = Math.max(32, Math.round(size / 32f) * 32);
            for (int bk : new int[] {96, 192}) {
                TernaryWeights t2 = LutFixtures.randomTrits(random, rows, tl2Cols);
                assertTrits(t2, Tl2Packer.unpack(Tl2Packer.pack(t2, bk)));
            }
        }
    }

    @Test
    void invalidShapesNameTheNearestValidK() {
        TernaryWeights odd = LutFixtures.constantTrits(2, 15, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tl1Packer.pack(odd, 64));
        assertTrue(e.getMessage().contains("nearest valid: 14 or 16"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Tl1Packer.pack(LutFixtures.constantTrits(1, 1, 0), 64));
        assertTrue(e.getMessage().contains("nearest valid: 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tl1Packer.pack(LutFixtures.constantTrits(1, 16, 0), 6));

        e = assertThrows(IllegalArgumentException.class,
                () -> Tl2Packer.pack(LutFixtures.constantTrits(1, 1000, 0), 96));
        assertTrue(e.getMessage().contains("nearest valid: 992"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Tl2Packer.pack(LutFixtures.constantTrits(1, 17, 0), 96));
        assertTrue(e.getMessage().contains("nearest valid: 32"), e.getMessage());
        // BK = 192: K = 200 leaves 8 for the pair part.
        e = assertThrows(IllegalArgumentException.class,
                () -> Tl2Packer.pack(LutFixtures.constantTrits(1, 200, 0), 192));
        assertTrue(e.getMessage().contains("nearest valid: 192"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tl2Packer.pack(LutFixtures.constantTrits(1, 96, 0), 9));
        assertThrows(IllegalArgumentException.class,
                () -> Tl1Packer.pack(LutFixtures.constantTrits(1, LutShapes.MAX_COLS + 2, 0), 64));
    }

    @Test
    void realModelShapesAreValid() {
        for (int k : new int[] {1536, 2560, 3200, 4096, 6912, 8640, 14336}) {
            LutShapes.checkTl1(k, 128);
            LutShapes.checkTl2(k, 96);
        }
    }

    @Test
    void recordsRejectInvalidBytes() {
        assertThrows(IllegalArgumentException.class, () -> new Tl1Weights(1, 4, 4, new byte[] {(byte) 0x90}, 1f));
        // An odd pair count must pad with index 4.
        assertThrows(IllegalArgumentException.class, () -> new Tl1Weights(1, 2, 4, new byte[] {0x40 | 3}, 1f));
        assertThrows(IllegalArgumentException.class, () -> new Tl1Weights(1, 4, 4, new byte[2], 1f));
        // Index 14 and a sign on the zero triple are not TL2.
        assertThrows(IllegalArgumentException.class,
                () -> new Tl2Weights(1, 6, 6, new byte[] {(byte) 0xE0}, new byte[2], new byte[0], 1f));
        assertThrows(IllegalArgumentException.class,
                () -> new Tl2Weights(1, 6, 6, new byte[] {0x01}, new byte[] {0, (byte) 0x80}, new byte[0], 1f));
    }

    private static void assertTrits(TernaryWeights expected, TernaryWeights actual) {
        assertEquals(expected.rows(), actual.rows());
        assertEquals(expected.cols(), actual.cols());
        assertArrayEquals(expected.trits(), actual.trits(), expected.rows() + "x" + expected.cols());
        assertEquals(expected.scale(), actual.scale());
    }
}
