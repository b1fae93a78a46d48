// Files written by GgufWriter read back equal: every metadata type, nested arrays, several tensor types, v2 and v3.
package org.ternsim.kernels.gguf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GgufRoundTripTest {

    /** One value of every type, extremes included, and arrays of each type. */
    static Map<String, GgufValue> everyValueType() {
        Map<String, GgufValue> m = new LinkedHashMap<>();
        m.put("general.architecture", GgufValue.str("bitnet-b1.58"));
        m.put("t.uint8", GgufValue.u8(255));
        m.put("t.int8", GgufValue.i8(-128));
        m.put("t.uint16", GgufValue.u16(65535));
        m.put("t.int16", GgufValue.i16(-32768));
        m.put("t.uint32", GgufValue.u32(0xFFFF_FFFFL));
        m.put("t.int32", GgufValue.i32(Integer.MIN_VALUE));
        m.put("t.uint64", GgufValue.u64(-1L));
        m.put("t.int64", GgufValue.i64(Long.MIN_VALUE));
        m.put("t.float32", GgufValue.f32(-1e-5f));
        m.put("t.float64", GgufValue.f64(Math.PI));
        m.put("t.bool", GgufValue.bool(true));
        m.put("t.string.empty", GgufValue.str(""));
        m.put("t.string.unicode", GgufValue.str("Ġhello ▁wörld 🙂"));
        m.put("t.array.empty", GgufValue.array(GgufValueType.INT32, List.of()));
        m.put("t.array.uint8", GgufValue.array(GgufValueType.UINT8, List.of(GgufValue.u8(0), GgufValue.u8(200))));
        m.put("t.array.int16", GgufValue.array(GgufValueType.INT16, List.of(GgufValue.i16(-1), GgufValue.i16(7))));
        m.put("t.array.uint64", GgufValue.array(GgufValueType.UINT64, List.of(GgufValue.u64(1L << 63))));
        m.put("t.array.float32", GgufValue.array(GgufValueType.FLOAT32,
            List.of(GgufValue.f32(1.5f), GgufValue.f32(Float.NEGATIVE_INFINITY))));
        m.put("t.array.float64", GgufValue.array(GgufValueType.FLOAT64, List.of(GgufValue.f64(-0.0))));
        m.put("t.array.bool", GgufValue.array(GgufValueType.BOOL, List.of(GgufValue.bool(false), GgufValue.bool(true))));
        m.put("tokenizer.ggml.tokens", GgufValue.array(GgufValueType.STRING,
            List.of(GgufValue.str("<s>"), GgufValue.str(""), GgufValue.str("Ġthe"))));
        m.put("t.array.nested", GgufValue.array(GgufValueType.ARRAY, List.of(
            GgufValue.array(GgufValueType.UINT32, List.of(GgufValue.u32(1), GgufValue.u32(2))),
            GgufValue.array(GgufValueType.STRING, List.of(GgufValue.str("x"))))));
        return m;
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A small model: one tensor of each of several types, sizes chosen so padding is needed. */
    static GgufWriter sampleModel(int version, int alignment) {
        GgufWriter w = new GgufWriter(version).alignment(alignment);
        everyValueType().forEach(w::put);
        w.tensor("token_embd.weight", GgmlType.F16, new long[] {3, 5}, random(30, 1));
        w.tensor("output_norm.weight", GgmlType.F32, new long[] {7}, random(28, 2));
        w.tensor("blk.0.ffn_up.weight", GgmlType.Q8_0, new long[] {64, 2}, random(4 * 34, 3));
        w.tensor("blk.0.ffn_down.weight", GgmlType.TQ2_0, new long[] {256, 1}, random(66, 4));
        w.tensor("blk.0.attn_q.weight", GgmlType.I2_S, new long[] {128, 2}, new byte[128 * 2 / 4 + 32]);
        w.tensor("blk.0.attn_k.weight", GgmlType.Q6_K, new long[] {256, 1, 1, 1}, random(210, 5));
        return w;
    }

    @ParameterizedTest
    @CsvSource({"3, 32", "2, 32", "3, 64", "3, 1"})
    void writtenFilesReadBackEqual(int version, int alignment) {
        GgufWriter w = sampleModel(version, alignment);
        byte[] bytes = w.toByteArray();
        try (GgufReader r = ByteArrayChannel.reader(bytes)) {
            GgufFile f = r.file();
            assertEquals(version, f.version());
            assertEquals(alignment, f.alignment());
            Map<String, GgufValue> expected = new LinkedHashMap<>();
            expected.put(GgufFile.ALIGNMENT_KEY, GgufValue.u32(alignment));
            expected.putAll(everyValueType());
            assertEquals(expected, f.metadata());
            assertEquals(List.copyOf(expected.keySet()), List.copyOf(f.metadata().keySet()), "file order kept");
            assertEquals(6, f.tensors().size());
            assertEquals(0, f.dataOffset() % alignment);
            for (GgufTensorInfo t : f.tensors()) {
                assertEquals(0, t.offset() % alignment, t.name());
                assertEquals(t.type().byteSize(t.dims()), t.byteSize());
            }
            assertArrayEquals(random(30, 1), r.tensorBytes(f.tensor("token_embd.weight").orElseThrow()));
            assertArrayEquals(random(66, 4), r.tensorBytes(f.tensor("blk.0.ffn_down.weight").orElseThrow()));
            assertArrayEquals(random(210, 5), r.tensorBytes(f.tensor("blk.0.attn_k.weight").orElseThrow()));
            assertArrayEquals(new long[] {256, 1, 1, 1}, f.tensor("blk.0.attn_k.weight").orElseThrow().dims());
            // Rewriting what was read gives the same bytes.
            GgufWriter again = new GgufWriter(version);
            f.metadata().forEach(again::put);
            for (GgufTensorInfo t : f.tensors()) {
                again.tensor(t.name(), t.type(), t.dims(), r.tensorBytes(t));
            }
            assertArrayEquals(bytes, again.toByteArray());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void readsFromDiskThroughAFileChannel(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("m.gguf");
        sampleModel(3, 32).write(p);
        try (GgufReader r = GgufReader.open(p)) {
            GgufTensorInfo t = r.file().tensor("output_norm.weight").orElseThrow();
            assertArrayEquals(random(28, 2), r.tensorBytes(t));
            assertEquals("bitnet-b1.58", r.file().architecture().orElseThrow());
        }
        assertEquals(6, GgufReader.read(p).tensors().size());
    }

    @Test
    void displayIsReadable() {
        assertEquals("18446744073709551615", GgufValue.u64(-1).display());
        assertEquals("[string x 3: \"<s>\", \"\", \"Ġthe\"]", everyValueType().get("tokenizer.ggml.tokens").display());
    }

    @Test
    void writerRejectsWrongSizesAndValues() {
        GgufWriter w = new GgufWriter();
        assertThrows(IllegalArgumentException.class, () -> w.tensor("x", GgmlType.F32, new long[] {4}, new byte[15]));
        assertThrows(IllegalArgumentException.class, () -> w.alignment(48));
        assertThrows(IllegalArgumentException.class, () -> GgufValue.u8(256));
        assertThrows(IllegalArgumentException.class, () -> GgufValue.array(GgufValueType.UINT8, List.of(GgufValue.i8(1))));
        assertThrows(IllegalArgumentException.class, () -> new GgufWriter(1));
    }

    @Test
    void tensorBytesOnlyForTensorsOfTheFile() throws IOException {
        try (GgufReader r = ByteArrayChannel.reader(sampleModel(3, 32).toByteArray())) {
            GgufTensorInfo foreign = new GgufTensorInfo("nope", new long[] {1}, GgmlType.F32, 0, 4);
            assertThrows(IllegalArgumentException.class, () -> r.tensorBytes(foreign));
        }
    }
}
