// Exact semantics of ldrb/strb (one byte, zero-extended), ld1r (replicate one element) and lsr, with their text forms.
package org.ternsim.isa.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ternsim.isa.Instruction;

class ArmByteAndReplicateTest {

    @Test
    void ldrbZeroExtendsOneByteAndPostIncrements() {
        ArmMachine m = new ArmMachine();
        m.memory.bytes("mem")[5] = (byte) 0x80;
        m.state.gpr[1] = ArmMachine.MEM_BASE + 5;
        m.exec("ldrb w9, [x1], #1");
        assertEquals(0x80L, m.state.gpr[9]);
        assertEquals(ArmMachine.MEM_BASE + 6, m.state.gpr[1]);
    }

    @Test
    void strbStoresBits7To0AtARegisterOffset() {
        ArmMachine m = new ArmMachine();
        m.state.gpr[9] = 0x1234_5678_9ABCL;
        m.state.gpr[10] = ArmMachine.MEM_BASE;
        m.state.gpr[13] = 7;
        m.exec("strb w9, [x10, x13]");
        assertEquals((byte) 0xBC, m.memory.bytes("mem")[7]);
        assertEquals((byte) 0xC3, m.memory.bytes("mem")[8], "one byte only");
        assertEquals((byte) 0xC3, m.memory.bytes("mem")[6]);
    }

    @Test
    void ld1rReplicatesOneElementToEveryLane() {
        ArmMachine m = new ArmMachine();
        byte[] mem = m.memory.bytes("mem");
        mem[0] = 1;
        mem[1] = -2;
        mem[2] = 3;
        mem[3] = -128;
        m.state.gpr[8] = ArmMachine.MEM_BASE;
        m.exec("ld1r {v25.4s}, [x8], #4");
        for (int i = 0; i < 4; i++) {
            assertEquals(0x80_03_FE_01L, m.lane(25, i, 4) & 0xFFFF_FFFFL);
        }
        assertTrue(m.zeroAbove(25, 16));
        assertEquals(ArmMachine.MEM_BASE + 4, m.state.gpr[8]);
        m.state.gpr[8] = ArmMachine.MEM_BASE + 3;
        m.exec("ld1r {v30.16b}, [x8], #1");
        for (int i = 0; i < 16; i++) {
            assertEquals(-128, m.lane(30, i, 1));
        }
    }

    @Test
    void lsrShiftsInZerosAtTheRegisterWidth() {
        ArmMachine m = new ArmMachine();
        m.state.gpr[14] = 0xFFFF_FFFF_0000_01FEL;
        m.exec("lsr x15, x14, #8");
        assertEquals(0x00FF_FFFF_FF00_0001L, m.state.gpr[15]);
        m.exec("lsr w15, w14, #8");
        assertEquals(1L, m.state.gpr[15]);
    }

    @Test
    void textFormsRoundTripWithByteAndElementMemoryWidths() {
        String[] lines = {"ldrb w9, [x1], #1", "strb w9, [x10, x13]", "str w11, [x12, x13, lsl #2]",
            "ld1r {v25.4s}, [x8], #4", "ld1r {v30.16b}, [x8], #1", "lsr x14, x14, #8"};
        for (String line : lines) {
            assertEquals(line, ArmAsmText.print(ArmAsmText.parseInstruction(line)));
        }
        Instruction ldrb = ArmAsmText.parseInstruction("ldrb w9, [x1], #1");
        assertEquals("ldrb w, m8, imm", ldrb.form());
        assertEquals("ld1r v4s, m32, imm", ArmAsmText.parseInstruction("ld1r {v25.4s}, [x8], #4").form());
        assertEquals("ld1r v16b, m8, imm", ArmAsmText.parseInstruction("ld1r {v30.16b}, [x8], #1").form());
    }
}
