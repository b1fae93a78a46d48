// TL1 / TL2 tensors in a GGUF file come back as the ternary weights bitnet.cpp's converter laid out.
package org.ternsim.kernels.gguf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.ternsim.kernels.lut.TlFileLayout;
import org.ternsim.kernels.lut.TlKernelConfig;
import org.ternsim.kernels.quant.TernaryWeights;

class GgufTlTest {

    private static final TlKernelConfig TL1 = new TlKernelConfig(64, 64, 32);
    private static final TlKernelConfig TL2 = new TlKernelConfig(32, 96, 32);

    @Test
    void tl1WithItsScaleInTheTailAndTl2WithASeparateScaleTensor() throws IOException {
        TernaryWeights t1 = GgufI2sTest.ternary(64, 256, 3);
        TernaryWeights t2 = GgufI2sTest.ternary(32, 352, 4);
        byte[] tl1 = Arrays.copyOf(TlFileLayout.encodeTl1(t1, TL1), 64 * 256 / 4 + 32);
        ByteBuffer.wrap(tl1).order(ByteOrder.LITTLE_ENDIAN).putFloat(64 * 256 / 4, t1.scale());
        long[] dims2 = {352, 32};
        byte[] tl2 = Arrays.copyOf(TlFileLayout.encodeTl2(t2, TL2), (int) GgmlType.TL2.byteSize(dims2));
        byte[] scale2 = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(t2.scale()).array();
        byte[] file = new GgufWriter()
            .tensor("blk.0.attn_q.weight", GgmlType.TL1, new long[] {256, 64}, tl1)
            .tensor("blk.0.ffn_down.weight", GgmlType.TL2, dims2, tl2)
            .tensor("blk.0.ffn_down.weight_scale", GgmlType.F32, new long[] {1}, scale2)
            .toByteArray();
        try (GgufReader r = ByteArrayChannel.reader(file)) {
            TernaryWeights read1 = r.tlWeights(r.file().tensor("blk.0.attn_q.weight").orElseThrow(), TL1);
            assertArrayEquals(t1.trits(), read1.trits());
            assertEquals(t1.scale(), read1.scale());
            TernaryWeights read2 = r.tlWeights(r.file().tensor("blk.0.ffn_down.weight").orElseThrow(), TL2);
            assertArrayEquals(t2.trits(), read2.trits());
            assertEquals(t2.scale(), read2.scale());
            // The wrong kernel config is a format error naming the tensor, not an index exception.
            GgufFormatException e = assertThrows(GgufFormatException.class,
                () -> r.tlWeights(r.file().tensor("blk.0.attn_q.weight").orElseThrow(), new TlKernelConfig(128, 64, 32)));
            assertEquals(true, e.getMessage().contains("blk.0.attn_q.weight"), e.getMessage());
        }
    }
}
