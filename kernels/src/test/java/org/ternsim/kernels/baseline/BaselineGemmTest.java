// The baseline GEMM equals N baseline GEMVs bit for bit, scalar and Vector API at 128, 256 and 512 bits.
package org.ternsim.kernels.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ternsim.kernels.numeric.Fp16;

class BaselineGemmTest {

    private static final int[] TOKEN_COUNTS = {1, 2, 3, 4, 5, 8, 17};
    private static final BaselineGemv GEMV = new ScalarBaselineGemv();

    /** Scalar, and Vector API at every width, with the default row block and an awkward one (3 rows). */
    private static List<BaselineGemm> implementations() {
        List<BaselineGemm> all = new ArrayList<>();
        all.add(new ScalarBaselineGemm());
        for (int bits : new int[] {128, 256, 512}) {
            all.add(new PanamaBaselineGemm(bits));
            all.add(new PanamaBaselineGemm(bits, 3));
        }
        return all;
    }

    /** Awkward valid K: one block, a few, and a 2B4T-like size; float formats get every tail length class. */
    private static int[] awkwardK(BlockFormat type) {
        return type.blockSize() == 1 ? new int[] {1, 15, 16, 17, 47, 257} : new int[] {type.blockSize(),
            3 * type.blockSize(), 7 * type.blockSize()};
    }

    /** y[t] of every implementation equals GEMV(w, tokens[t]) in raw bits; any NaN equals any NaN. */
    static void assertGemmEqualsGemvs(BlockTensor w, List<BlockTensor> tokens, String what) {
        float[][] expected = new float[tokens.size()][w.rows()];
        for (int t = 0; t < tokens.size(); t++) {
            GEMV.gemv(w, tokens.get(t), expected[t]);
        }
        for (BaselineGemm gemm : implementations()) {
            float[][] y = new float[tokens.size()][w.rows()];
            for (float[] row : y) {
                Arrays.fill(row, 12345f); // every element must be written
            }
            gemm.gemm(w, tokens, y);
            for (int t = 0; t < tokens.size(); t++) {
                for (int r = 0; r < w.rows(); r++) {
                    float e = expected[t][r];
                    float a = y[t][r];
                    if (Float.isNaN(e) || Float.isNaN(a)) {
                        assertTrue(Float.isNaN(e) && Float.isNaN(a), gemm.name() + " " + w.type() + " " + what
                                + " token " + t + " row " + r + ": expected " + e + ", got " + a);
                    } else {
                        assertEquals(Float.floatToRawIntBits(e), Float.floatToRawIntBits(a), gemm.name() + " "
                                + w.type() + " " + what + " token " + t + " row " + r + ": expected " + e + ", got " + a);
                    }
                }
            }
        }
    }

    private static List<BlockTensor> gaussianTokens(Random random, BlockFormat type, int n, int k) {
        List<BlockTensor> tokens = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            float[] x = BaselineGemvTest.gaussian(random, k);
            float scale = (float) Math.pow(10, random.nextInt(7) - 3); // tokens of very different magnitudes
            for (int i = 0; i < k; i++) {
                x[i] *= scale;
            }
            tokens.add(BaselineKernels.quantizeActivations(type, x));
        }
        return tokens;
    }

    @ParameterizedTest
    @EnumSource(value = BlockFormat.class, names = {"F32", "F16", "Q8_0", "Q4_0", "Q2_K", "Q6_K", "TQ2_0", "TQ1_0"})
    void gemmEqualsGemvPerTokenForEveryTokenCount(BlockFormat type) {
        Random random = new Random(100 + type.ordinal());
        int[] ks = awkwardK(type);
        int[] ms = {1, 5, 7};
        int i = 0;
        for (int n : TOKEN_COUNTS) {
            for (int k : ks) {
                int m = ms[i++ % ms.length];
                BlockTensor w = BlockTensor.quantize(type, m, k, BaselineGemvTest.gaussian(random, m * k));
                assertGemmEqualsGemvs(w, gaussianTokens(random, type, n, k), "N=" + n + " K=" + k + " M=" + m);
            }
        }
    }

    @Test
    void largeShapeAcrossRowBlocks() {
        // 70 rows: two full default row blocks and a partial one; 9 tokens: two passes of 4 and one GEMV token
        Random random = new Random(5);
        for (BlockFormat type : BaselineGemvTest.WEIGHT_TYPES) {
            int k = type.blockSize() == 1 ? 2560 + 5 : 2560;
            BlockTensor w = BlockTensor.quantize(type, 70, k, BaselineGemvTest.gaussian(random, 70 * k));
            assertGemmEqualsGemvs(w, gaussianTokens(random, type, 9, k), "K=" + k + " M=70");
        }
    }

    @ParameterizedTest
    @EnumSource(value = BlockFormat.class, names = {"Q8_0", "Q4_0", "Q2_K", "Q6_K", "TQ2_0", "TQ1_0"})
    void boundaryBytes(BlockFormat type) {
        // every weight byte extreme against tokens at +127, -128 and random codes, mixed within one 4-token pass
        int k = 512;
        Random random = new Random(7);
        List<BlockTensor> tokens = new ArrayList<>();
        for (int t = 0; t < 5; t++) {
            tokens.add(t % 3 == 0 ? activations(type, k, (byte) 127) : t % 3 == 1 ? activations(type, k, (byte) -128)
                    : randomActivations(type, k, random));
        }
        for (int fill : new int[] {0x00, 0xFF, 0x80, 0x7F, -1}) {
            byte[] data = new byte[3 * type.rowBytes(k)];
            if (fill < 0) {
                random.nextBytes(data);
            } else {
                Arrays.fill(data, (byte) fill);
            }
            BaselineGemvTest.finiteScales(type, data, random);
            assertGemmEqualsGemvs(new BlockTensor(type, 3, k, data), tokens, "weights 0x"
                    + Integer.toHexString(fill));
        }
        // and random bytes everywhere, scales included: infinities and NaNs in the float parts
        byte[] data = new byte[3 * type.rowBytes(k)];
        random.nextBytes(data);
        assertGemmEqualsGemvs(new BlockTensor(type, 3, k, data), tokens, "random bytes");
    }

    @Test
    void floatBoundaryValues() {
        int k = 257;
        float[] w = new float[3 * k];
        for (int i = 0; i < w.length; i++) {
            w[i] = i % 3 == 0 ? 65504f : i % 3 == 1 ? -1f : Fp16.toFloat(1); // f16 max, -1, smallest subnormal
        }
        Arrays.fill(w, 2 * k, 2 * k + 20, Float.POSITIVE_INFINITY);
        List<float[]> rows = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            float[] x = new float[k];
            Arrays.fill(x, t % 2 == 0 ? 1f : -Float.MIN_VALUE);
            if (t == 1) {
                x[5] = Float.NaN;
            }
            if (t == 2) {
                x[256] = Float.NEGATIVE_INFINITY; // in the tail
            }
            if (t == 3) {
                x[7] = Float.MAX_VALUE;
            }
            rows.add(x);
        }
        for (BlockFormat type : new BlockFormat[] {BlockFormat.F32, BlockFormat.F16}) {
            List<BlockTensor> tokens = new ArrayList<>();
            for (float[] x : rows) {
                tokens.add(BlockTensor.row(type.activationType(), x));
            }
            assertGemmEqualsGemvs(BlockTensor.quantize(type, 3, k, w), tokens, "boundary");
        }
    }

    @Test
    void emptyTokenListAndArgumentErrors() {
        BlockTensor w = BlockTensor.quantize(BlockFormat.Q6_K, 2, 256, new float[512]);
        for (BaselineGemm gemm : implementations()) {
            gemm.gemm(w, List.of(), new float[0][]);
            BlockTensor q80 = BlockTensor.row(BlockFormat.Q8_0, new float[256]);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> gemm.gemm(w, List.of(q80), new float[1][2]));
            assertTrue(e.getMessage().contains("token 0") && e.getMessage().contains("q8_k"), e.getMessage());
            BlockTensor ok = BlockTensor.row(BlockFormat.Q8_K, new float[256]);
            assertThrows(IllegalArgumentException.class, () -> gemm.gemm(w, List.of(ok, ok), new float[1][2]));
            assertThrows(IllegalArgumentException.class, () -> gemm.gemm(w, List.of(ok), new float[1][3]));
            assertThrows(IllegalArgumentException.class,
                    () -> gemm.gemm(w, List.of(BlockTensor.row(BlockFormat.Q8_K, new float[512])), new float[1][2]));
            BlockTensor bf16 = BlockTensor.quantize(BlockFormat.BF16, 1, 4, new float[4]);
            assertThrows(UnsupportedOperationException.class,
                    () -> gemm.gemm(bf16, List.of(BlockTensor.row(BlockFormat.F32, new float[4])), new float[1][1]));
        }
        assertThrows(IllegalArgumentException.class, () -> new PanamaBaselineGemm(64));
        assertThrows(IllegalArgumentException.class, () -> new PanamaBaselineGemm(256, 0));
    }

    @Test
    void accessorSelectsAnImplementation() {
        BaselineGemm selected = BaselineKernels.gemm();
        assertTrue(selected.name().equals("scalar") || selected.name().startsWith("panama/"), selected.name());
        assertEquals("panama/512-bit/t4-r32", PanamaBaselineGemm.forBits(512).name());
        assertTrue(IntStream.of(128, 256, 512).anyMatch(b -> PanamaBaselineGemm.forBits(0).name()
                .startsWith("panama/" + b + "-bit/")));
    }

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

    /** Random int8 codes (the full range, -128 included) with finite random scales. */
    private static BlockTensor randomActivations(BlockFormat weightType, int k, Random random) {
        BlockFormat type = weightType.activationType();
        byte[] data = new byte[type.rowBytes(k)];
        random.nextBytes(data);
        for (int b = 0; b < k / type.blockSize(); b++) {
            int off = b * type.blockBytes();
            if (type == BlockFormat.Q8_0) {
                LittleEndian.put16(data, off, random.nextInt(0x7C00) | (random.nextBoolean() ? 0x8000 : 0));
            } else {
                LittleEndian.putF32(data, off, (float) random.nextGaussian());
            }
        }
        return new BlockTensor(type, 1, k, data);
    }
}
