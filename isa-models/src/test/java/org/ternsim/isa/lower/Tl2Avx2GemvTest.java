// The TL2 AVX2 binder against the per-byte binder it replaced.
package org.ternsim.isa.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ternsim.isa.MachineState;
import org.ternsim.isa.Memory;
import org.ternsim.kernels.lut.Tl2Weights;
import org.ternsim.kernels.quant.Int8Activations;

class Tl2Avx2GemvTest {

    /**
     * Every region the binder writes equals what the straightforward per-byte binder it replaced (kept below) wrote,
     * with the new binder's weight region full of garbage first: padded last blocks (M not a multiple of 32, M below 8, 16,
     * 24), whole blocks, pairs only, triples only, several pair blocks, every BK, 2560x2560.
     */
    @ParameterizedTest(name = "{0}x{1} bk{2}")
    @CsvSource({"1, 32, 96", "7, 96, 96", "15, 80, 48", "23, 480, 48", "32, 224, 96", "33, 144, 144", "64, 2560, 96",
        "65, 272, 240", "95, 2560, 192", "129, 1056, 240", "2560, 2560, 96"})
    void bindsAsThePerByteBinder(int rows, int cols, int bk) {
        Tl2BinderCheck.bindsAsReference(new Tl2Avx2Lowering(bk).lower(rows, cols), rows, cols, bk, 31, Tl2Avx2Gemv::bind,
            Tl2Avx2GemvTest::referenceBind);
    }

    private static final int[] GROUP_AT_POSITION = {0, 2, 1, 3};

    /** The first AVX2 TL2 binder: column by column, one lambda call per row byte. */
    private static void referenceBind(Memory memory, Tl2Weights w, Int8Activations x) {
        int rows = w.rows();
        int bk = w.bk();
        byte[] out = memory.bytes("weights");
        int at = 0;
        for (int r0 = 0; r0 < Tl2Avx2Gemv.paddedRows(rows); r0 += 32) {
            for (int c = 0; c < w.triples() / 16; c++) {
                for (int row = 0; row < 32; row++) {
                    int word = signWord(w, r0 + row, c);
                    MachineState.putShort(out, (at + (row < 16 ? 0 : 32)) / 2 + row % 16, word);
                }
                at += 64;
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
        assertEquals(Tl2Avx2Gemv.blockBytes(w.cols(), bk) * Tl2Avx2Gemv.paddedRows(rows) / 32, at);
        Tl2Avx2Gemv.bindTables(memory, w, x);
        Arrays.fill(memory.bytes("consts"), (byte) 0x0F);
    }

    private interface RowByte {
        byte of(int row);
    }

    private static int column(byte[] out, int at, int r0, int rows, RowByte source) {
        for (int p = 0; p < 32; p++) {
            int row = r0 + 8 * GROUP_AT_POSITION[p / 8] + p % 8;
            out[at + p] = row < rows ? source.of(row) : 0;
        }
        return at + 32;
    }

    private static int signWord(Tl2Weights w, int row, int word) {
        if (row >= w.rows()) {
            return 0;
        }
        int start = row * w.signRowBytes() + 2 * word;
        return (w.tripleSigns()[start] & 0xFF) | (w.tripleSigns()[start + 1] & 0xFF) << 8;
    }
}
