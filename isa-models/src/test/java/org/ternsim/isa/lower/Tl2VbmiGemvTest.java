// The TL2 AVX-512 VBMI binder against the per-byte binder it replaced.
package org.ternsim.isa.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ternsim.isa.Memory;
import org.ternsim.kernels.lut.Tl2Weights;
import org.ternsim.kernels.quant.Int8Activations;

class Tl2VbmiGemvTest {

    /**
     * Every region the binder writes equals what the per-byte binder it replaced (kept below) wrote into fresh (zeroed)
     * memory, with the new binder's weight region full of garbage first (the old one OR-ed the sign masks into the region):
     * padded last blocks (M not a multiple of 64, M inside one 8- or 16-row lane group), whole blocks, pairs only,
     * triples only, several pair blocks, every BK, 2560x2560.
     */
    @ParameterizedTest(name = "{0}x{1} bk{2}")
    @CsvSource({"1, 32, 96", "7, 96, 96", "15, 80, 48", "23, 480, 48", "33, 224, 96", "40, 144, 144", "64, 2560, 96",
        "65, 272, 240", "100, 2560, 192", "129, 1056, 240", "2560, 2560, 96"})
    void bindsAsThePerByteBinder(int rows, int cols, int bk) {
        Tl2BinderCheck.bindsAsReference(new Tl2VbmiLowering(bk).lower(rows, cols), rows, cols, bk, 37, Tl2VbmiGemv::bind,
            Tl2VbmiGemvTest::referenceBind);
    }

    /** The first VBMI TL2 binder: column by column, one lambda call per row byte, sign bits OR-ed one at a time. */
    private static void referenceBind(Memory memory, Tl2Weights w, Int8Activations x) {
        int rows = w.rows();
        byte[] out = memory.bytes("weights");
        int at = 0;
        for (int r0 = 0; r0 < Tl2VbmiGemv.paddedRows(rows); r0 += 64) {
            for (int c = 0; c < w.triples() / 16; c++) {
                for (int row = 0; row < 64 && r0 + row < rows; row++) {
                    int word = signWord(w, r0 + row, c);
                    int bit = 32 * (row / 8 % 2) + 8 * (row / 16) + row % 8;
                    for (int t = 0; t < 16; t++) {
                        out[at + 8 * t + bit / 8] |= (byte) ((word >>> (15 - t) & 1) << (bit % 8));
                    }
                }
                at += 16 * 8;
                for (int j = 0; j < 8; j++) {
                    int col = 8 * c + j;
                    at = column(out, at, r0, rows, r -> w.tripleIndices()[r * w.tripleRowBytes() + col]);
                }
            }
            for (int pb = 0; pb < w.twoK() / 32; pb++) {
                for (int j = 0; j < 8; j++) {
                    int col = 8 * pb + j;
                    at = column(out, at, r0, rows, r -> w.pairIndices()[r * w.pairRowBytes() + col]);
                }
            }
        }
        assertEquals(out.length, Math.max(1, at));
        Tl2Avx2Gemv.bindTables(memory, w, x);
    }

    private interface RowByte {
        byte of(int row);
    }

    private static int column(byte[] out, int at, int r0, int rows, RowByte source) {
        for (int p = 0; p < 64; p++) {
            out[at + p] = r0 + p < rows ? source.of(r0 + p) : 0;
        }
        return at + 64;
    }

    private static int signWord(Tl2Weights w, int row, int c) {
        int start = row * w.signRowBytes() + 2 * c;
        return (w.tripleSigns()[start] & 0xFF) | (w.tripleSigns()[start + 1] & 0xFF) << 8;
    }
}
