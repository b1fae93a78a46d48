// Vector lane semantics of X86Semantics against scalar references written from the Intel SDM pseudo-code.
package org.ternsim.isa.x86;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ternsim.isa.Machine.le;
import static org.ternsim.isa.Machine.zeroExtended;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.ternsim.isa.Machine;
import org.ternsim.isa.Operand;
import org.ternsim.isa.Reg;

class X86VectorSemanticsTest {

    static final int[] EDGE = {0, -1, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, Integer.MIN_VALUE, Integer.MAX_VALUE,
        0x7F7F7F7F, 0x80808080, 0xFFFF8000, 0x80008000, 0x7FFF7FFF, 0x00FF00FF, 0xFF00FF00, 0x01010101, 0x02020202};

    static final List<String> BINARY_OPS = List.of("vpmaddubsw", "vpmaddwd", "vpaddb", "vpsubb", "vpaddw", "vpsubw",
        "vpaddd", "vpsubd", "vpaddq", "vpand", "vpandn", "vpor", "vpxor", "vpunpckhqdq", "vpunpcklqdq");

    // ---------------------------------------------------------------- references (SDM pseudo-code, scalar loops)

    static byte[] reference(String op, byte[] a, byte[] b, int w) {
        ByteBuffer x = le(a);
        ByteBuffer y = le(b);
        ByteBuffer r = le(new byte[w]);
        switch (op) {
            case "vpmaddubsw" -> {
                for (int i = 0; i < w / 2; i++) {
                    int t = Byte.toUnsignedInt(x.get(2 * i)) * y.get(2 * i)
                        + Byte.toUnsignedInt(x.get(2 * i + 1)) * y.get(2 * i + 1);
                    int sat = t > 32767 ? 32767 : t < -32768 ? -32768 : t;
                    r.putShort(2 * i, (short) sat);
                }
            }
            case "vpmaddwd" -> {
                for (int i = 0; i < w / 4; i++) {
                    long t = (long) x.getShort(4 * i) * y.getShort(4 * i)
                        + (long) x.getShort(4 * i + 2) * y.getShort(4 * i + 2);
                    r.putInt(4 * i, (int) t);
                }
            }
            case "vpaddb", "vpsubb", "vpand", "vpandn", "vpor", "vpxor" -> {
                for (int i = 0; i < w; i++) {
                    int p = x.get(i);
                    int q = y.get(i);
                    int v = switch (op) {
                        case "vpaddb" -> p + q;
                        case "vpsubb" -> p - q;
                        case "vpand" -> p & q;
                        case "vpandn" -> ~p & q;
                        case "vpor" -> p | q;
                        default -> p ^ q;
                    };
                    r.put(i, (byte) v);
                }
            }
            case "vpaddw", "vpsubw" -> {
                for (int i = 0; i < w / 2; i++) {
                    int v = op.equals("vpaddw") ? x.getShort(2 * i) + y.getShort(2 * i) : x.getShort(2 * i) - y.getShort(2 * i);
                    r.putShort(2 * i, (short) (v & 0xFFFF));
                }
            }
            case "vpaddd", "vpsubd" -> {
                for (int i = 0; i < w / 4; i++) {
                    long v = op.equals("vpaddd") ? (long) x.getInt(4 * i) + y.getInt(4 * i) : (long) x.getInt(4 * i) - y.getInt(4 * i);
                    r.putInt(4 * i, (int) (v & 0xFFFF_FFFFL));
                }
            }
            case "vpaddq" -> {
                for (int i = 0; i < w / 8; i++) {
                    r.putLong(8 * i, x.getLong(8 * i) + y.getLong(8 * i));
                }
            }
            case "vpunpcklqdq", "vpunpckhqdq" -> {
                int off = op.equals("vpunpckhqdq") ? 8 : 0;
                for (int lane = 0; lane < w; lane += 16) {
                    r.putLong(lane, x.getLong(lane + off));
                    r.putLong(lane + 8, y.getLong(lane + off));
                }
            }
            default -> throw new IllegalArgumentException(op);
        }
        return r.array();
    }

    static byte[] shiftReference(String op, byte[] a, int count, int w) {
        ByteBuffer x = le(a);
        ByteBuffer r = le(new byte[w]);
        for (int i = 0; i < w / 2; i++) {
            int u = Short.toUnsignedInt(x.getShort(2 * i));
            int v;
            if (op.equals("vpsrlw")) {
                v = count > 15 ? 0 : u >>> count;
            } else if (op.equals("vpsllw")) {
                v = count > 15 ? 0 : u << count;
            } else {
                int s = (short) u;
                v = count > 15 ? (s < 0 ? 0xFFFF : 0) : s >> count;
            }
            r.putShort(2 * i, (short) v);
        }
        return r.array();
    }

    static Reg vreg(int w, int i) {
        return switch (w) {
            case 16 -> Reg.xmm(i);
            case 32 -> Reg.ymm(i);
            default -> Reg.zmm(i);
        };
    }

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<byte[]> vec() {
        List<Integer> edges = new ArrayList<>();
        for (int e : EDGE) {
            edges.add(e);
        }
        Arbitrary<Integer> word = Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.integers()),
            Tuple.of(2, Arbitraries.of(edges)));
        return word.list().ofSize(16).map(ws -> {
            ByteBuffer bb = le(new byte[64]);
            for (int i = 0; i < 16; i++) {
                bb.putInt(4 * i, ws.get(i));
            }
            return bb.array();
        });
    }

    @Provide
    Arbitrary<Integer> width() {
        return Arbitraries.of(16, 32, 64);
    }

    @Provide
    Arbitrary<String> binOp() {
        return Arbitraries.of(BINARY_OPS);
    }

    // ---------------------------------------------------------------- binary lane ops

    /** alias: 0 distinct registers, 1 destination is the first source, 2 destination is the second source. */
    private static byte[] runBinary(String op, byte[] a, byte[] b, int w, boolean memSrc, int alias) {
        Machine m = new Machine();
        int dst = alias == 1 ? 1 : alias == 2 && !memSrc ? 2 : 5;
        m.setVec(1, a);
        m.setVec(2, b);
        Operand src2;
        if (memSrc) {
            // At the very end of the region: reading more than w bytes would fault.
            m.poke(Machine.MEM_BYTES - w, Arrays.copyOf(b, w));
            src2 = m.mem(Machine.MEM_BYTES - w, w);
        } else {
            src2 = vreg(w, 2);
        }
        m.exec(op, vreg(w, dst), vreg(w, 1), src2);
        return m.vec(dst);
    }

    @Property(tries = 3000)
    void binaryLaneOpsMatchReference(@ForAll("binOp") String op, @ForAll("vec") byte[] a, @ForAll("vec") byte[] b,
                                     @ForAll("width") int w, @ForAll boolean memSrc, @ForAll @IntRange(max = 2) int alias) {
        // Sources are read before the destination is written, so aliasing does not change the result.
        byte[] expected = zeroExtended(reference(op, Arrays.copyOf(a, w), Arrays.copyOf(b, w), w));
        assertArrayEquals(expected, runBinary(op, a, b, w, memSrc, alias), op + " width " + w);
    }

    @Example
    void binaryLaneOpsOnAllEdgePairs() {
        for (String op : BINARY_OPS) {
            for (int ea : EDGE) {
                for (int eb : EDGE) {
                    byte[] a = new byte[64];
                    byte[] b = new byte[64];
                    for (int i = 0; i < 16; i++) {
                        le(a).putInt(4 * i, i % 2 == 0 ? ea : eb);
                        le(b).putInt(4 * i, i % 3 == 0 ? ea : eb);
                    }
                    for (int w : new int[] {16, 32, 64}) {
                        assertArrayEquals(zeroExtended(reference(op, a, b, w)), runBinary(op, a, b, w, false, 0),
                            op + " " + Integer.toHexString(ea) + "," + Integer.toHexString(eb) + " w" + w);
                    }
                }
            }
        }
    }

    private static byte[] fill(int bytes, int... pattern) {
        byte[] v = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            v[i] = (byte) pattern[i % pattern.length];
        }
        return v;
    }

    @Example
    void vpmaddubswSaturatesSigned() {
        // 255*127 + 255*127 = 64770 -> 32767; 255*-128 * 2 = -65280 -> -32768; first source is unsigned.
        byte[] r = runBinary("vpmaddubsw", fill(32, 0xFF), fill(32, 0x7F), 32, false, 0);
        byte[] n = runBinary("vpmaddubsw", fill(32, 0xFF), fill(32, 0x80), 32, false, 0);
        // Swapped roles: 0x7F unsigned = 127 times 0xFF signed = -1: 2 * -127 = -254, no saturation.
        byte[] s = runBinary("vpmaddubsw", fill(32, 0x7F), fill(32, 0xFF), 32, false, 0);
        for (int i = 0; i < 16; i++) {
            assertEquals(32767, le(r).getShort(2 * i));
            assertEquals(-32768, le(n).getShort(2 * i));
            assertEquals(-254, le(s).getShort(2 * i));
        }
    }

    @Example
    void vpmaddwdWrapsOnlyForTwoMinPairs() {
        byte[] r = runBinary("vpmaddwd", fill(32, 0x00, 0x80), fill(32, 0x00, 0x80), 32, false, 0);
        byte[] q = runBinary("vpmaddwd", fill(32, 0xFF, 0x7F), fill(32, 0xFF, 0x7F), 32, false, 0);
        byte[] p = runBinary("vpmaddwd", fill(32, 0x00, 0x80), fill(32, 0xFF, 0x7F), 32, false, 0);
        for (int i = 0; i < 8; i++) {
            assertEquals(Integer.MIN_VALUE, le(r).getInt(4 * i));
            assertEquals(2 * 32767 * 32767, le(q).getInt(4 * i));
            assertEquals(-2 * 32768 * 32767, le(p).getInt(4 * i));
        }
    }

    @Example
    void vpaddwAndVpsubwWrapInsteadOfSaturating() {
        byte[] add = runBinary("vpaddw", fill(32, 0xFF, 0x7F), fill(32, 0x01, 0x00), 32, false, 0);
        byte[] sub = runBinary("vpsubw", fill(32, 0x00, 0x80), fill(32, 0x01, 0x00), 32, false, 0);
        for (int i = 0; i < 16; i++) {
            assertEquals(-32768, le(add).getShort(2 * i));
            assertEquals(32767, le(sub).getShort(2 * i));
        }
        byte[] addb = runBinary("vpaddb", fill(16, 0x7F), fill(16, 0x01), 16, false, 0);
        assertEquals((byte) 0x80, addb[0]);
        byte[] addd = runBinary("vpaddd", fill(16, 0xFF, 0xFF, 0xFF, 0x7F), fill(16, 1, 0, 0, 0), 16, false, 0);
        assertEquals(Integer.MIN_VALUE, le(addd).getInt(0));
        byte[] addq = runBinary("vpaddq", fill(16, 0xFF), fill(16, 1, 0, 0, 0, 0, 0, 0, 0), 16, false, 0);
        assertEquals(0L, le(addq).getLong(0));
    }

    // ---------------------------------------------------------------- shifts

    @Property(tries = 1500)
    void shiftsMatchReference(@ForAll("vec") byte[] a, @ForAll("width") int w,
                              @ForAll("shiftOp") String op, @ForAll("count") int count) {
        Machine m = new Machine();
        m.setVec(3, a);
        m.exec(op, vreg(w, 4), vreg(w, 3), new Operand.Imm(count));
        assertArrayEquals(zeroExtended(shiftReference(op, Arrays.copyOf(a, w), count, w)), m.vec(4), op + " " + count);
    }

    @Provide
    Arbitrary<String> shiftOp() {
        return Arbitraries.of("vpsrlw", "vpsllw", "vpsraw");
    }

    @Provide
    Arbitrary<Integer> count() {
        return Arbitraries.oneOf(Arbitraries.of(0, 1, 2, 4, 6, 7, 8, 14, 15, 16, 17, 31, 32, 128, 255),
            Arbitraries.integers().between(0, 255));
    }

    @Example
    void shiftEdgeCounts() {
        byte[] a = fill(32, 0x00, 0x80, 0xFF, 0x7F, 0x01, 0x00, 0xFF, 0xFF);  // 0x8000, 0x7FFF, 0x0001, 0xFFFF
        for (int count : new int[] {0, 15, 16, 255}) {
            for (String op : new String[] {"vpsrlw", "vpsllw", "vpsraw"}) {
                Machine m = new Machine();
                m.setVec(3, a);
                m.exec(op, Reg.ymm(3), Reg.ymm(3), new Operand.Imm(count));
                assertArrayEquals(zeroExtended(shiftReference(op, a, count, 32)), m.vec(3), op + " " + count);
            }
        }
        Machine m = new Machine();
        m.setVec(3, a);
        m.exec("vpsraw", Reg.ymm(4), Reg.ymm(3), new Operand.Imm(16));
        assertEquals((short) 0xFFFF, le(m.vec(4)).getShort(0));
        assertEquals((short) 0, le(m.vec(4)).getShort(2));
        m.exec("vpsrlw", Reg.ymm(4), Reg.ymm(3), new Operand.Imm(15));
        assertEquals((short) 1, le(m.vec(4)).getShort(0));
        assertEquals((short) 1, le(m.vec(4)).getShort(6));
        m.exec("vpsrlw", Reg.ymm(4), Reg.ymm(3), new Operand.Imm(0));
        assertArrayEquals(zeroExtended(a), m.vec(4));
        m.exec("vpsllw", Reg.ymm(4), Reg.ymm(3), new Operand.Imm(15));
        assertEquals((short) 0x8000, le(m.vec(4)).getShort(4));
        assertEquals((short) 0x0000, le(m.vec(4)).getShort(0));
    }

    // ---------------------------------------------------------------- VNNI

    @Property(tries = 800)
    void vpdpbusdAccumulatesWrapping(@ForAll("vec") byte[] acc, @ForAll("vec") byte[] a, @ForAll("vec") byte[] b,
                                     @ForAll("width") int w, @ForAll boolean memSrc) {
        Machine m = new Machine();
        m.setVec(0, acc);
        m.setVec(1, a);
        m.setVec(2, b);
        Operand src2 = vreg(w, 2);
        if (memSrc) {
            m.poke(Machine.MEM_BYTES - w, Arrays.copyOf(b, w));
            src2 = m.mem(Machine.MEM_BYTES - w, w);
        }
        m.exec("vpdpbusd", vreg(w, 0), vreg(w, 1), src2);
        ByteBuffer r = le(new byte[w]);
        for (int i = 0; i < w / 4; i++) {
            long sum = le(acc).getInt(4 * i);
            for (int k = 0; k < 4; k++) {
                sum += (long) Byte.toUnsignedInt(a[4 * i + k]) * b[4 * i + k];
            }
            r.putInt(4 * i, (int) sum);
        }
        assertArrayEquals(zeroExtended(r.array()), m.vec(0));
    }

    @Example
    void vpdpbusdWrapsAtIntMax() {
        Machine m = new Machine();
        m.setVec(0, fill(16, 0xFF, 0xFF, 0xFF, 0x7F));
        m.setVec(1, fill(16, 0xFF));
        m.setVec(2, fill(16, 0x7F));
        m.exec("vpdpbusd", Reg.xmm(0), Reg.xmm(1), Reg.xmm(2));
        assertEquals(Integer.MAX_VALUE + 4 * 255 * 127, le(m.vec(0)).getInt(0));
        assertEquals(0, le(m.vec(0)).getInt(16));
    }

    // ---------------------------------------------------------------- lane moves and shuffles

    @Property(tries = 300)
    void vextracti128(@ForAll("vec") byte[] a, @ForAll @IntRange(max = 3) int imm) {
        Machine m = new Machine();
        m.setVec(7, a);
        m.exec("vextracti128", Reg.xmm(1), Reg.ymm(7), new Operand.Imm(imm));
        int lane = imm & 1;
        assertArrayEquals(zeroExtended(Arrays.copyOfRange(a, 16 * lane, 16 * lane + 16)), m.vec(1));
        // Store form: exactly 16 bytes written, neighbours untouched.
        m.exec("vextracti128", m.mem(32, 16), Reg.ymm(7), new Operand.Imm(imm));
        assertArrayEquals(Arrays.copyOfRange(a, 16 * lane, 16 * lane + 16), m.peek(32, 16));
        assertArrayEquals(fill(16, 0xC3), m.peek(16, 16));
        assertArrayEquals(fill(16, 0xC3), m.peek(48, 16));
    }

    @Property(tries = 300)
    void vinserti128(@ForAll("vec") byte[] a, @ForAll("vec") byte[] x, @ForAll @IntRange(max = 3) int imm,
                     @ForAll boolean memSrc) {
        Machine m = new Machine();
        m.setVec(1, a);
        m.setVec(2, x);
        Operand src = Reg.xmm(2);
        if (memSrc) {
            m.poke(Machine.MEM_BYTES - 16, Arrays.copyOf(x, 16));
            src = m.mem(Machine.MEM_BYTES - 16, 16);
        }
        m.exec("vinserti128", Reg.ymm(3), Reg.ymm(1), src, new Operand.Imm(imm));
        byte[] expected = Arrays.copyOf(a, 32);
        System.arraycopy(x, 0, expected, 16 * (imm & 1), 16);
        assertArrayEquals(zeroExtended(expected), m.vec(3));
    }

    @Property(tries = 600)
    void vpshufd(@ForAll("vec") byte[] a, @ForAll("width") int w, @ForAll @IntRange(max = 255) int imm) {
        Machine m = new Machine();
        m.setVec(1, a);
        m.exec("vpshufd", vreg(w, 1), vreg(w, 1), new Operand.Imm(imm));
        ByteBuffer r = le(new byte[w]);
        for (int lane = 0; lane < w / 16; lane++) {
            for (int i = 0; i < 4; i++) {
                int sel = (imm >> (2 * i)) & 3;
                r.putInt(16 * lane + 4 * i, le(a).getInt(16 * lane + 4 * sel));
            }
        }
        assertArrayEquals(zeroExtended(r.array()), m.vec(1));
    }

    @Example
    void vpshufdImmOneMovesDwordOneToZero() {
        Machine m = new Machine();
        ByteBuffer a = le(new byte[16]);
        for (int i = 0; i < 4; i++) {
            a.putInt(4 * i, 10 + i);
        }
        m.setVec(0, a.array());
        m.exec("vpshufd", Reg.xmm(1), Reg.xmm(0), new Operand.Imm(1));
        assertEquals(11, le(m.vec(1)).getInt(0));
        assertEquals(10, le(m.vec(1)).getInt(4));
        assertEquals(10, le(m.vec(1)).getInt(12));
    }

    @Property(tries = 300)
    void broadcastsFromMemoryAndRegister(@ForAll("vec") byte[] src, @ForAll("width") int w,
                                         @ForAll @IntRange(min = 0, max = 2) int kind, @ForAll boolean memSrc) {
        String op = new String[] {"vpbroadcastb", "vpbroadcastw", "vpbroadcastd"}[kind];
        int e = 1 << kind;
        Machine m = new Machine();
        m.setVec(2, src);
        Operand s;
        if (memSrc) {
            m.poke(Machine.MEM_BYTES - e, Arrays.copyOf(src, e));
            s = m.mem(Machine.MEM_BYTES - e, e);
        } else {
            s = Reg.xmm(2);
        }
        m.exec(op, vreg(w, 6), s);
        byte[] expected = new byte[w];
        for (int i = 0; i < w; i++) {
            expected[i] = src[i % e];
        }
        assertArrayEquals(zeroExtended(expected), m.vec(6), op + " w" + w);
    }

    @Property(tries = 300)
    void vmovdBothDirections(@ForAll int v, @ForAll("vec") byte[] junk) {
        Machine m = new Machine();
        // r32 -> xmm: the dword, then zeros up to bit 511.
        m.state.gpr[5] = 0xDEAD_BEEF_0000_0000L | Integer.toUnsignedLong(v);
        m.setVec(3, junk);
        m.exec("vmovd", Reg.xmm(3), Reg.r32(5));
        ByteBuffer r = le(new byte[4]);
        r.putInt(0, v);
        assertArrayEquals(zeroExtended(r.array()), m.vec(3));
        // xmm -> r32: zero-extends into the 64-bit register.
        m.state.gpr[9] = -1L;
        m.setVec(4, junk);
        le(m.state.vec[4]).putInt(0, v);
        m.exec("vmovd", Reg.r32(9), Reg.xmm(4));
        assertEquals(Integer.toUnsignedLong(v), m.state.gpr[9]);
        // m32 -> xmm, at the end of the region.
        m.poke(Machine.MEM_BYTES - 4, r.array());
        m.setVec(5, junk);
        m.exec("vmovd", Reg.xmm(5), m.mem(Machine.MEM_BYTES - 4, 4));
        assertArrayEquals(zeroExtended(r.array()), m.vec(5));
        // xmm -> m32: exactly four bytes stored.
        m.exec("vmovd", m.mem(100, 4), Reg.xmm(4));
        assertArrayEquals(r.array(), m.peek(100, 4));
        assertArrayEquals(fill(4, 0xC3), m.peek(96, 4));
        assertArrayEquals(fill(4, 0xC3), m.peek(104, 4));
    }

    @Property(tries = 300)
    void vmovssForms(@ForAll("vec") byte[] a, @ForAll("vec") byte[] b) {
        Machine m = new Machine();
        // Load: dword then zeros to bit 511, reading only 4 bytes (end of region).
        m.poke(Machine.MEM_BYTES - 4, Arrays.copyOf(b, 4));
        m.setVec(1, a);
        m.exec("vmovss", Reg.xmm(1), m.mem(Machine.MEM_BYTES - 4, 4));
        assertArrayEquals(zeroExtended(Arrays.copyOf(b, 4)), m.vec(1));
        // Store: exactly 4 bytes.
        m.setVec(2, a);
        m.exec("vmovss", m.mem(200, 4), Reg.xmm(2));
        assertArrayEquals(Arrays.copyOf(a, 4), m.peek(200, 4));
        assertArrayEquals(fill(4, 0xC3), m.peek(196, 4));
        assertArrayEquals(fill(4, 0xC3), m.peek(204, 4));
        // Register merge: xmm1[31:0] = src2[31:0], xmm1[127:32] = src1[127:32], upper zero.
        m.setVec(3, a);
        m.setVec(4, b);
        m.exec("vmovss", Reg.xmm(5), Reg.xmm(3), Reg.xmm(4));
        byte[] expected = Arrays.copyOf(a, 16);
        System.arraycopy(b, 0, expected, 0, 4);
        assertArrayEquals(zeroExtended(expected), m.vec(5));
    }

    @Property(tries = 200)
    void plainMovesAndWidths(@ForAll("vec") byte[] a, @ForAll("width") int w,
                             @ForAll("move") String mov) {
        Machine m = new Machine();
        m.poke(Machine.MEM_BYTES - w, Arrays.copyOf(a, w));
        m.exec(mov, vreg(w, 8), m.mem(Machine.MEM_BYTES - w, w));
        assertArrayEquals(zeroExtended(Arrays.copyOf(a, w)), m.vec(8));
        m.setVec(9, a);
        m.exec(mov, m.mem(0, w), vreg(w, 9));
        assertArrayEquals(Arrays.copyOf(a, w), m.peek(0, w));
        assertEquals((byte) 0xC3, m.peek(w, 1)[0]);
        m.exec(mov, vreg(w, 10), vreg(w, 9));
        assertArrayEquals(zeroExtended(Arrays.copyOf(a, w)), m.vec(10));
    }

    @Provide
    Arbitrary<String> move() {
        return Arbitraries.of("vmovdqu", "vmovdqa", "vmovdqu8", "vmovdqu64");
    }

    @Example
    void everyMnemonicHasATestHere() {
        // Guard: if a vector mnemonic is added to the table, this list (and a reference) must be extended.
        List<String> tested = new ArrayList<>(BINARY_OPS);
        tested.addAll(List.of("vpsrlw", "vpsllw", "vpsraw", "vpdpbusd", "vextracti128", "vinserti128", "vpshufd",
            "vpbroadcastb", "vpbroadcastw", "vpbroadcastd", "vmovd", "vmovss", "vcvtsi2ss", "vaddss", "vsubss",
            "vmulss", "vdivss", "vmovdqu", "vmovdqa", "vmovdqu8", "vmovdqu64"));
        tested.addAll(X86ExtendedSemanticsTest.TESTED);
        tested.addAll(X86CompressTest.TESTED);
        for (String mn : X86Semantics.table().mnemonics()) {
            if (mn.startsWith("v")) {
                assertEquals(true, tested.contains(mn), "untested vector mnemonic " + mn);
            }
        }
    }
}
