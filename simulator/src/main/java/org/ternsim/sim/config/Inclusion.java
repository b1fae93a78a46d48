// How a cache level's contents relate to the levels above it (closer to the core).
package org.ternsim.sim.config;

/**
 * Written in YAML as {@code non-inclusive}, {@code inclusive} or {@code exclusive}.
 * <ul>
 *   <li>non-inclusive: fills on the way in, evicts on its own, no back-invalidation (the default);</li>
 *   <li>inclusive: holds every line of the levels above; its evictions invalidate them (back-invalidation);</li>
 *   <li>exclusive: a victim cache of the level above: demand fills bypass it, lines enter it when the level above
 *       evicts them (clean or dirty), and a hit moves the line up and out of it (as AMD describes Zen's L3).</li>
 * </ul>
 */
public enum Inclusion {
    NON_INCLUSIVE, INCLUSIVE, EXCLUSIVE;

    /** The YAML spelling. */
    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
