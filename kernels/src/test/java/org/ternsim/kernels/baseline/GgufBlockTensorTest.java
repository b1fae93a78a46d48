// Baseline block tensors travel through a GGUF file unchanged, and their geometry is the ggml type's.
package org.ternsim.kernels.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ternsim.kernels.gguf.GgmlType;
import org.ternsim.kernels.gguf.GgufReader;
import org.ternsim.kernels.gguf.GgufWriter;
import org.ternsim.kernels.layer.SyntheticWeights;

class GgufBlockTensorTest {

    @Test
    void everyFormatRoundTripsThroughAGgufFile(@TempDir Path dir) throws Exception {
        GgufWriter writer = new GgufWriter(3);
        for (BlockFormat f : BlockFormat.values()) {
            if (f == BlockFormat.Q8_K) {
                continue; // an activation format, never stored in model files
            }
            int cols = f.blockSize() == 1 ? 64 : 2 * f.blockSize();
            BlockTensor t = BlockTensor.quantize(f, 3, cols, SyntheticWeights.gaussian(3 * cols, 1f, f.ordinal()));
            writer.tensor(f.name(), f.ggml(), new long[] {cols, 3}, t.data());
        }
        Path file = dir.resolve("baseline.gguf");
        writer.write(file);
        try (GgufReader reader = GgufReader.open(file)) {
            for (var info : reader.file().tensors()) {
                BlockFormat f = BlockFormat.valueOf(info.name());
                BlockTensor t = BlockTensor.fromGguf(reader, info);
                assertEquals(f, t.type());
                assertEquals(3, t.rows());
                int cols = f.blockSize() == 1 ? 64 : 2 * f.blockSize();
                assertArrayEquals(BlockTensor.quantize(f, 3, cols, SyntheticWeights.gaussian(3 * cols, 1f, f.ordinal()))
                    .data(), t.data());
            }
        }
    }

    @Test
    void geometryComesFromTheGgmlType() {
        for (BlockFormat f : BlockFormat.values()) {
            assertEquals(f.ggml().blockSize(), f.blockSize());
            assertEquals(f.ggml().typeSize(), f.blockBytes());
            assertEquals(f, BlockFormat.of(f.ggml()).orElseThrow());
        }
        assertEquals(java.util.Optional.empty(), BlockFormat.of(GgmlType.Q5_K));
    }

    @Test
    void aTypeWithoutKernelIsAClearError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("q5.gguf");
        new GgufWriter(3).tensor("w", GgmlType.Q5_0, new long[] {32, 2}, new byte[44]).write(file);
        try (GgufReader reader = GgufReader.open(file)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BlockTensor.fromGguf(reader, reader.file().tensors().get(0)));
            assertEquals(true, e.getMessage().contains("no baseline kernel"), e.getMessage());
        }
    }
}
