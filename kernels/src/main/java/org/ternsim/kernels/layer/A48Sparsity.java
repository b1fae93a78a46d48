// Fractions of each projection's weights BitNet a4.8 leaves inactive for one token, as in the paper's Table 2.
package org.ternsim.kernels.layer;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sparsity as workloads.md §5.2 (a4.8 Table 2) counts it: the share of a projection's weights that multiply a zero
 * input (or, for Up, an input column or output row the gate makes irrelevant).
 * <ul>
 *   <li>QKV, Gate: zero int4 codes of the normed input (absmean quantization of a Gaussian-like input rounds
 *       |x| < 0.5 / s to zero, about 12%). The dense int4 kernel does not skip them.</li>
 *   <li>Out: the Top-K 50% mask on the int8 codes; the sparse kernel skips these columns.</li>
 *   <li>Up: 1 - (1 - input zeros)(1 - gate-output zeros), composed as in a4.8 §3.1; the kernel skips the rows whose
 *       ReLU^2(gate) is zero.</li>
 *   <li>Down: zero int8 codes of relu(g)^2 * u; the sparse kernel skips these columns.</li>
 * </ul>
 * Overall is weighted by each projection's weight count.
 */
public record A48Sparsity(double qkv, double out, double gate, double up, double down, double overall) {

    public Map<String, Double> byProjection() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("qkv", qkv);
        m.put("out", out);
        m.put("up", up);
        m.put("gate", gate);
        m.put("down", down);
        m.put("overall", overall);
        return m;
    }

    /** One line in the order of the paper's table: QKV, Out, Up, Gate, Down, Overall, in percent. */
    public String summary() {
        return String.format(Locale.ROOT, "sparsity %%: qkv %.1f  out %.1f  up %.1f  gate %.1f  down %.1f  overall %.1f",
            100 * qkv, 100 * out, 100 * up, 100 * gate, 100 * down, 100 * overall);
    }
}
