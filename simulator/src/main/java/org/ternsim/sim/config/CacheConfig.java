// Geometry, timing and policies of one cache level.
package org.ternsim.sim.config;

import java.util.Objects;

/**
 * One cache level.
 *
 * @param name          level name used in stats and energy actions, e.g. {@code "L1D"}, {@code "L2"}, {@code "L3"}
 * @param sizeBytes     capacity in bytes; equals {@code sets() * ways * lineBytes}
 * @param ways          associativity
 * @param lineBytes     line size in bytes, a power of two
 * @param latencyCycles load-to-use latency of a hit, in core cycles
 * @param mshrs         outstanding misses the level can track (miss status holding registers)
 * @param shared        true if all cores share this level (one instance), false for one private instance per core
 * @param replacement   replacement policy
 * @param prefetcher    prefetcher attached to this level
 * @param inclusion     relation to the levels above (non-inclusive, inclusive, exclusive); the first level ignores it
 * @param fillBytesPerCycle bandwidth of the port that fills this level from the next, bytes per core cycle;
 *                      0 = unlimited (only latency and MSHRs limit fills). A shared level has one port for all cores.
 */
public record CacheConfig(String name, long sizeBytes, int ways, int lineBytes, int latencyCycles, int mshrs,
        boolean shared, Replacement replacement, PrefetcherConfig prefetcher, Inclusion inclusion,
        double fillBytesPerCycle) {

    /** The most ways a tree-PLRU level may have: the model keeps a set's ways-1 tree bits in one long. */
    public static final int TREE_PLRU_MAX_WAYS = 64;

    /** A non-inclusive level. */
    public CacheConfig(String name, long sizeBytes, int ways, int lineBytes, int latencyCycles, int mshrs,
            boolean shared, Replacement replacement, PrefetcherConfig prefetcher) {
        this(name, sizeBytes, ways, lineBytes, latencyCycles, mshrs, shared, replacement, prefetcher,
            Inclusion.NON_INCLUSIVE, 0);
    }

    public CacheConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(inclusion, "inclusion");
        Objects.requireNonNull(replacement, "replacement");
        Objects.requireNonNull(prefetcher, "prefetcher");
        // The loader reports these with file positions first; this guards configs built in code.
        if (ways < 1 || lineBytes < 1 || Integer.bitCount(lineBytes) != 1 || sizeBytes % ((long) ways * lineBytes) != 0
                || Long.bitCount(sizeBytes / ((long) ways * lineBytes)) != 1) {
            throw new IllegalArgumentException("cache " + name + ": size " + sizeBytes + " B is not a power-of-two number"
                    + " of sets x " + ways + " ways x " + lineBytes + " B lines");
        }
        if (latencyCycles < 0 || mshrs < 1) throw new IllegalArgumentException("cache " + name + ": latency/mshrs");
    }

    /** Number of sets, a power of two: {@code sizeBytes / (ways * lineBytes)}. */
    public int sets() {
        return (int) (sizeBytes / ((long) ways * lineBytes));
    }
}
