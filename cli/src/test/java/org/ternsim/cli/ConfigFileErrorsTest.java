// Malformed config files (YAML syntax, tabs, second documents, binary files, keys without values, unknown ISA and
// kernel names, broken microarchitecture tables): exit 2, one line naming file, line, field and the expected form.
package org.ternsim.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileErrorsTest {

    @BeforeAll
    static void home() {
        System.setProperty("ternsim.home", "..");
    }

    private static Path hw(Path dir, String from, String to) throws IOException {
        return BadHwConfigs.zen5With(dir, from, to);
    }

    /** The 1-based line of the first occurrence of {@code text} in the file. */
    private static int lineOf(Path file, String text) throws IOException {
        String s = Files.readString(file);
        return (int) s.substring(0, s.indexOf(text)).chars().filter(c -> c == '\n').count() + 1;
    }

    private static TernSimCliTest.Outcome simulate(Path hw, Path dir) {
        return TernSimCliTest.run("simulate", "--hw", hw.toString(), "--shape", "16x128", "--out",
            dir.resolve("out").toString());
    }

    @Test
    void aTabIsReportedAtItsOwnLine(@TempDir Path dir) throws IOException {
        Path hw = hw(dir, "    ways: 12\n    line: 64B\n    latencyCycles: {value: 4,",
            "    ways: 12\n\tline: 64B\n    latencyCycles: {value: 4,");
        UserErrors.line(simulate(hw, dir), "bad.yaml:" + lineOf(hw, "\tline") + ":1: tab characters are not allowed"
            + " for indentation; expected spaces");
        UserErrors.nothingIn(dir.resolve("out"));
    }

    @Test
    void syntaxErrorsAreInPlainWords(@TempDir Path dir) throws IOException {
        Path hw = hw(dir, "cores: {value: 2, source:", "cores: {value: 2, [ source:");
        String line = UserErrors.line(simulate(hw, dir), "bad.yaml:6:", "YAML syntax error: expected a key, found a list",
            "expected valid YAML");
        assertFalse(line.contains("snakeyaml") || line.contains("Event"), line);
    }

    @Test
    void aSecondDocumentIsRejectedAtItsSeparator(@TempDir Path dir) throws IOException {
        Path hw = hw(dir, "energy: {value: zen5-n4", "energy: {value: zen5-n4");
        Files.writeString(hw, Files.readString(hw) + "---\nname: other\n");
        UserErrors.line(simulate(hw, dir), "bad.yaml:" + lineOf(hw, "---") + ":1: a second YAML document",
            "expected one document per file");
        UserErrors.nothingIn(dir.resolve("out"));
    }

    @Test
    void aKeyWithoutValueIsReportedAtItsLine(@TempDir Path dir) throws IOException {
        Path hw = hw(dir, "cores: {value: 2, source: \"lscpu on the dev VM: 2 vCPU, 2 cores x 1 thread (cpus.md §7.1)\"}",
            "cores:");
        UserErrors.line(simulate(hw, dir), "bad.yaml:6:1: cores: has no value; expected an integer >= 1");
    }

    /** A key left empty is a mistake even where leaving the key out would take a default. */
    @Test
    void anEmptyKeyWithADefaultIsNotReplacedByTheDefault(@TempDir Path dir) throws IOException {
        String mshrs = "    mshrs: {value: 24, estimate: true, source: \"AMD documents ~22-24 L1D miss address buffers"
            + " for Zen 4/5 [recalled, not re-read; searched, no primary text found]\"}";
        Path hw = hw(dir, mshrs, "    mshrs:");
        UserErrors.line(simulate(hw, dir), "bad.yaml:" + lineOf(hw, "    mshrs:") + ":5: caches.L1D.mshrs: has no value;"
            + " expected an integer in 1..4096 such as 24");
        Path replacement = hw(dir.resolve("r"), "replacement: {value: lru, estimate: true, source: \"AMD does not",
            "replacement: {value: , estimate: true, source: \"AMD does not");
        UserErrors.line(simulate(replacement, dir), "bad.yaml:" + lineOf(replacement, "replacement:") + ":",
            "caches.L1D.replacement: has no value", "expected one of lru, tree-plru, random");
        UserErrors.nothingIn(dir.resolve("out"));
    }

    @Test
    void emptyKeysOfWorkloadAcceleratorAndSweepFilesAreNamed(@TempDir Path dir) throws IOException {
        Path wl = dir.resolve("wl.yaml");
        String yaml = Files.readString(Path.of("../configs/workloads/bitnet-b1.58-2b4t.yaml"));
        Files.writeString(wl, yaml.replaceFirst("(?m)^  kvCache: .*$", "  kvCache:"));
        UserErrors.line(TernSimCliTest.run("simulate", "--workload", wl.toString(), "--out",
            dir.resolve("out").toString()), "wl.yaml:" + lineOf(wl, "kvCache:") + ":3: numerics.kvCache: has no value",
            "expected one of");
        Path section = dir.resolve("section.yaml");
        Files.writeString(section, yaml + "sparsity:\n");
        UserErrors.line(TernSimCliTest.run("simulate", "--workload", section.toString(), "--out",
            dir.resolve("out").toString()), "section.yaml:" + lineOf(section, "sparsity:") + ":1: sparsity: has no value");
        Files.createDirectories(dir.resolve("hw"));
        Files.createDirectories(dir.resolve("energy"));
        Files.copy(Path.of("../configs/energy/accel-22nm.yaml"), dir.resolve("energy/accel-22nm.yaml"));
        Path accel = dir.resolve("hw/accel.yaml");
        String a = Files.readString(Path.of("../configs/hw/accel-edge.yaml"));
        Files.writeString(accel, a.replaceFirst("(?m)^doubleBuffering: .*$", "doubleBuffering:"));
        UserErrors.line(TernSimCliTest.run("simulate", "--hw", accel.toString(), "--op", "gemv", "--shape", "256x2560",
            "--out", dir.resolve("out").toString()), "accel.yaml:" + lineOf(accel, "doubleBuffering:")
            + ":1: doubleBuffering: has no value; expected true or false");
        Path sweep = Files.writeString(dir.resolve("sweep.yaml"), "name: s\nhw: configs/hw/zen5-2c.yaml\n"
            + "evaluator:\nparams:\n  shape: [16x128]\n");
        UserErrors.line(TernSimCliTest.run("sweep", sweep.toString(), "--out", dir.resolve("out").toString()),
            "sweep.yaml:3:1: evaluator: has no value; expected an evaluator: gemv or workload");
        UserErrors.nothingIn(dir.resolve("out"));
    }

    @Test
    void aBinaryFileIsNotText(@TempDir Path dir) throws IOException {
        Path bin = dir.resolve("binary.yaml");
        Files.write(bin, new byte[] {0x27, (byte) 0xe0, (byte) 0x97, (byte) 0xf0, 0, 1, 2});
        UserErrors.line(simulate(bin, dir), "binary.yaml: not UTF-8 text", "expected a YAML file");
    }

    @Test
    void unknownIsaNamesAreRejectedAtLoad(@TempDir Path dir) throws IOException {
        Path hw = hw(dir, "isa: [avx2, avx512]", "isa: [avx2, sse9]");
        UserErrors.line(simulate(hw, dir), "bad.yaml:12:15: core.isa: unknown ISA 'sse9'", "avx2, avx512",
            "neon-dotprod");
        Path only = hw(dir.resolve("only"), "isa: [avx2, avx512]", "isa: [sse9]");
        UserErrors.line(simulate(only, dir), "bad.yaml:12:9: core.isa: unknown ISA 'sse9'");
        UserErrors.nothingIn(dir.resolve("out"));
    }

    @Test
    void unknownWorkloadKernelIsRejectedAtLoad(@TempDir Path dir) throws IOException {
        Path wl = dir.resolve("bitnet-b1.58-2b4t.yaml");
        String yaml = Files.readString(Path.of("../configs/workloads/bitnet-b1.58-2b4t.yaml"));
        Files.writeString(wl, yaml.replace("linearKernel: i2_s", "linearKernel: i9_z"));
        UserErrors.line(TernSimCliTest.run("simulate", "--workload", wl.toString(), "--out",
            dir.resolve("out").toString()), "bitnet-b1.58-2b4t.yaml:" + lineOf(wl, "linearKernel") + ":",
            "linearKernel: unknown kernel 'i9_z'", "expected one of i2_s, i2_s-vnni");
        UserErrors.nothingIn(dir.resolve("out"));
    }

    @Test
    void sweepFileMistakesAreLocated(@TempDir Path dir) throws IOException {
        String head = "name: s\nhw: configs/hw/zen5-2c.yaml\n";
        String params = "params:\n  core.freq: [3GHz, 3.9GHz]\n  shape: [16x128]\n";
        Path magic = Files.writeString(dir.resolve("magic.yaml"), head + "evaluator: magic\n" + params);
        UserErrors.line(TernSimCliTest.run("sweep", magic.toString(), "--out", dir.resolve("out").toString()),
            "magic.yaml:3:12: evaluator: unknown evaluator 'magic'; expected one of gemv, workload");
        Path column = Files.writeString(dir.resolve("column.yaml"), head + params
            + "constraints: [\"power_w <= 15\", \"nosuchcol <= 3\"]\n");
        UserErrors.line(TernSimCliTest.run("sweep", column.toString(), "--out", dir.resolve("out").toString()),
            "column.yaml:6:32: constraints: constraint 'nosuchcol <= 3' names 'nosuchcol'", "expected one of");
        UserErrors.line(TernSimCliTest.run("sweep", "--param", "shape=16x128", "--constraint", "nosuchcol <= 3",
            "--out", dir.resolve("out").toString()), "--constraint: constraint 'nosuchcol <= 3'");
        Path happy = Files.writeString(dir.resolve("happy.yaml"), head + params
            + "objectives: [latency_s, happiness]\n");
        UserErrors.line(TernSimCliTest.run("sweep", happy.toString(), "--out", dir.resolve("out").toString()),
            "happy.yaml:6:25: objectives: no evaluator reports 'happiness'", "latency_s");
        UserErrors.nothingIn(dir.resolve("out"));
    }

    @Test
    void badMicroarchitectureTablesAreUserErrors(@TempDir Path dir) throws IOException {
        UserErrors.line(TernSimCliTest.run("explain", "--uarch", "../configs/hw/zen5-2c.yaml", "--no-program-run"),
            "zen5-2c.yaml:", "unknown key 'cores'");
        Files.writeString(dir.resolve("orphan.yaml"), "name: orphan\nextends: nosuch-parent\n");
        UserErrors.line(TernSimCliTest.run("explain", "--uarch", dir.resolve("orphan.yaml").toString(),
            "--no-program-run"), "orphan.yaml:2: extends: unknown microarchitecture 'nosuch-parent'");
        Files.writeString(dir.resolve("loop.yaml"), "name: loop\nextends: loop\n");
        UserErrors.line(TernSimCliTest.run("explain", "--uarch", dir.resolve("loop.yaml").toString(),
            "--no-program-run"), "loop.yaml:2: extends: extends cycle: loop -> loop");
        Files.writeString(dir.resolve("tabbed.yaml"), "name: tabbed\nextends: zen5\ncore:\n\trob_size: {value: 4}\n");
        UserErrors.line(TernSimCliTest.run("explain", "--uarch", dir.resolve("tabbed.yaml").toString(),
            "--no-program-run"), "tabbed.yaml:4: tab characters are not allowed for indentation");
        Files.writeString(dir.resolve("named.yaml"), "name: other\nextends: zen5\n");
        UserErrors.line(TernSimCliTest.run("explain", "--uarch", dir.resolve("named.yaml").toString(),
            "--no-program-run"), "named.yaml:1: name: expected 'named'");
    }
}
