// movz/movk: exact semantics, the lsl #s text form, the shift and payload checks, and a wrong movk caught by validation.
package org.ternsim.isa.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ternsim.isa.Memory;
import org.ternsim.isa.lower.GemvRun;
import org.ternsim.isa.lower.SparseNeonLowering;

class ArmMoveWideTest {

    @Test
    void movkReplacesOnlyItsFieldAndMovzClearsTheRest() {
        ArmMachine m = new ArmMachine();
        m.exec("movz x5, #1, lsl #16");
        assertEquals(0x1_0000L, m.state.gpr[5]);
        m.exec("movk x5, #3, lsl #32");
        assertEquals(0x3_0001_0000L, m.state.gpr[5]);
        m.exec("movk x5, #0xbeef");
        assertEquals(0x3_0001_BEEFL, m.state.gpr[5]);
        m.exec("movk x5, #0xffff, lsl #48");
        assertEquals(0xFFFF_0003_0001_BEEFL, m.state.gpr[5]);
        m.exec("movk x5, #0, lsl #16");
        assertEquals(0xFFFF_0003_0000_BEEFL, m.state.gpr[5]);
        // A W destination zero-extends into the X register, as every 32-bit write does.
        m.exec("movk w5, #0x1234, lsl #16");
        assertEquals(0x1234_BEEFL, m.state.gpr[5]);
        m.exec("movz w6, #7");
        assertEquals(7L, m.state.gpr[6]);
    }

    @Test
    void textFormRoundTripsAndOmitsLslZero() {
        for (String line : new String[] {"movz x5, #1, lsl #16", "movk x5, #3, lsl #32", "movk x12, #2048",
            "movz w3, #65535, lsl #16"}) {
            assertEquals(line, ArmAsmText.print(ArmAsmText.parseInstruction(line)));
        }
        assertEquals(3, ArmAsmText.parseInstruction("movk x5, #16").operands().size());
        assertEquals(ArmAsmText.parseInstruction("movk x5, #16, lsl #0"), ArmAsmText.parseInstruction("movk x5, #16"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> ArmAsmText.parseInstruction("add x0, x0, #1, lsl #12"));
        assertTrue(e.getMessage().contains("#4096"), e.getMessage());
    }

    @Test
    void payloadAndShiftOutsideTheEncodingAreRejected() {
        ArmMachine m = new ArmMachine();
        assertThrows(IllegalArgumentException.class, () -> m.exec("movk x5, #65536"));
        assertThrows(IllegalArgumentException.class, () -> m.exec("movk x5, #1, lsl #8"));
        assertThrows(IllegalArgumentException.class, () -> m.exec("movz w5, #1, lsl #32"));
        assertThrows(IllegalArgumentException.class, () -> m.exec("movz x5, #-1"));
    }

    /** The sparse programs build their constants region base 0x3_0001_0000 with movz + movk at every shape. */
    @Test
    void aMovkThatClearsTheOtherBitsFailsValidation() {
        ArmMachine good = new ArmMachine();
        ArmMachine bad = new ArmMachine();
        bad.table = ArmFaults.inject(bad.table, "movk-clears-other-bits");
        for (ArmMachine m : new ArmMachine[] {good, bad}) {
            m.exec("movz x5, #1, lsl #16");
            m.exec("movk x5, #3, lsl #32");
        }
        assertEquals(0x3_0001_0000L, good.state.gpr[5]);
        assertEquals(0x3_0000_0000L, bad.state.gpr[5]);
        SparseNeonLowering l = new SparseNeonLowering(true);
        assertTrue(GemvRun.allExact(l, l.semantics(), 33, 300, 5), "the correct table passes");
        boolean exact;
        try {
            exact = GemvRun.allExact(l, ArmFaults.inject(l.semantics(), "movk-clears-other-bits"), 33, 300, 5);
        } catch (Memory.MemoryFault e) {
            exact = false; // the constants pointer lands outside every region: the run stops, the check fails
        }
        assertFalse(exact, "a wrong movk went unnoticed");
    }
}
