// The weights of one FLUX double-stream (MMDiT) block: an image stream and a text stream of the same shapes.
package org.ternsim.kernels.layer;

import java.util.Objects;

public record FluxDoubleBlockWeights(FluxStreamWeights img, FluxStreamWeights txt) {

    public FluxDoubleBlockWeights {
        Objects.requireNonNull(img, "img");
        Objects.requireNonNull(txt, "txt");
    }

    /** Seeded synthetic block: img uses seeds seed + 1 .., txt seed + 101 ... */
    public static FluxDoubleBlockWeights synthetic(FluxConfig c, long seed) {
        return new FluxDoubleBlockWeights(FluxStreamWeights.synthetic(c, seed), FluxStreamWeights.synthetic(c,
                seed + 100));
    }

    /** 339,738,624 for FLUX.1-dev (workloads.md §9.3: 339.7 M, both streams' modulation included). */
    public long ternaryWeights() {
        return img.ternaryWeights() + txt.ternaryWeights();
    }
}
