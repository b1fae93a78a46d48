// LUT build: one 16-entry int16 table per activation group, from int8 codes in an ACT slot into a LUT slot.
package org.ternsim.isa.accel;

import java.util.Arrays;
import org.ternsim.kernels.lut.LutTables;

/**
 * Builds {@code groups} tables from the codes at {@code aOffset} of ACT slot {@code aSlot} into LUT slot
 * {@code lSlot} from entry 0, table g at entries [16 g, 16 g + 16). The entries are exactly those of the functional
 * engine's {@link LutTables#triples} / {@link LutTables#pairs} (the definition is shared, not restated).
 */
public record LutBuild(int aSlot, int aOffset, int lSlot, int groups, LutKind kind) implements AccelInstr {

    @Override
    public void execute(AccelMachine m) {
        byte[] act = m.bytes(Buf.ACT, aSlot);
        int codes = groups * kind.activations();
        AccelMachine.check("ACT slot " + aSlot, aOffset, codes, act.length);
        short[] lut = m.lut(lSlot);
        AccelMachine.check("LUT slot " + lSlot, 0, (long) LutTables.STRIDE * groups, lut.length);
        byte[] slice = Arrays.copyOfRange(act, aOffset, aOffset + codes);
        short[] tables = kind == LutKind.TRIPLE ? LutTables.triples(slice, groups) : LutTables.pairs(slice, 0, groups);
        System.arraycopy(tables, 0, lut, 0, LutTables.STRIDE * groups);
    }

    @Override
    public String asm() {
        return "lut.build." + kind.name().toLowerCase(java.util.Locale.ROOT) + " L" + lSlot + ", A" + aSlot + "+"
                + aOffset + ", " + groups;
    }
}
