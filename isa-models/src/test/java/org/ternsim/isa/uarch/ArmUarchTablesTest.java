// The Arm core tables load, carry the cited per-core values, and time every form the Arm lowerings emit.
package org.ternsim.isa.uarch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ternsim.isa.Instruction;
import org.ternsim.isa.lower.GemvLowering;
import org.ternsim.isa.lower.GemvLowerings;

class ArmUarchTablesTest {

    @ParameterizedTest
    @ValueSource(strings = {"apple-m2", "neoverse-n2", "cortex-a76"})
    void everyFormOfEveryArmLoweringIsTimed(String core) {
        Microarchitecture m = UarchLoader.load(core);
        Set<String> missing = new TreeSet<>();
        for (GemvLowering l : GemvLowerings.all()) {
            if (!l.isa().startsWith("neon")) {
                continue;
            }
            // Large shapes add movz/movk constants, scratch-register adds and plane base registers (2026-12-03).
            for (int[] shape : new int[][] {{16, 4096}, {2560, 6912}, {128256, 2560}, {96, 1000}}) {
                try {
                    l.checkShape(shape[0], shape[1]);
                } catch (IllegalArgumentException e) {
                    continue;
                }
                for (Instruction in : l.lower(shape[0], shape[1]).code()) {
                    if (!m.forms().containsKey(in.form())) {
                        missing.add(in.form());
                    }
                }
            }
        }
        assertTrue(missing.isEmpty(), core + " lacks " + missing);
        assertEquals(128, m.core().vectorWidthBits());
    }

    @Test
    void citedValuesAreWhereTheReferenceSaysTheyAre() {
        Microarchitecture n2 = UarchLoader.load("neoverse-n2");
        assertEquals(5, n2.core().dispatchWidth());
        assertEquals(160, n2.core().robSize());
        assertEquals(1.0, n2.desc("smlal v8h, v8b, v8b").rthr());
        assertEquals(3, n2.desc("sdot v4s, v16b, v16b").latency());
        Microarchitecture a76 = UarchLoader.load("cortex-a76");
        assertEquals(4, a76.core().dispatchWidth());
        assertEquals(2, a76.desc("sdot v4s, v16b, v16b").latency());
        assertTrue(a76.desc("sdot v4s, v16b, v16b").estimate(), "N1 model values are an A76 proxy");
        Microarchitecture m2 = UarchLoader.load("apple-m2");
        assertEquals(0.25, m2.desc("sdot v4s, v16b, v16b").rthr());
        assertEquals(8, m2.core().dispatchWidth());
    }
}
