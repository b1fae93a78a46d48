// AArch64 scalar integer semantics: moves, add/sub/mul, flag-setting subtract, conditions and branches.
package org.ternsim.isa.arm;

import java.util.List;
import java.util.function.LongBinaryOperator;
import org.ternsim.isa.Instruction;
import org.ternsim.isa.MachineState;
import org.ternsim.isa.Operand;
import org.ternsim.isa.Reg;

/** NZCV live in MachineState's sf/zf/cf/of; C is Arm's carry (set when a subtraction does NOT borrow). */
final class ArmScalar {

    static final List<String> CONDITIONS = List.of("eq", "ne", "lt", "ge", "gt", "le", "hi", "ls", "hs", "lo", "mi", "pl");

    private ArmScalar() {
    }

    static long read(MachineState s, Operand o) {
        if (o instanceof Operand.Imm i) {
            return i.value();
        }
        Reg r = (Reg) o;
        long v = s.gpr[r.index()];
        return r.cls() == Reg.RegClass.W ? v & 0xFFFF_FFFFL : v;
    }

    /** A W write zero-extends into the X register. */
    static void write(MachineState s, Reg r, long v) {
        s.gpr[r.index()] = r.cls() == Reg.RegClass.W ? v & 0xFFFF_FFFFL : v;
    }

    static void mov(Instruction in, MachineState s) {
        write(s, in.reg(0), read(s, in.op(1)));
    }

    /** movz d, #imm16{, lsl #shift}: d = imm16 << shift (operands: d, imm16, shift). */
    static void movz(Instruction in, MachineState s) {
        write(s, in.reg(0), wideImmediate(in) << wideShift(in));
    }

    /** movk d, #imm16{, lsl #shift}: replaces bits shift+15..shift of d, keeps the others. */
    static void movk(Instruction in, MachineState s) {
        int shift = wideShift(in);
        long field = 0xFFFFL << shift;
        write(s, in.reg(0), read(s, in.op(0)) & ~field | wideImmediate(in) << shift);
    }

    /** The 16-bit payload of a move-wide; an assembler rejects anything else, so the model does too. */
    private static long wideImmediate(Instruction in) {
        long imm = ArmSemantics.imm(in.op(1));
        if (imm < 0 || imm > 0xFFFF) {
            throw new IllegalArgumentException(in.mnemonic() + " immediate must be 0..65535, got " + imm);
        }
        return imm;
    }

    /** LSL #0, 16, 32 or 48 on an X register; #0 or 16 on a W register. */
    private static int wideShift(Instruction in) {
        long shift = ArmSemantics.imm(in.op(2));
        int width = in.reg(0).cls() == Reg.RegClass.W ? 32 : 64;
        if (shift < 0 || shift >= width || shift % 16 != 0) {
            throw new IllegalArgumentException(in.mnemonic() + " shift must be lsl #0" + (width == 64 ? ", 16, 32 or 48"
                : " or 16") + " on " + in.reg(0).name() + ", got " + shift);
        }
        return (int) shift;
    }

    static void binary(Instruction in, MachineState s, LongBinaryOperator f) {
        write(s, in.reg(0), f.applyAsLong(read(s, in.op(1)), read(s, in.op(2))));
    }

    static void madd(Instruction in, MachineState s) {
        write(s, in.reg(0), read(s, in.op(3)) + read(s, in.op(1)) * read(s, in.op(2)));
    }

    /** subs d, n, m / cmp n, m: d = n - m with NZCV at the register width. */
    static void subs(Instruction in, MachineState s, boolean writes) {
        int first = writes ? 1 : 0;
        Reg n = in.reg(first);
        long r = subtract(s, read(s, in.op(first)), read(s, in.op(first + 1)), n.cls() == Reg.RegClass.W);
        if (writes) {
            write(s, in.reg(0), r);
        }
    }

    /** a - b with NZCV set at 32 or 64 bits; a 32-bit result is returned sign-extended. */
    static long subtract(MachineState s, long a, long b, boolean is32) {
        if (is32) {
            int x = (int) a;
            int y = (int) b;
            int r = x - y;
            s.sf = r < 0;
            s.zf = r == 0;
            s.cf = Integer.compareUnsigned(x, y) >= 0;
            s.of = ((x ^ y) & (x ^ r)) < 0;
            return r;
        }
        long r = a - b;
        s.sf = r < 0;
        s.zf = r == 0;
        s.cf = Long.compareUnsigned(a, b) >= 0;
        s.of = ((a ^ b) & (a ^ r)) < 0;
        return r;
    }

    /** The index of {@code cond} in {@link #CONDITIONS}, for {@link #holds(int, MachineState)}. */
    static int condition(String cond) {
        int c = CONDITIONS.indexOf(cond);
        if (c < 0) {
            throw new IllegalArgumentException("unknown condition " + cond);
        }
        return c;
    }

    static boolean holds(String cond, MachineState s) {
        return holds(condition(cond), s);
    }

    /** Condition number {@code c} of {@link #CONDITIONS}: a switch on an int, not on the condition's name. */
    static boolean holds(int c, MachineState s) {
        return switch (c) {
            case 0 -> s.zf;
            case 1 -> !s.zf;
            case 2 -> s.sf != s.of;
            case 3 -> s.sf == s.of;
            case 4 -> !s.zf && s.sf == s.of;
            case 5 -> s.zf || s.sf != s.of;
            case 6 -> s.cf && !s.zf;
            case 7 -> !s.cf || s.zf;
            case 8 -> s.cf;
            case 9 -> !s.cf;
            case 10 -> s.sf;
            case 11 -> !s.sf;
            default -> throw new IllegalArgumentException("unknown condition " + c);
        };
    }

    static boolean nonzero(Instruction in, MachineState s) {
        return read(s, in.op(0)) != 0;
    }

    static void branchIf(MachineState s, boolean taken) {
        if (taken) {
            s.nextPc = s.branchTarget;
        }
    }
}
