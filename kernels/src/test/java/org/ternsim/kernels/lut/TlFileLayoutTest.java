// bitnet.cpp's TL1/TL2 tensor byte order: our encoder reproduces the converter's bytes, the decoder inverts them.
package org.ternsim.kernels.lut;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.ternsim.kernels.quant.TernaryQuantizer;
import org.ternsim.kernels.quant.TernaryWeights;

class TlFileLayoutTest {

    @ParameterizedTest
    @CsvSource({"tl1-64x256-bm64-bk64-bmm32, 64, 256, 64, 64, 32", "tl1-128x128-bm128-bk32-bmm64, 128, 128, 128, 32, 64",
        "tl2-64x224-bm32-bk96-bmm32, 64, 224, 32, 96, 32", "tl2-32x480-bm32-bk192-bmm32, 32, 480, 32, 192, 32"})
    void matchesTheConvertersBytesBothWays(String name, int rows, int cols, int bigM, int bigK, int smallM)
            throws IOException {
        byte[] trits = resource(name + ".trits");
        byte[] expected = resource(name + ".bin");
        TernaryWeights t = TernaryQuantizer.fromTrits(trits, rows, cols, 0.5f);
        TlKernelConfig c = new TlKernelConfig(bigM, bigK, smallM);
        boolean tl1 = name.startsWith("tl1");
        byte[] encoded = tl1 ? TlFileLayout.encodeTl1(t, c) : TlFileLayout.encodeTl2(t, c);
        assertArrayEquals(expected, encoded, name);
        TernaryWeights decoded = tl1 ? TlFileLayout.decodeTl1(expected, rows, cols, c, 0.5f)
            : TlFileLayout.decodeTl2(expected, rows, cols, c, 0.5f);
        assertArrayEquals(trits, decoded.trits(), name);
        if (!tl1) {
            assertEquals(expected.length, TlFileLayout.tl2Bytes(rows, cols));
        }
    }

    @Test
    void roundTripsAtAModelShape() {
        Random random = new Random(4);
        byte[] trits = new byte[256 * 2560];
        for (int i = 0; i < trits.length; i++) {
            trits[i] = (byte) (random.nextInt(3) - 1);
        }
        TernaryWeights t = TernaryQuantizer.fromTrits(trits, 256, 2560, 1f);
        TlKernelConfig tl2 = new TlKernelConfig(128, 96, 32);
        assertArrayEquals(trits, TlFileLayout.decodeTl2(TlFileLayout.encodeTl2(t, tl2), 256, 2560, tl2, 1f).trits());
        TlKernelConfig tl1 = new TlKernelConfig(256, 128, 64);
        assertArrayEquals(trits, TlFileLayout.decodeTl1(TlFileLayout.encodeTl1(t, tl1), 256, 2560, tl1, 1f).trits());
    }

    @Test
    void rejectsConfigsAndDataThatCannotBeThisLayout() {
        TernaryWeights t = TernaryQuantizer.fromTrits(new byte[64 * 256], 64, 256, 1f);
        assertThrows(IllegalArgumentException.class, () -> TlFileLayout.encodeTl1(t, new TlKernelConfig(64, 64, 16)));
        assertThrows(IllegalArgumentException.class, () -> TlFileLayout.encodeTl2(t, new TlKernelConfig(64, 90, 32)));
        byte[] bad = new byte[64 * 256 / 4];
        java.util.Arrays.fill(bad, (byte) 0xFF);
        assertThrows(IllegalArgumentException.class,
            () -> TlFileLayout.decodeTl1(bad, 64, 256, new TlKernelConfig(64, 64, 32), 1f));
        assertThrows(IllegalArgumentException.class,
            () -> TlFileLayout.decodeTl1(new byte[10], 64, 256, new TlKernelConfig(64, 64, 32), 1f));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = TlFileLayoutTest.class.getResourceAsStream("/tl-layout/" + name)) {
            return in.readAllBytes();
        }
    }
}
