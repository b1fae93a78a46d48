// Hardware prefetcher attached to one cache level.
package org.ternsim.sim.config;

import java.util.List;
import java.util.Objects;

/**
 * A prefetcher.
 *
 * @param kind     {@code "none"}, {@code "next-line"} (on a miss to line X fetch X+1..X+degree) or {@code "stream"}
 *                 (after two sequential lines, issue up to {@code degree} lines per access, up to {@code distance}
 *                 lines ahead) or {@code "stride"} (after the same stride twice, {@code degree} lines at that stride
 *                 starting {@code distance} strides ahead)
 * @param degree   lines issued per trigger; 0 for {@code none}
 * @param distance lines ahead of the demand stream; 0 for {@code none}
 */
public record PrefetcherConfig(String kind, int degree, int distance) {
    public static final List<String> KINDS = List.of("none", "next-line", "stream", "stride");
    public static final PrefetcherConfig NONE = new PrefetcherConfig("none", 0, 0);

    public PrefetcherConfig {
        Objects.requireNonNull(kind, "kind");
        if (!KINDS.contains(kind)) throw new IllegalArgumentException("prefetcher kind " + kind + " not in " + KINDS);
        if (degree < 0 || distance < 0) throw new IllegalArgumentException("negative prefetch degree/distance");
    }
}
