// The AVX-512 lowerings (VBMI TL2, baselines, Nx1, int4, W1.58A16) at non-default parameters and awkward shapes are bit-exact.
package org.ternsim.isa.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Avx512LoweringsTest {

    static List<GemvLowering> lowerings() {
        return List.of(new Tl2VbmiLowering(48), new Tl2VbmiLowering(240),
            new BaselineAvx512Lowering(org.ternsim.kernels.baseline.BlockFormat.TQ2_0),
            new BaselineAvx512Lowering(org.ternsim.kernels.baseline.BlockFormat.Q4_0),
            new BaselineAvx512Lowering(org.ternsim.kernels.baseline.BlockFormat.F16),
            new I2sNx1VnniLowering(1, 1), new I2sNx1VnniLowering(7, 3), new I2sNx1VnniLowering(8, 8),
            new I2sInt4Avx512Lowering(1), new I2sInt4Avx512Lowering(3), new I2sInt4Avx512Lowering(8),
            new TernaryA16Avx512Lowering(1, org.ternsim.kernels.gemv.A16Format.F16),
            new TernaryA16Avx512Lowering(3, org.ternsim.kernels.gemv.A16Format.BF16),
            new TernaryA16Avx512Lowering(4, org.ternsim.kernels.gemv.A16Format.F16));
    }

    /** Rows 1, 3, 17 and 65 (a second, partly padded 64-row block) at the awkward K of X86LoweringsTest. */
    static Stream<Arguments> awkward() {
        return lowerings().stream().flatMap(l -> Stream.of(1, 3, 17, 65).flatMap(rows ->
            X86LoweringsTest.validCols(l).stream().map(cols -> Arguments.of(l, rows, cols))));
    }

    @ParameterizedTest(name = "{0} {1}x{2}")
    @MethodSource("awkward")
    void awkwardShapesAreBitExact(GemvLowering l, int rows, int cols) {
        assertEquals(0, LoweringRunner.mismatches(l, rows, cols, 11, l.semantics()));
    }

    @Test
    void programsSurviveThePrintParseRoundTrip() {
        for (GemvLowering l : lowerings()) {
            org.ternsim.isa.Program p = l.lower(65, X86LoweringsTest.validCols(l).get(2));
            assertEquals(p, org.ternsim.isa.AsmText.parse(org.ternsim.isa.AsmText.print(p)), l.kernel());
        }
    }

    /** Every form of every AVX-512 program (loops, set-up and epilogues) has a row in each AVX-512 core table. */
    @Test
    void everyAvx512CoreTimesEveryForm() {
        java.util.Set<String> missing = new java.util.TreeSet<>();
        for (String core : List.of("zen4", "zen5", "zen5-256b", "sapphire-rapids")) {
            org.ternsim.isa.uarch.Microarchitecture m = org.ternsim.isa.uarch.UarchLoader.load(core);
            for (GemvLowering l : GemvLowerings.all()) {
                if (!l.isa().equals("avx512")) {
                    continue;
                }
                for (org.ternsim.isa.Instruction in : l.lower(65, X86LoweringsTest.validCols(l).get(X86LoweringsTest.validCols(l).size() - 1)).code()) {
                    if (!m.has(in.form())) {
                        missing.add(core + ": " + in.form());
                    }
                }
            }
        }
        assertEquals(java.util.Set.of(), missing);
    }

    @Test
    void everyAvx512KernelIsRegistered() {
        List<String> names = GemvLowerings.all().stream().map(l -> l.kernel() + "/" + l.isa()).toList();
        for (String k : List.of("tl2/avx512", "tq2_0/avx512", "q4_0/avx512", "f16/avx512", "i2_s-nx1/avx512", "i2_s-int4/avx512",
                "ternary-a16/avx512")) {
            assertTrue(names.contains(k), k + " in " + names);
        }
    }
}
