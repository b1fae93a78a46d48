// Exact lane behaviour of the NEON instructions: wrap-around, widening halves, out-of-range table indices, flags.
package org.ternsim.isa.arm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ArmSemanticsTest {

    final ArmMachine m = new ArmMachine();

    @Test
    void ushrAndMaskExtractTwoBitPlanes() {
        m.setBytes(1, 0b11_10_01_00, 0xFF, 0x80);
        m.exec("ushr v2.16b, v1.16b, #6");
        assertEquals(3, m.lane(2, 0, 1));
        assertEquals(3, m.lane(2, 1, 1));
        assertEquals(2, m.lane(2, 2, 1));
        m.exec("movi v3.16b, #3");
        m.exec("ushr v4.16b, v1.16b, #4");
        m.exec("and v4.16b, v4.16b, v3.16b");
        assertEquals(2, m.lane(4, 0, 1));
        assertTrue(m.zeroAbove(4, 16));
        m.exec("sshr v5.8h, v1.8h, #15");
        assertEquals(-1, m.lane(5, 0, 2), "0xFFE4 is negative: arithmetic shift fills with the sign");
        assertThrows(IllegalArgumentException.class, () -> m.exec("shl v5.16b, v1.16b, #8"));
    }

    @Test
    void sdotAccumulatesFourSignedProductsPerLane() {
        byte[] a = new byte[16];
        byte[] b = new byte[16];
        Arrays.fill(a, (byte) -128);
        Arrays.fill(b, (byte) -128);
        System.arraycopy(a, 0, m.state.vec[1], 0, 16);
        System.arraycopy(b, 0, m.state.vec[2], 0, 16);
        m.setLanes(0, 4, 5, Integer.MAX_VALUE, -7, 0);
        m.exec("sdot v0.4s, v1.16b, v2.16b");
        assertEquals(5 + 4 * 16384, m.lane(0, 0, 4));
        assertEquals((int) (Integer.MAX_VALUE + 65536L), m.lane(0, 1, 4), "int32 accumulation wraps");
        m.setLanes(3, 1, 255, 255, 255, 255);
        m.setLanes(0, 4, 0, 0, 0, 0);
        System.arraycopy(m.state.vec[3], 0, m.state.vec[4], 0, 16);
        m.exec("udot v0.4s, v3.16b, v4.16b");
        assertEquals(4 * 255 * 255, m.lane(0, 0, 4));
    }

    @Test
    void dotprodIsAFeatureFlag() {
        m.table = ArmSemantics.neon();
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
            () -> m.exec("sdot v0.4s, v1.16b, v2.16b"));
        assertTrue(e.getMessage().contains("dotprod"), e.getMessage());
        assertTrue(ArmSemantics.needsDotprod("udot"));
        assertFalse(ArmSemantics.needsDotprod("smlal"));
    }

    @Test
    void smlalUsesLowHalfAndSmlal2TheHighHalfWrappingInInt16() {
        for (int i = 0; i < 16; i++) {
            m.state.vec[1][i] = (byte) (i < 8 ? 2 : -128);
            m.state.vec[2][i] = (byte) (i < 8 ? 100 : -128);
        }
        m.setLanes(0, 2, 32700, 0, 0, 0, 0, 0, 0, 0);
        m.exec("smlal v0.8h, v1.8b, v2.8b");
        assertEquals((short) (32700 + 200), m.lane(0, 0, 2), "int16 lanes wrap");
        assertEquals(200, m.lane(0, 1, 2));
        m.setLanes(5, 2, 0, 0, 0, 0, 0, 0, 0, 0);
        m.exec("smlal2 v5.8h, v1.16b, v2.16b");
        assertEquals(16384, m.lane(5, 7, 2));
        m.exec("smull v6.8h, v1.8b, v2.8b");
        assertEquals(200, m.lane(6, 3, 2));
        m.exec("smull2 v6.8h, v1.16b, v2.16b");
        assertEquals(16384, m.lane(6, 3, 2));
    }

    @Test
    void saddwAndSaddlWiden() {
        m.setLanes(1, 2, -1, -32768, 3, 4, 5, 6, 7, -8);
        m.setLanes(0, 4, 10, 20, 30, 40);
        m.exec("saddw v0.4s, v0.4s, v1.4h");
        assertEquals(9, m.lane(0, 0, 4));
        assertEquals(20 - 32768, m.lane(0, 1, 4));
        m.exec("saddw2 v0.4s, v0.4s, v1.8h");
        assertEquals(14, m.lane(0, 0, 4));
        assertEquals(36, m.lane(0, 3, 4));
        m.exec("saddl v2.4s, v1.4h, v1.4h");
        assertEquals(-65536, m.lane(2, 1, 4));
        m.exec("saddl2 v2.4s, v1.8h, v1.8h");
        assertEquals(-16, m.lane(2, 3, 4));
        m.exec("sxtl2 v3.4s, v1.8h");
        assertEquals(-8, m.lane(3, 3, 4));
    }

    @Test
    void tblGivesZeroAndTbxKeepsTheByteForOutOfRangeIndices() {
        for (int i = 0; i < 16; i++) {
            m.state.vec[1][i] = (byte) (100 + i);
            m.state.vec[2][i] = (byte) (-100 - i);
        }
        m.setBytes(3, 0, 15, 16, 31, 32, 255);
        m.setBytes(0, 9, 9, 9, 9, 9, 9);
        m.exec("tbl v4.16b, {v1.16b}, v3.16b");
        assertArrayEquals(new byte[] {100, 115, 0, 0, 0, 0}, Arrays.copyOf(m.state.vec[4], 6));
        m.exec("tbl v4.16b, {v1.16b, v2.16b}, v3.16b");
        assertArrayEquals(new byte[] {100, 115, -100, -115, 0, 0}, Arrays.copyOf(m.state.vec[4], 6));
        m.exec("tbx v0.16b, {v1.16b, v2.16b}, v3.16b");
        assertArrayEquals(new byte[] {100, 115, -100, -115, 9, 9}, Arrays.copyOf(m.state.vec[0], 6));
        m.exec("tbl v5.8b, {v1.16b}, v3.8b");
        assertTrue(m.zeroAbove(5, 8), "a 64-bit result zeroes the upper half");
    }

    @Test
    void zipAndUzpInterleaveAndDeinterleave() {
        m.setLanes(1, 2, 0, 1, 2, 3, 4, 5, 6, 7);
        m.setLanes(2, 2, 10, 11, 12, 13, 14, 15, 16, 17);
        m.exec("zip1 v3.8h, v1.8h, v2.8h");
        m.exec("zip2 v4.8h, v1.8h, v2.8h");
        long[] z1 = new long[8];
        long[] z2 = new long[8];
        for (int i = 0; i < 8; i++) {
            z1[i] = m.lane(3, i, 2);
            z2[i] = m.lane(4, i, 2);
        }
        assertArrayEquals(new long[] {0, 10, 1, 11, 2, 12, 3, 13}, z1);
        assertArrayEquals(new long[] {4, 14, 5, 15, 6, 16, 7, 17}, z2);
        m.exec("uzp1 v5.8h, v3.8h, v4.8h");
        m.exec("uzp2 v6.8h, v3.8h, v4.8h");
        for (int i = 0; i < 8; i++) {
            assertEquals(i, m.lane(5, i, 2));
            assertEquals(10 + i, m.lane(6, i, 2));
        }
    }

    @Test
    void reductionsBroadcastsAndLaneArithmetic() {
        m.setLanes(1, 4, Integer.MAX_VALUE, 1, -5, 7);
        m.exec("addv s0, v1.4s");
        assertEquals(Integer.MIN_VALUE + 2, m.lane(0, 0, 4), "addv wraps at the element size");
        assertTrue(m.zeroAbove(0, 4));
        m.exec("saddlv d2, v1.4s");
        assertEquals(Integer.MAX_VALUE + 3L, m.lane(2, 0, 8), "saddlv widens");
        m.state.gpr[3] = 0x1234_5678_9ABCL;
        m.exec("dup v4.8h, w3");
        assertEquals((short) 0x9ABC, m.lane(4, 7, 2));
        m.setLanes(5, 1, 200, 100);
        m.setLanes(6, 1, 100, -100);
        m.exec("add v7.16b, v5.16b, v6.16b");
        assertEquals(44, m.lane(7, 0, 1));
        m.exec("sub v7.16b, v5.16b, v6.16b");
        assertEquals(100, m.lane(7, 0, 1));
        assertEquals(-56, m.lane(7, 1, 1));
        m.exec("mul v7.8h, v5.8h, v5.8h");
        assertEquals((short) (0x64C8 * 0x64C8), m.lane(7, 0, 2));
    }

    @Test
    void floatOpsRoundToNearestEvenAndConvert() {
        m.setLanes(1, 4, Float.floatToRawIntBits(1.5f), Float.floatToRawIntBits(-2.5f), Float.floatToRawIntBits(1e30f),
            Float.floatToRawIntBits(Float.NaN));
        m.exec("fcvtns v2.4s, v1.4s");
        m.exec("fcvtzs v3.4s, v1.4s");
        assertEquals(2, m.lane(2, 0, 4));
        assertEquals(-2, m.lane(2, 1, 4), "ties to even");
        assertEquals(Integer.MAX_VALUE, m.lane(2, 2, 4), "saturates");
        assertEquals(0, m.lane(2, 3, 4), "NaN gives 0");
        assertEquals(1, m.lane(3, 0, 4));
        m.setLanes(4, 4, 16_777_217, -3, 0, 0);
        m.exec("scvtf v5.4s, v4.4s");
        assertEquals(16_777_216f, Float.intBitsToFloat((int) m.lane(5, 0, 4)), "round to nearest even");
        m.state.gpr[9] = -7;
        m.exec("scvtf s6, w9");
        assertEquals(-7f, Float.intBitsToFloat((int) m.lane(6, 0, 4)));
        float a = 1.1f;
        float b = 3.3f;
        float c = 0.7f;
        m.setLanes(7, 4, Float.floatToRawIntBits(a));
        m.setLanes(8, 4, Float.floatToRawIntBits(b));
        m.setLanes(9, 4, Float.floatToRawIntBits(c));
        m.exec("fmla v9.4s, v7.4s, v8.4s");
        assertEquals(Math.fma(a, b, c), Float.intBitsToFloat((int) m.lane(9, 0, 4)), "fused: one rounding");
        m.exec("fdiv s10, s7, s8");
        assertEquals(a / b, Float.intBitsToFloat((int) m.lane(10, 0, 4)));
    }

    @Test
    void loadsAndStoresWithPostIndex() {
        byte[] mem = m.memory.bytes("mem");
        for (int i = 0; i < 64; i++) {
            mem[i] = (byte) i;
        }
        m.state.gpr[0] = ArmMachine.MEM_BASE;
        m.exec("ld1 {v0.16b, v1.16b}, [x0], #32");
        assertEquals(ArmMachine.MEM_BASE + 32, m.state.gpr[0]);
        assertEquals(16, m.lane(1, 0, 1));
        m.exec("ld1 {v2.16b}, [x0]");
        assertEquals(32, m.lane(2, 0, 1));
        m.exec("ldr s3, [x0, #4]");
        assertEquals(0x27262524, m.lane(3, 0, 4));
        assertTrue(m.zeroAbove(3, 4));
        m.exec("ldr w4, [x0]");
        assertEquals(0x23222120L, m.state.gpr[4], "a w load zero-extends");
        m.state.gpr[5] = ArmMachine.MEM_BASE + 1000;
        m.exec("str s3, [x5], #4");
        assertEquals(0x24, mem[1000]);
        assertEquals(ArmMachine.MEM_BASE + 1004, m.state.gpr[5]);
        m.exec("st1 {v0.16b}, [x5]");
        assertEquals(15, mem[1019]);
    }

    @Test
    void scalarArithmeticFlagsAndBranches() {
        m.state.gpr[1] = 1;
        m.state.nextPc = 5;
        m.state.branchTarget = 2;
        m.exec("subs x1, x1, #1");
        assertTrue(m.state.zf);
        assertTrue(m.state.cf, "no borrow: C set");
        m.exec("b.ne .L");
        assertEquals(5, m.state.nextPc, "not taken when zero");
        m.exec("subs x1, x1, #1");
        assertFalse(m.state.cf, "borrow: C clear");
        assertTrue(m.state.sf);
        m.exec("b.ne .L");
        assertEquals(2, m.state.nextPc);
        m.state.nextPc = 5;
        m.exec("b.lo .L");
        assertEquals(2, m.state.nextPc);
        m.state.gpr[2] = 0xFFFF_FFFFL;
        m.exec("add w3, w2, #2");
        assertEquals(1, m.state.gpr[3], "w arithmetic wraps at 32 bits and zero-extends");
        m.state.gpr[4] = 3;
        m.exec("madd x5, x4, x4, x3");
        assertEquals(10, m.state.gpr[5]);
        m.state.nextPc = 5;
        m.exec("cbnz x5, .L");
        assertEquals(2, m.state.nextPc);
        m.state.gpr[6] = 0x8000_0000L;
        m.exec("cmp w6, #1");
        assertTrue(m.state.of, "INT_MIN - 1 overflows in 32 bits");
    }

    @Test
    void halfConversionsAreExactAndQuietenSignallingNans() {
        // halves: 1.0, smallest subnormal, -0, signalling NaN with payload 1, then 65504, -inf, quiet NaN, 2^-14
        m.setLanes(1, 2, 0x3C00, 0x0001, 0x8000, 0x7C01, 0x7BFF, 0xFC00, 0x7E00, 0x0400);
        m.exec("fcvtl v2.4s, v1.4h");
        assertEquals(Float.floatToRawIntBits(1f), (int) m.lane(2, 0, 4));
        assertEquals(Float.floatToRawIntBits(0x1p-24f), (int) m.lane(2, 1, 4), "subnormal half, exact");
        assertEquals(0x8000_0000, (int) m.lane(2, 2, 4));
        assertEquals(0x7FC0_2000, (int) m.lane(2, 3, 4), "payload kept, quiet bit set (FPCR.DN = 0)");
        m.exec("fcvtl2 v3.4s, v1.8h");
        assertEquals(Float.floatToRawIntBits(65504f), (int) m.lane(3, 0, 4));
        assertEquals(Float.floatToRawIntBits(Float.NEGATIVE_INFINITY), (int) m.lane(3, 1, 4));
        assertEquals(0x7FC0_0000, (int) m.lane(3, 2, 4));
        assertEquals(Float.floatToRawIntBits(0x1p-14f), (int) m.lane(3, 3, 4));
        m.exec("fcvt s4, h1");
        assertEquals(Float.floatToRawIntBits(1f), (int) m.lane(4, 0, 4));
        assertTrue(m.zeroAbove(4, 4));
        m.exec("shll v5.4s, v1.4h, #16");
        assertEquals(0x3C00_0000, (int) m.lane(5, 0, 4), "bfloat16 to float: the bits move up 16");
        m.exec("shll2 v5.4s, v1.8h, #16");
        assertEquals(0x7BFF_0000, (int) m.lane(5, 0, 4));
        assertThrows(IllegalArgumentException.class, () -> m.exec("shll v5.4s, v1.4h, #8"));
    }

    /** FPProcessNaNs / FPProcessNaNs3 and FPDefaultNaN of the Arm ARM, FPCR.DN = 0; lanes as raw float bits. */
    @Test
    void floatNansFollowTheArmRules() {
        int qnanA = 0x7FC0_0011;
        int qnanB = 0xFFC0_0022;
        int snanB = 0x7F80_0033;
        int inf = 0x7F80_0000;
        int one = Float.floatToRawIntBits(1f);
        m.setLanes(1, 4, qnanA, inf, 0, qnanA);
        m.setLanes(2, 4, snanB, 0xFF80_0000, inf, qnanB);
        m.exec("fmul v3.4s, v1.4s, v2.4s");
        assertEquals(snanB | 0x0040_0000, (int) m.lane(3, 0, 4), "a signalling NaN wins over an earlier quiet one");
        assertEquals(0x7FC0_0000, (int) m.lane(3, 2, 4), "0 x inf: the default NaN, positive");
        assertEquals(qnanA, (int) m.lane(3, 3, 4), "two quiet NaNs: the first operand's");
        m.exec("fmul v3.4s, v2.4s, v1.4s");
        assertEquals(qnanB, (int) m.lane(3, 3, 4), "the order is the operands', not commutative");
        m.exec("fadd v3.4s, v1.4s, v2.4s");
        assertEquals(0x7FC0_0000, (int) m.lane(3, 1, 4), "inf + -inf");
        // fmla: the addend is the first operand of FPProcessNaNs3
        m.setLanes(4, 4, qnanB, qnanB, one, snanB);
        m.setLanes(5, 4, qnanA, inf, one, qnanA);
        m.setLanes(6, 4, one, 0, one, one);
        m.exec("fmla v4.4s, v5.4s, v6.4s");
        assertEquals(qnanB, (int) m.lane(4, 0, 4), "a quiet addend NaN before a quiet product NaN");
        assertEquals(0x7FC0_0000, (int) m.lane(4, 1, 4), "a quiet addend NaN with a 0 x inf product: default NaN");
        assertEquals(Float.floatToRawIntBits(2f), (int) m.lane(4, 2, 4));
        assertEquals(snanB | 0x0040_0000, (int) m.lane(4, 3, 4), "a signalling addend first");
    }

    @Test
    void pairwiseLongAddExtractAndSelect() {
        m.setLanes(1, 2, -32768, -32768, 32767, 1, -1, 0, 5, -6);
        m.exec("saddlp v2.4s, v1.8h");
        assertEquals(-65536, m.lane(2, 0, 4), "signed and widened: no int16 wrap");
        assertEquals(32768, m.lane(2, 1, 4));
        assertEquals(-1, m.lane(2, 3, 4));
        m.setBytes(3, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        m.setBytes(4, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31);
        m.exec("ext v5.16b, v3.16b, v4.16b, #3");
        assertEquals(3, m.lane(5, 0, 1));
        assertEquals(18, m.lane(5, 15, 1), "bytes past vn come from vm");
        m.exec("ext v6.8b, v3.8b, v4.8b, #4");
        assertEquals(4, m.lane(6, 0, 1));
        assertEquals(16, m.lane(6, 4, 1), "the 8b form concatenates the low halves");
        assertTrue(m.zeroAbove(6, 8));
        m.setLanes(7, 4, Float.floatToRawIntBits(Float.NaN), Float.floatToRawIntBits(0f), Float.floatToRawIntBits(-0f), 1);
        m.setLanes(8, 4, Float.floatToRawIntBits(Float.NaN), Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(0f), 2);
        m.exec("fcmeq v9.4s, v7.4s, v8.4s");
        assertEquals(0, m.lane(9, 0, 4), "NaN is unequal to itself");
        assertEquals(-1, m.lane(9, 1, 4), "+0 == -0");
        assertEquals(-1, m.lane(9, 2, 4));
        assertEquals(0, m.lane(9, 3, 4));
        m.setLanes(10, 4, 0x0F0F_0000, 0, -1, 0);
        m.setLanes(11, 4, 0x1234_5678, 0x1111_1111, 0x2222_2222, 0x3333_3333);
        m.setLanes(12, 4, 0x7654_3210, 0x4444_4444, 0x5555_5555, 0x6666_6666);
        m.exec("bsl v10.16b, v11.16b, v12.16b");
        assertEquals(0x0204_3210 | 0x7050_0000, (int) m.lane(10, 0, 4), "vn's bits where the selector is 1, vm's elsewhere");
        assertEquals(0x4444_4444, (int) m.lane(10, 1, 4));
        assertEquals(0x2222_2222, (int) m.lane(10, 2, 4));
    }

    /** TL2's sign step: cmtst tests common bits lane by lane, bit inserts vn's bits where vm is set. */
    @Test
    void bitTestAndInsert() {
        ArmMachine m = new ArmMachine();
        m.setBytes(1, 0x00, 0x01, 0x80, 0xFF, 0x06, 0x10);
        m.setBytes(2, 0x01, 0x01, 0x80, 0x00, 0x01, 0x30);
        m.exec("cmtst v3.16b, v1.16b, v2.16b");
        assertEquals(0, m.lane(3, 0, 1));
        assertEquals(-1, m.lane(3, 1, 1));
        assertEquals(-1, m.lane(3, 2, 1), "the sign bit is a bit like any other");
        assertEquals(0, m.lane(3, 3, 1), "no common bit");
        assertEquals(0, m.lane(3, 4, 1));
        assertEquals(-1, m.lane(3, 5, 1), "any common bit sets the lane");
        m.setLanes(4, 2, 0x0100, 0x0001);
        m.setLanes(5, 2, 0x0101, 0x0100);
        m.exec("cmtst v6.8h, v4.8h, v5.8h");
        assertEquals(-1, m.lane(6, 0, 2), "the test spans the whole 16-bit lane");
        assertEquals(0, m.lane(6, 1, 2));
        m.setBytes(7, 0x0D, 0x0D, 0x03, 0xF0);
        m.setBytes(8, 0xFF, 0x00, 0xFF, 0x0F);
        m.setBytes(9, 0x10, 0x10, 0x10, 0xFF);
        m.exec("bit v7.16b, v8.16b, v9.16b");
        assertEquals(0x1D, m.lane(7, 0, 1), "bit 4 from vn, the rest kept");
        assertEquals(0x0D, m.lane(7, 1, 1));
        assertEquals(0x13, m.lane(7, 2, 1));
        assertEquals(0x0F, m.lane(7, 3, 1), "all bits from vn where vm is all ones");
        assertEquals(0x10, m.lane(9, 0, 1), "the mask is not written");
    }
}
