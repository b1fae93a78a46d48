// Data checks over every bundled table: provenance present, and rthr consistent with the port usage.
package org.ternsim.isa.uarch;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UarchTablesTest {
    /**
     * Allowed relative gap between the recorded rthr and the bound implied by usage, occupancy and dispatch
     * width. Measurements carry noise and effects the port model leaves out (ILX add r64, imm8 0.19 against
     * 6 ALUs = 0.167; cmp r64, r64 0.14). A gap beyond 25% is a typo or a wrong port list.
     */
    static final double TOLERANCE = 0.25;

    static List<String> bundled() {
        return UarchLoader.bundled();
    }

    @ParameterizedTest
    @MethodSource("bundled")
    void everyFormHasASourceAndEveryEstimateABasis(String name) {
        Microarchitecture m = UarchLoader.load(name);
        assertFalse(m.forms().isEmpty());
        for (InstrDesc d : m.forms().values()) {
            assertFalse(d.source().isBlank(), d.form() + " has no source");
            if (d.estimate()) {
                assertFalse(d.basis().isBlank(), d.form() + " is an estimate without a basis");
            }
            assertTrue(d.load() || d.store() || !d.form().matches(".*\\bm\\d+\\b.*") || d.form().startsWith("lea "),
                    d.form() + " has a memory operand but neither load nor store is set");
        }
        for (String field : UarchFileReader.CORE_KEYS.keySet()) {
            assertFalse(m.coreSources().get(field).isBlank(), "core." + field + " has no source");
        }
    }

    /**
     * The port model must reproduce the recorded throughput: the simulator schedules uops by {@code usage}, so
     * a bound far below rthr would make it too optimistic, and a bound far above rthr means the recorded
     * value cannot be reached with the listed ports. Every disagreeing form is reported at once.
     */
    @ParameterizedTest
    @MethodSource("bundled")
    void recordedThroughputMatchesPortUsage(String name) {
        Microarchitecture m = UarchLoader.load(name);
        List<String> bad = new ArrayList<>();
        for (InstrDesc d : m.forms().values()) {
            double implied = PortPressure.impliedRthr(d, m.core());
            if (implied < d.rthr() * (1 - TOLERANCE) || implied > d.rthr() * (1 + TOLERANCE)) {
                bad.add(String.format("%s: recorded rthr %.3f, usage %s (occupancy %d) implies %.3f",
                        d.form(), d.rthr(), PortUsageParser.format(d.usage()), d.occupancy(), implied));
            }
        }
        assertTrue(bad.isEmpty(), name + ": rthr disagrees with port usage for\n  " + String.join("\n  ", bad));
    }
}
