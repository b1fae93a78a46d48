// The AArch64 text form: every lowered program survives print -> parse -> print, and bad lines name the problem.
package org.ternsim.isa.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ternsim.isa.Instruction;
import org.ternsim.isa.Operand;
import org.ternsim.isa.Program;
import org.ternsim.isa.lower.GemvLowering;
import org.ternsim.isa.lower.GemvLowerings;

class ArmAsmTextTest {

    @Test
    void linesRoundTripInLlvmSyntax() {
        String[] lines = {
            "ld1 {v20.16b, v21.16b, v22.16b, v23.16b}, [x1], #64",
            "ld1 {v0.16b}, [x0]",
            "st1 {v0.4s}, [x2, #16]",
            "ldr d1, [x3, x4, lsl #3]",
            "ldr s29, [x6, #4]",
            "str s0, [x2], #4",
            "tbl v0.16b, {v1.16b, v2.16b}, v3.16b",
            "sdot v0.4s, v19.16b, v20.16b",
            "smlal2 v8.8h, v19.16b, v20.16b",
            "saddw v0.4s, v0.4s, v8.4h",
            "addv s0, v0.4s",
            "movi v31.16b, #3",
            "mov x0, #4294967296",
            "subs x5, x5, #1",
            "b.ne .Lblock",
            "cbnz x3, .Lrow",
            "scvtf s28, w7",
        };
        for (String line : lines) {
            assertEquals(line, ArmAsmText.print(ArmAsmText.parseInstruction(line)));
        }
    }

    @Test
    void memoryWidthIsTheRegisterListWidth() {
        Instruction in = ArmAsmText.parseInstruction("ld1 {v0.16b, v1.16b}, [x0], #32");
        assertEquals(32, in.memOperand().bytes());
        assertEquals("ld1 v16b, v16b, m256, imm", in.form());
        assertEquals(4, ArmAsmText.parseInstruction("ldr w7, [x6]").memOperand().bytes());
        assertTrue(in.op(3) instanceof Operand.Imm);
    }

    @Test
    void everyArmLoweringRoundTrips() {
        for (GemvLowering l : GemvLowerings.all()) {
            if (!l.isa().startsWith("neon")) {
                continue;
            }
            Program p = l.lower(16, 2560);
            String text = ArmAsmText.print(p);
            Program back = ArmAsmText.parse(text);
            assertEquals(p, back, l.kernel() + "/" + l.isa());
            assertEquals(text, ArmAsmText.print(back));
        }
    }

    @Test
    void badLinesNameTheProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> ArmAsmText.parse("  ld1 {v0.17b}, [x0]\n"));
        assertTrue(e.getMessage().startsWith("line 1: unknown register 'v0.17b'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ArmAsmText.parse("b.ne .Lnowhere\n"));
        assertTrue(e.getMessage().contains("undefined label .Lnowhere"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ArmAsmText.parse("\nadd x0, x0, %1\n"));
        assertTrue(e.getMessage().startsWith("line 2: cannot read operand '%1'"), e.getMessage());
    }
}
