// The assembly text form: print -> parse -> print is the identity, parsing reads every operand kind, errors name the line.
package org.ternsim.isa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ternsim.isa.lower.I2sAvx2Gemv;

class AsmTextTest {

    @Test
    void roundTripOfTheI2sLowering() {
        for (Program p : List.of(I2sAvx2Gemv.lower(3, 384), I2sAvx2Gemv.lower(2, 2560),
                I2sAvx2Gemv.lower(1, 4096, I2sAvx2Gemv.BITNET_GROUP_BLOCKS))) {
            String text = AsmText.print(p);
            Program back = AsmText.parse(text);
            assertEquals(text, AsmText.print(back));
            assertEquals(p, back, "parsed program equals the lowered one");
        }
    }

    static Program everyOperandKind() {
        Reg rsi = Reg.r64(6);
        Reg rax = Reg.r64(0);
        Reg r13 = Reg.r64(13);
        return new Program.Builder("kinds test", "x86-64")
            .region(new Region("in", 0x1_0000_0000L, 4096, Region.Role.INPUT))
            .region(new Region("k", 0xFFFF_0000L, 64, Region.Role.CONSTANT))
            .region(new Region("out", 0x4_0000_0000L, 16, Region.Role.OUTPUT))
            .emit("mov", rsi, new Operand.Imm(0x1_0000_0000L))
            .emit("mov", Reg.r32(9), new Operand.Imm(-1))
            .emit("mov", rax, new Operand.Imm(Long.MAX_VALUE))
            .emit("mov", rax, new Operand.Imm(Long.MIN_VALUE))
            .label("top")
            .label(".Lalso_top")
            .emit("vmovdqu", Reg.ymm(2), new Operand.Mem(rsi, null, 1, -32, 32))
            .emit("vmovdqu", Reg.zmm(31), new Operand.Mem(rsi, rax, 8, 4096, 64))
            .emit("vpaddw", Reg.xmm(15), Reg.xmm(1), new Operand.Mem(null, r13, 4, -8, 16))
            .emit("vpbroadcastb", Reg.ymm(0), new Operand.Mem(null, null, 1, 0x1_0000_0010L, 1))
            .emit("vmovss", new Operand.Mem(rsi, rax, 2, 0, 4), Reg.xmm(3))
            .emit("mov", Reg.r32(10), new Operand.Mem(r13, null, 1, 0, 4))
            .emit("lea", Reg.r64(15), new Operand.Mem(rsi, rax, 1, 0, 8))
            .emit("vpshufd", Reg.xmm(1), Reg.xmm(0), new Operand.Imm(0xB1))
            .emit("vpsrlw", Reg.ymm(3), Reg.ymm(2), new Operand.Imm(6))
            .emit("mov", Reg.r64(9), new Operand.Mem(null, null, 1, 0xFFFF_FFFF_FFFF_FFF0L, 8))
            .emit("dec", Reg.r64(1))
            .emit("jne", new Operand.Label("top"))
            .emit("jmp", new Operand.Label(".Lend"))
            .emit("vzeroupper")
            .label(".Lend")
            .build();
    }

    @Test
    void roundTripOfEveryOperandKind() {
        Program p = everyOperandKind();
        String text = AsmText.print(p);
        assertEquals(text, AsmText.print(AsmText.parse(text)));
        assertEquals(p, AsmText.parse(text));
        assertTrue(text.contains("ymmword ptr [rsi - 32]"), text);
        assertTrue(text.contains("zmmword ptr [rsi + rax*8 + 4096]"), text);
        assertTrue(text.contains("xmmword ptr [r13*4 - 8]"), text);
        assertTrue(text.contains(".Lend:\n"), text);
    }

    @Test
    void parsesHandWrittenTextWithHexCommentsAndSpacing() {
        String text = String.join("\n",
            "; a comment line",
            ".program hand",
            ".isa x86-64",
            ".region buf 0x1000 0x100 input",
            "start:",
            "    MOV rsi, 0x1000          ; hex immediate",
            "    mov rax, -0x10",
            "    vmovdqu ymm1, ymmword ptr [rsi+rax*2+0x40]",
            "    vmovdqu ymm2, YMMWORD PTR [ rsi - 0x20 ]",
            "    vpsrlw\tymm3, ymm2, 0xff",
            "    jmp start",
            "");
        Program p = AsmText.parse(text);
        assertEquals("hand", p.name());
        assertEquals(new Region("buf", 0x1000, 256, Region.Role.INPUT), p.region("buf"));
        assertEquals(Instruction.of("mov", Reg.r64(6), new Operand.Imm(0x1000)), p.code().get(0));
        assertEquals(Instruction.of("mov", Reg.r64(0), new Operand.Imm(-16)), p.code().get(1));
        assertEquals(Instruction.of("vmovdqu", Reg.ymm(1), new Operand.Mem(Reg.r64(6), Reg.r64(0), 2, 0x40, 32)),
            p.code().get(2));
        assertEquals(Instruction.of("vmovdqu", Reg.ymm(2), new Operand.Mem(Reg.r64(6), null, 1, -32, 32)),
            p.code().get(3));
        assertEquals(Instruction.of("vpsrlw", Reg.ymm(3), Reg.ymm(2), new Operand.Imm(255)), p.code().get(4));
        assertEquals(0, p.labels().get("start"));
        assertEquals("vmovdqu ymm, m256", p.code().get(2).form());
    }

    private static void assertErrorOnLine(String text, int line) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AsmText.parse(text));
        assertTrue(e.getMessage().startsWith("line " + line + ":"), "expected line " + line + ": " + e.getMessage());
    }

    @Test
    void parseErrorsNameTheLine() {
        String head = ".program p\n.isa x86-64\n.region buf 0x1000 64 input\n";
        assertErrorOnLine(head + "    vpaddw ymm1, ymm2, %ymm3\n", 4);
        assertErrorOnLine(head + "    nop\n    vmovdqu ymm1, [rsi]\n", 5);
        assertErrorOnLine(head + "    vmovdqu ymm1, ymmword ptr [rsi*3]\n", 4);
        assertErrorOnLine(head + "    vmovdqu ymm1, ymmword ptr [eax]\n", 4);
        assertErrorOnLine(head + "    mov rax, 12z\n", 4);
        assertErrorOnLine(".program p\n.region buf 0x1000 64 scratch\n", 2);
        assertErrorOnLine(".program p\n.region buf 0x1000\n", 2);
        assertErrorOnLine(".program p\n.region buf 0x1000 0 input\n", 2);
        // Errors only detectable once the whole text is read still name the offending line.
        assertErrorOnLine(head + "    nop\n\n    jne .Lnowhere\n", 6);
        assertErrorOnLine(head + "a:\n    nop\na:\n", 6);
    }
}
