// The port-usage notation (parse, format, errors) and the throughput bound derived from it.
package org.ternsim.isa.uarch;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PortUsageTest {

    @Test
    void parsesTermsSetsAndNone() {
        assertEquals(List.of(new PortUse(1, List.of("FP0", "FP1")), new PortUse(2, List.of("FP2"))),
                PortUsageParser.parse(" 1*{FP0, FP1} + 2*FP2 "));
        assertEquals(List.of(), PortUsageParser.parse("none"));
    }

    @Test
    void rejectsMalformedUsageWithColumn() {
        for (String bad : List.of("", "FP0", "1*", "1*{FP0", "1*{FP0,FP0}", "0*FP0", "1*FP0+", "1*FP0 2*FP1",
                "1*{}", "x*FP0", "1*9FP")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PortUsageParser.parse(bad), bad);
            assertTrue(e.getMessage().contains("column"), e.getMessage());
        }
    }

    @Provide
    Arbitrary<List<PortUse>> usages() {
        Arbitrary<String> port = Arbitraries.of("ALU0", "ALU1", "AGU0", "FP0", "FP1", "FP2", "FP3", "FP_X");
        Arbitrary<PortUse> term = net.jqwik.api.Combinators.combine(Arbitraries.integers().between(1, 9),
                port.set().ofMinSize(1).ofMaxSize(4)).as((n, ps) -> new PortUse(n, List.copyOf(ps)));
        return term.list().ofMinSize(0).ofMaxSize(4);
    }

    @Property
    void formatThenParseIsIdentity(@ForAll("usages") List<PortUse> usage) {
        assertEquals(usage, PortUsageParser.parse(PortUsageParser.format(usage)));
    }

    @Property
    void singleTermBoundIsCountTimesOccupancyOverPorts(@ForAll @IntRange(min = 1, max = 8) int count,
                                                       @ForAll @IntRange(min = 1, max = 6) int nPorts,
                                                       @ForAll @IntRange(min = 1, max = 4) int occupancy) {
        List<String> ports = java.util.stream.IntStream.range(0, nPorts).mapToObj(i -> "P" + i).toList();
        double bound = PortPressure.portBound(List.of(new PortUse(count, ports)), occupancy);
        assertEquals((double) count * occupancy / nPorts, bound, 1e-12);
    }

    @Test
    void overlappingTermsShareTheirPorts() {
        // The pinned uop and the flexible one fit in one cycle on two ports; three uops on {FP1,FP2} need 1.5;
        // with two pinned to FP1, FP1 alone needs 2 cycles although the union average is 1.5.
        assertEquals(1.0, PortPressure.portBound(PortUsageParser.parse("1*FP1+1*{FP1,FP2}"), 1), 1e-12);
        assertEquals(1.5, PortPressure.portBound(PortUsageParser.parse("1*FP1+2*{FP1,FP2}"), 1), 1e-12);
        assertEquals(2.0, PortPressure.portBound(PortUsageParser.parse("2*FP1+1*{FP1,FP2}"), 1), 1e-12);
    }
}
