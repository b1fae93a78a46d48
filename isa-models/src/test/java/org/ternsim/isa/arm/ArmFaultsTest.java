// A wrong semantics for any NEON instruction family a lowering uses makes at least one validation case fail.
package org.ternsim.isa.arm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ternsim.isa.lower.GemvRun;
import org.ternsim.isa.lower.I2sNeonLowering;

class ArmFaultsTest {

    @ParameterizedTest(name = "{0} caught by i2_s/{1}")
    @CsvSource({
        "sdot-no-accumulate, neon-dotprod",
        "smlal-no-widening, neon",
        "smlal2-low-half, neon",
        "saddw-zero-extends, neon",
        "ushr-arithmetic, neon",
        "and-is-orr, neon-dotprod",
        "addv-drops-last-lane, neon-dotprod",
        "ld1-no-writeback, neon",
        "fsub-reversed, neon",
    })
    void faultFailsValidation(String fault, String isa) {
        I2sNeonLowering l = I2sNeonLowering.defaults(isa.equals("neon-dotprod"));
        assertTrue(GemvRun.allExact(l, l.semantics(), 3, 1024, 7), "the correct table passes");
        assertFalse(GemvRun.allExact(l, ArmFaults.inject(l.semantics(), fault), 3, 1024, 7), fault + " went unnoticed");
    }

    /** TL1 indices are 0..8, never out of range, so this tbl fault is shown on the instruction itself. */
    @Test
    void tblFaultDiffersFromTheArchitecture() {
        ArmMachine good = new ArmMachine();
        ArmMachine bad = new ArmMachine();
        bad.table = ArmFaults.inject(bad.table, "tbl-returns-index");
        for (ArmMachine m : new ArmMachine[] {good, bad}) {
            m.setBytes(3, 1, 40, 2);
            m.exec("tbl v0.16b, {v1.16b}, v3.16b");
        }
        assertEquals(0, good.lane(0, 1, 1));
        assertEquals(40, bad.lane(0, 1, 1));
        assertFalse(Arrays.equals(good.state.vec[0], bad.state.vec[0]));
        assertArrayEquals(Arrays.copyOf(good.state.vec[0], 1), Arrays.copyOf(bad.state.vec[0], 1));
    }

    @Test
    void registryListsEveryFaultAndRejectsUnknownNames() {
        assertEquals(30, ArmFaults.available().size());
        assertEquals("smlal2", ArmFaults.mnemonic("smlal2-low-half"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> ArmFaults.inject(ArmSemantics.neon(), "nope"));
        assertTrue(e.getMessage().contains("valid: addv-drops-last-lane"), e.getMessage());
    }
}
