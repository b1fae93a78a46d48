// The Hugging Face packed layout: hand-checked byte, round trip, conversion to I2_S, clear errors.
package org.ternsim.kernels.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ternsim.kernels.quant.TernaryQuantizer;
import org.ternsim.kernels.quant.TernaryWeights;

class HfPackedTernaryTest {

    @Test
    void byteHoldsFourOutputRowsLowBitsFirst() {
        // out = 4, in = 1: rows 0..3 have trits +1, 0, -1, +1 -> codes 2, 1, 0, 2 at bits 0, 2, 4, 6.
        TernaryWeights w = TernaryQuantizer.fromTrits(new byte[] {1, 0, -1, 1}, 4, 1, 1f);
        assertArrayEquals(new byte[] {(byte) 0b10_00_01_10}, HfPackedTernary.pack(w));
    }

    @Test
    void roundTripsAndConvertsToI2s() {
        SplittableRandom rnd = new SplittableRandom(2);
        for (int[] shape : new int[][] {{4, 1}, {8, 3}, {640, 256}, {2560, 128}}) {
            byte[] t = new byte[shape[0] * shape[1]];
            for (int i = 0; i < t.length; i++) {
                t[i] = (byte) (rnd.nextInt(3) - 1);
            }
            TernaryWeights w = TernaryQuantizer.fromTrits(t, shape[0], shape[1], 0.5f);
            TernaryWeights back = HfPackedTernary.unpack(HfPackedTernary.pack(w), shape[0], shape[1], 0.5f);
            assertArrayEquals(w.trits(), back.trits());
            if (shape[1] % 128 == 0) {
                I2sWeights i2s = I2sPacker.pack(back, I2sLayout.X86_128);
                assertArrayEquals(t, I2sPacker.unpack(i2s).trits());
            }
        }
    }

    @Test
    void badInputsAreClearErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> HfPackedTernary.unpack(new byte[] {(byte) 0b11}, 4, 1, 1f));
        assertTrue(e.getMessage().contains("code 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HfPackedTernary.unpack(new byte[3], 4, 1, 1f));
        e = assertThrows(IllegalArgumentException.class,
            () -> HfPackedTernary.pack(TernaryQuantizer.fromTrits(new byte[6], 6, 1, 1f)));
        assertEquals("HF packed ternary needs the output dimension to be a multiple of 4, got 6", e.getMessage());
    }
}
