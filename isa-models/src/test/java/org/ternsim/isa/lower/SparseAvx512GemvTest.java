// The activation-sparse AVX-512 lowering (compress + vpdpbusd) equals the functional engine bit for bit.
package org.ternsim.isa.lower;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ternsim.isa.Faults;
import org.ternsim.isa.Program;
import org.ternsim.kernels.quant.Int8Activations;
import org.ternsim.kernels.quant.TernaryQuantizer;
import org.ternsim.kernels.sparse.ColumnTernaryWeights;

class SparseAvx512GemvTest {

    /** Random trits; activations with {@code nonZero} of the K codes non-zero (the first ones), extremes included. */
    static SparseOperands withNonZero(int rows, int cols, int nonZero, long seed) {
        Random r = new Random(seed);
        byte[] trits = new byte[rows * cols];
        for (int i = 0; i < trits.length; i++) {
            trits[i] = (byte) (r.nextInt(3) - 1);
        }
        byte[] codes = new byte[cols];
        for (int k = 0; k < nonZero; k++) {
            int q = k % 3 == 0 ? -128 : k % 3 == 1 ? 127 : r.nextInt(255) - 127;
            codes[k] = (byte) (q == 0 ? 1 : q);
        }
        return new SparseOperands(nonZero + " of " + cols + " activations non-zero",
            ColumnTernaryWeights.pack(TernaryQuantizer.fromTrits(trits, rows, cols, 0.75f)),
            Int8Activations.of(codes, 127f / 3.5f));
    }

    /** Padded planes (M not a multiple of 256), several row blocks, K with and without a partial 16 at the end. */
    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"1, 1", "3, 15", "17, 16", "33, 17", "127, 31", "129, 33", "255, 257", "257, 1000", "640, 2560",
        "1000, 129", "2560, 640", "96, 6912"})
    void equalsTheEngineOnRandomAndEdgeData(int rows, int cols) {
        SparseAvx512Lowering l = new SparseAvx512Lowering();
        Program p = l.lower(rows, cols);
        for (GemvOperands d : l.dataSets(rows, cols, 9)) {
            float[] y = GemvRun.run(p, l.semantics(), d);
            assertArrayEquals(d.scalar(), y, d.description());
            assertArrayEquals(d.vector(), y, d.description() + " vs " + d.vectorName());
        }
    }

    /** No, one, two, three, four non-zero columns (partial and whole groups of 4), a dense vector, and all zero. */
    @Test
    void everyGroupRemainderAndTheDenseAndEmptyCases() {
        SparseAvx512Lowering l = new SparseAvx512Lowering();
        for (int cols : new int[] {1, 4, 16, 37}) {
            Program p = l.lower(70, cols);
            List<Integer> counts = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, cols));
            for (int nz : counts) {
                if (nz > cols) {
                    continue;
                }
                GemvOperands d = withNonZero(70, cols, nz, nz + 31L * cols).boundAs(SparseAvx512Gemv.BINDING);
                assertArrayEquals(d.scalar(), GemvRun.run(p, l.semantics(), d), d.description());
            }
        }
    }

    /** Logical byte 16 s + i sits where the in-lane unpacks of 4 columns bring it to dword i of register j(s). */
    @Test
    void theBlockPermutationIsABijectionThatInvertsTheTranspose() {
        boolean[] seen = new boolean[64];
        for (int logical = 0; logical < 64; logical++) {
            int phys = SparseAvx512Gemv.physical(logical);
            assertFalse(seen[phys]);
            seen[phys] = true;
            // unpack output j, dword i reads physical byte 16 (i / 4) + 4 j + i % 4 of each column
            int j = SparseAvx512Gemv.REGISTER_OF[logical / 16];
            int i = logical % 16;
            assertEquals(16 * (i / 4) + 4 * j + i % 4, phys);
        }
        assertEquals(256, SparseAvx512Gemv.planeBytes(1000));
        assertEquals(64, SparseAvx512Gemv.planeBytes(1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"vptestmb-ignores-high-bits", "vpcompressb-keeps-positions", "vpcompressd-one-short",
        "popcnt-low-byte", "vpdpbusd-three-products", "vpunpcklbw-swapped", "jne-never-taken"})
    void aWrongSemanticsFailsValidation(String fault) {
        SparseAvx512Lowering l = new SparseAvx512Lowering();
        assertTrue(GemvRun.allExact(l, l.semantics(), 33, 300, 5));
        assertFalse(GemvRun.allExact(l, Faults.require(fault).inject(l.semantics()), 33, 300, 5), fault);
    }
}
