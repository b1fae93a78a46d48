// Bad data files give UarchFormatException naming file, line, field path and the expectation.
package org.ternsim.isa.uarch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UarchFormatErrorsTest {
    @TempDir
    Path dir;

    /** A small valid root file; the form entry is on line 27. */
    private static String valid(String formsBlock) {
        return String.join("\n",
                "name: tiny",                                              // 1
                "description: test core",                                  // 2
                "extends: null",                                           // 3
                "sources:",                                                // 4
                "  T: \"a test source\"",                                  // 5
                "core:",                                                   // 6
                "  dispatch_width: {value: 4, source: T}",                 // 7
                "  retire_width: {value: 4, source: T}",                   // 8
                "  rob_size: {value: 64, source: T}",                      // 9
                "  scheduler_size: {value: 16, source: T}",                // 10
                "  fp_scheduler_size: {value: 16, source: T}",             // 11
                "  load_queue: {value: 16, source: T}",                    // 12
                "  store_queue: {value: 16, source: T}",                   // 13
                "  load_to_use_int: {value: 4, source: T}",                // 14
                "  load_to_use_vec: {value: 6, source: T}",                // 15
                "  vector_width_bits: {value: 256, source: T}",            // 16
                "  zmm_split: {value: 2, source: T}",                      // 17
                "  fuses_cmp_jcc: {value: true, source: T}",               // 18
                "  mispredict_penalty: {value: 12, source: T}",            // 19
                "ports:",                                                  // 20
                "  P0: {desc: pipe 0, source: T}",                         // 21
                "  P1: {desc: pipe 1, source: T}",                         // 22
                "  L0: {desc: load, source: T}",                           // 23
                "forms:",                                                  // 24
                "  \"add r64, r64\": {uops: 1, latency: 1, rthr: 0.5, usage: \"1*{P0,P1}\", source: T}", // 25
                "  \"mov r64, m64\": {uops: 1, latency: 0, rthr: 1, usage: \"1*L0\", load: true, source: T}", // 26
                formsBlock,                                                // 27
                "");
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name + ".yaml");
        Files.writeString(p, text);
        return p;
    }

    private UarchFormatException fails(Path file) {
        return assertThrows(UarchFormatException.class, () -> UarchLoader.load(file));
    }

    @Test
    void validFileLoads() throws IOException {
        Microarchitecture m = UarchLoader.load(write("tiny", valid("")));
        assertEquals(0.5, m.desc("add r64, r64").rthr());
        assertEquals(4, m.core().dispatchWidth());
    }

    @Test
    void unknownFormKeyNamesLineAndExpectedKeys() throws IOException {
        Path f = write("tiny", valid("  \"sub r64, r64\": {uops: 1, latency: 1, rthr: 0.5, usage: \"1*P0\", "
                + "source: T, lantency: 2}"));
        UarchFormatException e = fails(f);
        assertEquals(27, e.line());
        assertEquals("forms.\"sub r64, r64\".lantency", e.path());
        assertTrue(e.getMessage().startsWith(f + ":27: forms.\"sub r64, r64\".lantency: unknown key 'lantency'"),
                e.getMessage());
        assertTrue(e.getMessage().contains("latency"), e.getMessage());
    }

    @Test
    void unknownTopLevelAndCoreKeys() throws IOException {
        UarchFormatException top = fails(write("tiny", valid("") + "colour: blue\n"));
        assertEquals(28, top.line());
        assertEquals("colour", top.path());

        UarchFormatException core = fails(write("tiny", valid("").replace("  rob_size:", "  rob_szie:")));
        assertEquals(9, core.line());
        assertEquals("core.rob_szie", core.path());
    }

    @Test
    void badUsageSyntaxSaysWhatWasExpected() throws IOException {
        UarchFormatException e = fails(write("tiny", valid("  \"sub r64, r64\": {uops: 1, latency: 1, rthr: 0.5, "
                + "usage: \"1*{P0,P1\", source: T}")));
        assertEquals(27, e.line());
        assertEquals("forms.\"sub r64, r64\".usage", e.path());
        assertTrue(e.getMessage().contains("expected port usage like"), e.getMessage());
    }

    @Test
    void undeclaredPortIsNamed() throws IOException {
        UarchFormatException e = fails(write("tiny", valid("  \"sub r64, r64\": {uops: 1, latency: 1, rthr: 0.5, "
                + "usage: \"1*{P0,P7}\", source: T}")));
        assertEquals(27, e.line());
        assertTrue(e.getMessage().contains("port P7 is not declared in ports (declared: P0, P1, L0)"),
                e.getMessage());
    }

    @Test
    void unknownSourceIdIsNamed() throws IOException {
        UarchFormatException e = fails(write("tiny", valid("  \"sub r64, r64\": {uops: 1, latency: 1, rthr: 0.5, "
                + "usage: \"1*P0\", source: \"T lat; NOPE ports\"}")));
        assertEquals(27, e.line());
        assertEquals("forms.\"sub r64, r64\".source", e.path());
        assertTrue(e.getMessage().contains("unknown source id 'NOPE'"), e.getMessage());
    }

    @Test
    void wrongValueTypesAndMissingFields() throws IOException {
        UarchFormatException type = fails(write("tiny", valid("").replace("rob_size: {value: 64", "rob_size: {value: big")));
        assertEquals(9, type.line());
        assertTrue(type.getMessage().contains("core.rob_size.value: expected a whole number >= 0, got 'big'"),
                type.getMessage());

        UarchFormatException missing = fails(write("tiny", valid("").replace("  store_queue: {value: 16, source: T}\n", "")));
        assertEquals("core.store_queue", missing.path());

        UarchFormatException noSource = fails(write("tiny", valid("  \"sub r64, r64\": {uops: 1, latency: 1, "
                + "rthr: 0.5, usage: \"1*P0\"}")));
        assertEquals("forms.\"sub r64, r64\".source", noSource.path());
        assertEquals(27, noSource.line());
    }

    @Test
    void estimateWithoutBasisAndNonCanonicalFormAndDuplicateKey() throws IOException {
        UarchFormatException est = fails(write("tiny", valid("  \"sub r64, r64\": {uops: 1, latency: 1, rthr: 0.5, "
                + "usage: \"1*P0\", source: T, estimate: true}")));
        assertEquals("forms.\"sub r64, r64\".basis", est.path());

        UarchFormatException spelling = fails(write("tiny", valid("  \"sub r64,r64\": {uops: 1, latency: 1, "
                + "rthr: 0.5, usage: \"1*P0\", source: T}")));
        assertTrue(spelling.getMessage().contains("canonical spelling 'sub r64, r64'"), spelling.getMessage());

        UarchFormatException dup = fails(write("tiny", valid("  \"add r64, r64\": {uops: 1, latency: 1, "
                + "rthr: 0.5, usage: \"1*P0\", source: T}")));
        assertEquals(27, dup.line());
        assertTrue(dup.getMessage().contains("duplicate key (first at line 25)"), dup.getMessage());
    }

    @Test
    void yamlSyntaxErrorHasALine() throws IOException {
        UarchFormatException e = fails(write("tiny", valid("  \"sub r64, r64\": {uops: 1, latency: [")));
        assertTrue(e.line() >= 27, e.getMessage());
        assertTrue(e.getMessage().contains("YAML syntax error") && e.getMessage().endsWith("expected valid YAML"),
                e.getMessage());
        assertFalse(e.getMessage().contains("snakeyaml"), e.getMessage());
    }

    @Test
    void tabIndentationIsNamedAtItsOwnLine() throws IOException {
        UarchFormatException e = fails(write("tiny", valid("").replace("  dispatch_width", "\tdispatch_width")));
        assertEquals(7, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("tab characters are not allowed for indentation"), e.getMessage());
    }

    @Test
    void aSecondDocumentIsRejected() throws IOException {
        UarchFormatException e = fails(write("tiny", valid("") + "---\nname: other\n"));
        assertTrue(e.getMessage().contains("a second YAML document"), e.getMessage());
        assertTrue(e.line() > 1, e.getMessage());
    }

    @Test
    void childOverridesParentAndMayUseParentPortsAndSources() throws IOException {
        write("tiny", valid(""));
        Path child = write("tiny-wide", String.join("\n",
                "name: tiny-wide",
                "extends: tiny",
                "core:",
                "  dispatch_width: {value: 6, source: T}",
                "forms:",
                "  \"add r64, r64\": {uops: 1, latency: 1, rthr: 1, usage: \"1*P0\", source: T}",
                ""));
        Microarchitecture m = UarchLoader.load(child);
        assertEquals("tiny-wide", m.name());
        assertEquals("test core", m.description());
        assertEquals(6, m.core().dispatchWidth());
        assertEquals(64, m.core().robSize());
        assertEquals(1.0, m.desc("add r64, r64").rthr());
        assertTrue(m.desc("mov r64, m64").load());
    }

    @Test
    void childErrorsPointIntoTheChildFile() throws IOException {
        write("tiny", valid(""));
        Path child = write("tiny-bad", String.join("\n",
                "name: tiny-bad",
                "extends: tiny",
                "forms:",
                "  \"add r64, r64\": {uops: 1, latency: 1, rthr: 1, usage: \"1*P9\", source: T}",
                ""));
        UarchFormatException e = fails(child);
        assertEquals(child.toString(), e.file());
        assertEquals(4, e.line());
    }

    @Test
    void extendsCycleIsReported() throws IOException {
        write("a", "name: a\nextends: b\n");
        write("b", "name: b\nextends: c\n");
        Path c = write("c", "name: c\nextends: a\n");
        UarchFormatException e = fails(dir.resolve("a.yaml"));
        assertTrue(e.getMessage().contains("extends cycle: a -> b -> c -> a"), e.getMessage());
        assertEquals(c.toString(), e.file());
        assertEquals(2, e.line());
    }

    @Test
    void unknownParentAndWrongNameAreReported() throws IOException {
        UarchFormatException parent = fails(write("orphan", "name: orphan\nextends: nosuchcore\n"));
        assertEquals(2, parent.line());
        assertTrue(parent.getMessage().contains("unknown microarchitecture 'nosuchcore'"), parent.getMessage());

        UarchFormatException name = fails(write("tiny", valid("").replace("name: tiny", "name: other")));
        assertEquals(1, name.line());
        assertEquals("name", name.path());
    }

    @Test
    void fileOnDiskMayExtendABundledTable() throws IOException {
        Path p = write("my-zen5", String.join("\n",
                "name: my-zen5",
                "extends: zen5",
                "core:",
                "  rob_size: {value: 224, source: ZN5TD (per thread with SMT)}",
                ""));
        Microarchitecture m = UarchLoader.load(p);
        assertEquals(224, m.core().robSize());
        assertEquals(0.5, m.desc("vpdpbusd zmm, zmm, zmm").rthr());
    }

    @Test
    void accumulateLatencyLoadsAndNeedsItsGroupAndAValueWithinTheLatency() throws IOException {
        Microarchitecture ok = UarchLoader.load(write("tiny", valid("  \"imul r64, r64\": {uops: 1, latency: 3, "
                + "rthr: 1, usage: \"1*P0\", accumulate_latency: 1, accumulate_group: MAC, source: T}")));
        assertEquals(1, ok.desc("imul r64, r64").accumulateLatency());
        assertEquals("MAC", ok.desc("imul r64, r64").accumulateGroup());
        assertEquals(0, ok.desc("add r64, r64").accumulateLatency());

        UarchFormatException alone = fails(write("tiny", valid("  \"imul r64, r64\": {uops: 1, latency: 3, "
                + "rthr: 1, usage: \"1*P0\", accumulate_latency: 1, source: T}")));
        assertEquals(27, alone.line());
        assertEquals("forms.\"imul r64, r64\".accumulate_group", alone.path());

        UarchFormatException tooLong = fails(write("tiny", valid("  \"imul r64, r64\": {uops: 1, latency: 3, "
                + "rthr: 1, usage: \"1*P0\", accumulate_latency: 4, accumulate_group: MAC, source: T}")));
        assertEquals("forms.\"imul r64, r64\".accumulate_latency", tooLong.path());
        assertTrue(tooLong.getMessage().contains("from 1 to the form's latency 3"), tooLong.getMessage());
    }
}
