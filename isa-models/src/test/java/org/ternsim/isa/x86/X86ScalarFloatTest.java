// vcvtsi2ss and the scalar single-precision arithmetic, bit for bit, including NaN propagation as the SDM defines it.
package org.ternsim.isa.x86;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ternsim.isa.Machine.le;
import static org.ternsim.isa.Machine.zeroExtended;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.ternsim.isa.Machine;
import org.ternsim.isa.Operand;
import org.ternsim.isa.Reg;

class X86ScalarFloatTest {

    static final int QNAN_INDEFINITE = 0xFFC0_0000;

    static final int[] EDGE_FLOATS = {
        0x0000_0000, 0x8000_0000, // +0, -0
        0x3F80_0000, 0xBF80_0000, // 1, -1
        0x4040_0000, 0x3DCC_CCCD, // 3, 0.1
        0x0000_0001, 0x8000_0001, 0x007F_FFFF, 0x0080_0000, // subnormals, MIN_NORMAL
        0x7F7F_FFFF, 0xFF7F_FFFF, // +-MAX
        0x7F80_0000, 0xFF80_0000, // +-inf
        0x7FC0_0000, 0xFFC0_0000, 0x7FC1_2345, 0xFFC0_0001, // quiet NaNs
        0x7F80_0001, 0xFF80_0123, 0x7FBF_FFFF, // signalling NaNs
        0x4B80_0000, 0x3400_0000, // 2^24, 2^-23
    };

    static boolean isNaN(int bits) {
        return (bits & 0x7FFF_FFFF) > 0x7F80_0000;
    }

    /** SDM 4.8.3.5 / table 4-7 (SSE, MXCSR default): a NaN source is returned quieted, the first source winning. */
    static int reference(String op, int ra, int rb) {
        if (isNaN(ra)) {
            return ra | 0x0040_0000;
        }
        if (isNaN(rb)) {
            return rb | 0x0040_0000;
        }
        float a = Float.intBitsToFloat(ra);
        float b = Float.intBitsToFloat(rb);
        // Java float arithmetic is IEEE 754 binary32, round to nearest even, with gradual underflow: as MXCSR default.
        float r = switch (op) {
            case "vaddss" -> a + b;
            case "vsubss" -> a - b;
            case "vmulss" -> a * b;
            default -> a / b;
        };
        return Float.isNaN(r) ? QNAN_INDEFINITE : Float.floatToRawIntBits(r);
    }

    /** Integer to binary32, round to nearest even, without using Java's conversion. */
    static int cvtBits(long v) {
        if (v == 0) {
            return 0;
        }
        int sign = v < 0 ? 1 : 0;
        BigInteger m = BigInteger.valueOf(v).abs();
        int e = m.bitLength() - 1;
        BigInteger mant;
        if (e <= 23) {
            mant = m.shiftLeft(23 - e);
        } else {
            int drop = e - 23;
            mant = m.shiftRight(drop);
            BigInteger rem = m.subtract(mant.shiftLeft(drop));
            int c = rem.compareTo(BigInteger.ONE.shiftLeft(drop - 1));
            if (c > 0 || c == 0 && mant.testBit(0)) {
                mant = mant.add(BigInteger.ONE);
            }
            if (mant.bitLength() > 24) {
                mant = mant.shiftRight(1);
                e++;
            }
        }
        return sign << 31 | (e + 127) << 23 | (mant.intValue() & 0x7F_FFFF);
    }

    @Provide
    Arbitrary<Integer> floatBits() {
        return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(2, Arbitraries.integers()),
            net.jqwik.api.Tuple.of(2, Arbitraries.of(Arrays.stream(EDGE_FLOATS).boxed().toList())),
            net.jqwik.api.Tuple.of(1, Arbitraries.floats().between(-1e6f, 1e6f).map(Float::floatToRawIntBits)));
    }

    @Provide
    Arbitrary<String> floatOp() {
        return Arbitraries.of("vaddss", "vsubss", "vmulss", "vdivss");
    }

    private static void check(String op, int ra, int rb, boolean memSrc, byte[] upper) {
        Machine m = new Machine();
        byte[] a = upper.clone();
        le(a).putInt(0, ra);
        m.setVec(1, a);
        Operand src2;
        if (memSrc) {
            m.poke(Machine.MEM_BYTES - 4, le(new byte[4]).putInt(0, rb).array());
            src2 = m.mem(Machine.MEM_BYTES - 4, 4);
        } else {
            byte[] b = new byte[64];
            Arrays.fill(b, (byte) 0x77);
            le(b).putInt(0, rb);
            m.setVec(2, b);
            src2 = Reg.xmm(2);
        }
        m.exec(op, Reg.xmm(3), Reg.xmm(1), src2);
        byte[] expected = Arrays.copyOf(a, 16);
        le(expected).putInt(0, reference(op, ra, rb));
        assertArrayEquals(zeroExtended(expected), m.vec(3),
            op + " " + Integer.toHexString(ra) + ", " + Integer.toHexString(rb));
    }

    @Property(tries = 2000)
    void scalarArithmeticIsBitExact(@ForAll("floatOp") String op, @ForAll("floatBits") int ra,
                                    @ForAll("floatBits") int rb, @ForAll boolean memSrc) {
        byte[] upper = new byte[64];
        Arrays.fill(upper, (byte) 0x3C);
        check(op, ra, rb, memSrc, upper);
    }

    @Example
    void scalarArithmeticOnAllEdgePairs() {
        byte[] upper = new byte[64];
        for (int i = 0; i < 64; i++) {
            upper[i] = (byte) (i * 37 + 1);
        }
        for (String op : new String[] {"vaddss", "vsubss", "vmulss", "vdivss"}) {
            for (int ra : EDGE_FLOATS) {
                for (int rb : EDGE_FLOATS) {
                    check(op, ra, rb, false, upper);
                    check(op, ra, rb, true, upper);
                }
            }
        }
    }

    @Example
    void namedSpecialCases() {
        assertEquals(0x0000_0000, run("vaddss", 0x0000_0000, 0x8000_0000));   // 0 + -0 = +0
        assertEquals(0x8000_0000, run("vaddss", 0x8000_0000, 0x8000_0000));   // -0 + -0 = -0
        assertEquals(0x8000_0000, run("vsubss", 0x8000_0000, 0x0000_0000));   // -0 - 0 = -0
        assertEquals(0x8000_0000, run("vmulss", 0x0000_0000, 0xBF80_0000));   // 0 * -1 = -0
        assertEquals(0x8000_0000, run("vdivss", 0x3F80_0000, 0xFF80_0000));   // 1 / -inf = -0
        assertEquals(0x7F80_0000, run("vdivss", 0x3F80_0000, 0x0000_0000));   // 1 / 0 = inf
        assertEquals(0xFF80_0000, run("vdivss", 0x3F80_0000, 0x8000_0000));   // 1 / -0 = -inf
        assertEquals(QNAN_INDEFINITE, run("vsubss", 0x7F80_0000, 0x7F80_0000)); // inf - inf
        assertEquals(QNAN_INDEFINITE, run("vdivss", 0x0000_0000, 0x0000_0000)); // 0 / 0
        assertEquals(QNAN_INDEFINITE, run("vmulss", 0x7F80_0000, 0x0000_0000)); // inf * 0
        assertEquals(0x7FC0_0001, run("vaddss", 0x7F80_0001, 0x3F80_0000));   // SNaN quieted
        assertEquals(0xFFC1_2345, run("vaddss", 0x3F80_0000, 0xFF81_2345));   // second-source NaN returned quieted
        assertEquals(0x7FC0_0002, run("vmulss", 0x7FC0_0002, 0xFFC0_0003));   // first of two NaNs
        assertEquals(0x7FC0_0003, run("vmulss", 0x7F80_0003, 0xFFC0_0004));   // first (SNaN) beats a QNaN
        assertEquals(0x0000_0001, run("vmulss", 0x0000_0001, 0x3F80_0000));   // subnormals kept (no FTZ/DAZ)
    }

    private static int run(String op, int ra, int rb) {
        Machine m = new Machine();
        le(m.state.vec[1]).putInt(0, ra);
        le(m.state.vec[2]).putInt(0, rb);
        m.exec(op, Reg.xmm(0), Reg.xmm(1), Reg.xmm(2));
        return le(m.vec(0)).getInt(0);
    }

    // ---------------------------------------------------------------- vcvtsi2ss

    @Provide
    Arbitrary<Integer> ints() {
        return Arbitraries.oneOf(Arbitraries.integers(),
            Arbitraries.of(0, 1, -1, 16_777_216, 16_777_217, 16_777_219, -16_777_217, 33_554_435, Integer.MAX_VALUE,
                Integer.MIN_VALUE, Integer.MIN_VALUE + 1, 2_147_483_584, 2_147_483_583, -2_147_483_583, 0x7FFF, -32768));
    }

    @Property(tries = 1000)
    void vcvtsi2ssFromR32AndM32(@ForAll("ints") int v) {
        Machine m = new Machine();
        byte[] upper = new byte[64];
        Arrays.fill(upper, (byte) 0x99);
        m.setVec(1, upper);
        m.state.gpr[11] = 0x1234_5678_0000_0000L | Integer.toUnsignedLong(v);
        m.exec("vcvtsi2ss", Reg.xmm(2), Reg.xmm(1), Reg.r32(11));
        byte[] expected = Arrays.copyOf(upper, 16);
        le(expected).putInt(0, cvtBits(v));
        assertArrayEquals(zeroExtended(expected), m.vec(2), "cvt " + v);

        m.poke(Machine.MEM_BYTES - 4, le(new byte[4]).putInt(0, v).array());
        m.exec("vcvtsi2ss", Reg.xmm(3), Reg.xmm(1), m.mem(Machine.MEM_BYTES - 4, 4));
        assertArrayEquals(zeroExtended(expected), m.vec(3), "cvt m32 " + v);
    }

    @Property(tries = 500)
    void vcvtsi2ssFromR64(@ForAll long v) {
        Machine m = new Machine();
        m.state.gpr[11] = v;
        m.exec("vcvtsi2ss", Reg.xmm(2), Reg.xmm(2), Reg.r64(11));
        assertEquals(cvtBits(v), le(m.vec(2)).getInt(0), "cvt64 " + v);
    }

    @Example
    void vcvtsi2ssRoundsToNearestEven() {
        assertEquals(Float.floatToRawIntBits(16_777_216f), cvtBits(16_777_217));
        assertEquals(Float.floatToRawIntBits(16_777_220f), cvtBits(16_777_219));
        assertEquals(Float.floatToRawIntBits(2_147_483_648f), cvtBits(Integer.MAX_VALUE));
        assertEquals(0xCF00_0000, cvtBits(Integer.MIN_VALUE));
        for (int v : new int[] {16_777_217, 16_777_219, -16_777_217, Integer.MAX_VALUE, Integer.MIN_VALUE, -5, 0}) {
            Machine m = new Machine();
            m.state.gpr[0] = Integer.toUnsignedLong(v);
            m.exec("vcvtsi2ss", Reg.xmm(0), Reg.xmm(0), Reg.r32(0));
            assertEquals(cvtBits(v), le(m.vec(0)).getInt(0), "cvt " + v);
        }
    }
}
