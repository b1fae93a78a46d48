// Lane access for AArch64 SIMD&FP values: signed/unsigned element reads and writes of any element size.
package org.ternsim.isa.arm;

import org.ternsim.isa.MachineState;
import org.ternsim.isa.Operand;
import org.ternsim.isa.Reg;

final class ArmLanes {

    private ArmLanes() {
    }

    /** Element {@code i} of {@code size} bytes, sign-extended. */
    static long signed(byte[] b, int i, int size) {
        return switch (size) {
            case 1 -> b[i];
            case 2 -> MachineState.getShort(b, i);
            case 4 -> MachineState.getInt(b, i);
            case 8 -> MachineState.getLong(b, i);
            default -> throw new IllegalArgumentException("lane size " + size);
        };
    }

    /** Element {@code i} of {@code size} bytes, zero-extended (size 8 returns the raw bits). */
    static long unsigned(byte[] b, int i, int size) {
        return size == 8 ? MachineState.getLong(b, i) : signed(b, i, size) & ((1L << (8 * size)) - 1);
    }

    /** Writes the low {@code size} bytes of {@code v} to element {@code i} (wrap-around). */
    static void put(byte[] b, int i, int size, long v) {
        for (int k = 0; k < size; k++) {
            b[i * size + k] = (byte) (v >>> (8 * k));
        }
    }

    /** The register's current value at the width of its view. */
    static byte[] read(MachineState s, Reg r) {
        byte[] out = new byte[r.cls().bytes()];
        System.arraycopy(s.vec[r.index()], 0, out, 0, out.length);
        return out;
    }

    /**
     * A source register for reading only, at least {@code bytes} wide: its live array (no copy) when its view is that
     * wide, else a copy of its view as {@link #read} gives (so a too narrow operand still fails as before). The caller
     * must not write it, nor write any register before it has finished reading.
     */
    static byte[] source(MachineState s, Reg r, int bytes) {
        return r.cls().bytes() >= bytes ? s.vec[r.index()] : read(s, r);
    }

    static Reg vreg(Operand o) {
        if (o instanceof Reg r && r.cls().isArmSimd()) {
            return r;
        }
        throw new IllegalArgumentException("expected a SIMD&FP register, got " + o);
    }

    static int laneBytes(Operand o) {
        return ArmRegs.laneBytes(vreg(o).cls());
    }

    static int lanes(Operand o) {
        Reg r = vreg(o);
        return r.cls().bytes() / ArmRegs.laneBytes(r.cls());
    }
}
