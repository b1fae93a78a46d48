// The activation-sparse NEON lowerings (sdot on 4 compressed columns; smlal with int16 widening) equal the engine bit for bit.
package org.ternsim.isa.lower;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ternsim.isa.MachineState;
import org.ternsim.isa.Memory;
import org.ternsim.isa.Program;
import org.ternsim.isa.Region;
import org.ternsim.isa.arm.ArmFaults;
import org.ternsim.kernels.quant.Int8Activations;
import org.ternsim.kernels.quant.TernaryQuantizer;
import org.ternsim.kernels.sparse.ColumnTernaryWeights;

class SparseNeonGemvTest {

    /** Padded planes (M not a multiple of 64), several row blocks, K from 1 to 2B4T widths, both variants. */
    @ParameterizedTest(name = "{0}x{1} dotprod={2}")
    @CsvSource({"1, 1, true", "1, 1, false", "3, 15, true", "17, 33, false", "33, 129, true", "127, 257, false",
        "129, 1000, true", "129, 1000, false", "640, 2560, true", "640, 2560, false", "96, 6912, true",
        "65, 300, false"})
    void equalsTheEngineOnRandomAndEdgeData(int rows, int cols, boolean dotprod) {
        SparseNeonLowering l = new SparseNeonLowering(dotprod);
        Program p = l.lower(rows, cols);
        for (GemvOperands d : l.dataSets(rows, cols, 9)) {
            float[] y = GemvRun.run(p, l.semantics(), d);
            assertArrayEquals(d.scalar(), y, d.description());
            assertArrayEquals(d.vector(), y, d.description() + " vs " + d.vectorName());
        }
    }

    /**
     * 0-5 non-zero columns (partial and whole groups), dense, and the int16 bound: 128 and 129+ columns of
     * code 2 x -128 = -256 between widenings (K = 300 dense reaches both).
     */
    @ParameterizedTest(name = "dotprod={0}")
    @CsvSource({"true", "false"})
    void everyGroupRemainderTheDenseCaseAndTheWideningBound(boolean dotprod) {
        SparseNeonLowering l = new SparseNeonLowering(dotprod);
        for (int cols : new int[] {1, 4, 37, 300}) {
            Program p = l.lower(70, cols);
            for (int nz : new int[] {0, 1, 2, 3, 4, 5, 128, 129, cols}) {
                if (nz > cols) {
                    continue;
                }
                GemvOperands d = SparseAvx512GemvTest.withNonZero(70, cols, nz, nz + 31L * cols)
                    .boundAs(SparseNeonGemv.BINDING);
                assertArrayEquals(d.scalar(), GemvRun.run(p, l.semantics(), d), d.description());
            }
        }
    }

    @ParameterizedTest(name = "{0} dotprod={1}")
    @CsvSource({"ldrb-reads-next-byte, true", "strb-stores-bits-15-8, false", "ld1r-first-lane-only, true",
        "ld1r-first-lane-only, false", "lsr-one-short, true", "sdot-no-accumulate, true", "smlal-no-widening, false",
        "ushr-arithmetic, true"})
    void aWrongSemanticsFailsValidation(String fault, boolean dotprod) {
        SparseNeonLowering l = new SparseNeonLowering(dotprod);
        assertTrue(GemvRun.allExact(l, l.semantics(), 33, 300, 5));
        boolean exact;
        try {
            exact = GemvRun.allExact(l, ArmFaults.inject(l.semantics(), fault), 33, 300, 5);
        } catch (org.ternsim.isa.Memory.MemoryFault e) {
            exact = false; // a list pointer run past its region: caught, as X86FaultsTest counts it
        }
        assertFalse(exact, fault);
    }

    /**
     * The binder's bytes equal those of the byte-by-byte binder it replaced (kept below), over regions full of garbage:
     * shapes whose plane size is the engine's (with and without padding rows, several row blocks, 2560 x 2560) and
     * shapes whose is not; packed weights with garbage in the padding rows' codes, and the engine's own packing.
     */
    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"1, 1", "17, 5", "61, 3", "63, 7", "64, 9", "125, 33", "253, 100", "256, 2560", "100, 40",
        "2560, 2560"})
    void bindsAsTheByteByByteBinder(int rows, int cols) {
        Program p = SparseNeonGemv.lower(rows, cols, true);
        Random random = new Random(rows * 31L + cols);
        byte[] garbage = new byte[cols * ColumnTernaryWeights.planeBytes(rows)];
        random.nextBytes(garbage);
        byte[] codes = new byte[cols];
        random.nextBytes(codes);
        Int8Activations act = Int8Activations.of(codes, 3.25f);
        for (ColumnTernaryWeights w : List.of(new ColumnTernaryWeights(rows, cols, garbage, 0.5f),
                ColumnTernaryWeights.pack(TernaryQuantizer.fromTrits(trits(random, rows * cols), rows, cols, 0.75f)))) {
            Memory expected = new Memory(p.regions());
            Memory actual = new Memory(p.regions());
            for (Region r : p.regions()) {
                Arrays.fill(expected.bytes(r.name()), (byte) 0x5A);
                Arrays.fill(actual.bytes(r.name()), (byte) 0x5A);
            }
            referenceBind(expected, w, act);
            SparseNeonGemv.bind(actual, w, act);
            for (Region r : p.regions()) {
                assertArrayEquals(expected.bytes(r.name()), actual.bytes(r.name()), rows + "x" + cols + " " + r.name());
            }
        }
    }

    private static byte[] trits(Random random, int n) {
        byte[] t = new byte[n];
        for (int i = 0; i < n; i++) {
            t[i] = (byte) (random.nextInt(3) - 1);
        }
        return t;
    }

    /** The binder as it was: every byte through packedByte, written to its panel. */
    private static void referenceBind(Memory memory, ColumnTernaryWeights wts, Int8Activations act) {
        int p = SparseNeonGemv.planeBytes(wts.rows());
        byte[] out = memory.bytes("weights");
        for (int k = 0; k < wts.cols(); k++) {
            for (int byteIndex = 0; byteIndex < p; byteIndex++) {
                int packed = SparseAvx2Gemv.packedByte(wts, p, k, byteIndex);
                out[byteIndex / 16 * wts.cols() * 16 + k * 16 + byteIndex % 16] = (byte) packed;
            }
        }
        System.arraycopy(act.codes(), 0, memory.bytes("activations"), 0, act.codes().length);
        byte[] c = memory.bytes("consts");
        MachineState.putInt(c, 0, Float.floatToRawIntBits((float) act.sum()));
        MachineState.putInt(c, 1, Float.floatToRawIntBits(act.scale()));
        MachineState.putInt(c, 2, Float.floatToRawIntBits(wts.scale()));
    }
}
