// Port booking: one-cycle uops take the earliest free port; multi-cycle uops (double-pumped zmm) fill one-cycle holes.
package org.ternsim.sim.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PortTableTest {

    private static final long ONE_PORT = 0b1;

    @Test
    void consecutivePassesStartWhereTheyWouldHave() {
        PortTable ports = new PortTable(1, 1);
        assertEquals(0, ports.reserve(0, ONE_PORT, 0, 2));
        assertEquals(2, ports.reserve(0, ONE_PORT, 0, 2));
        assertEquals(7, ports.reserve(0, ONE_PORT, 7, 3));
        assertEquals(7, ports.busyCycles()[0]);
    }

    @Test
    void aTwoCycleUopUsesAHoleLeftByAnOlderBooking() {
        PortTable ports = new PortTable(1, 1);
        // An older op ready at cycle 1 holds the port in cycles 1 and 2; a younger one ready at 0 takes cycles 0 and 3
        // (a scheduler working cycle by cycle would have issued it at 0 and the older one after it: the port is
        // busy 4 cycles either way). Its result counts from the start its passes would have had if consecutive (2).
        assertEquals(1, ports.reserve(0, ONE_PORT, 1, 2));
        assertEquals(2, ports.reserve(0, ONE_PORT, 0, 2));
        // No cycle of 0..3 is left: the next op starts at 4.
        assertEquals(4, ports.reserve(0, ONE_PORT, 0, 2));
    }
}
