// AArch64 registers: names, views sharing storage, distinct dependency ids, and stores seen by the interpreter.
package org.ternsim.isa.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ternsim.isa.Interpreter;
import org.ternsim.isa.MachineState;
import org.ternsim.isa.Memory;
import org.ternsim.isa.Program;
import org.ternsim.isa.Reg;

class ArmRegsTest {

    @Test
    void namesParseBackAndViewsShareDependencyIds() {
        for (String name : new String[] {"x0", "x30", "w7", "v31.16b", "v0.2d", "v5.4h", "q1", "d2", "s29", "h3", "b4"}) {
            assertEquals(name, ArmRegs.parse(name).name());
        }
        assertNull(ArmRegs.parse("x31"));
        assertNull(ArmRegs.parse("v1.3s"));
        assertNull(ArmRegs.parse("rax"));
        assertEquals(ArmRegs.x(3).dependencyId(), ArmRegs.w(3).dependencyId());
        assertEquals(ArmRegs.v(4, "16b").dependencyId(), ArmRegs.s(4).dependencyId());
        assertTrue(ArmRegs.v(4, "8b").cls().isVector() && ArmRegs.s(0).cls().isArmSimd());
        assertTrue(ArmRegs.x(1).cls().isGpr());
        assertThrows(IllegalArgumentException.class, () -> ArmRegs.v(32, "16b"));
    }

    @Test
    void everyArchitecturalRegisterHasItsOwnDependencyId() {
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < 31; i++) {
            assertTrue(ids.add(ArmRegs.x(i).dependencyId()), "x" + i);
        }
        for (int i = 0; i < 32; i++) {
            assertTrue(ids.add(ArmRegs.v(i, "4s").dependencyId()), "v" + i);
        }
        assertFalse(ids.contains(Reg.FLAGS_ID));
        assertTrue(ids.stream().allMatch(id -> id >= 0 && id < Reg.DEPENDENCY_IDS));
    }

    @Test
    void interpreterReportsArmStoresAsStores() {
        Program p = ArmAsmText.parse(String.join("\n",
            ".region buf 0x1000 64 output",
            "    mov x20, #4096",
            "    movi v1.16b, #7",
            "    st1 {v1.16b}, [x20], #16",
            "    str s1, [x20]",
            "    ldr w2, [x20]", ""));
        MachineState s = new MachineState(new Memory(p.regions()));
        List<String> seen = new ArrayList<>();
        new Interpreter(p, ArmSemantics.neon(), s).run((pc, addr, bytes, store) -> {
            if (bytes > 0) {
                seen.add(Long.toHexString(addr) + "/" + bytes + (store ? "S" : "L"));
            }
        }, 100);
        assertEquals(List.of("1000/16S", "1010/4S", "1010/4L"), seen);
        assertEquals(0x07070707L, s.gpr[2]);
        assertEquals(0x1010, s.gpr[20], "x20 (beyond the 16 x86 GPRs) keeps its own state");
    }
}
