// A published design's reported figures and the decode workload they were measured on, kept beside our estimate.
package org.ternsim.sim.accel;

/**
 * @param source                where the figures come from (paper, section)
 * @param model                 model name
 * @param hidden                hidden size d
 * @param ffn                   FFN width
 * @param layers                transformer layers
 * @param projections           d x d ternary matrices per layer (q, k, v, o for MHA)
 * @param decodeTokensPerSecond published decode rate
 * @param powerW                published power (NaN if none), boundary in {@code note}
 * @param areaMm2               published area (NaN if none)
 * @param note                  boundary and what the figure includes
 */
public record PublishedFigures(String source, String model, int hidden, int ffn, int layers, int projections,
        double decodeTokensPerSecond, double powerW, double areaMm2, String note) {

    /** Ternary weights per token: projections d x d, gate and up ffn x d, down d x ffn, per layer. */
    public long ternaryParams() {
        return (long) layers * ((long) projections * hidden * hidden + 3L * ffn * hidden);
    }
}
