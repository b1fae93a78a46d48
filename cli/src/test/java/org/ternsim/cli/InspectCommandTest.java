// `ternsim inspect`: a valid GGUF prints header, metadata and tensor table (exit 0); damage is one line, exit 2.
package org.ternsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ternsim.kernels.gguf.GgmlType;
import org.ternsim.kernels.gguf.GgufValue;
import org.ternsim.kernels.gguf.GgufValueType;
import org.ternsim.kernels.gguf.GgufWriter;

class InspectCommandTest {

    static byte[] model() {
        return new GgufWriter()
            .put("general.architecture", GgufValue.str("bitnet-b1.58"))
            .put("general.name", GgufValue.str("tiny"))
            .put("bitnet-b1.58.block_count", GgufValue.u32(1))
            .put("bitnet-b1.58.embedding_length", GgufValue.u32(128))
            .put("tokenizer.ggml.tokens", GgufValue.array(GgufValueType.STRING,
                List.of(GgufValue.str("<s>"), GgufValue.str("</s>"))))
            .tensor("token_embd.weight", GgmlType.F16, new long[] {128, 2}, new byte[512])
            .tensor("blk.0.attn_q.weight", GgmlType.I2_S, new long[] {128, 128}, new byte[128 * 128 / 4 + 32])
            .tensor("blk.0.attn_norm.weight", GgmlType.F32, new long[] {128}, new byte[512])
            .toByteArray();
    }

    private static void assertOneLineExit2(TernSimCliTest.Outcome o, String mustMention) {
        assertEquals(TernSim.USAGE, o.code(), o.err());
        assertEquals(1, o.err().strip().lines().count(), "one line expected: " + o.err());
        assertTrue(o.err().contains(mustMention), o.err());
        assertFalse(o.err().contains("Exception") || o.err().contains("\tat "), o.err());
    }

    @Test
    void printsHeaderMetadataTensorsAndBytesPerType(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("tiny.gguf");
        Files.write(f, model());
        TernSimCliTest.Outcome o = TernSimCliTest.run("inspect", f.toString());
        assertEquals(TernSim.OK, o.code(), o.err());
        String out = o.out();
        assertTrue(out.contains("version 3, 5 metadata keys, 3 tensors, alignment 32"), out);
        assertTrue(out.contains("bitnet-b1.58.block_count"), out);
        assertFalse(out.contains("tokenizer.ggml.tokens"), "tokenizer keys only with --all:\n" + out);
        assertTrue(out.contains("(1 more keys; --all shows them)"), out);
        assertTrue(out.lines().anyMatch(l -> l.contains("blk.0.attn_q.weight") && l.contains("i2_s")
            && l.contains("128 x 128") && l.contains("4,128")), out);
        assertTrue(out.lines().anyMatch(l -> l.trim().startsWith("i2_s") && l.contains("2.016 bits/value")), out);
        assertTrue(out.lines().anyMatch(l -> l.trim().startsWith("total") && l.contains("5,152 bytes")), out);
        assertEquals("", o.err());

        TernSimCliTest.Outcome withAll = TernSimCliTest.run("inspect", "--all", f.toString());
        assertEquals(TernSim.OK, withAll.code(), withAll.err());
        assertTrue(withAll.out().contains("tokenizer.ggml.tokens") && withAll.out().contains("[string x 2: \"<s>\""),
            withAll.out());
    }

    @Test
    void malformedFilesAreOneLineWithTheOffsetAndExitCode2(@TempDir Path dir) throws IOException {
        byte[] good = model();
        Path truncated = dir.resolve("truncated.gguf");
        Files.write(truncated, Arrays.copyOf(good, 200));
        assertOneLineExit2(TernSimCliTest.run("inspect", truncated.toString()), "truncated.gguf: at byte ");

        byte[] magic = good.clone();
        magic[0] = 'X';
        Path badMagic = dir.resolve("magic.gguf");
        Files.write(badMagic, magic);
        assertOneLineExit2(TernSimCliTest.run("inspect", badMagic.toString()), "at byte 0: expected magic 'GGUF'");

        Path empty = dir.resolve("empty.gguf");
        Files.write(empty, new byte[0]);
        assertOneLineExit2(TernSimCliTest.run("inspect", empty.toString()), "expected magic");
    }

    @Test
    void missingFileOrDirectoryIsExitCode2(@TempDir Path dir) {
        assertOneLineExit2(TernSimCliTest.run("inspect", dir.resolve("nope.gguf").toString()), "nope.gguf: file not found");
        assertOneLineExit2(TernSimCliTest.run("inspect", dir.toString()), "not a regular file");
        assertEquals(TernSim.USAGE, TernSimCliTest.run("inspect").code(), "the file argument is required");
    }
}
