// One test per class of bad input (issue 10): each exits 2 with one line per problem, naming the file and the field
// (or the option) and the expected form, and no stack trace.
package org.ternsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ErrorClassesTest {

    @BeforeAll
    static void home() {
        System.setProperty("ternsim.home", "..");
    }

    private static Path config(Path dir, String from, String to) throws IOException {
        return BadHwConfigs.zen5With(dir, from, to);
    }

    private static List<String> userError(TernSimCliTest.Outcome o, int lines) {
        assertEquals(TernSim.USAGE, o.code(), o.out() + o.err());
        List<String> l = o.err().strip().lines().toList();
        assertEquals(lines, l.size(), o.err());
        assertFalse(o.err().contains("Exception") || o.err().contains("\tat "), o.err());
        l.forEach(line -> assertTrue(line.startsWith("ternsim: "), line));
        return l;
    }

    private static TernSimCliTest.Outcome simulate(Path hw, Path dir, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("simulate", "--hw", hw.toString(), "--shape", "16x128",
            "--out", dir.resolve("out").toString()));
        args.addAll(List.of(more));
        return TernSimCliTest.run(args.toArray(String[]::new));
    }

    @Test
    void garbageUnit(@TempDir Path dir) throws IOException {
        String line = userError(simulate(config(dir, "value: 3.9GHz", "value: 3.9Ghz"), dir), 1).get(0);
        assertTrue(line.matches("ternsim: .*bad.yaml:\\d+:\\d+: core.freq: .*expected a frequency such as 3.9GHz"), line);
    }

    @Test
    void outOfRangeNumber(@TempDir Path dir) throws IOException {
        String line = userError(simulate(config(dir, "mshrs: {value: 24,", "mshrs: {value: 2147483647,"), dir), 1).get(0);
        assertTrue(line.contains("bad.yaml:") && line.contains("caches.L1D.mshrs: must be <= 4096"), line);
    }

    @Test
    void brokenRelation(@TempDir Path dir) throws IOException {
        String line = userError(simulate(config(dir, "size: 1MiB", "size: 1000KiB"), dir), 1).get(0);
        assertTrue(line.contains("bad.yaml:") && line.contains("caches.L2.size:") && line.contains("power-of-two"), line);
    }

    @Test
    void allErrorsOfAFileAtOnce(@TempDir Path dir) throws IOException {
        Path hw = config(dir, "    size: 48KiB\n    ways: 12", "    size: 48Kib\n    wayz: 12");
        List<String> lines = userError(simulate(hw, dir), 3);
        assertTrue(lines.stream().allMatch(l -> l.contains("bad.yaml:")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("caches.L1D.wayz: unknown key 'wayz' (did you mean 'ways'?)")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("caches.L1D.ways: missing required key")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("caches.L1D.size: ")), lines.toString());
    }

    @Test
    void badShapes(@TempDir Path dir) {
        // A malformed option is picocli's: the message line, then where to find the usage.
        TernSimCliTest.Outcome o = TernSimCliTest.run("simulate", "--shape", "0x5", "--out", dir.toString());
        assertEquals(TernSim.USAGE, o.code(), o.err());
        List<String> lines = o.err().strip().lines().toList();
        assertEquals(List.of("Try 'ternsim simulate --help' for usage."), lines.subList(1, lines.size()), o.err());
        assertTrue(lines.get(0).contains("--shape") && lines.get(0).contains("M >= 1"), lines.get(0));
        String k = userError(TernSimCliTest.run("simulate", "--shape", "16x100", "--out", dir.toString()), 1).get(0);
        assertTrue(k.contains("128"), k);
    }

    @Test
    void unknownKernelListsTheValidOnes(@TempDir Path dir) {
        String line = userError(TernSimCliTest.run("simulate", "--kernel", "i3_s", "--out", dir.toString()), 1).get(0);
        assertTrue(line.contains("unknown kernel 'i3_s'; valid: i2_s"), line);
        String analytic = userError(TernSimCliTest.run("simulate", "--op", "gemv", "--kernel", "q2_k", "--out",
            dir.toString()), 1).get(0);
        assertTrue(analytic.contains("kernel 'q2_k' has no instruction program (workload runs cost it analytically); "
            + "valid: i2_s"), analytic);
        String bench = userError(TernSimCliTest.run("bench", "kernels", "--kernel", "tl9"), 1).get(0);
        assertTrue(bench.contains("valid: i2_s, tl2, f16"), bench);
    }

    @Test
    void perProjectionKernelsAreCheckedByNameAndWorkload(@TempDir Path dir) {
        String op = userError(TernSimCliTest.run("simulate", "--kernel", "ffn_proj=i2_s", "--out", dir.toString()), 1)
            .get(0);
        assertTrue(op.contains("unknown operator 'ffn_proj'; expected q_proj"), op);
        String kernel = userError(TernSimCliTest.run("simulate", "--kernel", "o_proj=i3_s", "--out", dir.toString()), 1)
            .get(0);
        assertTrue(kernel.contains("--kernel o_proj: unknown kernel 'i3_s'"), kernel);
        String dit = userError(TernSimCliTest.run("simulate", "--workload", "configs/workloads/flux-dev-1.58bit.yaml",
            "--kernel", "o_proj=i2_s", "--out", dir.toString()), 1).get(0);
        assertTrue(dit.contains("applies to LLM workloads"), dit);
        assertFalse(Files.exists(dir.resolve("results.json")));
    }

    @Test
    void namesThatCannotBeDirectoriesAreLocatedErrors(@TempDir Path dir) throws IOException {
        String run = userError(TernSimCliTest.run("simulate", "--shape", "16x128", "--out", dir.toString(),
            "--run-name", "y".repeat(300)), 1).get(0);
        assertTrue(run.contains("--run-name 'yyyy") && run.contains("(300 characters)"), run);
        assertTrue(userError(TernSimCliTest.run("simulate", "--shape", "16x128", "--out", dir.toString(),
            "--run-name", "../up"), 1).get(0).contains("--run-name '../up'"));
        String name = userError(simulate(config(dir, "name: zen5-2c", "name: " + "x".repeat(300)), dir), 1).get(0);
        assertTrue(name.contains("bad.yaml:") && name.contains(": name: 'xxxx") && name.contains("cannot be part of a"
            + " directory name"), name);
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void inputSparsityIsForZeroSkippingSingleKernelsOnly(@TempDir Path dir) {
        String dense = userError(TernSimCliTest.run("simulate", "--shape", "64x256", "--input-sparsity", "0.5",
            "--out", dir.toString()), 1).get(0);
        assertTrue(dense.contains("applies to kernels that skip zero activations") && dense.contains("i2_s does"), dense);
        String workload = userError(TernSimCliTest.run("simulate", "--input-sparsity", "0.5", "--out", dir.toString()),
            1).get(0);
        assertTrue(workload.contains("applies to single-kernel runs"), workload);
        String range = userError(TernSimCliTest.run("simulate", "--kernel", "i2_s-sparse", "--shape", "64x256",
            "--input-sparsity", "1.5", "--out", dir.toString()), 1).get(0);
        assertTrue(range.contains("--input-sparsity 1.5: expected a fraction from 0 to 1"), range);
        TernSimCliTest.Outcome few = TernSimCliTest.run("simulate", "--kernel", "i2_s-sparse", "--shape", "96x512",
            "--input-sparsity", "0.1", "--out", dir.toString(), "--run-name", "few");
        TernSimCliTest.Outcome many = TernSimCliTest.run("simulate", "--kernel", "i2_s-sparse", "--shape", "96x512",
            "--input-sparsity", "0.9", "--out", dir.toString(), "--run-name", "many");
        assertEquals(TernSim.OK, few.code(), few.err());
        assertEquals(TernSim.OK, many.code(), many.err());
        assertTrue(cycles(many.out()) < cycles(few.out()), many.out() + few.out());
    }

    private static long cycles(String summary) {
        String line = summary.lines().filter(l -> l.strip().startsWith("cycles")).findFirst().orElseThrow();
        return Long.parseLong(line.strip().split("\\s+")[1].replace(",", ""));
    }

    @Test
    void workloadIsaMustBeOneOfTheCoresAndComesFirst(@TempDir Path dir) throws IOException {
        String line = userError(TernSimCliTest.run("simulate", "--isa", "neon", "--out", dir.toString()), 1).get(0);
        assertTrue(line.contains("--isa neon: ") && line.contains("zen5-2c.yaml core.isa is [avx2, avx512]"), line);
        Path run = dir.resolve("run");
        TernSimCliTest.Outcome ok = TernSimCliTest.run("simulate", "--isa", "avx512", "--context", "64", "--out",
            dir.toString(), "--run-name", "run");
        assertEquals(TernSim.OK, ok.code(), ok.err());
        assertTrue(Files.readString(run.resolve("resolved-config.yaml")).contains("isa: [\"avx512\", \"avx2\"]"));
        assertTrue(Files.readString(run.resolve("results.json")).contains("\"isa\" : \"avx512\""));
    }

    @Test
    void impossibleCombinationNamesTheConfigField(@TempDir Path dir) throws IOException {
        String line = userError(simulate(config(dir, "isa: [avx2, avx512]", "isa: [avx512]"), dir), 1).get(0);
        assertTrue(line.contains("bad.yaml: core.isa: kernel i2_s has no lowering"), line);
    }

    @Test
    void existingRunDirectoryNeedsForce(@TempDir Path dir) {
        assertEquals(TernSim.OK, TernSimCliTest.run("simulate", "--shape", "16x128", "--out", dir.toString(),
            "--run-name", "r").code());
        String line = userError(TernSimCliTest.run("simulate", "--shape", "16x128", "--out", dir.toString(),
            "--run-name", "r"), 1).get(0);
        assertTrue(line.contains("already exists; use --force"), line);
    }

    @Test
    void sweepPointsAreValidatedBeforeRunning(@TempDir Path dir) {
        List<String> lines = userError(TernSimCliTest.run("sweep", "--param", "core.frq=3GHz", "--param", "shape=16x128",
            "--out", dir.toString()), 1);
        assertTrue(lines.get(0).contains("zen5-2c.yaml:") && lines.get(0).contains("core.frq: unknown key 'frq' (did you mean 'freq'?)"), lines.toString());
        String shard = userError(TernSimCliTest.run("sweep", "--param", "shape=16x128", "--shard", "3/2"), 1).get(0);
        assertTrue(shard.contains("--shard '3/2'"), shard);
    }

    /** An OutOfMemoryError escapes picocli (it handles exceptions only); the launcher's main must still say one line. */
    @Test
    void aRunThatOutgrowsTheHeapEndsWithOneLine() {
        java.io.StringWriter text = new java.io.StringWriter();
        java.io.PrintWriter err = new java.io.PrintWriter(text, true);
        int code = TernSim.withinHeap(() -> {
            throw new OutOfMemoryError("Java heap space");
        }, new TernSim(), err);
        assertEquals(TernSim.USAGE, code);
        List<String> lines = text.toString().strip().lines().toList();
        assertEquals(1, lines.size(), text.toString());
        assertTrue(lines.get(0).startsWith("ternsim: out of memory: ") && lines.get(0).contains("TERNSIM_JAVA_OPTS=-Xmx")
            && lines.get(0).contains("MiB"), lines.get(0));
        assertEquals(TernSim.MISMATCH, TernSim.withinHeap(() -> TernSim.MISMATCH, new TernSim(), err));
    }

    @Test
    void functionalRunsThatWouldNotFitAreRefused() {
        String line = userError(TernSimCliTest.run("bench", "kernels", "--kernel", "f16", "--shape", "8192x45568",
            "--max-memory", "1GiB"), 1).get(0);
        assertTrue(line.contains("needs about") && line.contains("--max-memory"), line);
    }

    @Test
    void acceleratorBuffersMustHoldTheMinimumTile(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("hw"));
        Files.createDirectories(dir.resolve("energy"));
        Files.copy(Path.of("../configs/energy/accel-22nm.yaml"), dir.resolve("energy/accel-22nm.yaml"));
        String yaml = Files.readString(Path.of("../configs/hw/accel-edge.yaml"));
        String from = "weight: {size: 32KiB, banks: 8, width: 8B}";
        assertTrue(yaml.contains(from));
        Path hw = dir.resolve("hw/bad.yaml");
        Files.writeString(hw, yaml.replace(from, "weight: {size: 256B, banks: 8, width: 8B}"));
        // 8 PE rows x one 128-value block of 2-bit weights, twice (double buffering) = 512 B.
        String line = userError(TernSimCliTest.run("simulate", "--hw", hw.toString(), "--out",
            dir.resolve("out").toString()), 1).get(0);
        assertTrue(line.matches("ternsim: .*bad.yaml:\\d+:\\d+: buffers.weight.size: .*minimum tile.*expected size >= 512 B"),
            line);
        assertFalse(Files.exists(dir.resolve("out")));
    }

    /**
     * An internal error raised in a worker of the parallel GEMV costing reaches the handler wrapped by the fork/join
     * pool, whose message is the worker's exception as text: the line shows the worker's own message.
     */
    @Test
    void anInternalErrorFromAWorkerThreadShowsItsOwnMessage() {
        IllegalStateException worker = new IllegalStateException("tl2/avx2 320x2560 on zen5-2c: outputs differ");
        assertEquals("tl2/avx2 320x2560 on zen5-2c: outputs differ",
            TernSim.oneLine(new IllegalStateException(new IllegalStateException(worker))));
        assertEquals("a message of its own", TernSim.oneLine(new IllegalStateException("a message of its own", worker)));
    }
}
