// LUT accumulate: per row, look packed weight indices up in the tables and add int16-wrapped block sums into int32.
package org.ternsim.isa.accel;

import org.ternsim.kernels.lut.LutTables;

/**
 * For each of {@code rows} rows of the WEIGHT slot tile and each block of {@code blockGroups} groups: sum the
 * looked-up entries in int16 (wrapping exactly as {@code lut.ScalarTl2Gemv}), sign-extend, add to accumulator
 * {@code oOffset + row} of OUT slot {@code oSlot} (after zeroing it when {@code clear}).
 *
 * <p>Tile layout in the WEIGHT slot, as {@code lut.Tl2Weights} stores a row's slice: TRIPLE: {@code rows * groups / 2}
 * index bytes (group 2j in the high nibble of byte j), then {@code rows * groups / 8} sign bytes (group i of a row in
 * bit 15 - (i mod 16) of little-endian word i / 16; groups a multiple of 16). PAIR: {@code rows * groups / 2} index
 * bytes (odd group counts end in a pad nibble, so a row takes ceil(groups / 2) bytes).
 */
public record LutAccumulate(int wSlot, int lSlot, int oSlot, int oOffset, int rows, int groups, int blockGroups,
        LutKind kind, boolean clear) implements AccelInstr {

    /** Index bytes per row of the tile. */
    public int indexRowBytes() {
        return (groups + 1) / 2;
    }

    /** Sign bytes per row (TRIPLE only). */
    public int signRowBytes() {
        return kind == LutKind.TRIPLE ? groups / 8 : 0;
    }

    /** Weight bytes the tile occupies. */
    public long weightBytes() {
        return (long) rows * (indexRowBytes() + signRowBytes());
    }

    @Override
    public void execute(AccelMachine m) {
        if (kind == LutKind.TRIPLE && groups % 16 != 0) {
            throw new IllegalStateException("a TRIPLE tile needs whole 16-group sign words, got " + groups + " groups");
        }
        byte[] w = m.bytes(Buf.WEIGHT, wSlot);
        short[] lut = m.lut(lSlot);
        int[] acc = m.acc(oSlot);
        AccelMachine.check("WEIGHT slot " + wSlot, 0, weightBytes(), w.length);
        AccelMachine.check("LUT slot " + lSlot, 0, (long) LutTables.STRIDE * groups, lut.length);
        AccelMachine.check("OUT slot " + oSlot, oOffset, rows, acc.length);
        int signBase = rows * indexRowBytes();
        for (int r = 0; r < rows; r++) {
            int total = 0;
            for (int g0 = 0; g0 < groups; g0 += blockGroups) {
                short block = 0; // int16 on purpose: the original's block accumulator, wrap included
                for (int g = g0; g < Math.min(groups, g0 + blockGroups); g++) {
                    int b = w[r * indexRowBytes() + g / 2];
                    int index = (g & 1) == 0 ? (b >> 4) & 0xF : b & 0xF;
                    short entry = lut[LutTables.STRIDE * g + index];
                    if (kind == LutKind.TRIPLE) {
                        int bit = 15 - g % 16;
                        int s = (w[signBase + r * signRowBytes() + 2 * (g / 16) + bit / 8] >> (bit % 8)) & 1;
                        short mask = (short) -s;
                        block += (short) ((entry + mask) ^ mask);
                    } else {
                        block += entry;
                    }
                }
                total += block;
            }
            acc[oOffset + r] = clear ? total : acc[oOffset + r] + total;
        }
    }

    @Override
    public String asm() {
        return "lut.acc." + kind.name().toLowerCase(java.util.Locale.ROOT) + " O" + oSlot + "+" + oOffset + ", W"
                + wSlot + ", L" + lSlot + ", " + rows + "x" + groups + (clear ? ", clear" : "");
    }
}
