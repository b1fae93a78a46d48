// Attention: one key returns its value, a hand-made two-key case, GQA head mapping, causal prefill equals decodes,
// and the Vector API gives the scalar bits on 2B4T and FLUX head shapes with every KV format.
package org.ternsim.kernels.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.ternsim.kernels.nn.NnFixtures.assertSameBits;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AttentionTest {

    private static final List<KvRowCodec> CODECS = List.of(new F32KvCodec(), new F16KvCodec(), new Int8KvCodec());
    private final NnOps scalar = new ScalarNnOps();

    @Test
    void oneKeyReturnsItsValueExactly() {
        AttentionShape shape = AttentionShape.bitnet2b4t();
        Random random = new Random(1);
        KvCache cache = new KvCache(shape.kvHeads(), shape.headDim(), 1, new F32KvCodec());
        float[] v = NnFixtures.gaussian(random, shape.kvWidth(), 1f);
        v[3] = -0f;
        cache.append(NnFixtures.gaussian(random, shape.kvWidth(), 1f), 0, v, 0);
        float[] out = new float[shape.queryWidth()];
        new Attention(scalar, shape).decode(NnFixtures.gaussian(random, shape.queryWidth(), 5f), 0, cache, out, 0);
        for (int h = 0; h < shape.heads(); h++) {
            float[] head = java.util.Arrays.copyOfRange(out, h * 128, h * 128 + 128);
            int g = h / shape.groupSize();
            assertSameBits(java.util.Arrays.copyOfRange(v, g * 128, g * 128 + 128), head, "head " + h);
        }
    }

    @Test
    void twoKeysByHand() {
        // Head dim 2, scale 1/sqrt(2): key 1 scores ln 3 above key 0, so p = (1/4, 3/4).
        AttentionShape shape = new AttentionShape(1, 1, 2);
        KvCache cache = new KvCache(1, 2, 2, new F32KvCodec());
        float k1 = (float) (Math.log(3) * Math.sqrt(2));
        cache.append(new float[] {0, 0}, 0, new float[] {4, 8}, 0);
        cache.append(new float[] {k1, 0}, 0, new float[] {8, 0}, 0);
        float[] out = new float[2];
        new Attention(scalar, shape).decode(new float[] {1, 0}, 0, cache, out, 0);
        assertArrayEquals(new float[] {7f, 2f}, out, 1e-5f);
    }

    @Test
    void causalPrefillEqualsSuccessiveDecodes() {
        AttentionShape shape = new AttentionShape(4, 2, 16);
        Random random = new Random(3);
        int tokens = 6;
        float[] q = NnFixtures.gaussian(random, tokens * shape.queryWidth(), 1f);
        float[] k = NnFixtures.gaussian(random, tokens * shape.kvWidth(), 1f);
        float[] v = NnFixtures.gaussian(random, tokens * shape.kvWidth(), 1f);
        KvCache full = new KvCache(2, 16, tokens, new F16KvCodec());
        for (int t = 0; t < tokens; t++) {
            full.append(k, t * shape.kvWidth(), v, t * shape.kvWidth());
        }
        Attention attention = new Attention(scalar, shape);
        float[] prefill = new float[tokens * shape.queryWidth()];
        attention.prefill(q, 0, tokens, full, true, prefill, 0);
        KvCache growing = new KvCache(2, 16, tokens, new F16KvCodec());
        float[] decode = new float[tokens * shape.queryWidth()];
        for (int t = 0; t < tokens; t++) {
            growing.append(k, t * shape.kvWidth(), v, t * shape.kvWidth());
            attention.decode(q, t * shape.queryWidth(), growing, decode, t * shape.queryWidth());
        }
        assertSameBits(decode, prefill, "prefill vs decodes");
    }

    @Test
    void nonCausalTokensSeeTheFuture() {
        AttentionShape shape = new AttentionShape(2, 2, 8);
        Random random = new Random(4);
        KvCache cache = new KvCache(2, 8, 3, new F32KvCodec());
        for (int t = 0; t < 3; t++) {
            cache.append(NnFixtures.gaussian(random, 16, 1f), 0, NnFixtures.gaussian(random, 16, 1f), 0);
        }
        float[] row = NnFixtures.gaussian(random, 16, 1f);
        float[] q = new float[48];
        for (int t = 0; t < 3; t++) {
            System.arraycopy(row, 0, q, t * 16, 16);
        }
        float[] out = new float[48];
        new Attention(scalar, shape).prefill(q, 0, 3, cache, false, out, 0);
        // Equal queries see equal keys, so all three tokens get the same output.
        assertSameBits(java.util.Arrays.copyOfRange(out, 0, 16), java.util.Arrays.copyOfRange(out, 32, 48), "t0/t2");
    }

    @Test
    void matchesADoubleOracle() {
        AttentionShape shape = new AttentionShape(4, 1, 32);
        Random random = new Random(5);
        int length = 20;
        float[] k = NnFixtures.gaussian(random, length * 32, 1f);
        float[] v = NnFixtures.gaussian(random, length * 32, 1f);
        KvCache cache = new KvCache(1, 32, length, new F32KvCodec());
        for (int t = 0; t < length; t++) {
            cache.append(k, t * 32, v, t * 32);
        }
        float[] q = NnFixtures.gaussian(random, shape.queryWidth(), 1f);
        float[] out = new float[shape.queryWidth()];
        new Attention(scalar, shape).decode(q, 0, cache, out, 0);
        for (int h = 0; h < 4; h++) {
            double[] s = new double[length];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < length; j++) {
                for (int d = 0; d < 32; d++) {
                    s[j] += (double) q[h * 32 + d] * k[j * 32 + d];
                }
                s[j] /= Math.sqrt(32);
                max = Math.max(max, s[j]);
            }
            double total = 0;
            for (int j = 0; j < length; j++) {
                s[j] = Math.exp(s[j] - max);
                total += s[j];
            }
            for (int d = 0; d < 32; d++) {
                double o = 0;
                for (int j = 0; j < length; j++) {
                    o += s[j] / total * v[j * 32 + d];
                }
                assertEquals(o, out[h * 32 + d], 1e-5, "head " + h + " dim " + d);
            }
        }
    }

    @Test
    void vectorEqualsScalarOnModelShapes() {
        Random random = new Random(2560);
        for (KvRowCodec codec : CODECS) {
            for (int length : new int[] {1, 3, 17, 33}) {
                assertVectorEqualsScalar(AttentionShape.bitnet2b4t(), random, codec, length, 1, true);
            }
            assertVectorEqualsScalar(AttentionShape.bitnet2b4t(), random, codec, 9, 5, true);
            assertVectorEqualsScalar(AttentionShape.flux(), random, codec, 12, 12, false);
        }
    }

    @Test
    void vectorEqualsScalarOnAwkwardHeadSizes() {
        Random random = new Random(17);
        for (int headDim : new int[] {1, 3, 15, 16, 17, 31, 33, 129}) {
            assertVectorEqualsScalar(new AttentionShape(4, 2, headDim), random, new F32KvCodec(), 7, 3, true);
        }
    }

    @Test
    void rejectsMismatchedShapes() {
        KvCache cache = new KvCache(2, 8, 2, new F32KvCodec());
        Attention attention = new Attention(scalar, new AttentionShape(4, 4, 8));
        assertThrows(IllegalArgumentException.class,
            () -> attention.decode(new float[32], 0, cache, new float[32], 0));
        Attention ok = new Attention(scalar, new AttentionShape(4, 2, 8));
        assertThrows(IllegalArgumentException.class, () -> ok.decode(new float[32], 0, cache, new float[32], 0));
        assertThrows(IllegalArgumentException.class, () -> new AttentionShape(20, 6, 128));
        assertEquals(4, AttentionShape.bitnet2b4t().groupSize());
    }

    private void assertVectorEqualsScalar(AttentionShape shape, Random random, KvRowCodec codec, int length,
                                          int tokens, boolean causal) {
        KvCache cache = new KvCache(shape.kvHeads(), shape.headDim(), length, codec);
        for (int t = 0; t < length; t++) {
            cache.append(NnFixtures.gaussian(random, shape.kvWidth(), 1f), 0,
                    NnFixtures.gaussian(random, shape.kvWidth(), 1f), 0);
        }
        float[] q = NnFixtures.gaussian(random, tokens * shape.queryWidth(), 3f);
        float[] expected = new float[tokens * shape.queryWidth()];
        new Attention(scalar, shape).prefill(q, 0, tokens, cache, causal, expected, 0);
        for (NnOps panama : NnFixtures.panamaAll()) {
            float[] actual = new float[expected.length];
            new Attention(panama, shape).prefill(q, 0, tokens, cache, causal, actual, 0);
            assertSameBits(expected, actual, panama.name() + " " + shape + " " + codec.name() + " L=" + length
                    + " N=" + tokens);
        }
    }
}
