// The K / BK rules of TL1 and TL2, with errors that name the nearest valid K.
package org.ternsim.kernels.lut;

import java.util.function.IntPredicate;

/**
 * Shape rules of the LUT formats (kernels.md §3.3, §4.1). M is free in the logical layouts (any M >= 1); the
 * codegen's tiled layouts additionally need M % BM == 0, which is not modelled here.
 */
public final class LutShapes {

    /** Largest K: keeps the int32 accumulator and the int-to-float conversion of the epilogue exact (|acc| < 2^24). */
    public static final int MAX_COLS = 1 << 16;
    /** Activations per int16 block of the TL2 pair part (BK2 in codegen_tl2.py). */
    public static final int TL2_PAIR_BLOCK = 32;

    private LutShapes() {
    }

    /** TL1: K even (pairs); BK a positive multiple of 4 (whole index bytes per block). */
    public static void checkTl1(int cols, int bk) {
        if (bk < 4 || bk % 4 != 0) {
            throw new IllegalArgumentException("TL1 needs BK to be a positive multiple of 4 (whole index bytes per"
                    + " block; the codegen uses 64 or 128), got " + bk);
        }
        checkRange("TL1", cols);
        if (!tl1ValidCols(cols)) {
            throw new IllegalArgumentException("TL1 needs an even K (weights go in pairs), got " + cols
                    + "; nearest valid: " + nearest(cols, LutShapes::tl1ValidCols));
        }
    }

    /**
     * TL2: BK a positive multiple of 6 (the codegen's bm = 32 compute block covers by = 6 activations, two triples
     * per index byte); K % BK a multiple of {@value #TL2_PAIR_BLOCK} (codegen_tl2.py asserts K % BK % 32 == 0).
     * K below BK is valid: everything goes to the pair part.
     */
    public static void checkTl2(int cols, int bk) {
        if (bk < 6 || bk % 6 != 0) {
            throw new IllegalArgumentException("TL2 needs BK to be a positive multiple of 6 (two triples per index"
                    + " byte; the codegen uses 96 or 192), got " + bk);
        }
        checkRange("TL2", cols);
        if (!tl2ValidCols(cols, bk)) {
            throw new IllegalArgumentException("TL2 with BK = " + bk + " needs K % BK to be a multiple of "
                    + TL2_PAIR_BLOCK + ", got K = " + cols + " (K % BK = " + cols % bk + "); nearest valid: "
                    + nearest(cols, k -> tl2ValidCols(k, bk)));
        }
    }

    /** ThreeK = floor(K / BK) * BK, the part packed in triples. */
    public static int threeK(int cols, int bk) {
        return cols / bk * bk;
    }

    static boolean tl1ValidCols(int cols) {
        return cols >= 2 && cols <= MAX_COLS && cols % 2 == 0;
    }

    static boolean tl2ValidCols(int cols, int bk) {
        return cols >= 1 && cols <= MAX_COLS && cols % bk % TL2_PAIR_BLOCK == 0;
    }

    private static void checkRange(String format, int cols) {
        if (cols > MAX_COLS) {
            throw new IllegalArgumentException(format + " needs K <= " + MAX_COLS
                    + " so the int32 accumulator converts to float exactly, got " + cols);
        }
    }

    /** The valid K closest to {@code cols} (both when tied); K >= 1. */
    static String nearest(int cols, IntPredicate valid) {
        for (int d = 0; d <= MAX_COLS; d++) {
            boolean below = cols - d >= 1 && valid.test(cols - d);
            boolean above = valid.test(cols + d);
            if (below && above && d > 0) {
                return (cols - d) + " or " + (cols + d);
            }
            if (below) {
                return Integer.toString(cols - d);
            }
            if (above) {
                return Integer.toString(cols + d);
            }
        }
        return "none";
    }
}
