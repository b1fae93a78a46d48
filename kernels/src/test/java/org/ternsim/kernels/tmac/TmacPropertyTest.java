// Random shapes, activation groups and data: pack/unpack round trips and Panama == scalar bit for bit at every width.
package org.ternsim.kernels.tmac;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.ternsim.kernels.quant.IntWeights;
import org.ternsim.kernels.quant.TernaryWeights;

class TmacPropertyTest {

    @Property(tries = 100)
    void panamaEqualsScalar(@ForAll @IntRange(min = 1, max = 70) int rows,
                            @ForAll @IntRange(min = 1, max = 4) int groupQuanta,
                            @ForAll @IntRange(min = 1, max = 6) int actGroups,
                            @ForAll @IntRange(min = 0, max = 3) int dataKind,
                            @ForAll boolean fourPlanes,
                            @ForAll long seed) {
        assertPanamaMatches(rows, 32 * groupQuanta, actGroups, dataKind, seed, fourPlanes ? 4 : 2);
    }

    /** Random weights of {@code bits} planes (2: trits) and activations of {@code dataKind}: scalar == Panama. */
    private static void assertPanamaMatches(int rows, int group, int actGroups, int dataKind, long seed, int bits) {
        Random random = new Random(seed);
        int cols = group * actGroups;
        TmacWeights w = bits == 2 ? TmacPacker.pack(TmacFixtures.randomTrits(random, rows, cols))
            : TmacPacker.pack(TmacFixtures.randomInts(random, rows, cols, bits));
        float[] x = activations(random, cols, dataKind);
        TmacFixtures.assertPanamaMatches(w, TmacTables.build(x, group),
                "w" + bits + " " + rows + "x" + cols + " group " + group + " kind " + dataKind);
    }

    @Property(tries = 100)
    void int4PackUnpackRoundTrips(@ForAll @IntRange(min = 1, max = 20) int rows,
                                  @ForAll @IntRange(min = 1, max = 40) int bytes,
                                  @ForAll long seed) {
        IntWeights w = TmacFixtures.randomInts(new Random(seed), rows, 8 * bytes, 4);
        IntWeights back = TmacPacker.unpackInts(TmacPacker.pack(w));
        assertArrayEquals(w.values(), back.values());
        assertEquals(w.scale(), back.scale());
    }

    @Property(tries = 100)
    void packUnpackRoundTrips(@ForAll @IntRange(min = 1, max = 20) int rows,
                              @ForAll @IntRange(min = 1, max = 40) int bytes,
                              @ForAll long seed) {
        TernaryWeights t = TmacFixtures.randomTrits(new Random(seed), rows, 8 * bytes);
        TernaryWeights back = TmacPacker.unpack(TmacPacker.pack(t));
        assertArrayEquals(t.trits(), back.trits());
        assertEquals(t.scale(), back.scale());
    }

    @Property(tries = 100)
    void tablesAreMirrorSymmetricAndBounded(@ForAll @IntRange(min = 1, max = 8) int actGroups,
                                            @ForAll @IntRange(min = 0, max = 3) int dataKind,
                                            @ForAll long seed) {
        Random random = new Random(seed);
        float[] x = activations(random, 64 * actGroups, dataKind);
        TmacLut lut = TmacTables.build(x);
        for (int i = 0; i < x.length / 4; i++) {
            for (int g = 0; g < 16; g++) {
                assertEquals(-lut.entry(i, 15 - g), lut.entry(i, g));
                assertEquals(true, Math.abs(lut.entry(i, g)) <= 127);
            }
        }
    }

    /** 0: N(0,1); 1: N(0,1) with outliers; 2: tiny and huge magnitudes; 3: constants with exact .5 ties. */
    private static float[] activations(Random random, int cols, int kind) {
        float[] x = TmacFixtures.gaussian(random, cols);
        for (int k = 0; k < cols; k++) {
            switch (kind) {
                case 1:
                    if (random.nextInt(50) == 0) {
                        x[k] *= 100;
                    }
                    break;
                case 2:
                    x[k] *= random.nextBoolean() ? 1e-20f : 1e20f;
                    break;
                case 3:
                    x[k] = random.nextBoolean() ? 0.5f : -0.5f;
                    break;
                default:
            }
        }
        return x;
    }
}
