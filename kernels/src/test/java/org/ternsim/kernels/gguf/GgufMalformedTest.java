// Each kind of damage gives a one-line GgufFormatException naming the file, the byte offset and what was expected.
package org.ternsim.kernels.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufMalformedTest {

    /** Parses {@code bytes}, expects a format error at {@code offset} whose message contains {@code mention}. */
    private static GgufFormatException rejects(byte[] bytes, long offset, String mention) {
        GgufFormatException e = assertThrows(GgufFormatException.class, () -> ByteArrayChannel.reader(bytes).close());
        String m = e.getMessage();
        assertTrue(m.startsWith("test.gguf: at byte " + offset + ": "), m);
        assertTrue(m.contains(mention), m);
        assertFalse(m.contains("\n"), m);
        assertEquals(offset, e.offset());
        return e;
    }

    private static byte[] valid() {
        return GgufRoundTripTest.sampleModel(3, 32).toByteArray();
    }

    @Test
    void aLongGarbledNameIsShownCutAndOnOneLine() {
        String garbage = "x\n\t\u0001".repeat(1000);
        byte[] b = RawGguf.header(3, 2, 0).tensor(garbage, new long[] {32}, 0, 0).tensor(garbage, new long[] {32}, 0, 128)
            .bytes();
        String m = rejects(b, 24 + 8 + garbage.length() + 4 + 8 + 4 + 8, "duplicate tensor name 'x??").getMessage();
        assertTrue(m.length() < 200 && m.contains("...' (4000 characters)"), m);
    }

    @Test
    void wrongMagic() {
        byte[] b = valid();
        b[3] = 'L';
        rejects(b, 0, "expected magic 'GGUF'");
        rejects(new byte[0], 0, "file has 0 bytes");
        rejects("GG".getBytes(), 0, "found 'GG'");
    }

    @Test
    void unsupportedVersions() {
        rejects(RawGguf.header(1, 0, 0).bytes(), 4, "version 1");
        rejects(RawGguf.header(4, 0, 0).bytes(), 4, "unsupported GGUF version 4; expected 2 or 3");
        rejects(RawGguf.header(0x03000000, 0, 0).bytes(), 4, "big-endian");
        try (GgufReader r = ByteArrayChannel.reader(RawGguf.header(2, 0, 0).bytes())) {
            assertEquals(2, r.file().version());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void truncatedAnywhereFailsWithOffset() {
        byte[] b = valid();
        GgufFile f = ByteArrayChannel.reader(b).file();
        long dataStart = f.dataOffset();
        // Cutting only the final padding leaves every tensor whole, which is still a valid file.
        long end = f.tensors().stream().mapToLong(t -> f.absoluteOffset(t) + t.byteSize()).max().orElseThrow();
        for (int n = 0; n < end; n++) {
            byte[] cut = Arrays.copyOf(b, n);
            GgufFormatException e = assertThrows(GgufFormatException.class, () -> ByteArrayChannel.reader(cut),
                "truncated to " + n + " of " + b.length);
            assertTrue(e.offset() <= Math.max(n, dataStart), e.getMessage());
        }
    }

    @Test
    void absurdCounts() {
        rejects(RawGguf.header(3, 1L << 62, 0).bytes(), 8, "tensor count 4611686018427387904 is impossible");
        rejects(RawGguf.header(3, -1, 0).bytes(), 8, "tensor count 18446744073709551615");
        rejects(RawGguf.header(3, 0, 1_000_000).bytes(), 16, "metadata count 1000000 is impossible");
    }

    @Test
    void stringLongerThanTheFile() {
        byte[] b = RawGguf.header(3, 0, 1).u64(1L << 40).raw(new byte[20]).bytes();
        rejects(b, 24, "length of metadata key 0 is 1099511627776 bytes but only 20 bytes remain");
        byte[] v = RawGguf.header(3, 0, 1).str("k").u32(GgufValueType.STRING.id()).u64(-1).bytes();
        rejects(v, 24 + 9 + 4, "length of string value of 'k'");
    }

    @Test
    void absurdArrays() {
        byte[] b = RawGguf.header(3, 0, 1).str("a").u32(9).u32(GgufValueType.UINT32.id()).u64(1L << 61).bytes();
        rejects(b, 24 + 9 + 4 + 4, "array 'a' claims 2305843009213693952 uint32 elements");
        byte[] t = RawGguf.header(3, 0, 1).str("a").u32(9).u32(77).u64(1).bytes();
        rejects(t, 24 + 9 + 4, "unknown metadata value type 77");
        RawGguf deep = RawGguf.header(3, 0, 1).str("d").u32(9);
        for (int i = 0; i < 20; i++) {
            deep.u32(9).u64(1);
        }
        rejects(deep.u32(0).u64(0).bytes(), 24 + 9 + 4 + 8 * 12, "nest deeper than 8");
    }

    @Test
    void badValues() {
        rejects(RawGguf.header(3, 0, 1).str("b").u32(7).u8(2).bytes(), 24 + 9 + 4, "bool in 'b' is 2");
        rejects(RawGguf.header(3, 0, 1).str("x").u32(13).bytes(), 24 + 9, "unknown metadata value type 13");
        rejects(RawGguf.header(3, 0, 2).str("x").u32(0).u8(1).str("x").u32(0).u8(1).bytes(), 24 + 14,
            "duplicate metadata key 'x'");
        rejects(RawGguf.header(3, 0, 1).str("general.alignment").u32(4).u32(48).bytes(), 24 + 25 + 4,
            "general.alignment is 48; expected a power of two");
        rejects(RawGguf.header(3, 0, 1).str("general.alignment").u32(10).u64(32).bytes(), 24 + 25 + 4,
            "general.alignment is uint64; expected uint32");
    }

    // One F32 tensor of 4 values: its info starts at byte 24; name 8+1, n_dims 4, dims 8, type 4, offset 8.
    private static final int INFO = 24;
    private static final int TYPE_AT = INFO + 9 + 4 + 8;
    private static final int OFFSET_AT = TYPE_AT + 4;

    @Test
    void absurdDimensions() {
        rejects(RawGguf.header(3, 1, 0).tensor("t", new long[] {1, 1, 1, 1, 1}, 0, 0).padAndData(32, 32).bytes(),
            INFO + 9, "tensor 't' has 5 dimensions; expected at most 4");
        // 2^60 f32 elements: 2^62 bytes, a valid size that no file holds.
        rejects(RawGguf.header(3, 1, 0).tensor("t", new long[] {1L << 60}, 0, 0).padAndData(32, 32).bytes(),
            OFFSET_AT, "data [0, +4611686018427387904 bytes) lies outside the data section");
        rejects(RawGguf.header(3, 1, 0).tensor("t", new long[] {1L << 62, 4}, 0, 0).padAndData(32, 32).bytes(),
            INFO + 9, "its byte size overflows 64 bits");
        rejects(RawGguf.header(3, 1, 0).tensor("t", new long[] {1L << 31, 1L << 31, 1L << 31, 1L << 31}, 0, 0)
            .padAndData(32, 32).bytes(), INFO + 9, "its byte size overflows 64 bits");
        rejects(RawGguf.header(3, 1, 0).tensor("t", new long[] {1L << 30, 1L << 30}, 0, 0).padAndData(32, 32).bytes(),
            OFFSET_AT + 8, "lies outside the data section");
        rejects(RawGguf.header(3, 1, 0).tensor("t", new long[] {-5}, 0, 0).padAndData(32, 32).bytes(),
            INFO + 9 + 4, "dimension 0 is 18446744073709551611");
        rejects(RawGguf.header(3, 1, 0).tensor("t", new long[] {33}, GgmlType.Q8_0.id(), 0).padAndData(32, 64).bytes(),
            INFO + 9, "q8_0 needs ne0 to be a multiple of 32");
    }

    @Test
    void unknownTypeIds() {
        rejects(RawGguf.header(3, 1, 0).tensor("t", new long[] {4}, 4, 0).padAndData(32, 32).bytes(), TYPE_AT,
            "unknown ggml type id 4");
        rejects(RawGguf.header(3, 1, 0).tensor("t", new long[] {4}, 40, 0).padAndData(32, 32).bytes(), TYPE_AT,
            "unknown ggml type id 40");
    }

    @Test
    void offsetsOutsideTheFileMisalignedOrOverlapping() {
        rejects(RawGguf.header(3, 1, 0).tensor("t", new long[] {4}, 0, 64).padAndData(32, 32).bytes(), OFFSET_AT,
            "tensor 't' data [64, +16 bytes) lies outside the data section");
        rejects(RawGguf.header(3, 1, 0).tensor("t", new long[] {4}, 0, -32).padAndData(32, 32).bytes(), OFFSET_AT,
            "is not a multiple of the alignment");
        rejects(RawGguf.header(3, 1, 0).tensor("t", new long[] {4}, 0, 8).padAndData(32, 64).bytes(), OFFSET_AT,
            "data offset 8 is not a multiple of the alignment 32");
        int second = OFFSET_AT + 8 + 9 + 4 + 8 + 4;
        rejects(RawGguf.header(3, 2, 0).tensor("a", new long[] {16}, 0, 0).tensor("b", new long[] {4}, 0, 32)
            .padAndData(32, 128).bytes(), second, "tensor 'b' data at offset 32 overlaps tensor 'a' [0, 64)");
        rejects(RawGguf.header(3, 2, 0).tensor("a", new long[] {4}, 0, 0).tensor("a", new long[] {4}, 0, 32)
            .padAndData(32, 64).bytes(), OFFSET_AT + 8, "duplicate tensor name 'a'");
        rejects(RawGguf.header(3, 1, 0).tensor("t", new long[] {4}, 0, 0).bytes(), OFFSET_AT,
            "data section, which starts at byte 64 and holds 0 bytes");
    }

    @Test
    void outOfOrderOffsetsAreFine() throws IOException {
        byte[] b = RawGguf.header(3, 2, 0).tensor("a", new long[] {4}, 0, 32).tensor("b", new long[] {4}, 0, 0)
            .padAndData(32, 64).bytes();
        try (GgufReader r = ByteArrayChannel.reader(b)) {
            assertEquals(32, r.file().tensor("a").orElseThrow().offset());
        }
    }

    @Test
    void messagesNameTheRealFile(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("broken.gguf");
        Files.write(p, Arrays.copyOf(valid(), 30));
        GgufFormatException e = assertThrows(GgufFormatException.class, () -> GgufReader.open(p));
        assertTrue(e.getMessage().startsWith(p + ": at byte "), e.getMessage());
        assertTrue(e.getMessage().contains("bytes remain"), e.getMessage());
    }
}
