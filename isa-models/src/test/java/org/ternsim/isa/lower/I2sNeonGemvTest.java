// The I2_S NEON lowerings (smlal and sdot) equal the functional engine bit for bit; bitnet.cpp's interval wraps.
package org.ternsim.isa.lower;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.ternsim.isa.Program;
import org.ternsim.isa.arm.ArmSemantics;

class I2sNeonGemvTest {

    static List<I2sNeonLowering> variants() {
        return List.of(I2sNeonLowering.defaults(false), I2sNeonLowering.defaults(true),
            new I2sNeonLowering(false, 4, 64), new I2sNeonLowering(false, 2, 7), new I2sNeonLowering(true, 4, 1));
    }

    /** Awkward shapes: K is whole 64-blocks nearest the awkward sizes (64, 128, 192, 256, 1024, 2560, 6912). */
    static List<Arguments> awkward() {
        int[][] shapes = {{1, 64}, {3, 128}, {17, 192}, {15, 256}, {2, 1024}, {1, 2560}, {1, 6912}, {33, 64}};
        List<Arguments> out = new java.util.ArrayList<>();
        for (I2sNeonLowering l : variants()) {
            for (int[] s : shapes) {
                out.add(Arguments.of(l, s[0], s[1]));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {1}x{2}")
    @MethodSource("awkward")
    void equalsTheEngineOnRandomAndEdgeData(I2sNeonLowering l, int rows, int cols) {
        Program p = l.lower(rows, cols);
        for (GemvOperands d : l.dataSets(rows, cols, 11)) {
            float[] y = GemvRun.run(p, l.semantics(), d);
            assertArrayEquals(d.scalar(), y, l + " " + d.description());
            assertArrayEquals(d.vector(), y, l + " " + d.description() + " vs " + d.vectorName());
        }
    }

    /** One GEMV per BitNet b1.58 2B4T shape (kernels.md / workloads.md): qkv/o, k/v, gate/up, down. */
    @ParameterizedTest(name = "2B4T {0}x{1}")
    @MethodSource("twoB4T")
    void equalsTheEngineAt2b4tShapes(int rows, int cols, boolean dotprod) {
        I2sNeonLowering l = I2sNeonLowering.defaults(dotprod);
        GemvOperands d = l.random(rows, cols, 5);
        assertArrayEquals(d.scalar(), GemvRun.run(l.lower(rows, cols), l.semantics(), d));
    }

    static List<Arguments> twoB4T() {
        return List.of(Arguments.of(2560, 2560, true), Arguments.of(640, 2560, false), Arguments.of(6912, 2560, true),
            Arguments.of(2560, 6912, false));
    }

    @Test
    void bitnetWideningIntervalWrapsOnAdversarialData() {
        I2sNeonLowering bitnet = new I2sNeonLowering(false, 1, I2sNeonGemv.BITNET_GROUP_BLOCKS);
        assertFalse(GemvRun.allExact(bitnet, bitnet.semantics(), 2, 64 * 64, 3),
            "32 blocks x 8 products of -256 per int16 lane = -65536 wraps");
        I2sNeonLowering twoAccs = new I2sNeonLowering(false, 2, I2sNeonGemv.BITNET_GROUP_BLOCKS);
        assertTrue(GemvRun.allExact(twoAccs, twoAccs.semantics(), 2, 64 * 64, 3), "4 products per lane per block fit");
    }

    @Test
    void dotprodProgramFailsClearlyWithoutTheFeature() {
        I2sNeonLowering l = I2sNeonLowering.defaults(true);
        GemvOperands d = l.random(1, 64, 1);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
            () -> GemvRun.run(l.lower(1, 64), ArmSemantics.neon(), d));
        assertTrue(e.getMessage().contains("dotprod"));
    }

    @Test
    void shapesAndParametersAreChecked() {
        I2sNeonLowering l = I2sNeonLowering.defaults(false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> l.checkShape(4, 100));
        assertTrue(e.getMessage().contains("multiple of 64") && e.getMessage().contains("nearest valid: 128"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new I2sNeonLowering(false, 3, 16));
        assertThrows(IllegalArgumentException.class, () -> new I2sNeonLowering(true, 8, 16));
        assertEquals("neon-dotprod", I2sNeonLowering.defaults(true).isa());
        assertEquals(List.of("neon", "neon-dotprod"), GemvLowerings.all().stream()
            .filter(x -> x.isa().startsWith("neon") && x.kernel().equals("i2_s")).map(GemvLowering::isa).toList());
    }
}
