// I2_S packing: hand-checked bytes of both layouts, the scale tail, round trips, and the errors for invalid input.
package org.ternsim.kernels.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ternsim.kernels.quant.TernaryWeights;

class I2sPackerTest {

    @Test
    void x86BlockValues0_32_64_96ShareByte0() {
        byte[] trits = new byte[128];
        trits[0] = 1;   // code 2 -> bits 7:6
        trits[32] = -1; // code 0 -> bits 5:4
        trits[64] = 1;  // code 2 -> bits 3:2
        // trits[96] = 0: code 1 -> bits 1:0
        I2sWeights w = I2sPacker.pack(new TernaryWeights(1, 128, trits, 1f), I2sLayout.X86_128);
        assertEquals((byte) 0b10_00_10_01, w.data()[0]);
        for (int p = 1; p < 32; p++) {
            assertEquals((byte) 0x55, w.data()[p], "byte " + p); // four zeros, code 1 each
        }
        assertEquals(32 + I2sWeights.TAIL_BYTES, w.data().length);
    }

    @Test
    void armBlockValues0_16_32_48ShareByte0() {
        byte[] trits = new byte[64];
        trits[16] = 1;
        trits[48] = -1;
        trits[17] = 1;
        I2sWeights w = I2sPacker.pack(new TernaryWeights(1, 64, trits, 1f), I2sLayout.ARM_64);
        assertEquals((byte) 0b01_10_01_00, w.data()[0]);
        assertEquals((byte) 0b01_10_01_01, w.data()[1]);
        assertEquals(16 + I2sWeights.TAIL_BYTES, w.data().length);
    }

    @Test
    void secondRowStartsAfterTheFirstRowsBlocks() {
        byte[] trits = new byte[2 * 128];
        trits[128] = -1; // row 1, col 0: first value of the second block
        I2sWeights w = I2sPacker.pack(new TernaryWeights(2, 128, trits, 1f), I2sLayout.X86_128);
        assertEquals((byte) 0b00_01_01_01, w.data()[32]);
        assertEquals(0, I2sPacker.code(w, 1, 0));
        assertEquals(1, I2sPacker.code(w, 0, 0));
    }

    @Test
    void scaleIsTheFirstFourTailBytesLittleEndian() {
        I2sWeights w = I2sPacker.pack(new TernaryWeights(1, 64, new byte[64], 1.5f), I2sLayout.ARM_64);
        int bits = Float.floatToRawIntBits(1.5f); // 0x3FC00000
        byte[] tail = Arrays.copyOfRange(w.data(), 16, 16 + I2sWeights.TAIL_BYTES);
        byte[] expected = new byte[I2sWeights.TAIL_BYTES];
        expected[0] = (byte) bits;
        expected[1] = (byte) (bits >>> 8);
        expected[2] = (byte) (bits >>> 16);
        expected[3] = (byte) (bits >>> 24);
        assertArrayEquals(expected, tail);
        assertEquals(1.5f, I2sWeights.fromTensorBytes(1, 64, I2sLayout.ARM_64, w.data()).scale());
    }

    @ParameterizedTest
    @EnumSource(I2sLayout.class)
    void roundTripsRandomTrits(I2sLayout layout) {
        Random random = new Random(42);
        for (int[] shape : new int[][] {{1, 128}, {3, 256}, {17, 384}, {5, 2560}}) {
            byte[] trits = new byte[shape[0] * shape[1]];
            for (int i = 0; i < trits.length; i++) {
                trits[i] = (byte) (random.nextInt(3) - 1);
            }
            TernaryWeights t = new TernaryWeights(shape[0], shape[1], trits, 0.75f);
            I2sWeights w = I2sPacker.pack(t, layout);
            TernaryWeights back = I2sPacker.unpack(w);
            assertArrayEquals(trits, back.trits());
            assertEquals(0.75f, back.scale());
            for (int i = 0; i < trits.length; i += 37) {
                assertEquals(trits[i] + 1, I2sPacker.code(w, i / shape[1], i % shape[1]));
            }
        }
    }

    @Test
    void invalidKNamesTheNearestValidK() {
        TernaryWeights t = new TernaryWeights(1, 100, new byte[100], 1f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> I2sPacker.pack(t, I2sLayout.X86_128));
        assertEquals("I2_S (x86) needs K to be a multiple of 128, got 100; nearest valid: 128", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> I2sLayout.X86_128.checkCols(1000));
        assertEquals("I2_S (x86) needs K to be a multiple of 128, got 1000; nearest valid: 1024", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> I2sLayout.ARM_64.checkCols(96));
        assertEquals("I2_S (ARM) needs K to be a multiple of 64, got 96; nearest valid: 64 or 128", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> I2sLayout.ARM_64.checkCols(I2sLayout.MAX_COLS + 64));
    }

    @Test
    void rejectsMalformedTensorBytes() {
        byte[] data = new byte[32 + I2sWeights.TAIL_BYTES];
        assertThrows(IllegalArgumentException.class,
                () -> new I2sWeights(1, 128, I2sLayout.X86_128, Arrays.copyOf(data, 40), 0f));
        assertThrows(IllegalArgumentException.class, () -> new I2sWeights(1, 128, I2sLayout.X86_128, data, 1f));
        data[5] = 0b00_11_00_00; // code 3 is not a trit
        assertThrows(IllegalArgumentException.class, () -> new I2sWeights(1, 128, I2sLayout.X86_128, data, 0f));
    }
}
