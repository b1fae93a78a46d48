// The Vector API kernel equals the scalar reference bit for bit at 128, 256 and 512 bits, on awkward and real shapes.
package org.ternsim.kernels.gemv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ternsim.kernels.format.I2sLayout;
import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.quant.Int8Activations;

class PanamaI2sGemvTest {

    private static final int[] ROWS = {1, 3, 15, 16, 17, 31, 33, 127, 128, 129, 255, 256, 257, 1000};
    /** Valid K nearest the DESIGN sizes; the ARM extras leave a tail at every width (or are all tail). */
    private static final int[] COLS = {128, 256, 384, 1024, 2560, 6912};
    private static final int[] ARM_EXTRA_COLS = {64, 192, 320};
    /** Largest M x K per species, so the module's tests stay fast; smaller shapes run at every M. */
    private static final long MAX_VALUES = 300_000;

    private final I2sGemv scalar = new ScalarI2sGemv();

    static Stream<Arguments> speciesAndLayouts() {
        List<Arguments> cases = new ArrayList<>();
        for (VectorSpecies<Byte> species : GemvFixtures.SPECIES) {
            for (I2sLayout layout : I2sLayout.values()) {
                cases.add(Arguments.of(species, layout));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("speciesAndLayouts")
    void equalsScalarOnAwkwardShapes(VectorSpecies<Byte> species, I2sLayout layout) {
        I2sGemv panama = new PanamaI2sGemv(species);
        Random random = new Random(species.vectorBitSize() * 31L + layout.ordinal());
        for (int rows : ROWS) {
            for (int cols : layout == I2sLayout.ARM_64 ? concat(COLS, ARM_EXTRA_COLS) : COLS) {
                if (rows > 1 && (long) rows * cols > MAX_VALUES) {
                    continue;
                }
                I2sWeights w = GemvFixtures.pack(GemvFixtures.randomTrits(random, rows, cols), layout);
                assertSameOutputs(panama, w, GemvFixtures.randomCodes(random, cols), rows + "x" + cols);
            }
        }
    }

    @Test
    void equalsScalarOnModelShapes() {
        Random random = new Random(2560);
        I2sWeights w = GemvFixtures.pack(GemvFixtures.randomTrits(random, 1000, 6912), I2sLayout.X86_128);
        Int8Activations x = GemvFixtures.randomCodes(random, 6912);
        for (VectorSpecies<Byte> species : GemvFixtures.SPECIES) {
            assertSameOutputs(new PanamaI2sGemv(species), w, x, "1000x6912");
        }
    }

    @ParameterizedTest
    @MethodSource("speciesAndLayouts")
    void equalsScalarOnBoundaryData(VectorSpecies<Byte> species, I2sLayout layout) {
        I2sGemv panama = new PanamaI2sGemv(species);
        for (int cols : new int[] {128, 6912}) {
            for (int trit = -1; trit <= 1; trit++) {
                I2sWeights w = GemvFixtures.pack(GemvFixtures.constantTrits(3, cols, trit), layout);
                for (byte[] codes : boundaryCodes(cols)) {
                    Int8Activations x = Int8Activations.of(codes, 127f);
                    assertSameOutputs(panama, w, x, "K=" + cols + " trit " + trit);
                    long expected = (long) (trit + 1) * x.sum();
                    assertEquals(expected, panama.dotRaw(w, 2, codes), "K=" + cols + " trit " + trit);
                }
            }
        }
    }

    @Test
    void worstCaseMagnitudeIsExact() {
        // All +1 (code 2) x all -128 is the most negative sum: -256 K.
        int cols = 6912;
        I2sWeights w = GemvFixtures.pack(GemvFixtures.constantTrits(1, cols, 1), I2sLayout.X86_128);
        byte[] codes = new byte[cols];
        java.util.Arrays.fill(codes, Byte.MIN_VALUE);
        for (VectorSpecies<Byte> species : GemvFixtures.SPECIES) {
            assertEquals(-256 * cols, new PanamaI2sGemv(species).dotRaw(w, 0, codes));
        }
    }

    @Test
    void namesItsWidthAndRejectsOthers() {
        assertEquals("panama/256-bit", new PanamaI2sGemv(ByteVector.SPECIES_256).name());
        assertThrows(IllegalArgumentException.class, () -> new PanamaI2sGemv(ByteVector.SPECIES_64));
    }

    private void assertSameOutputs(I2sGemv panama, I2sWeights w, Int8Activations x, String what) {
        float[] expected = new float[w.rows()];
        float[] actual = new float[w.rows()];
        scalar.gemv(w, x, expected);
        panama.gemv(w, x, actual);
        for (int row = 0; row < w.rows(); row++) {
            assertEquals(Float.floatToRawIntBits(expected[row]), Float.floatToRawIntBits(actual[row]),
                    panama.name() + " " + w.layout() + " " + what + " row " + row);
        }
        int last = w.rows() - 1;
        assertEquals(scalar.dotRaw(w, last, x.codes()), panama.dotRaw(w, last, x.codes()), what);
    }

    private static List<byte[]> boundaryCodes(int cols) {
        byte[] max = new byte[cols];
        byte[] min = new byte[cols];
        byte[] mixed = new byte[cols];
        for (int k = 0; k < cols; k++) {
            max[k] = Byte.MAX_VALUE;
            min[k] = Byte.MIN_VALUE;
            mixed[k] = k % 3 == 0 ? Byte.MIN_VALUE : k % 3 == 1 ? Byte.MAX_VALUE : 0;
        }
        return List.of(max, min, mixed);
    }

    private static int[] concat(int[] a, int[] b) {
        int[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
