// The seven ternary projections and four RMSNorm weights of one BitNet b1.58 decoder layer.
package org.ternsim.kernels.layer;

import org.ternsim.kernels.format.I2sWeights;

public record BitNetLayerWeights(
        I2sWeights wq, I2sWeights wk, I2sWeights wv, I2sWeights wo,
        I2sWeights wGate, I2sWeights wUp, I2sWeights wDown,
        float[] inputNorm, float[] attnSubNorm, float[] postNorm, float[] ffnSubNorm) {

    /** Seeded synthetic weights of the config's shapes (out x in, as the GEMV takes them). */
    public static BitNetLayerWeights synthetic(LayerConfig c, long seed) {
        int h = c.hidden();
        return new BitNetLayerWeights(
            SyntheticWeights.ternary(h, h, seed + 1), SyntheticWeights.ternary(c.kvWidth(), h, seed + 2),
            SyntheticWeights.ternary(c.kvWidth(), h, seed + 3), SyntheticWeights.ternary(h, h, seed + 4),
            SyntheticWeights.ternary(c.ffn(), h, seed + 5), SyntheticWeights.ternary(c.ffn(), h, seed + 6),
            SyntheticWeights.ternary(h, c.ffn(), seed + 7),
            SyntheticWeights.norm(h, seed + 8), SyntheticWeights.norm(h, seed + 9),
            SyntheticWeights.norm(h, seed + 10), SyntheticWeights.norm(c.ffn(), seed + 11));
    }

    public long ternaryWeights() {
        long n = 0;
        for (I2sWeights w : new I2sWeights[] {wq, wk, wv, wo, wGate, wUp, wDown}) {
            n += (long) w.rows() * w.cols();
        }
        return n;
    }
}
