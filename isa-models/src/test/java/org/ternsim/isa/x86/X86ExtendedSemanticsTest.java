// The AVX2 / AVX-512 instructions added for the TL2, TQ2_0, F16 and VNNI lowerings, against hand-computed lane values.
package org.ternsim.isa.x86;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ternsim.isa.Reg.k;
import static org.ternsim.isa.Reg.r32;
import static org.ternsim.isa.Reg.xmm;
import static org.ternsim.isa.Reg.ymm;
import static org.ternsim.isa.Reg.zmm;

import java.nio.ByteBuffer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.ternsim.isa.AsmText;
import org.ternsim.isa.Machine;
import org.ternsim.isa.MachineState;
import org.ternsim.isa.Operand;
import org.ternsim.isa.Operand.Imm;
import org.ternsim.isa.Program;

class X86ExtendedSemanticsTest {

    /** The mnemonics this class tests; X86VectorSemanticsTest's guard accepts them. */
    static final java.util.List<String> TESTED = java.util.List.of("vpshufb", "vpermb", "vpermd", "vpermq",
        "vpunpcklbw", "vpunpckhbw", "vpunpcklwd", "vpunpckhwd", "vpunpckldq", "vpunpckhdq", "vpacksswb", "vpackuswb",
        "vpackssdw", "vpackusdw", "vpmovsxbw", "vpmovsxbd", "vpmovsxwd", "vpmovzxbw", "vpmovzxbd", "vpmovzxwd",
        "vinserti64x4", "vextracti64x4", "vbroadcasti128", "vbroadcasti64x4", "vbroadcasti32x4", "vpbroadcastq", "vpaddsw", "vpsubsw",
        "vpmullw", "vpsignb", "vpabsb", "vpslld", "vpsrld", "vpsrad", "vpsrlvw", "vpsllvw", "vpsravw", "vpsrlvd",
        "vpsllvd", "vpsravd", "vpdpbusds", "vpdpwssd", "vpdpwssds", "vaddps", "vsubps", "vmulps", "vdivps",
        "vfmadd231ps", "vfmadd231ss", "vmovups", "vmovaps", "vbroadcastss", "vextractf128", "vmovshdup", "vcvtdq2ps",
        "vcvtps2dq", "vcvttps2dq", "vcvtph2ps", "vpandd", "vpandq", "vpord", "vporq", "vpxord", "vpxorq",
        "vmovdqu16", "vmovdqu32");

    static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    static byte[] shorts(int... v) {
        ByteBuffer b = Machine.le(new byte[2 * v.length]);
        for (int x : v) {
            b.putShort((short) x);
        }
        return b.array();
    }

    static byte[] ints(int... v) {
        ByteBuffer b = Machine.le(new byte[4 * v.length]);
        for (int x : v) {
            b.putInt(x);
        }
        return b.array();
    }

    static byte[] floats(float... v) {
        ByteBuffer b = Machine.le(new byte[4 * v.length]);
        for (float x : v) {
            b.putFloat(x);
        }
        return b.array();
    }

    static int[] intsOf(byte[] b, int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = MachineState.getInt(b, i);
        }
        return r;
    }

    static short[] shortsOf(byte[] b, int n) {
        short[] r = new short[n];
        for (int i = 0; i < n; i++) {
            r[i] = MachineState.getShort(b, i);
        }
        return r;
    }

    static float[] floatsOf(byte[] b, int n) {
        float[] r = new float[n];
        for (int i = 0; i < n; i++) {
            r[i] = Float.intBitsToFloat(MachineState.getInt(b, i));
        }
        return r;
    }

    @Test
    void vpshufbLooksUpWithinEach128BitLaneAndZeroesOnBit7() {
        Machine m = new Machine();
        byte[] table = new byte[32];
        for (int i = 0; i < 32; i++) {
            table[i] = (byte) (100 + i);
        }
        byte[] index = new byte[32];
        index[0] = 15;
        index[1] = (byte) 0x80;
        index[2] = 0x13; // bits 0-3 = 3
        index[16] = 0;
        index[17] = 15;
        m.setVec(1, table);
        m.setVec(2, index);
        m.exec("vpshufb", ymm(0), ymm(1), ymm(2));
        byte[] r = m.vec(0);
        assertEquals(115, r[0]);
        assertEquals(0, r[1]);
        assertEquals(103, r[2]);
        assertEquals(100, r[3]); // index 0 in the low lane
        assertEquals(116, r[16]); // lane 1: table[16 + 0]
        assertEquals((byte) 131, r[17]);
        assertEquals(0, r[32], "upper bytes zeroed");
    }

    @Test
    void unpackInterleavesPerLane() {
        Machine m = new Machine();
        byte[] a = new byte[32];
        byte[] b = new byte[32];
        for (int i = 0; i < 32; i++) {
            a[i] = (byte) i;
            b[i] = (byte) (64 + i);
        }
        m.setVec(1, a);
        m.setVec(2, b);
        m.exec("vpunpcklbw", ymm(0), ymm(1), ymm(2));
        byte[] lo = m.vec(0);
        assertArrayEquals(bytes(0, 64, 1, 65, 2, 66), java.util.Arrays.copyOf(lo, 6));
        assertArrayEquals(bytes(16, 80, 17, 81), java.util.Arrays.copyOfRange(lo, 16, 20));
        m.exec("vpunpckhbw", ymm(0), ymm(1), ymm(2));
        byte[] hi = m.vec(0);
        assertArrayEquals(bytes(8, 72, 9, 73), java.util.Arrays.copyOf(hi, 4));
        assertArrayEquals(bytes(24, 88, 31, 95), new byte[] {hi[16], hi[17], hi[30], hi[31]});
        m.setVec(1, shorts(1, 2, 3, 4, 5, 6, 7, 8));
        m.setVec(2, shorts(11, 12, 13, 14, 15, 16, 17, 18));
        m.exec("vpunpcklwd", xmm(0), xmm(1), xmm(2));
        assertArrayEquals(new short[] {1, 11, 2, 12, 3, 13, 4, 14}, shortsOf(m.vec(0), 8));
        m.exec("vpunpckhdq", xmm(0), xmm(1), xmm(2));
        assertArrayEquals(new short[] {5, 6, 15, 16, 7, 8, 17, 18}, shortsOf(m.vec(0), 8));
    }

    @Test
    void packsSaturatePerLane() {
        Machine m = new Machine();
        m.setVec(1, shorts(300, -300, 127, -128, 0, 1, -1, 32767));
        m.setVec(2, shorts(-32768, 5, 6, 7, 8, 9, 10, 11));
        m.exec("vpacksswb", xmm(0), xmm(1), xmm(2));
        assertArrayEquals(bytes(127, -128, 127, -128, 0, 1, -1, 127, -128, 5, 6, 7, 8, 9, 10, 11),
            java.util.Arrays.copyOf(m.vec(0), 16));
        m.exec("vpackuswb", xmm(0), xmm(1), xmm(2));
        assertArrayEquals(bytes(255, 0, 127, 0, 0, 1, 0, 255), java.util.Arrays.copyOf(m.vec(0), 8));
        m.setVec(1, ints(70000, -70000, 5, -5));
        m.setVec(2, ints(32767, 32768, -32769, 0));
        m.exec("vpackssdw", xmm(0), xmm(1), xmm(2));
        assertArrayEquals(new short[] {32767, -32768, 5, -5, 32767, 32767, -32768, 0}, shortsOf(m.vec(0), 8));
    }

    @Test
    void extensionsFromRegisterAndMemory() {
        Machine m = new Machine();
        m.setVec(1, shorts(-1, 2, -32768, 32767, 0, -2, 3, -4));
        m.exec("vpmovsxwd", ymm(0), xmm(1));
        assertArrayEquals(new int[] {-1, 2, -32768, 32767, 0, -2, 3, -4}, intsOf(m.vec(0), 8));
        m.exec("vpmovzxwd", ymm(0), xmm(1));
        assertArrayEquals(new int[] {65535, 2, 32768, 32767, 0, 65534, 3, 65532}, intsOf(m.vec(0), 8));
        m.poke(0, bytes(-1, 127, -128, 5));
        m.exec("vpmovsxbw", xmm(0), m.mem(0, 8));
        assertArrayEquals(new short[] {-1, 127, -128, 5}, java.util.Arrays.copyOf(shortsOf(m.vec(0), 8), 4));
        m.exec("vpmovzxbd", xmm(0), m.mem(0, 4));
        assertArrayEquals(new int[] {255, 127, 128, 5}, intsOf(m.vec(0), 4));
    }

    @Test
    void permutes() {
        Machine m = new Machine();
        m.setVec(1, ints(0, 1, 2, 3, 4, 5, 6, 7));
        m.exec("vpermq", ymm(0), ymm(1), new Imm(0b00_01_10_11)); // quadwords reversed
        assertArrayEquals(new int[] {6, 7, 4, 5, 2, 3, 0, 1}, intsOf(m.vec(0), 8));
        m.setVec(2, ints(7, 0, 9, 3, 3, 3, 15, 1)); // indices mod 8
        m.exec("vpermd", ymm(0), ymm(2), ymm(1));
        assertArrayEquals(new int[] {7, 0, 1, 3, 3, 3, 7, 1}, intsOf(m.vec(0), 8));
        byte[] table = new byte[64];
        byte[] index = new byte[64];
        for (int i = 0; i < 64; i++) {
            table[i] = (byte) (i * 3);
            index[i] = (byte) (63 - i + 64); // bit 6 ignored: index mod 64
        }
        m.setVec(3, table);
        m.setVec(4, index);
        m.exec("vpermb", zmm(0), zmm(4), zmm(3));
        assertEquals((byte) (63 * 3), m.vec(0)[0]);
        assertEquals(0, m.vec(0)[63]);
    }

    @Test
    void variableShiftsUseEachLanesCount() {
        Machine m = new Machine();
        m.setVec(1, shorts(0x8000, 0x8000, 0x00F0, 0x1234));
        m.setVec(2, shorts(15, 16, 4, 0));
        m.exec("vpsrlvw", xmm(0), xmm(1), xmm(2));
        assertArrayEquals(new short[] {1, 0, 0x0F, 0x1234}, java.util.Arrays.copyOf(shortsOf(m.vec(0), 8), 4));
        m.exec("vpsravw", xmm(0), xmm(1), xmm(2));
        assertArrayEquals(new short[] {-1, -1, 0x0F, 0x1234}, java.util.Arrays.copyOf(shortsOf(m.vec(0), 8), 4));
        m.setVec(1, ints(-16, 1, 1, -1));
        m.setVec(2, ints(2, 31, 32, 1));
        m.exec("vpsravd", xmm(0), xmm(1), xmm(2));
        assertArrayEquals(new int[] {-4, 0, 0, -1}, intsOf(m.vec(0), 4));
        m.exec("vpsllvd", xmm(0), xmm(1), xmm(2));
        assertArrayEquals(new int[] {-64, Integer.MIN_VALUE, 0, -2}, intsOf(m.vec(0), 4));
        m.exec("vpsrld", xmm(0), xmm(1), new Imm(28));
        assertArrayEquals(new int[] {15, 0, 0, 15}, intsOf(m.vec(0), 4));
    }

    @Test
    void vnniVariantsWrapOrSaturate() {
        Machine m = new Machine();
        m.setVec(0, ints(Integer.MAX_VALUE, 10, 0, 0));
        m.setVec(1, bytes(255, 255, 255, 255, 1, 2, 3, 4));
        m.setVec(2, bytes(127, 0, 0, 0, -1, -1, -1, -1));
        m.exec("vpdpbusds", xmm(0), xmm(1), xmm(2));
        assertArrayEquals(new int[] {Integer.MAX_VALUE, 0}, intsOf(m.vec(0), 2));
        m.setVec(0, ints(Integer.MAX_VALUE, 10, 0, 0));
        m.exec("vpdpbusd", xmm(0), xmm(1), xmm(2));
        assertArrayEquals(new int[] {Integer.MAX_VALUE + 255 * 127, 0}, intsOf(m.vec(0), 2));
        m.setVec(0, ints(5, 0, 0, 0));
        m.setVec(1, shorts(-32768, -32768, 0, 0));
        m.setVec(2, shorts(-32768, -32768, 0, 0));
        m.exec("vpdpwssd", xmm(0), xmm(1), xmm(2));
        assertEquals(5 + Integer.MIN_VALUE, intsOf(m.vec(0), 1)[0], "2^31 + 5 wraps");
        m.setVec(0, ints(5, 0, 0, 0));
        m.exec("vpdpwssds", xmm(0), xmm(1), xmm(2));
        assertEquals(Integer.MAX_VALUE, intsOf(m.vec(0), 1)[0]);
    }

    @Test
    void laneMovesAndBroadcasts() {
        Machine m = new Machine();
        byte[] src = new byte[64];
        for (int i = 0; i < 64; i++) {
            src[i] = (byte) i;
        }
        m.poke(0, src);
        m.exec("vbroadcasti128", ymm(0), m.mem(16, 16));
        assertEquals(16, m.vec(0)[0]);
        assertEquals(16, m.vec(0)[16]);
        assertEquals(0, m.vec(0)[32]);
        m.exec("vbroadcasti64x4", zmm(1), m.mem(0, 32));
        assertEquals(31, m.vec(1)[63]);
        assertEquals(0, m.vec(1)[32]);
        m.exec("vbroadcasti32x4", zmm(5), m.mem(16, 16));
        for (int lane = 0; lane < 4; lane++) {
            assertEquals(16, m.vec(5)[16 * lane], "byte 0 of the block in every 128-bit lane");
            assertEquals(31, m.vec(5)[16 * lane + 15]);
        }
        m.exec("vextracti64x4", ymm(2), zmm(1), new Imm(1));
        assertEquals(0, m.vec(2)[0]);
        m.exec("vinserti64x4", zmm(3), zmm(1), ymm(0), new Imm(1));
        assertEquals(16, m.vec(3)[32]);
        assertEquals(0, m.vec(3)[0]);
        m.state.gpr[0] = 0x1122_3344_5566_7788L;
        m.exec("vpbroadcastd", zmm(4), r32(0));
        assertArrayEquals(new int[] {0x55667788, 0x55667788}, java.util.Arrays.copyOfRange(intsOf(m.vec(4), 16), 14, 16));
        m.exec("vpbroadcastq", ymm(5), xmm(1));
        assertEquals(0x0706050403020100L, MachineState.getLong(m.vec(5), 3));
    }

    @Test
    void vpsignbFollowsItsDefinitionOnEveryPairOfBytes() {
        Machine m = new Machine();
        for (int pair = 0; pair < 1 << 16; pair += 64) {
            byte[] a = new byte[64];
            byte[] b = new byte[64];
            for (int i = 0; i < 64; i++) {
                a[i] = (byte) ((pair + i) >>> 8);
                b[i] = (byte) (pair + i);
            }
            m.setVec(1, a);
            m.setVec(2, b);
            m.exec("vpsignb", zmm(0), zmm(1), zmm(2));
            for (int i = 0; i < 64; i++) {
                byte expected = (byte) (b[i] < 0 ? -a[i] : b[i] == 0 ? 0 : a[i]);
                assertEquals(expected, m.vec(0)[i], "vpsignb " + a[i] + ", " + b[i]);
            }
        }
    }

    @Test
    void signAndSaturatingArithmetic() {
        Machine m = new Machine();
        m.setVec(1, bytes(5, -128, 7, 9));
        m.setVec(2, bytes(-1, -1, 0, 3));
        m.exec("vpsignb", xmm(0), xmm(1), xmm(2));
        assertArrayEquals(bytes(-5, -128, 0, 9), java.util.Arrays.copyOf(m.vec(0), 4));
        m.exec("vpabsb", xmm(0), xmm(1));
        assertArrayEquals(bytes(5, 128, 7, 9), java.util.Arrays.copyOf(m.vec(0), 4));
        m.setVec(1, shorts(32767, -32768, 100));
        m.setVec(2, shorts(1, -1, 200));
        m.exec("vpaddsw", xmm(0), xmm(1), xmm(2));
        assertArrayEquals(new short[] {32767, -32768, 300}, java.util.Arrays.copyOf(shortsOf(m.vec(0), 8), 3));
        m.exec("vpmullw", xmm(0), xmm(1), xmm(2));
        assertArrayEquals(new short[] {32767, -32768, (short) 20000}, java.util.Arrays.copyOf(shortsOf(m.vec(0), 8), 3));
    }

    @Test
    void packedFloatArithmeticRoundsToNearestEven() {
        Machine m = new Machine();
        float big = 16777216f; // 2^24: +1 is a tie, rounds to even (2^24)
        m.setVec(1, floats(big, 1f, 1f, Float.POSITIVE_INFINITY));
        m.setVec(2, floats(1f, 3f, 0f, Float.NEGATIVE_INFINITY));
        m.exec("vaddps", xmm(0), xmm(1), xmm(2));
        float[] r = floatsOf(m.vec(0), 4);
        assertEquals(big, r[0]);
        assertEquals(4f, r[1]);
        assertEquals(0xFFC0_0000, Float.floatToRawIntBits(r[3]), "inf + -inf is the QNaN indefinite");
        m.exec("vdivps", xmm(0), xmm(1), xmm(2));
        r = floatsOf(m.vec(0), 4);
        assertEquals(1f / 3f, r[1]);
        assertEquals(Float.POSITIVE_INFINITY, r[2]);
        m.setVec(3, floats(Float.intBitsToFloat(0x7F80_0001), 1f, 1f, 1f));
        m.exec("vmulps", xmm(0), xmm(3), xmm(2));
        assertEquals(0x7FC0_0001, Float.floatToRawIntBits(floatsOf(m.vec(0), 1)[0]), "SNaN returned quiet");
    }

    @Test
    void fmaRoundsOnce() {
        Machine m = new Machine();
        float a = 1f + 0x1p-12f;
        // a * a = 1 + 2^-11 + 2^-24: fused with -1 keeps the 2^-24 term; mul-then-add would round it away.
        m.setVec(0, floats(-1f, 2f));
        m.setVec(1, floats(a, 3f));
        m.setVec(2, floats(a, 4f));
        m.exec("vfmadd231ps", xmm(0), xmm(1), xmm(2));
        float[] r = floatsOf(m.vec(0), 2);
        assertEquals(0x1p-11f + 0x1p-24f, r[0]);
        assertEquals(14f, r[1]);
        m.setVec(5, floats(10f, 99f));
        m.exec("vfmadd231ss", xmm(5), xmm(1), xmm(2));
        assertEquals(10f + a * a, floatsOf(m.vec(5), 1)[0]);
        assertEquals(99f, floatsOf(m.vec(5), 2)[1], "scalar form keeps the upper lanes");
    }

    @Test
    void conversions() {
        Machine m = new Machine();
        m.setVec(1, ints(16777217, -3, Integer.MIN_VALUE, 7));
        m.exec("vcvtdq2ps", xmm(0), xmm(1));
        assertArrayEquals(new float[] {16777216f, -3f, -2147483648f, 7f}, floatsOf(m.vec(0), 4));
        m.setVec(2, floats(2.5f, -2.5f, 3.5f, 3e9f));
        m.exec("vcvtps2dq", xmm(0), xmm(2));
        assertArrayEquals(new int[] {2, -2, 4, Integer.MIN_VALUE}, intsOf(m.vec(0), 4));
        m.exec("vcvttps2dq", xmm(0), xmm(2));
        assertArrayEquals(new int[] {2, -2, 3, Integer.MIN_VALUE}, intsOf(m.vec(0), 4));
        // halves: 1.0, -2.0, smallest subnormal, max, +inf, -0, a signalling NaN
        m.setVec(3, shorts(0x3C00, 0xC000, 0x0001, 0x7BFF, 0x7C00, 0x8000, 0x7C01, 0x3555));
        m.exec("vcvtph2ps", ymm(0), xmm(3));
        int[] bits = intsOf(m.vec(0), 8);
        assertEquals(Float.floatToRawIntBits(1f), bits[0]);
        assertEquals(Float.floatToRawIntBits(-2f), bits[1]);
        assertEquals(Float.floatToRawIntBits(0x1p-24f), bits[2]);
        assertEquals(Float.floatToRawIntBits(65504f), bits[3]);
        assertEquals(0x7F80_0000, bits[4]);
        assertEquals(0x8000_0000, bits[5]);
        assertEquals(0x7FC0_2000, bits[6], "SNaN quieted, payload kept");
        assertEquals(Float.floatToRawIntBits(0.333251953125f), bits[7]);
    }

    @Property(tries = 300)
    void vcvtph2psMatchesTheEnginesExactConversionForNonNaN(@ForAll short h) {
        if ((h & 0x7C00) == 0x7C00 && (h & 0x3FF) != 0) {
            return;
        }
        assertEquals(Float.floatToRawIntBits(org.ternsim.kernels.numeric.Fp16.toFloat(h)),
            X86FloatVector.halfToFloatBits(h & 0xFFFF));
    }

    @Test
    void mergeAndZeroMasking() {
        Machine m = new Machine();
        m.state.gpr[0] = 0b1010;
        m.exec("kmovw", k(1), r32(0));
        assertEquals(0b1010, m.state.mask[1]);
        m.setVec(1, ints(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16));
        m.setVec(2, ints(100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100));
        m.setVec(0, ints(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1));
        m.exec("vpaddd", new Operand.Masked(zmm(0), k(1), false), zmm(1), zmm(2));
        assertArrayEquals(new int[] {-1, 102, -1, 104, -1}, java.util.Arrays.copyOf(intsOf(m.vec(0), 16), 5));
        m.exec("vpaddd", new Operand.Masked(zmm(0), k(1), true), zmm(1), zmm(2));
        assertArrayEquals(new int[] {0, 102, 0, 104, 0}, java.util.Arrays.copyOf(intsOf(m.vec(0), 16), 5));
        // A masked load reads only the selected bytes: the last 8 bytes of memory, from a window 56 bytes past the end.
        m.state.gpr[0] = 0xFFL;
        m.exec("kmovq", k(2), org.ternsim.isa.Reg.r64(0));
        m.poke(Machine.MEM_BYTES - 8, bytes(1, 2, 3, 4, 5, 6, 7, 8));
        m.exec("vmovdqu8", new Operand.Masked(zmm(5), k(2), true), m.mem(Machine.MEM_BYTES - 8, 64));
        assertEquals(1, m.vec(5)[0]);
        assertEquals(8, m.vec(5)[7]);
        assertEquals(0, m.vec(5)[8]);
        m.exec("kmovq", org.ternsim.isa.Reg.r64(1), k(2));
        assertEquals(0xFFL, m.state.gpr[1]);
    }

    @Test
    void maskedOperandsRoundTripThroughTheTextForm() {
        Program p = new Program.Builder("masks", "x86-64")
            .emit("kmovq", k(1), org.ternsim.isa.Reg.r64(0))
            .emit("vpaddd", new Operand.Masked(zmm(0), k(1), false), zmm(1), zmm(2))
            .emit("vmovdqu8", new Operand.Masked(zmm(31), k(7), true), Operand.Mem.at(org.ternsim.isa.Reg.r64(3), 64, 64))
            .build();
        String text = AsmText.print(p);
        assertEquals(p, AsmText.parse(text));
        assertEquals("vpaddd zmm{k}, zmm, zmm", p.code().get(1).form());
        assertEquals(text, AsmText.print(AsmText.parse(text.replace("{k7}{z}", "{ k7 }{ z }"))));
    }

    @Test
    void theRemainingForms() {
        Machine m = new Machine();
        m.setVec(1, shorts(1, 2, 3, 4, 5, 6, 7, 8));
        m.setVec(2, shorts(11, 12, 13, 14, 15, 16, 17, 18));
        m.exec("vpunpckhwd", xmm(0), xmm(1), xmm(2));
        assertArrayEquals(new short[] {5, 15, 6, 16, 7, 17, 8, 18}, shortsOf(m.vec(0), 8));
        m.exec("vpunpckldq", xmm(0), xmm(1), xmm(2));
        assertArrayEquals(new short[] {1, 2, 11, 12, 3, 4, 13, 14}, shortsOf(m.vec(0), 8));
        m.setVec(1, ints(-1, 70000, 65535, 3));
        m.setVec(2, ints(0, 0, 0, 0));
        m.exec("vpackusdw", xmm(0), xmm(1), xmm(2));
        assertArrayEquals(new short[] {0, -1, -1, 3, 0, 0, 0, 0}, shortsOf(m.vec(0), 8));
        m.setVec(3, bytes(-2, 200, 3, 4));
        m.exec("vpmovsxbd", xmm(0), xmm(3));
        assertArrayEquals(new int[] {-2, -56, 3, 4}, intsOf(m.vec(0), 4));
        m.exec("vpmovzxbw", xmm(0), xmm(3));
        assertArrayEquals(new short[] {254, 200, 3, 4}, java.util.Arrays.copyOf(shortsOf(m.vec(0), 8), 4));
        m.setVec(1, shorts(-32768, 5));
        m.setVec(2, shorts(1, 7));
        m.exec("vpsubsw", xmm(0), xmm(1), xmm(2));
        assertArrayEquals(new short[] {-32768, -2}, java.util.Arrays.copyOf(shortsOf(m.vec(0), 8), 2));
        m.exec("vpsllvw", xmm(0), xmm(1), xmm(2));
        assertArrayEquals(new short[] {0, 640}, java.util.Arrays.copyOf(shortsOf(m.vec(0), 8), 2));
        m.setVec(1, ints(-8, 8, 1 << 30, -1));
        m.exec("vpslld", xmm(0), xmm(1), new Imm(2));
        assertArrayEquals(new int[] {-32, 32, 0, -4}, intsOf(m.vec(0), 4));
        m.exec("vpsrad", xmm(0), xmm(1), new Imm(40));
        assertArrayEquals(new int[] {-1, 0, 0, -1}, intsOf(m.vec(0), 4));
        m.setVec(2, ints(1, 3, 31, 33));
        m.exec("vpsrlvd", xmm(0), xmm(1), xmm(2));
        assertArrayEquals(new int[] {0x7FFF_FFFC, 1, 0, 0}, intsOf(m.vec(0), 4));
        m.setVec(1, floats(1f, 2f, 3f, 4f));
        m.setVec(2, floats(0.5f, 0.25f, 3f, 8f));
        m.exec("vsubps", xmm(0), xmm(1), xmm(2));
        assertArrayEquals(new float[] {0.5f, 1.75f, 0f, -4f}, floatsOf(m.vec(0), 4));
        m.exec("vmovshdup", xmm(0), xmm(1));
        assertArrayEquals(new float[] {2f, 2f, 4f, 4f}, floatsOf(m.vec(0), 4));
        m.poke(0, floats(1.5f, 2.5f, 3.5f, 4.5f, 5.5f, 6.5f, 7.5f, 8.5f));
        m.exec("vbroadcastss", ymm(0), m.mem(4, 4));
        assertArrayEquals(new float[] {2.5f, 2.5f, 2.5f, 2.5f, 2.5f, 2.5f, 2.5f, 2.5f}, floatsOf(m.vec(0), 8));
        for (String move : new String[] {"vmovups", "vmovaps", "vmovdqu16", "vmovdqu32"}) {
            m.exec(move, ymm(6), m.mem(0, 32));
            assertArrayEquals(new float[] {1.5f, 8.5f}, new float[] {floatsOf(m.vec(6), 8)[0], floatsOf(m.vec(6), 8)[7]});
            m.exec(move, m.mem(64, 32), ymm(6));
            assertArrayEquals(m.peek(0, 32), m.peek(64, 32), move);
        }
        m.exec("vextractf128", xmm(7), ymm(6), new Imm(1));
        assertArrayEquals(new float[] {5.5f, 6.5f, 7.5f, 8.5f}, floatsOf(m.vec(7), 4));
        m.setVec(1, bytes(0x0F, 0xF0, 0x55));
        m.setVec(2, bytes(0x3C, 0x3C, 0xFF));
        String[][] evex = {{"vpandd", "vpand"}, {"vpandq", "vpand"}, {"vpord", "vpor"}, {"vporq", "vpor"},
            {"vpxord", "vpxor"}, {"vpxorq", "vpxor"}};
        for (String[] pair : evex) {
            m.exec(pair[0], zmm(8), zmm(1), zmm(2));
            byte[] a = m.vec(8);
            m.exec(pair[1], zmm(8), zmm(1), zmm(2));
            assertArrayEquals(m.vec(8), a, pair[0]);
        }
        m.exec("vpandd", zmm(8), zmm(1), zmm(2));
        assertArrayEquals(bytes(0x0C, 0x30, 0x55), java.util.Arrays.copyOf(m.vec(8), 3));
    }
}
