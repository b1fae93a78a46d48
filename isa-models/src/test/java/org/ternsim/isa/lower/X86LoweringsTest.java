// Every x86 lowering is bit-exact against the functional engine on random and edge data at awkward and 2B4T shapes.
package org.ternsim.isa.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class X86LoweringsTest {

    /** Lowerings at non-default tuning parameters (the defaults run in bitnetShapeIsBitExact), so the parameters are exercised. */
    static List<GemvLowering> lowerings() {
        return List.of(new I2s1xnAvx2Lowering(2, 16), new I2s1xnAvx2Lowering(3, 5), new I2s1xnAvx2Lowering(8, 32),
            new I2s1xnAvx2Lowering(5, 16), new I2sVnniLowering(1),
            new I2sVnniLowering(3), new Tl2Avx2Lowering(48), new Tl2Avx2Lowering(240),
            new BaselineAvx2Lowering(org.ternsim.kernels.baseline.BlockFormat.TQ2_0),
            new BaselineAvx2Lowering(org.ternsim.kernels.baseline.BlockFormat.Q4_0),
            new BaselineAvx2Lowering(org.ternsim.kernels.baseline.BlockFormat.F16),
            // T-MAC / a4.8 / W1.58A16 / sparse on AVX2 at non-default parameters
            new TmacAvx2Lowering(32), new I2sInt4Avx2Lowering(7),
            new TernaryA16Avx2Lowering(3, org.ternsim.kernels.gemv.A16Format.BF16), new SparseAvx2Lowering(8));
    }

    /** Small awkward shapes: rows 1, 3, 17 and the valid K nearest the DESIGN.md list for each kernel. */
    static Stream<Arguments> awkward() {
        return lowerings().stream().flatMap(l -> Stream.of(1, 3, 17).flatMap(rows -> validCols(l).stream()
            .map(cols -> Arguments.of(l, rows, cols))));
    }

    static List<Integer> validCols(GemvLowering l) {
        List<Integer> out = new java.util.ArrayList<>();
        for (int k : new int[] {1, 3, 15, 17, 31, 33, 127, 129, 255, 257, 1000}) {
            for (int d = 0; d < 512; d++) {
                int c = k + d;
                try {
                    l.checkShape(1, c);
                    if (!out.contains(c)) {
                        out.add(c);
                    }
                    break;
                } catch (IllegalArgumentException e) {
                    // try the next K
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {1}x{2}")
    @MethodSource("awkward")
    void awkwardShapesAreBitExact(GemvLowering l, int rows, int cols) {
        assertEquals(0, LoweringRunner.mismatches(l, rows, cols, 7, l.semantics()));
    }

    /** 640 x 2560 (2B4T k/v projections) for every lowering, and the down projection's K = 6912 on 64 rows. */
    static Stream<Arguments> bitnetShapes() {
        return GemvLowerings.all().stream().filter(l -> l.isa().equals("avx2") || l.isa().equals("avx512"))
            .flatMap(l -> Stream.of(Arguments.of(l, 640, 2560), Arguments.of(l, 64, 6912)));
    }

    /** 2B4T-width GEMVs per registered x86 lowering, random data only, against scalar and vector. */
    @ParameterizedTest(name = "{0} {1}x{2}")
    @MethodSource("bitnetShapes")
    void bitnetShapeIsBitExact(GemvLowering l, int rows, int cols) {
        GemvOperands d = l.random(rows, cols, 3);
        float[] out = LoweringRunner.run(l.lower(rows, cols), d, l.semantics());
        assertEquals(0, LoweringRunner.mismatches(d.scalar(), out), "vs scalar");
        if (d.vector() != null) {
            assertEquals(0, LoweringRunner.mismatches(d.vector(), out), "vs vector");
        }
        if (d.lossless()) {
            assertEquals(0, LoweringRunner.mismatches(d.exact(), out), "vs exact");
        }
    }

    @org.junit.jupiter.api.Test
    void everyX86KernelIsRegistered() {
        List<String> names = GemvLowerings.all().stream().map(l -> l.kernel() + "/" + l.isa()).toList();
        for (String k : List.of("i2_s/avx2", "i2_s-1xn/avx2", "i2_s-vnni/avx512", "tl2/avx2", "tq2_0/avx2", "q4_0/avx2", "f16/avx2",
                "tmac/avx2", "i2_s-int4/avx2", "ternary-a16/avx2", "i2_s-sparse/avx2")) {
            assertTrue(names.contains(k), k + " in " + names);
        }
        assertFalse(names.isEmpty());
    }

    @org.junit.jupiter.api.Test
    void everyX86ProgramSurvivesThePrintParseRoundTrip() {
        for (GemvLowering l : lowerings()) {
            org.ternsim.isa.Program p = l.lower(33, validCols(l).get(validCols(l).size() - 1));
            String text = org.ternsim.isa.AsmText.print(p);
            assertEquals(p, org.ternsim.isa.AsmText.parse(text), l.kernel());
        }
    }
}
