// The x86 core tables: each loads, raptor-cove resolves through extends, every I2_S AVX2 form is timed, ISA limits hold.
package org.ternsim.isa.uarch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ternsim.isa.Instruction;
import org.ternsim.isa.lower.I2sAvx2Gemv;

class X86UarchTablesTest {

    @ParameterizedTest
    @ValueSource(strings = {"zen3", "zen4", "zen5", "zen5-256b", "golden-cove", "raptor-cove"})
    void everyFormOfTheI2sAvx2LoweringIsTimed(String name) {
        Microarchitecture m = UarchLoader.load(name);
        TreeSet<String> missing = new TreeSet<>();
        // A shape with a group loop and a tail loop reaches every instruction the lowering can emit.
        for (Instruction in : I2sAvx2Gemv.lower(2, 128 * 17).code()) {
            if (!m.has(in.form())) {
                missing.add(in.form());
            }
        }
        assertTrue(missing.isEmpty(), name + " lacks timing for " + missing);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zen3", "zen4", "golden-cove", "raptor-cove"})
    void coversTheBroadAvx2Set(String name) {
        Microarchitecture m = UarchLoader.load(name);
        for (String f : List.of("vpshufb ymm, ymm, ymm", "vpmaddwd ymm, ymm, ymm", "vpsubb ymm, ymm, ymm",
                "vpsraw ymm, ymm, imm", "vpsllw ymm, ymm, imm", "vpor ymm, ymm, ymm", "vpunpcklbw ymm, ymm, ymm",
                "vpacksswb ymm, ymm, ymm", "vpmovsxbw ymm, xmm", "vpermq ymm, ymm, imm", "vinserti128 ymm, ymm, xmm, imm",
                "vpbroadcastd ymm, xmm", "vcvtph2ps ymm, xmm", "vcvtdq2ps ymm, ymm", "vfmadd231ps ymm, ymm, ymm",
                "vmovups m256, ymm", "lea r64, m64", "imul r64, r64, imm", "cmp r64, r64", "jl rel")) {
            assertTrue(m.has(f), name + " lacks " + f);
        }
    }

    @Test
    void raptorCoveInheritsGoldenCove() {
        Microarchitecture glc = UarchLoader.load("golden-cove");
        Microarchitecture rpc = UarchLoader.load("raptor-cove");
        assertEquals(glc.core(), rpc.core());
        assertEquals(glc.forms(), rpc.forms());
        assertEquals(glc.ports(), rpc.ports());
        assertTrue(rpc.sources().containsKey("ILXRPL"));
        assertTrue(rpc.sources().containsKey("LLVM19"), "parent sources are inherited");
        assertTrue(rpc.description().contains("Raptor Cove"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"zen3", "golden-cove", "raptor-cove"})
    void coresWithoutAvx512ListNoZmmOrMaskForm(String name) {
        Microarchitecture m = UarchLoader.load(name);
        for (String f : m.forms().keySet()) {
            assertFalse(f.contains("zmm") || f.matches(".*\\bk\\b.*"), name + " lists " + f);
        }
    }

    @Test
    void zen3HasNoVnni() {
        assertFalse(UarchLoader.load("zen3").has("vpdpbusd ymm, ymm, ymm"));
    }

    @Test
    void zen4DoublePumps512BitOps() {
        Microarchitecture z4 = UarchLoader.load("zen4");
        assertEquals(2, z4.core().zmmSplit());
        for (var e : z4.forms().entrySet()) {
            if (e.getKey().matches("v\\S+ zmm, zmm, zmm")) {
                InstrDesc ymm = z4.forms().get(e.getKey().replace("zmm", "ymm"));
                assertEquals(2, e.getValue().occupancy(), e.getKey());
                if (ymm != null) {
                    assertEquals(2 * ymm.rthr(), e.getValue().rthr(), 1e-9, e.getKey() + " vs its ymm form");
                }
            }
        }
    }

    @Test
    void goldenCoveVnniAndLaneCrossingMatchTheMeasurements() {
        Microarchitecture glc = UarchLoader.load("golden-cove");
        InstrDesc vnni = glc.desc("vpdpbusd ymm, ymm, ymm");
        assertEquals(5, vnni.latency());
        assertEquals(0.5, vnni.rthr());
        InstrDesc perm = glc.desc("vpermq ymm, ymm, imm");
        assertEquals(List.of(new PortUse(1, List.of("P5"))), perm.usage());
        assertEquals(3, perm.latency());
    }
}
