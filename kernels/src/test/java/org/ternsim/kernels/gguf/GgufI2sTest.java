// I2_S tensors in a GGUF file come back as the very I2sWeights that I2sPacker produced, with M = ne1 and K = ne0.
package org.ternsim.kernels.gguf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ternsim.kernels.format.I2sLayout;
import org.ternsim.kernels.format.I2sPacker;
import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.quant.TernaryWeights;

class GgufI2sTest {

    static TernaryWeights ternary(int rows, int cols, long seed) {
        Random rnd = new Random(seed);
        byte[] t = new byte[rows * cols];
        for (int i = 0; i < t.length; i++) {
            t[i] = (byte) (rnd.nextInt(3) - 1);
        }
        return new TernaryWeights(rows, cols, t, 0.0123f + seed);
    }

    @ParameterizedTest
    @CsvSource({"X86_128, 1, 128", "X86_128, 3, 256", "X86_128, 17, 384", "ARM_64, 5, 64", "ARM_64, 2, 192"})
    void i2sTensorBytesBecomeThePackedWeights(I2sLayout layout, int rows, int cols) throws IOException {
        I2sWeights packed = I2sPacker.pack(ternary(rows, cols, rows), layout);
        byte[] file = new GgufWriter()
            .put("general.architecture", GgufValue.str("bitnet"))
            .tensor("blk.0.attn_norm.weight", GgmlType.F32, new long[] {3}, new byte[12])
            .tensor("blk.0.attn_q.weight", GgmlType.I2_S, new long[] {cols, rows}, packed.data())
            .toByteArray();
        try (GgufReader r = ByteArrayChannel.reader(file)) {
            GgufTensorInfo t = r.file().tensor("blk.0.attn_q.weight").orElseThrow();
            assertEquals((long) rows * cols / 4 + 32, t.byteSize());
            I2sWeights read = r.i2sWeights(t, layout);
            assertEquals(packed.rows(), read.rows());
            assertEquals(packed.cols(), read.cols());
            assertEquals(packed.layout(), read.layout());
            assertEquals(Float.floatToRawIntBits(packed.scale()), Float.floatToRawIntBits(read.scale()));
            assertArrayEquals(packed.data(), read.data());
        }
    }

    @Test
    void wrongTypeIsAProgrammingErrorAndBadContentIsAFormatError() throws IOException {
        byte[] codes3 = new byte[128 / 4 + 32];
        codes3[0] = (byte) 0xFF; // four codes of 3: not ternary
        byte[] file = new GgufWriter()
            .tensor("f", GgmlType.F32, new long[] {1}, new byte[4])
            .tensor("bad", GgmlType.I2_S, new long[] {128, 1}, codes3)
            .tensor("k100", GgmlType.I2_S, new long[] {100, 1}, new byte[100 / 4 + 32])
            .toByteArray();
        try (GgufReader r = ByteArrayChannel.reader(file)) {
            assertThrows(IllegalArgumentException.class, () -> r.i2sWeights(r.file().tensor("f").orElseThrow()));
            GgufFormatException e = assertThrows(GgufFormatException.class,
                () -> r.i2sWeights(r.file().tensor("bad").orElseThrow()));
            assertTrue(e.getMessage().contains("invalid code 3"), e.getMessage());
            e = assertThrows(GgufFormatException.class, () -> r.i2sWeights(r.file().tensor("k100").orElseThrow()));
            assertTrue(e.getMessage().contains("multiple of 128"), e.getMessage());
        }
    }
}
