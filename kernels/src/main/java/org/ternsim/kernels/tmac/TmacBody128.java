// The 128-bit body of PanamaTmacGemv.
// Generated for 128, 256 and 512 bits from kernels/src/main/templates/TmacBody.java.tmpl; edit the template
// and regenerate with PerWidthBodiesTest (-Dternsim.regenerate=true), which fails while the two differ.
package org.ternsim.kernels.tmac;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * One plane's group sums for a tile of 16 rows at 128 bits; see {@link PanamaTmacGemv} for the method. One class
 * per width because the Vector API compiles to SIMD code only with constant species (kept in instance fields, the
 * same loop ran 2-2.5x slower than the scalar reference).
 */
final class TmacBody128 {

    private static final VectorSpecies<Byte> B = ByteVector.SPECIES_128;
    private static final VectorSpecies<Short> S = ShortVector.SPECIES_128;
    /** Rows per tile: one byte lane each. */
    static final int LANES = B.length();

    private TmacBody128() {
    }

    /** sums[r][j] = the lookups of plane byte columns in {@code scratch} (transposed tile) over activation group j. */
    static void planeSums(byte[] scratch, byte[] entries, int per, int actGroups, short[] lane, int[][] sums) {
        int half = S.length();
        for (int j = 0; j < actGroups; j++) {
            for (int r = 0; r < LANES; r++) {
                sums[r][j] = 0;
            }
            for (int b0 = j * per; b0 < (j + 1) * per; b0 += TmacGemv.INT16_BLOCK) {
                ShortVector lo = ShortVector.zero(S);
                ShortVector hi = ShortVector.zero(S);
                int end = Math.min((j + 1) * per, b0 + TmacGemv.INT16_BLOCK);
                for (int i = b0; i < end; i++) {
                    ByteVector packed = ByteVector.fromArray(B, scratch, (i >> 1) * LANES);
                    ByteVector index = (i & 1) == 0
                            ? packed.and((byte) 0x0F)
                            : packed.lanewise(VectorOperators.ASHR, 4).and((byte) 0x0F);
                    ByteVector looked = index.selectFrom(ByteVector.fromArray(B, entries, TmacShapes.ENTRIES * i));
                    lo = lo.add((ShortVector) looked.convertShape(VectorOperators.B2S, S, 0));
                    hi = hi.add((ShortVector) looked.convertShape(VectorOperators.B2S, S, 1));
                }
                lo.intoArray(lane, 0);
                hi.intoArray(lane, half);
                for (int r = 0; r < LANES; r++) {
                    sums[r][j] += lane[r];
                }
            }
        }
    }
}
