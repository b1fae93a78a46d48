// One adaLN modulation triple of FLUX (ModulationOut): shift, scale and gate, one value per channel each.
package org.ternsim.kernels.layer;

import java.util.Arrays;

/**
 * FLUX {@code Modulation.forward}: the modulation Linear's output is chunked in order shift, scale, gate, shift,
 * scale, gate (double block: 6 chunks, two triples; single block: 3 chunks, one triple).
 */
public record FluxModulation(float[] shift, float[] scale, float[] gate) {

    /** Splits a modulation Linear output of 3 * n * hidden values into n triples. */
    public static FluxModulation[] split(float[] out, int hidden) {
        if (out.length % (3 * hidden) != 0) {
            throw new IllegalArgumentException("modulation output of " + out.length
                    + " values is not a whole number of (shift, scale, gate) triples of " + hidden);
        }
        FluxModulation[] triples = new FluxModulation[out.length / (3 * hidden)];
        for (int i = 0; i < triples.length; i++) {
            int base = 3 * i * hidden;
            triples[i] = new FluxModulation(Arrays.copyOfRange(out, base, base + hidden),
                    Arrays.copyOfRange(out, base + hidden, base + 2 * hidden),
                    Arrays.copyOfRange(out, base + 2 * hidden, base + 3 * hidden));
        }
        return triples;
    }
}
