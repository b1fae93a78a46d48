// Exact semantics of the sparse GEMV's compress-stage instructions: vptestmb, vpcompressb/d (zeroing, merging), popcnt.
package org.ternsim.isa.x86;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ternsim.isa.Reg.k;
import static org.ternsim.isa.Reg.r32;
import static org.ternsim.isa.Reg.r64;
import static org.ternsim.isa.Reg.xmm;
import static org.ternsim.isa.Reg.zmm;
import static org.ternsim.isa.x86.X86ExtendedSemanticsTest.intsOf;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.ternsim.isa.AsmText;
import org.ternsim.isa.Machine;
import org.ternsim.isa.Operand;
import org.ternsim.isa.Program;

class X86CompressTest {

    /** The vector mnemonics this class tests (X86VectorSemanticsTest's guard). */
    static final java.util.List<String> TESTED = java.util.List.of("vptestmb", "vpcompressb", "vpcompressd");

    /** Bit i set where byte i (of the xmm width only) has a bit in common with the other source; -128 counts. */
    @Test
    void vptestmbSetsABitPerNonZeroByteOfTheRegisterWidth() {
        Machine m = new Machine();
        byte[] v = new byte[64];
        Arrays.fill(v, (byte) 1); // bytes past the xmm width must not set bits 16-63
        v[0] = 0;
        v[1] = -128;
        v[2] = 0;
        v[15] = 127;
        m.setVec(1, v);
        m.state.mask[1] = -1L;
        m.exec("vptestmb", k(1), xmm(1), xmm(1));
        assertEquals(0xFFFAL, m.state.mask[1]);
        byte[] other = new byte[64];
        other[1] = 0x7F; // 0x80 & 0x7F = 0
        other[15] = 1;
        m.setVec(2, other);
        m.exec("vptestmb", k(2), xmm(1), xmm(2));
        assertEquals(1L << 15, m.state.mask[2]);
    }

    @Test
    void vpcompressbPacksSelectedBytesUpwardAndZeroesOrKeepsTheRest() {
        Machine m = new Machine();
        byte[] src = new byte[16];
        for (int i = 0; i < 16; i++) {
            src[i] = (byte) (10 + i);
        }
        m.setVec(1, src);
        m.state.mask[3] = 0b1000_0000_0010_0101L;
        m.exec("vpcompressb", new Operand.Masked(xmm(2), k(3), true), xmm(1));
        byte[] expect = new byte[64];
        expect[0] = 10;
        expect[1] = 12;
        expect[2] = 15;
        expect[3] = 25;
        assertArrayEquals(expect, m.vec(2));
        // merge masking keeps the destination's bytes above the packed ones (and zeroes above the xmm width, EVEX)
        byte[] old = new byte[64];
        Arrays.fill(old, (byte) 0x55);
        m.setVec(4, old);
        m.exec("vpcompressb", new Operand.Masked(xmm(4), k(3), false), xmm(1));
        assertEquals(25, m.vec(4)[3]);
        assertEquals(0x55, m.vec(4)[4]);
        assertEquals(0x55, m.vec(4)[15]);
        assertEquals(0, m.vec(4)[16]);
    }

    @Test
    void vpcompressdPacksDwordsInAscendingOrder() {
        Machine m = new Machine();
        m.setVec(4, X86ExtendedSemanticsTest.ints(0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100, 1200,
            1300, 1400, 1500));
        m.state.mask[1] = 0b1100_0000_0000_0010L | 0xF_0000L; // bits above the 16 lanes are ignored
        m.exec("vpcompressd", new Operand.Masked(zmm(3), k(1), true), zmm(4));
        assertArrayEquals(new int[] {100, 1400, 1500, 0, 0}, Arrays.copyOf(intsOf(m.vec(3), 16), 5));
        assertThrows(IllegalArgumentException.class,
            () -> m.exec("vpcompressd", Operand.Mem.at(r64(0), 0, 64), zmm(4)));
    }

    @Test
    void popcntCountsTheSourceWidthAndSetsOnlyZf() {
        Machine m = new Machine();
        m.state.gpr[0] = 0xFFFF_FFFF_0000_F00FL;
        m.state.cf = true;
        m.state.sf = true;
        m.exec("popcnt", r32(1), r32(0));
        assertEquals(8, m.state.gpr[1]);
        assertFalse(m.state.zf);
        assertFalse(m.state.cf);
        assertFalse(m.state.sf);
        m.exec("popcnt", r64(2), r64(0));
        assertEquals(40, m.state.gpr[2]);
        m.state.gpr[0] = 0xFFFF_FFFF_0000_0000L;
        m.exec("popcnt", r32(1), r32(0));
        assertEquals(0, m.state.gpr[1]);
        assertTrue(m.state.zf);
    }

    @Test
    void theNewFormsRoundTripThroughTheTextForm() {
        Program p = new Program.Builder("compress", "x86-64")
            .emit("vptestmb", k(1), xmm(1), xmm(1))
            .emit("vpcompressb", new Operand.Masked(xmm(2), k(1), true), xmm(1))
            .emit("vpcompressd", new Operand.Masked(zmm(3), k(1), true), zmm(4))
            .emit("kmovw", r32(0), k(1))
            .emit("popcnt", r32(0), r32(0))
            .build();
        String text = AsmText.print(p);
        assertEquals(p, AsmText.parse(text));
        assertEquals(text, AsmText.print(AsmText.parse(text)));
        assertTrue(text.contains("vpcompressb xmm2{k1}{z}, xmm1"), text);
        assertEquals("vpcompressd zmm{k}{z}, zmm", p.code().get(2).form());
    }
}
