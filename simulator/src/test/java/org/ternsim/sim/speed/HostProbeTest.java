// The host probe's line, as a speed main prints it, reads back as the same readings (the speed table parses it).
package org.ternsim.sim.speed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HostProbeTest {

    @Test
    void aPrintedLineParsesBackToItsReadings() {
        HostProbe.Reading before = new HostProbe.Reading(106.4, 1.234);
        HostProbe.Reading after = new HostProbe.Reading(131.0, 1.5);
        HostProbe.Reading[] read = HostProbe.parse("detailed   " + HostProbe.line(before, after)).orElseThrow();
        assertEquals(106.4, read[0].loadNanos(), 0.05);
        assertEquals(1.234, read[0].multiplyNanos(), 0.0005);
        assertEquals(131.0, read[1].loadNanos(), 0.05);
        assertEquals(1.5, read[1].multiplyNanos(), 0.0005);
    }

    @Test
    void otherLinesHoldNoReadings() {
        assertTrue(HostProbe.parse("detailed   per call: median 9.15, fastest 12.01 MIPS per CPU second").isEmpty());
    }
}
