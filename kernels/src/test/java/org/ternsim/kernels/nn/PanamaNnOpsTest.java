// The Vector API NnOps equals the scalar reference bit for bit at 128, 256 and 512 bits, on awkward sizes and specials.
package org.ternsim.kernels.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.ternsim.kernels.nn.NnFixtures.assertSameBits;

import java.util.Random;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

class PanamaNnOpsTest {

    private final NnOps scalar = new ScalarNnOps();

    @Test
    void equalsScalarOnAwkwardSizes() {
        Random random = new Random(2560);
        for (int n : NnFixtures.SIZES) {
            Inputs in = new Inputs(NnFixtures.gaussian(random, n + 3, 2f), NnFixtures.gaussian(random, n + 3, 1f),
                    NnFixtures.gaussian(random, n + 3, 0.5f));
            for (NnOps panama : NnFixtures.panamaAll()) {
                assertAllOpsEqual(panama, in, n, "n=" + n);
            }
        }
    }

    @Test
    void equalsScalarOnSpecialValues() {
        Random random = new Random(7);
        for (int n : new int[] {1, 3, 17, 33, 129, 257}) {
            for (int special = 0; special < NnFixtures.SPECIALS.length; special += 3) {
                Inputs in = new Inputs(NnFixtures.withSpecials(random, n + 3, special),
                        NnFixtures.withSpecials(random, n + 3, special + 1),
                        NnFixtures.withSpecials(random, n + 3, special + 2));
                for (NnOps panama : NnFixtures.panamaAll()) {
                    assertAllOpsEqual(panama, in, n, "n=" + n + " specials from " + special);
                }
            }
        }
    }

    @Test
    void equalsScalarOnEveryFullRowOfOneSpecial() {
        for (float v : NnFixtures.SPECIALS) {
            float[] x = new float[40];
            java.util.Arrays.fill(x, v);
            Inputs in = new Inputs(x, x.clone(), x.clone());
            for (NnOps panama : NnFixtures.panamaAll()) {
                assertAllOpsEqual(panama, in, 37, "all " + v);
            }
        }
    }

    @Test
    void inPlaceAtAnOffsetEqualsScalar() {
        Random random = new Random(11);
        for (int n : new int[] {5, 16, 33, 257}) {
            float[] x = NnFixtures.gaussian(random, n + 6, 4f);
            float[] softmax = x.clone();
            float[] gelu = x.clone();
            float[] norm = x.clone();
            scalar.softmax(softmax, 3, n);
            scalar.gelu(gelu, 3, gelu, 3, n);
            scalar.layerNorm(norm, 3, NnOps.LAYER_NORM_EPS_FLUX, norm, 3, n);
            for (NnOps panama : NnFixtures.panamaAll()) {
                float[] y = x.clone();
                panama.softmax(y, 3, n);
                assertSameBits(softmax, y, panama.name() + " softmax n=" + n);
                y = x.clone();
                panama.gelu(y, 3, y, 3, n);
                assertSameBits(gelu, y, panama.name() + " gelu n=" + n);
                y = x.clone();
                panama.layerNorm(y, 3, NnOps.LAYER_NORM_EPS_FLUX, y, 3, n);
                assertSameBits(norm, y, panama.name() + " layerNorm n=" + n);
            }
        }
    }

    @Test
    void selectedIsTheVectorKernelWhenTheModuleIsPresent() {
        // Surefire adds jdk.incubator.vector, so unless -Dternsim.kernels=scalar is set the Panama family loads.
        NnOps selected = NnOps.selected();
        assertEquals(selected, NnOps.selected(), "chosen once");
        if (System.getProperty("ternsim.kernels") == null) {
            assertEquals(PanamaNnOps.class, selected.getClass());
        }
    }

    @Test
    void namesItsWidthAndRejectsOthers() {
        assertEquals("panama/256-bit", new PanamaNnOps(FloatVector.SPECIES_256).name());
        assertEquals("panama/512-bit", PanamaNnOps.forBits(512).name());
        assertThrows(IllegalArgumentException.class, () -> new PanamaNnOps(FloatVector.SPECIES_64));
    }

    /** Three input rows; every operator reads them from offset 3 so aligned and unaligned loads both occur. */
    private record Inputs(float[] a, float[] b, float[] c) {
    }

    private void assertAllOpsEqual(NnOps panama, Inputs in, int n, String what) {
        String tag = panama.name() + " " + what;
        int off = in.a().length - n; // 3 for the sized rows, so loads start unaligned
        assertSameBits(scalar.dot(in.a(), off, in.b(), off, n), panama.dot(in.a(), off, in.b(), off, n),
                tag + " dot");
        assertSameBits(scalar.sum(in.a(), off, n), panama.sum(in.a(), off, n), tag + " sum");
        compare(tag + " rmsNorm", n, (ops, out) -> ops.rmsNorm(in.a(), off, in.b(), off, NnOps.RMS_EPS_2B4T, out, 0,
                n));
        compare(tag + " layerNorm", n, (ops, out) -> ops.layerNorm(in.a(), off, NnOps.LAYER_NORM_EPS_FLUX, out, 0,
                n));
        compare(tag + " reluSquaredGlu", n, (ops, out) -> ops.reluSquaredGlu(in.a(), off, in.b(), off, out, 0, n));
        compare(tag + " swiGlu", n, (ops, out) -> ops.swiGlu(in.a(), off, in.b(), off, out, 0, n));
        compare(tag + " gelu", n, (ops, out) -> ops.gelu(in.a(), off, out, 0, n));
        compare(tag + " adaLn", n, (ops, out) -> ops.adaLnModulate(in.a(), off, in.b(), off, in.c(), off, out, 0,
                n));
        compare(tag + " softmax", n, (ops, out) -> {
            System.arraycopy(in.a(), off, out, 0, n);
            ops.softmax(out, 0, n);
        });
        int rows = Math.min(n, 9);
        int dim = n / rows;
        compare(tag + " weightedRowSum", dim, (ops, out) -> ops.weightedRowSum(in.c(), off, rows, in.a(), off, dim,
                out, 0, dim));
    }

    private interface Op {
        void run(NnOps ops, float[] out);
    }

    private void compare(String what, int n, Op op) {
        float[] expected = new float[n];
        op.run(scalar, expected);
        for (NnOps panama : NnFixtures.panamaAll()) {
            if (what.startsWith(panama.name())) {
                float[] actual = new float[n];
                op.run(panama, actual);
                assertSameBits(expected, actual, what);
            }
        }
    }
}
