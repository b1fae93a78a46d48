// FLUX attention: per-head QK RMSNorm, 3-axis RoPE, then non-causal attention over the whole (joint) sequence.
package org.ternsim.kernels.layer;

import org.ternsim.kernels.nn.Attention;
import org.ternsim.kernels.nn.F32KvCodec;
import org.ternsim.kernels.nn.KvCache;
import org.ternsim.kernels.nn.NnOps;
import org.ternsim.kernels.nn.Rope;

/**
 * FLUX {@code QKNorm} + {@code math.attention}: q and k of every head go through RMSNorm over head_dim with the
 * stream's learned scale ((x * rrms) * scale, {@link NnOps#rmsNorm}), then RoPE at the token's 3 position ids, then
 * softmax(q k^T / sqrt(d)) v over all tokens, without a mask. The double block normalizes each stream with its own
 * scales before the streams are joined, so the two steps are separate calls.
 *
 * <p>The keys and values go through a {@link KvCache} with the lossless {@link F32KvCodec} only because
 * {@link Attention} reads them from one; FLUX recomputes them every step and caches nothing. Reference FLUX runs
 * this in bf16 (torch SDPA); TernSim keeps float32 outside the Linears.
 */
public final class FluxJointAttention {

    private final FluxConfig config;
    private final NnOps ops;
    private final Rope rope;
    private final Attention attention;

    public FluxJointAttention(FluxConfig config, NnOps ops) {
        this.config = config;
        this.ops = ops;
        this.rope = new Rope(config.rope());
        this.attention = new Attention(ops, config.attention());
    }

    /**
     * QK-normalizes and rotates, in place, the q and k of one token whose qkv row (q, k, v, each head-major
     * {@code (H D)}) starts at row[0].
     */
    public void normalizeAndRotate(float[] row, float[] qScale, float[] kScale, int[] positionIds) {
        int h = config.hidden();
        int d = config.headDim();
        for (int head = 0; head < config.heads(); head++) {
            ops.rmsNorm(row, head * d, qScale, 0, config.qkNormEps(), row, head * d, d);
            ops.rmsNorm(row, h + head * d, kScale, 0, config.qkNormEps(), row, h + head * d, d);
        }
        var angles = rope.angles(positionIds);
        rope.rotateHeads(angles, row, 0, config.heads());
        rope.rotateHeads(angles, row, h, config.heads());
    }

    /**
     * Attention of every token over every token; rows[t] starts with the token's prepared q, k, v (longer rows, e.g.
     * linear1 outputs with the MLP part behind, are fine). Returns [tokens][hidden], heads concatenated.
     */
    public float[][] attend(float[][] rows) {
        int n = rows.length;
        int h = config.hidden();
        float[] q = new float[n * h];
        KvCache cache = new KvCache(config.heads(), config.headDim(), n, new F32KvCodec());
        for (int t = 0; t < n; t++) {
            System.arraycopy(rows[t], 0, q, t * h, h);
            cache.append(rows[t], h, rows[t], 2 * h);
        }
        float[] out = new float[n * h];
        attention.prefill(q, 0, n, cache, false, out, 0);
        float[][] split = new float[n][h];
        for (int t = 0; t < n; t++) {
            System.arraycopy(out, t * h, split[t], 0, h);
        }
        return split;
    }
}
