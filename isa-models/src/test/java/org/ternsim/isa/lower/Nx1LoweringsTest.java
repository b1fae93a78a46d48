// The AVX2 and NEON-dotprod Nx1 GEMM lowerings are bit-exact against the engine's GEMM at any N and awkward shapes.
package org.ternsim.isa.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ternsim.isa.Program;
import org.ternsim.isa.uarch.Microarchitecture;
import org.ternsim.isa.uarch.UarchLoader;

class Nx1LoweringsTest {

    static List<GemvLowering> lowerings() {
        return List.of(new I2sNx1Avx2Lowering(1, 16), new I2sNx1Avx2Lowering(3, 16), I2sNx1Avx2Lowering.defaults(),
            new I2sNx1Avx2Lowering(4, 1), new I2sNx1NeonLowering(1), new I2sNx1NeonLowering(5),
            new I2sNx1NeonLowering(8));
    }

    /** Rows 1, 3 and 17 at the awkward K of X86LoweringsTest, plus a K with a widening group and a tail. */
    static Stream<Arguments> shapes() {
        return lowerings().stream().flatMap(l -> Stream.of(1, 3, 17).flatMap(rows -> Stream.concat(
            X86LoweringsTest.validCols(l).stream(), Stream.of(2560)).map(cols -> Arguments.of(l, rows, cols))));
    }

    @ParameterizedTest(name = "{0} {1}x{2}")
    @MethodSource("shapes")
    void bitExactAgainstTheScalarGemm(GemvLowering l, int rows, int cols) {
        assertEquals(0, LoweringRunner.mismatches(l, rows, cols, 5, l.semantics()));
    }

    /** The engine's vector GEMM agrees too, and outputs are N x M (a wrong token stride would fail here). */
    @Test
    void vectorGemmAgreesAndOutputsAreTokenMajor() {
        for (GemvLowering l : List.of(I2sNx1Avx2Lowering.defaults(), new I2sNx1NeonLowering(8))) {
            GemvOperands d = l.random(9, 2560, 3);
            float[] out = LoweringRunner.run(l.lower(9, 2560), d, l.semantics());
            assertEquals(9 * l.activationColumns(), out.length);
            assertEquals(0, LoweringRunner.mismatches(d.vector(), out), l.isa());
            assertTrue(out[0] != out[9], "tokens 0 and 1 differ at row 0");
        }
    }

    /** bitnet.cpp's 32-block widening wraps on all +1 weights x 127 (the exact 16 does not), as for the GEMV. */
    @Test
    void bitnetWideningIntervalWrapsOnAdversarialData() {
        int cols = 128 * 32;
        assertTrue(LoweringRunner.mismatches(new I2sNx1Avx2Lowering(2, 32), 2, cols, 1, org.ternsim.isa.x86
            .X86Semantics.table()) > 0);
        assertEquals(0, LoweringRunner.mismatches(new I2sNx1Avx2Lowering(2, 16), 2, cols, 1, org.ternsim.isa.x86
            .X86Semantics.table()));
    }

    @Test
    void programsSurviveThePrintParseRoundTrip() {
        for (GemvLowering l : lowerings()) {
            Program p = l.lower(17, 2560);
            Program back = l.isa().equals("avx2") ? org.ternsim.isa.AsmText.parse(org.ternsim.isa.AsmText.print(p))
                : org.ternsim.isa.arm.ArmAsmText.parse(org.ternsim.isa.arm.ArmAsmText.print(p));
            assertEquals(p, back, l.toString());
        }
    }

    /**
     * The AVX2 block loop is the one clang 19 -O3 compiles from bitnet.cpp's Nx1 source (docs/validation.md, "The
     * compiled loop"): 46 instructions at N = 4, the 16 activation loads folded into vpmaddubsw, one vmovdqu (the
     * weights), nothing stored in the loop.
     */
    @Test
    void avx2BlockLoopIsTheCompiledOne() {
        Program p = I2sNx1Avx2Lowering.defaults().lower(3, 2560);
        int head = p.labels().get(".Lblock");
        int end = head;
        while (!p.code().get(end).mnemonic().equals("jne")) {
            end++;
        }
        List<org.ternsim.isa.Instruction> body = p.code().subList(head, end + 1);
        assertEquals(46, body.size());
        assertEquals(16, body.stream().filter(in -> in.mnemonic().equals("vpmaddubsw")
            && in.op(2) instanceof org.ternsim.isa.Operand.Mem).count());
        assertEquals(1, body.stream().filter(in -> in.mnemonic().equals("vmovdqu")).count());
        assertTrue(body.stream().noneMatch(in -> !in.operands().isEmpty()
            && in.op(0) instanceof org.ternsim.isa.Operand.Mem), "no store or spill in the loop");
    }

    /** Every form of both programs has a row in each core table that runs the ISA. */
    @Test
    void everyCoreTimesEveryForm() {
        java.util.Set<String> missing = new java.util.TreeSet<>();
        for (String core : List.of("zen3", "zen4", "zen5", "golden-cove", "neoverse-n2", "apple-m2", "cortex-a76")) {
            Microarchitecture m = UarchLoader.load(core);
            boolean arm = core.startsWith("neoverse") || core.startsWith("apple") || core.startsWith("cortex");
            GemvLowering l = arm ? new I2sNx1NeonLowering(8) : I2sNx1Avx2Lowering.defaults();
            for (org.ternsim.isa.Instruction in : l.lower(17, 6912).code()) {
                if (!m.has(in.form())) {
                    missing.add(core + ": " + in.form());
                }
            }
        }
        assertEquals(java.util.Set.of(), missing);
    }

    @Test
    void registeredAndParametersChecked() {
        assertTrue(GemvLowerings.find("i2_s-nx1", "avx2").isPresent());
        assertTrue(GemvLowerings.find("i2_s-nx1", "neon-dotprod").isPresent());
        assertThrows(IllegalArgumentException.class, () -> new I2sNx1Avx2Lowering(5, 16));
        assertThrows(IllegalArgumentException.class, () -> new I2sNx1NeonLowering(9));
        assertThrows(IllegalArgumentException.class, () -> new I2sNx1NeonLowering(8).lower(4, 100));
    }
}
