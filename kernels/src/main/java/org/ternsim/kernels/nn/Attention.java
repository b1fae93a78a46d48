// Scaled dot-product attention over a KvCache, decode and prefill, GQA, causal or not, built on NnOps.
package org.ternsim.kernels.nn;

/**
 * Attention of query tokens against the keys and values in a {@link KvCache}.
 *
 * <p>Definition, for query head h of query token t (kv head g = h / groupSize) over the visible positions
 * j = 0 .. V-1, with K_j and V_j the decoded cache rows and sc = {@link AttentionShape#scale()}:
 * score_j = dot(q, K_j) * sc (canonical dot, then one rounding for the scale, as HF eager attention);
 * p = softmax(score) ({@link NnOps#softmax}); out = weightedRowSum(p, V) ({@link NnOps#weightedRowSum}).
 * The query tokens are the last n positions of the cache (their keys and values are appended first); with
 * {@code causal} token t, at position L - n + t, sees V = L - n + t + 1 positions, otherwise all V = L (FLUX joint
 * attention, which has no mask). Masked positions are left out of the softmax, which equals adding -infinity.
 *
 * <p>All float arithmetic goes through {@link NnOps}, so the scalar and Vector API implementations give identical
 * bits. Keys and values of a kv head are decoded once per call and shared by its query heads.
 */
public final class Attention {

    private final NnOps ops;
    private final AttentionShape shape;

    public Attention(NnOps ops, AttentionShape shape) {
        this.ops = ops;
        this.shape = shape;
    }

    public AttentionShape shape() {
        return shape;
    }

    /** One query token (queryWidth floats from qOff) at the cache's last position, against the whole cache. */
    public void decode(float[] q, int qOff, KvCache cache, float[] out, int outOff) {
        prefill(q, qOff, 1, cache, true, out, outOff);
    }

    /**
     * {@code tokens} query tokens, row-major {@code [tokens][heads * headDim]} from qOff, the last {@code tokens}
     * positions of the cache; writes the same layout from outOff.
     */
    public void prefill(float[] q, int qOff, int tokens, KvCache cache, boolean causal, float[] out, int outOff) {
        int d = shape.headDim();
        if (cache.kvHeads() != shape.kvHeads() || cache.headDim() != d) {
            throw new IllegalArgumentException("cache has " + cache.kvHeads() + " kv heads of " + cache.headDim()
                    + ", attention expects " + shape.kvHeads() + " of " + d);
        }
        int length = cache.length();
        if (tokens < 1 || tokens > length) {
            throw new IllegalArgumentException(tokens + " query tokens need 1.." + length + " cached positions");
        }
        NnArgs.check("q", q, qOff, tokens * shape.queryWidth());
        NnArgs.check("out", out, outOff, tokens * shape.queryWidth());
        float scale = shape.scale();
        float[] keys = new float[length * d];
        float[] values = new float[length * d];
        float[] scores = new float[length];
        for (int g = 0; g < shape.kvHeads(); g++) {
            for (int j = 0; j < length; j++) {
                cache.readKey(j, g, keys, j * d);
                cache.readValue(j, g, values, j * d);
            }
            for (int h = g * shape.groupSize(); h < (g + 1) * shape.groupSize(); h++) {
                for (int t = 0; t < tokens; t++) {
                    int row = t * shape.queryWidth() + h * d;
                    int visible = causal ? length - tokens + t + 1 : length;
                    for (int j = 0; j < visible; j++) {
                        scores[j] = ops.dot(q, qOff + row, keys, j * d, d) * scale;
                    }
                    ops.softmax(scores, 0, visible);
                    ops.weightedRowSum(scores, 0, visible, values, 0, d, out, outOff + row, d);
                }
            }
        }
    }
}
