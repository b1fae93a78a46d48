// The NEON baseline, int4 and W1.58A16 lowerings are bit-exact against the functional engine on random and edge data.
package org.ternsim.isa.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.ternsim.isa.Program;
import org.ternsim.isa.arm.ArmAsmText;
import org.ternsim.isa.arm.ArmFaults;
import org.ternsim.kernels.baseline.BlockFormat;
import org.ternsim.kernels.gemv.A16Format;

class NeonLoweringsTest {

    /** Every lowering of this family, including non-default parameters (Q4_0 one row a pass, int4 with 2 accumulators, BF16). */
    static List<GemvLowering> lowerings() {
        return List.of(new BaselineNeonLowering(BlockFormat.TQ2_0, false), new BaselineNeonLowering(BlockFormat.TQ2_0, true),
            new BaselineNeonLowering(BlockFormat.Q4_0, false), new BaselineNeonLowering(BlockFormat.Q4_0, true),
            new BaselineNeonLowering(BlockFormat.Q4_0, false, 1), new BaselineNeonLowering(BlockFormat.Q4_0, true, 1),
            new BaselineNeonLowering(BlockFormat.F16, false),
            I2sInt4NeonLowering.defaults(false), I2sInt4NeonLowering.defaults(true), new I2sInt4NeonLowering(false, 2, 3),
            new TernaryA16NeonLowering(A16Format.F16), new TernaryA16NeonLowering(A16Format.BF16));
    }

    static Stream<Arguments> awkward() {
        return lowerings().stream().flatMap(l -> Stream.of(1, 2, 3, 17).flatMap(rows -> X86LoweringsTest.validCols(l)
            .stream().map(cols -> Arguments.of(l, rows, cols))));
    }

    @ParameterizedTest(name = "{0} {1}x{2}")
    @MethodSource("awkward")
    void awkwardShapesAreBitExact(GemvLowering l, int rows, int cols) {
        Program p = l.lower(rows, cols);
        for (GemvOperands d : l.dataSets(rows, cols, 7)) {
            float[] y = LoweringRunner.run(p, d, l.semantics());
            assertEquals(0, LoweringRunner.mismatches(d.scalar(), y), d.description() + " vs scalar");
            assertEquals(0, LoweringRunner.mismatches(d.vector(), y), d.description() + " vs " + d.vectorName());
        }
    }

    /** 2B4T k/v projection (640 x 2560) and the down projection's K (6912 -> 7168 for TQ2_0) on 64 rows. */
    static Stream<Arguments> bitnetShapes() {
        return GemvLowerings.all().stream().filter(l -> lowerings().contains(l))
            .flatMap(l -> Stream.of(Arguments.of(l, 640, 2560), Arguments.of(l, 64, l.kernel().equals("tq2_0") ? 7168 : 6912)));
    }

    @ParameterizedTest(name = "{0} {1}x{2}")
    @MethodSource("bitnetShapes")
    void bitnetShapeIsBitExact(GemvLowering l, int rows, int cols) {
        GemvOperands d = l.random(rows, cols, 3);
        float[] out = LoweringRunner.run(l.lower(rows, cols), d, l.semantics());
        assertEquals(0, LoweringRunner.mismatches(d.scalar(), out), "vs scalar");
        assertEquals(0, LoweringRunner.mismatches(d.vector(), out), "vs vector");
    }

    @Test
    void everyNeonKernelIsRegistered() {
        List<String> names = GemvLowerings.all().stream().map(l -> l.kernel() + "/" + l.isa()).toList();
        for (String k : List.of("tq2_0/neon", "tq2_0/neon-dotprod", "q4_0/neon", "q4_0/neon-dotprod", "f16/neon",
                "i2_s-int4/neon", "i2_s-int4/neon-dotprod", "ternary-a16/neon")) {
            assertTrue(names.contains(k), k + " in " + names);
        }
        assertEquals("ternary-a16/neon", GemvLowerings.forCore("i2_s-a16", List.of("neon-dotprod", "neon")).map(
            l -> l.kernel() + "/" + l.isa()).orElseThrow(), "the workload name of W1.58A16");
        assertEquals("f16/neon", GemvLowerings.forCore("f16", List.of("neon-dotprod", "neon")).map(
            l -> l.kernel() + "/" + l.isa()).orElseThrow());
    }

    @Test
    void everyProgramSurvivesThePrintParseRoundTrip() {
        for (GemvLowering l : lowerings()) {
            Program p = l.lower(3, X86LoweringsTest.validCols(l).get(1));
            assertEquals(p, ArmAsmText.parse(ArmAsmText.print(p)), l.toString());
        }
    }

    /** The int4 widening bound is tight: one block more per group wraps int16 on the +1 x -8 data. */
    @Test
    void int4WideningBoundIsTight() {
        I2sInt4NeonLowering safe = new I2sInt4NeonLowering(false, 1, 256);
        assertTrue(GemvRun.allExact(safe, safe.semantics(), 1, 64 * 257, 1));
        GemvLowering over = new GemvLowering() {
            @Override public String kernel() { return "i2_s-int4"; }
            @Override public String isa() { return "neon"; }
            @Override public org.ternsim.isa.SemanticsTable semantics() { return safe.semantics(); }
            @Override public void checkShape(int rows, int cols) { safe.checkShape(rows, cols); }
            @Override public Program lower(int rows, int cols) {
                return I2sNeonGemv.lower("i2_s-int4", rows, cols, new I2sNeonGemv.Params(false, 1, 257));
            }
            @Override public GemvOperands random(int rows, int cols, long seed) { return safe.random(rows, cols, seed); }
            @Override public List<GemvOperands> dataSets(int rows, int cols, long seed) {
                return safe.dataSets(rows, cols, seed);
            }
        };
        assertFalse(GemvRun.allExact(over, over.semantics(), 1, 64 * 257, 1));
        assertThrows(IllegalArgumentException.class, () -> new I2sInt4NeonLowering(false, 1, 257));
        assertThrows(IllegalArgumentException.class, () -> new BaselineNeonLowering(BlockFormat.F16, true));
    }

    /**
     * A wrong semantics for each new instruction family makes a lowering that uses it fail validation. An unfused
     * {@code fmla} is caught by TmacNeonGemvTest: in F16 x F16 every product is exact in float, so fused and unfused
     * agree.
     */
    @ParameterizedTest(name = "{0} caught by {1}")
    @CsvSource({
        "fcvtl-flushes-subnormals, f16, neon, 3, 64",
        "fcvtl-flushes-subnormals, ternary-a16, neon, 3, 128",
        "fcvtl2-low-half, f16, neon, 3, 64",
        "fcvt-bf16-bits, q4_0, neon-dotprod, 3, 64",
        "saddlp-unsigned, q4_0, neon, 3, 64",
        "saddlp-unsigned, tq2_0, neon-dotprod, 3, 256",
        "ext-ignores-index, f16, neon, 3, 64",
        "shll-no-shift, ternary-a16, neon, 3, 128",
        "bsl-inverted, ternary-a16, neon, 3, 128",
        "fcmeq-nan-equal, ternary-a16, neon, 3, 128",
        "smull-unsigned, q4_0, neon, 3, 64",
        "saddlv-drops-last-lane, tq2_0, neon, 3, 256",
        "sdot-no-accumulate, i2_s-int4, neon-dotprod, 3, 128",
    })
    void aWrongSemanticsFailsValidation(String fault, String kernel, String isa, int rows, int cols) {
        GemvLowering l = GemvLowerings.find(kernel, isa).orElseThrow();
        assertTrue(GemvRun.allExact(l, l.semantics(), rows, cols, 5), "the correct table passes");
        assertFalse(GemvRun.allExact(l, ArmFaults.inject(l.semantics(), fault), rows, cols, 5), fault);
    }
}
