// The Vector API GEMV equals the scalar reference bit for bit at 128, 256 and 512 bits, per format and awkward K.
package org.ternsim.kernels.baseline;

import org.ternsim.kernels.numeric.Fp16;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BaselineGemvTest {

    static final BlockFormat[] WEIGHT_TYPES = {BlockFormat.F32, BlockFormat.F16, BlockFormat.Q8_0, BlockFormat.Q4_0, BlockFormat.Q6_K,
        BlockFormat.TQ2_0, BlockFormat.TQ1_0, BlockFormat.Q2_K};
    private static final int[] DESIGN_SIZES = {1, 3, 15, 16, 17, 31, 33, 127, 128, 129, 255, 256, 257, 1000, 2560, 6912};
    private static final int[] WIDTHS = {128, 256, 512};
    private static final BaselineGemv SCALAR = new ScalarBaselineGemv();

    /** The DESIGN sizes, moved to the nearest whole number of blocks (ties upward), deduplicated. */
    static int[] validSizes(BlockFormat type) {
        int b = type.blockSize();
        return Arrays.stream(DESIGN_SIZES).map(k -> Math.max(b, (k + b / 2) / b * b)).distinct().toArray();
    }

    static float[] gaussian(Random random, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }

    static void assertSameBits(BlockTensor w, BlockTensor x, String what) {
        float[] expected = new float[w.rows()];
        SCALAR.gemv(w, x, expected);
        for (int bits : WIDTHS) {
            BaselineGemv panama = new PanamaBaselineGemv(bits);
            float[] actual = new float[w.rows()];
            panama.gemv(w, x, actual);
            for (int r = 0; r < w.rows(); r++) {
                assertEquals(Float.floatToIntBits(expected[r]), Float.floatToIntBits(actual[r]),
                        panama.name() + " " + w.type() + " " + what + " row " + r);
                if (!Float.isNaN(expected[r])) {
                    assertEquals(Float.floatToRawIntBits(expected[r]), Float.floatToRawIntBits(actual[r]));
                }
            }
            int last = w.rows() - 1;
            assertEquals(Float.floatToIntBits(expected[last]), Float.floatToIntBits(panama.dot(w, last, x)));
        }
    }

    @ParameterizedTest
    @EnumSource(value = BlockFormat.class, names = {"F32", "F16", "Q8_0", "Q4_0", "Q2_K", "Q6_K", "TQ2_0", "TQ1_0"})
    void vectorEqualsScalarOnAwkwardSizes(BlockFormat type) {
        Random random = new Random(type.ordinal());
        for (int k : validSizes(type)) {
            int rows = k > 1024 ? 2 : 5;
            BlockTensor w = BlockTensor.quantize(type, rows, k, gaussian(random, rows * k));
            BlockTensor x = BaselineKernels.quantizeActivations(type, gaussian(random, k));
            assertSameBits(w, x, "K=" + k);
        }
    }

    @ParameterizedTest
    @EnumSource(value = BlockFormat.class, names = {"Q8_0", "Q4_0", "Q2_K", "Q6_K", "TQ2_0", "TQ1_0"})
    void vectorEqualsScalarOnBoundaryBytes(BlockFormat type) {
        int k = 512;
        BlockTensor actMax = activations(type, k, (byte) 127);
        BlockTensor actMin = activations(type, k, (byte) -128);
        Random random = new Random(7);
        for (int fill : new int[] {0x00, 0xFF, 0x80, 0x7F, -1}) {
            byte[] data = new byte[3 * type.rowBytes(k)];
            if (fill < 0) {
                random.nextBytes(data);
            } else {
                Arrays.fill(data, (byte) fill);
            }
            finiteScales(type, data, random);
            BlockTensor w = new BlockTensor(type, 3, k, data);
            assertSameBits(w, actMax, "weights 0x" + Integer.toHexString(fill) + ", activations 127");
            assertSameBits(w, actMin, "weights 0x" + Integer.toHexString(fill) + ", activations -128");
        }
    }

    @Test
    void floatKernelsOnBoundaryValues() {
        int k = 257;
        float[] w = new float[3 * k];
        float[] x = new float[k];
        for (int i = 0; i < w.length; i++) {
            w[i] = i % 3 == 0 ? 65504f : i % 3 == 1 ? -1f : Fp16.toFloat(1); // f16 max, -1, smallest subnormal
        }
        Arrays.fill(x, 1f);
        x[5] = Float.NaN;
        for (BlockFormat type : new BlockFormat[] {BlockFormat.F32, BlockFormat.F16}) {
            assertSameBits(BlockTensor.quantize(type, 3, k, w), BlockTensor.row(type.activationType(), x), "boundary");
            float[] huge = w.clone();
            Arrays.fill(huge, 0, k, Float.POSITIVE_INFINITY);
            assertSameBits(BlockTensor.quantize(type, 3, k, huge), BlockTensor.row(type.activationType(), x),
                "infinity");
        }
    }

    /** Activation blocks of all {@code code} with scale 1 (Q8_0: fp16 1, Q8_K: fp32 1; bsums consistent). */
    private static BlockTensor activations(BlockFormat weightType, int k, byte code) {
        BlockFormat type = weightType.activationType();
        byte[] data = new byte[type.rowBytes(k)];
        for (int b = 0; b < k / type.blockSize(); b++) {
            int off = b * type.blockBytes();
            if (type == BlockFormat.Q8_0) {
                LittleEndian.putF16(data, off, 1f);
                Arrays.fill(data, off + 2, off + 34, code);
            } else {
                LittleEndian.putF32(data, off, 1f);
                Arrays.fill(data, off + 4, off + 260, code);
                for (int j = 0; j < 16; j++) {
                    LittleEndian.put16(data, off + 260 + 2 * j, 16 * code);
                }
            }
        }
        return new BlockTensor(type, 1, k, data);
    }

    /** Overwrites every block's fp16 scale with a finite one, so the float parts compare numbers, not NaNs. */
    static void finiteScales(BlockFormat type, byte[] data, Random random) {
        int at = type == BlockFormat.Q6_K ? 208 : type == BlockFormat.TQ2_0 ? 64 : type == BlockFormat.TQ1_0 ? 52
            : type == BlockFormat.Q2_K ? 80 : 0;
        for (int off = 0; off < data.length; off += type.blockBytes()) {
            LittleEndian.put16(data, off + at, random.nextInt(0x7C00) | (random.nextBoolean() ? 0x8000 : 0));
            if (type == BlockFormat.Q2_K) { // dmin after d
                LittleEndian.put16(data, off + at + 2, random.nextInt(0x7C00) | (random.nextBoolean() ? 0x8000 : 0));
            }
        }
    }

    @Property(tries = 40)
    void randomShapesAndDataAgree(@ForAll @IntRange(min = 0, max = 7) int typeIndex,
                                  @ForAll @IntRange(min = 1, max = 4) int rows,
                                  @ForAll @IntRange(min = 1, max = 12) int blocks, @ForAll long seed) {
        BlockFormat type = WEIGHT_TYPES[typeIndex];
        int k = type.blockSize() == 1 ? blocks * 37 : blocks * type.blockSize(); // float kernels: tails of every length
        Random random = new Random(seed);
        BlockTensor w = BlockTensor.quantize(type, rows, k, gaussian(random, rows * k));
        BlockTensor x = BaselineKernels.quantizeActivations(type, gaussian(random, k));
        assertSameBits(w, x, "K=" + k);
    }

    @ParameterizedTest
    @EnumSource(value = BlockFormat.class, names = {"F32", "F16", "Q8_0", "Q4_0", "Q2_K", "Q6_K", "TQ2_0", "TQ1_0"})
    void scalarAgreesWithTheDequantizedProduct(BlockFormat type) {
        // Semantics check: the kernel computes sum_k w_k x_k of the dequantized operands up to float rounding.
        Random random = new Random(11);
        int k = 2560;
        BlockTensor w = BlockTensor.quantize(type, 3, k, gaussian(random, 3 * k));
        BlockTensor x = BaselineKernels.quantizeActivations(type, gaussian(random, k));
        float[] wf = w.dequantize();
        float[] xf = x.dequantize();
        float[] y = new float[3];
        SCALAR.gemv(w, x, y);
        for (int r = 0; r < 3; r++) {
            double exact = 0;
            double magnitude = 0;
            for (int i = 0; i < k; i++) {
                exact += (double) wf[r * k + i] * xf[i];
                magnitude += Math.abs((double) wf[r * k + i] * xf[i]);
            }
            assertEquals(exact, y[r], 1e-5 * magnitude + 1e-30, type + " row " + r);
        }
    }

    @Test
    void rejectsMismatchedOperands() {
        BlockTensor w = BlockTensor.quantize(BlockFormat.Q6_K, 2, 256, new float[512]);
        BlockTensor q80 = BlockTensor.row(BlockFormat.Q8_0, new float[256]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SCALAR.gemv(w, q80, new float[2]));
        assertTrue(e.getMessage().contains("q6_k weights need q8_k activations"), e.getMessage());
        BlockTensor q8k = BlockTensor.row(BlockFormat.Q8_K, new float[512]);
        assertThrows(IllegalArgumentException.class, () -> new PanamaBaselineGemv(256).gemv(w, q8k, new float[2]));
        BlockTensor ok = BlockTensor.row(BlockFormat.Q8_K, new float[256]);
        assertThrows(IllegalArgumentException.class, () -> SCALAR.gemv(w, ok, new float[3]));
        assertThrows(IndexOutOfBoundsException.class, () -> SCALAR.dot(w, 2, ok));
        BlockTensor bf16 = BlockTensor.quantize(BlockFormat.BF16, 1, 4, new float[4]);
        assertThrows(UnsupportedOperationException.class,
                () -> SCALAR.gemv(bf16, BlockTensor.row(BlockFormat.F32, new float[4]), new float[1]));
        assertThrows(IllegalArgumentException.class, () -> new PanamaBaselineGemv(64));
    }

    @Test
    void accessorSelectsAnImplementation() {
        BaselineGemv selected = BaselineKernels.gemv();
        assertTrue(selected.name().equals("scalar") || selected.name().startsWith("panama/"), selected.name());
        assertEquals("panama/512-bit", PanamaBaselineGemv.forBits(512).name());
        assertTrue(IntStream.of(128, 256, 512).anyMatch(b -> PanamaBaselineGemv.forBits(0).name().equals("panama/" + b + "-bit")));
    }
}
