// Fuzzing through the command line as a user would meet it: mutated hardware configs (`simulate --hw`) and damaged
// GGUF files (`inspect`) must either succeed or exit 2 with one-line, located messages; never another exit code, a
// stack trace, a hang or running out of memory. Each case is time-bounded.
package org.ternsim.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.constraints.IntRange;

class CliFuzzPropertyTest {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Duration CASE_LIMIT = Duration.ofSeconds(60); // generous: the CI machine may be loaded
    private static Path dir;
    private static JsonNode valid;
    private static byte[] gguf;

    @BeforeContainer
    static void setUp() throws IOException {
        System.setProperty("ternsim.home", "..");
        dir = Files.createTempDirectory("ternsim-fuzz");
        Files.createDirectories(dir.resolve("hw"));
        Files.createDirectories(dir.resolve("energy"));
        Files.copy(Path.of("../configs/energy/zen5-n4.yaml"), dir.resolve("energy/zen5-n4.yaml"));
        valid = YAML.readTree(Path.of("../configs/hw/zen5-2c.yaml").toFile());
        gguf = InspectCommandTest.model();
    }

    @AfterContainer
    static void tearDown() throws IOException {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Property(tries = 1000)
    void mutatedConfigsSimulateOrFailWithLocatedOneLineErrors(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int n) {
        Random random = new Random(seed);
        JsonNode doc = valid.deepCopy();
        List<String> done = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            done.add(mutate(doc, random));
        }
        Path hw = dir.resolve("hw/fuzz.yaml");
        String text = yaml(doc);
        if (random.nextInt(10) == 0) { // a damaged text: YAML syntax errors
            int at = random.nextInt(text.length());
            text = text.substring(0, at) + ":[{\t'\"".charAt(random.nextInt(6)) + text.substring(at);
        }
        write(hw, text);
        TernSimCliTest.Outcome o = assertTimeoutPreemptively(CASE_LIMIT, () -> TernSimCliTest.run("simulate", "--hw",
            hw.toString(), "--shape", "16x128", "--out", dir.resolve("out").toString()));
        String err = o.err().length() > 2000 ? o.err().substring(0, 2000) + "..." : o.err();
        String context = done + "\n" + err;
        assertTrue(o.code() == TernSim.OK || o.code() == TernSim.USAGE, "exit " + o.code() + " for " + context);
        if (o.code() == TernSim.USAGE) {
            assertFalse(o.err().isBlank(), context);
            for (String line : o.err().strip().split("\n")) {
                assertTrue(line.startsWith("ternsim: "), context);
                assertTrue(line.contains("fuzz.yaml") || line.contains("zen5-n4.yaml"), "names the file: " + context);
            }
            assertFalse(o.err().contains("Exception") || o.err().contains("\tat "), context);
        }
    }

    @Property(tries = 1000)
    void damagedGgufFilesInspectOrFailWithOneLine(@ForAll long seed) {
        Random random = new Random(seed);
        byte[] b = gguf.clone();
        int k = 1 + random.nextInt(3);
        for (int i = 0; i < k && b.length > 0; i++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(4)) {
                case 0 -> b[at] ^= (byte) (1 + random.nextInt(255));
                case 1 -> b = java.util.Arrays.copyOf(b, at);
                case 2 -> { // a count or length field set to a huge value
                    for (int j = 0; j < 8 && at + j < b.length; j++) b[at + j] = (byte) (j == 7 ? 0x7F : 0xFF);
                }
                default -> b[at] = (byte) random.nextInt(256);
            }
        }
        Path f = dir.resolve("fuzz.gguf");
        try {
            Files.write(f, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TernSimCliTest.Outcome o = assertTimeoutPreemptively(CASE_LIMIT, () -> TernSimCliTest.run("inspect", f.toString()));
        assertTrue(o.code() == TernSim.OK || o.code() == TernSim.USAGE, "exit " + o.code() + ": " + o.err());
        if (o.code() == TernSim.USAGE) {
            assertTrue(o.err().strip().lines().count() == 1 && o.err().contains("fuzz.gguf"), o.err());
            assertTrue(o.err().length() < 1000, "a short line: " + o.err().substring(0, Math.min(1000, o.err().length())));
            assertFalse(o.err().contains("Exception") || o.err().contains("\tat "), o.err());
        }
    }

    /** One random change somewhere in the tree; returns what it did, for the failure message. */
    private static String mutate(JsonNode root, Random random) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode c = containers.get(random.nextInt(containers.size()));
        if (c instanceof ObjectNode o) {
            List<String> keys = new ArrayList<>();
            o.fieldNames().forEachRemaining(keys::add);
            if (keys.isEmpty()) return "nothing";
            String key = keys.get(random.nextInt(keys.size()));
            switch (random.nextInt(4)) {
                case 0 -> {
                    o.remove(key);
                    return "delete " + key;
                }
                case 1 -> {
                    JsonNode v = o.remove(key);
                    o.set(key.substring(0, Math.max(1, key.length() - 1)) + "x", v);
                    return "rename " + key;
                }
                case 2 -> {
                    o.set("extra" + random.nextInt(3), value(random));
                    return "add key";
                }
                default -> {
                    JsonNode v = value(random);
                    o.set(key, v);
                    return key + " = " + abbreviate(v);
                }
            }
        }
        ArrayNode a = (ArrayNode) c;
        if (a.isEmpty()) return "nothing";
        int i = random.nextInt(a.size());
        if (random.nextBoolean()) {
            a.remove(i);
            return "remove item " + i;
        }
        a.set(i, value(random));
        return "item " + i + " = " + abbreviate(a.get(i));
    }

    private static JsonNode value(Random random) {
        return switch (random.nextInt(16)) {
            case 0 -> F.numberNode(-random.nextInt(1000));
            case 1 -> F.numberNode(Long.MAX_VALUE);
            case 2 -> F.numberNode(Integer.MAX_VALUE);
            case 3 -> F.numberNode(random.nextDouble() * 1e300);
            case 4 -> F.textNode(List.of("1TiB", "8EiB", "0B", "-5GHz", "1e999KiB", "0.5B", "3.9 GHz", "NaNGHz",
                "1e-300GB/s", "12XB", "9223372036854775807B", "4096TiB", "1e18Hz", "0ns", "-1pJ").get(random.nextInt(15)));
            case 5 -> F.textNode("");
            case 6 -> F.booleanNode(random.nextBoolean());
            case 7 -> F.nullNode();
            case 8 -> F.arrayNode().add(1).add("x");
            case 9 -> {
                ObjectNode deep = F.objectNode();
                ObjectNode cur = deep;
                for (int d = 0; d < 40 + random.nextInt(200); d++) cur = cur.putObject("n");
                yield deep;
            }
            case 10 -> F.textNode("x".repeat(1 + random.nextInt(200_000)));
            case 11 -> F.numberNode(1 << random.nextInt(31));
            case 12 -> F.numberNode(0);
            case 13 -> F.objectNode().put("value", "64KiB").put("sorce", "typo");
            case 14 -> F.textNode(List.of("lru", "tree-plru", "random", "stream", "next-line", "avx2", "zen5", "zen9")
                .get(random.nextInt(8)));
            default -> F.numberNode(random.nextInt(5000));
        };
    }

    private static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isContainerNode()) {
            out.add(n);
            for (Iterator<JsonNode> it = n.elements(); it.hasNext();) collect(it.next(), out);
        }
    }

    private static String abbreviate(JsonNode v) {
        String s = v.toString();
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    private static String yaml(JsonNode doc) {
        try {
            return YAML.writeValueAsString(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path p, String text) {
        try {
            Files.writeString(p, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
