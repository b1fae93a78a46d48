// Emits constants, constant adds and their scratch registers as instructions an A64 assembler encodes.
package org.ternsim.isa.lower;

import org.ternsim.isa.Operand;
import org.ternsim.isa.Operand.Imm;
import org.ternsim.isa.Program;
import org.ternsim.isa.Reg;
import org.ternsim.isa.arm.ArmEncoding;

/**
 * What clang emits: one {@code mov} when MOVZ, MOVN or a bitmask ORR encodes the value, else {@code movz} of the
 * lowest non-zero 16-bit field and {@code movk} of the others (a region base 0x3_0001_0000 is two instructions); an
 * add of a constant as one ADD (imm12, optionally LSL #12), as two for constants below 2^24, else through a register.
 * A loop adds a constant it cannot encode from a register set once before the loop ({@link #addend}), so the loop
 * keeps one instruction per add. The checks are {@link ArmEncoding}'s.
 */
final class A64Imm {

    private A64Imm() {
    }

    /** d = value. */
    static void mov(Program.Builder b, Reg d, long value) {
        int width = d.cls() == Reg.RegClass.W ? 32 : 64;
        if (ArmEncoding.movImmediate(value, width)) {
            b.emit("mov", d, new Imm(value));
            return;
        }
        boolean first = true;
        for (int shift = 0; shift < width; shift += 16) {
            long field = (value >>> shift) & 0xFFFF;
            if (field != 0) {
                b.emit(first ? "movz" : "movk", d, new Imm(field), new Imm(shift));
                first = false;
            }
        }
    }

    /** d = n + value; d serves as the scratch register when the constant needs one, so d must differ from n then. */
    static void add(Program.Builder b, Reg d, Reg n, long value) {
        if (ArmEncoding.addSubImmediate(value)) {
            b.emit("add", d, n, new Imm(value));
        } else if (value > 0 && value < 1L << 24) {
            b.emit("add", d, n, new Imm(value & 0xFFF000));
            b.emit("add", d, d, new Imm(value & 0xFFF));
        } else if (!d.equals(n)) {
            mov(b, d, value);
            b.emit("add", d, n, d);
        } else {
            throw new IllegalArgumentException("adding " + value + " to " + n.name() + " in place needs a scratch register");
        }
    }

    /**
     * The second operand of an add of {@code value} in a loop: the immediate itself when ADD encodes it, else
     * {@code scratch}, loaded with the value here (emit this before the loop).
     */
    static Operand addend(Program.Builder b, long value, Reg scratch) {
        if (ArmEncoding.addSubImmediate(value)) {
            return new Imm(value);
        }
        mov(b, scratch, value);
        return scratch;
    }
}
