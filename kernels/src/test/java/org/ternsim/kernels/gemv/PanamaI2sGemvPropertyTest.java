// Random small shapes and data: the Vector API kernel equals the scalar reference at every width and layout.
package org.ternsim.kernels.gemv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import jdk.incubator.vector.VectorSpecies;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.ternsim.kernels.format.I2sLayout;
import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.quant.Int8Activations;

class PanamaI2sGemvPropertyTest {

    @Property(tries = 250)
    void panamaEqualsScalar(@ForAll @IntRange(min = 1, max = 40) int rows,
                            @ForAll @IntRange(min = 1, max = 24) int blocks,
                            @ForAll I2sLayout layout,
                            @ForAll long seed) {
        Random random = new Random(seed);
        int cols = blocks * layout.blockSize();
        I2sWeights w = GemvFixtures.pack(GemvFixtures.randomTrits(random, rows, cols), layout);
        Int8Activations x = GemvFixtures.randomCodes(random, cols);
        float[] expected = new float[rows];
        new ScalarI2sGemv().gemv(w, x, expected);
        for (VectorSpecies<Byte> species : GemvFixtures.SPECIES) {
            float[] actual = new float[rows];
            new PanamaI2sGemv(species).gemv(w, x, actual);
            for (int row = 0; row < rows; row++) {
                assertEquals(Float.floatToRawIntBits(expected[row]), Float.floatToRawIntBits(actual[row]),
                        species + " " + layout + " " + rows + "x" + cols + " row " + row);
            }
        }
    }
}
