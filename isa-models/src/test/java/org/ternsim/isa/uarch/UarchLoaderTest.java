// Loads the bundled Zen 5 tables and spot-checks numbers, lookups and extends: (zen5-256b over zen5).
package org.ternsim.isa.uarch;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UarchLoaderTest {

    @Test
    void bundledListsZen5AndItsRelative() {
        assertTrue(UarchLoader.bundled().containsAll(List.of("zen5", "zen5-256b")));
    }

    @Test
    void zen5CoreParameters() {
        CoreParams c = UarchLoader.load("zen5").core();
        assertEquals(8, c.dispatchWidth());
        assertEquals(8, c.retireWidth());
        assertEquals(448, c.robSize());
        assertEquals(128, c.loadQueue());
        assertEquals(104, c.storeQueue());
        assertEquals(4, c.loadToUseInt());
        assertEquals(7, c.loadToUseVec());
        assertEquals(512, c.vectorWidthBits());
        assertEquals(1, c.zmmSplit());
        assertTrue(c.fusesCmpJcc());
    }

    @Test
    void zen5SpotChecks() {
        Microarchitecture z = UarchLoader.load("zen5");
        InstrDesc madd = z.desc("vpmaddubsw ymm, ymm, ymm");
        assertEquals(1, madd.uops());
        assertEquals(3, madd.latency());
        assertEquals(0.5, madd.rthr());
        assertEquals(List.of(new PortUse(1, List.of("FP0", "FP1"))), madd.usage());
        assertFalse(madd.estimate());

        InstrDesc vnni = z.desc("vpdpbusd zmm, zmm, zmm");
        assertEquals(4, vnni.latency());
        assertEquals(0.5, vnni.rthr()); // full 512-bit datapath: zmm as fast as ymm

        InstrDesc load = z.desc("vmovdqu ymm, m256");
        assertTrue(load.load());
        assertEquals(0, load.latency()); // beyond the 7-cycle load-to-use

        InstrDesc div = z.desc("vdivss xmm, xmm, xmm");
        assertEquals(3, div.occupancy());
        assertEquals(3.0, div.rthr());

        assertTrue(z.desc("xor r32, r32").zeroIdiom());
        assertEquals(1, z.desc("vpaddd ymm, ymm, ymm").latency());
        assertEquals(List.of(), z.desc("mov r64, r64").usage());
    }

    @Test
    void lookupNormalisesSpelling() {
        Microarchitecture z = UarchLoader.load("zen5");
        assertEquals(z.desc("vpaddd ymm, ymm, ymm"), z.desc("  VPADDD ymm,ymm ,  ymm "));
    }

    @Test
    void unknownFormSaysWhichMicroarchitectureAndListsKnownForms() {
        Microarchitecture z = UarchLoader.load("zen5");
        UnknownFormException e = assertThrows(UnknownFormException.class, () -> z.desc("vpfoo ymm, ymm"));
        assertTrue(e.getMessage().startsWith("zen5 has no timing for form 'vpfoo ymm, ymm' (known forms: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("vpaddd ymm, ymm, ymm"));
    }

    @Test
    void unknownBundledNameIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UarchLoader.load("zen9"));
        assertTrue(e.getMessage().contains("zen9"));
    }

    @Test
    void zen5With256BitDatapathOverridesOnlyZmm() {
        Microarchitecture z = UarchLoader.load("zen5");
        Microarchitecture s = UarchLoader.load("zen5-256b");
        assertEquals(2, s.core().zmmSplit());
        assertEquals(256, s.core().vectorWidthBits());
        assertEquals(z.core().robSize(), s.core().robSize()); // inherited
        assertEquals(1.0, s.desc("vpmaddubsw zmm, zmm, zmm").rthr());
        assertEquals(0.5, s.desc("vpaddd zmm, zmm, zmm").rthr());
        assertEquals(2, s.desc("vpaddd zmm, zmm, zmm").occupancy());
        // ymm forms come from the parent unchanged
        assertEquals(z.desc("vpmaddubsw ymm, ymm, ymm"), s.desc("vpmaddubsw ymm, ymm, ymm"));
        assertEquals(z.forms().keySet(), s.forms().keySet());
        assertTrue(s.sources().containsKey("ILX256"));
        assertTrue(s.sources().containsKey("ZN5TD")); // parent's sources inherited
    }
}
