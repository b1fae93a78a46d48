// Scalar integer semantics: results, ZF/SF/CF/OF on 64- and 32-bit operands, zero-extension, and conditional branches.
package org.ternsim.isa.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.ternsim.isa.Interpreter;
import org.ternsim.isa.Machine;
import org.ternsim.isa.MachineState;
import org.ternsim.isa.Memory;
import org.ternsim.isa.Operand;
import org.ternsim.isa.Program;
import org.ternsim.isa.Reg;

class X86ScalarIntTest {

    record Flags(long result, boolean zf, boolean sf, boolean cf, boolean of) {
    }

    static final long[] EDGE = {0, 1, -1, 2, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL,
        0x1_0000_0000L, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE - 1};

    @Provide
    Arbitrary<Long> value() {
        return Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.of(java.util.Arrays.stream(EDGE).boxed().toList()),
            Arbitraries.integers().map(i -> (long) i));
    }

    @Provide
    Arbitrary<String> op() {
        return Arbitraries.of("add", "sub", "cmp", "xor", "and");
    }

    private static BigInteger unsigned(long v, int bits) {
        return bits == 64 ? new BigInteger(Long.toUnsignedString(v)) : BigInteger.valueOf(v & 0xFFFF_FFFFL);
    }

    /** Reference flags from exact arithmetic: OF from Math.*Exact on the signed view, CF from unsigned comparison. */
    static Flags reference(String op, long a, long b, int bits) {
        long r;
        boolean cf;
        boolean of;
        if (bits == 64) {
            switch (op) {
                case "add" -> {
                    r = a + b;
                    of = overflows(() -> Math.addExact(a, b));
                    cf = unsigned(a, 64).add(unsigned(b, 64)).bitLength() > 64;
                }
                case "sub", "cmp" -> {
                    r = a - b;
                    of = overflows(() -> Math.subtractExact(a, b));
                    cf = Long.compareUnsigned(a, b) < 0;
                }
                default -> {
                    r = op.equals("xor") ? a ^ b : a & b;
                    of = false;
                    cf = false;
                }
            }
            return new Flags(r, r == 0, r < 0, cf, of);
        }
        int x = (int) a;
        int y = (int) b;
        int r32;
        switch (op) {
            case "add" -> {
                r32 = x + y;
                of = overflows(() -> Math.addExact(x, y));
                cf = Integer.toUnsignedLong(x) + Integer.toUnsignedLong(y) > 0xFFFF_FFFFL;
            }
            case "sub", "cmp" -> {
                r32 = x - y;
                of = overflows(() -> Math.subtractExact(x, y));
                cf = Integer.compareUnsigned(x, y) < 0;
            }
            default -> {
                r32 = op.equals("xor") ? x ^ y : x & y;
                of = false;
                cf = false;
            }
        }
        return new Flags(Integer.toUnsignedLong(r32), r32 == 0, r32 < 0, cf, of);
    }

    private static boolean overflows(Runnable r) {
        try {
            r.run();
            return false;
        } catch (ArithmeticException e) {
            return true;
        }
    }

    private static Reg gpr(int bits, int i) {
        return bits == 64 ? Reg.r64(i) : Reg.r32(i);
    }

    @Property(tries = 3000)
    void arithmeticAndLogicFlags(@ForAll("op") String op, @ForAll("value") long a, @ForAll("value") long b,
                                 @ForAll boolean use32, @ForAll boolean immediate, @ForAll boolean cfBefore) {
        int bits = use32 ? 32 : 64;
        if (immediate) {
            b = (int) b; // x86 immediates are imm32, sign-extended to 64 bits
        }
        Machine m = new Machine();
        m.state.gpr[0] = use32 ? 0xABCD_EF01_0000_0000L | (a & 0xFFFF_FFFFL) : a;
        m.state.gpr[1] = use32 ? 0x1357_9BDF_0000_0000L | (b & 0xFFFF_FFFFL) : b;
        m.state.cf = cfBefore;
        m.state.of = !cfBefore;
        long before = m.state.gpr[0];
        m.exec(op, gpr(bits, 0), immediate ? new Operand.Imm(b) : gpr(bits, 1));
        Flags f = reference(op, a, b, bits);
        String what = op + bits + " " + Long.toHexString(a) + ", " + Long.toHexString(b);
        assertEquals(f.zf(), m.state.zf, what + " ZF");
        assertEquals(f.sf(), m.state.sf, what + " SF");
        assertEquals(f.cf(), m.state.cf, what + " CF");
        assertEquals(f.of(), m.state.of, what + " OF");
        // cmp writes nothing; 32-bit writes zero-extend into the 64-bit register.
        assertEquals(op.equals("cmp") ? before : f.result(), m.state.gpr[0], what + " result");
    }

    @Property(tries = 1500)
    void incDecKeepCarry(@ForAll("value") long a, @ForAll boolean use32, @ForAll boolean dec, @ForAll boolean cfBefore) {
        int bits = use32 ? 32 : 64;
        Machine m = new Machine();
        m.state.gpr[2] = use32 ? 0xFFFF_FFFF_0000_0000L | (a & 0xFFFF_FFFFL) : a;
        m.state.cf = cfBefore;
        m.exec(dec ? "dec" : "inc", gpr(bits, 2));
        Flags f = reference(dec ? "sub" : "add", a, 1, bits);
        assertEquals(f.result(), m.state.gpr[2]);
        assertEquals(f.zf(), m.state.zf);
        assertEquals(f.sf(), m.state.sf);
        assertEquals(f.of(), m.state.of);
        assertEquals(cfBefore, m.state.cf, "inc/dec must not touch CF");
    }

    @Property(tries = 500)
    void imulTwoAndThreeOperandForms(@ForAll("value") long a, @ForAll("value") long b) {
        Machine m = new Machine();
        m.state.gpr[0] = a;
        m.state.gpr[1] = b;
        m.exec("imul", Reg.r64(0), Reg.r64(1));
        assertEquals(a * b, m.state.gpr[0], "imul r64, r64 multiplies the destination in place");
        m.state.gpr[1] = b;
        m.exec("imul", Reg.r64(2), Reg.r64(1), new Operand.Imm(-3));
        assertEquals(b * -3, m.state.gpr[2], "imul r64, r64, imm");
    }

    @Example
    void namedFlagCases() {
        Machine m = new Machine();
        m.state.gpr[0] = Long.MAX_VALUE;
        m.exec("inc", Reg.r64(0));
        assertEquals(Long.MIN_VALUE, m.state.gpr[0]);
        assertEquals(true, m.state.of);
        assertEquals(true, m.state.sf);
        m.state.gpr[0] = 0x7FFF_FFFFL;
        m.exec("inc", Reg.r32(0));
        assertEquals(0x8000_0000L, m.state.gpr[0]);
        assertEquals(true, m.state.of);
        m.state.gpr[0] = 0xFFFF_FFFFL;
        m.state.gpr[1] = 1;
        m.exec("add", Reg.r32(0), Reg.r32(1));
        assertEquals(0L, m.state.gpr[0]);
        assertEquals(true, m.state.cf);
        assertEquals(true, m.state.zf);
        assertEquals(false, m.state.of);
        m.state.gpr[0] = 0;
        m.exec("sub", Reg.r64(0), new Operand.Imm(1));
        assertEquals(-1L, m.state.gpr[0]);
        assertEquals(true, m.state.cf);
        assertEquals(false, m.state.of);
        m.state.gpr[0] = 5;
        m.exec("add", Reg.r64(0), new Operand.Imm(-1));
        assertEquals(4L, m.state.gpr[0]);
        assertEquals(true, m.state.cf);
        // mov r32 zero-extends; xor of a register with itself clears it and CF/OF.
        m.state.gpr[3] = -1L;
        m.exec("mov", Reg.r32(3), new Operand.Imm(-2));
        assertEquals(0xFFFF_FFFEL, m.state.gpr[3]);
        m.exec("xor", Reg.r32(3), Reg.r32(3));
        assertEquals(0L, m.state.gpr[3]);
        assertEquals(true, m.state.zf);
    }

    // ---------------------------------------------------------------- conditional branches through the interpreter

    static final List<String> JCC = List.of("jne", "je", "jb", "jae", "jl", "jge", "jmp", "jnz", "jz");

    static boolean taken(String jcc, long a, long b, int bits) {
        long x = bits == 32 ? (int) a : a;
        long y = bits == 32 ? (int) b : b;
        int unsigned = bits == 32 ? Integer.compareUnsigned((int) a, (int) b) : Long.compareUnsigned(a, b);
        return switch (jcc) {
            case "jne", "jnz" -> x != y;
            case "je", "jz" -> x == y;
            case "jb" -> unsigned < 0;
            case "jae" -> unsigned >= 0;
            case "jl" -> x < y;
            case "jge" -> x >= y;
            default -> true;
        };
    }

    static long runCompareAndBranch(String jcc, long a, long b, int bits) {
        Program p = new Program.Builder("jcc", "x86-64")
            .emit("mov", Reg.r64(0), new Operand.Imm(a))
            .emit("mov", Reg.r64(3), new Operand.Imm(b))
            .emit("cmp", gpr(bits, 0), gpr(bits, 3))
            .emit(jcc, new Operand.Label(".Ltaken"))
            .emit("mov", Reg.r64(1), new Operand.Imm(1))
            .emit("jmp", new Operand.Label(".Lend"))
            .label(".Ltaken")
            .emit("mov", Reg.r64(1), new Operand.Imm(2))
            .label(".Lend")
            .build();
        MachineState s = new MachineState(new Memory(List.of()));
        long n = new Interpreter(p, X86Semantics.table(), s).run((pc, addr, bytes, store) -> { }, 100);
        assertEquals(s.gpr[1] == 2 ? 5 : 6, n, "instruction count");
        return s.gpr[1];
    }

    @Provide
    Arbitrary<String> jcc() {
        return Arbitraries.of(JCC);
    }

    @Property(tries = 2000)
    void conditionalBranches(@ForAll("jcc") String jcc, @ForAll("value") long a, @ForAll("value") long b,
                             @ForAll boolean use32, @ForAll boolean equal) {
        if (equal) {
            b = a;
        }
        int bits = use32 ? 32 : 64;
        assertEquals(taken(jcc, a, b, bits) ? 2L : 1L, runCompareAndBranch(jcc, a, b, bits),
            jcc + bits + " " + Long.toHexString(a) + " vs " + Long.toHexString(b));
    }

    @Example
    void branchEdgeCases() {
        for (String jcc : JCC) {
            for (long a : EDGE) {
                for (long b : EDGE) {
                    for (int bits : new int[] {32, 64}) {
                        assertEquals(taken(jcc, a, b, bits) ? 2L : 1L, runCompareAndBranch(jcc, a, b, bits),
                            jcc + bits + " " + Long.toHexString(a) + " vs " + Long.toHexString(b));
                    }
                }
            }
        }
        // Signed and unsigned orders disagree: -1 vs 1.
        assertEquals(2L, runCompareAndBranch("jl", -1, 1, 64));
        assertEquals(1L, runCompareAndBranch("jb", -1, 1, 64));
        assertEquals(2L, runCompareAndBranch("jae", -1, 1, 64));
        assertEquals(1L, runCompareAndBranch("jge", -1, 1, 64));
        // Only the low 32 bits matter for a 32-bit compare.
        assertEquals(2L, runCompareAndBranch("je", 0x1_0000_0005L, 0x2_0000_0005L, 32));
        assertEquals(1L, runCompareAndBranch("je", 0x1_0000_0005L, 0x2_0000_0005L, 64));
    }
}
