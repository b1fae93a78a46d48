// Cache replacement policies the cache model implements.
package org.ternsim.sim.config;

/** Replacement policy; written in YAML as {@code lru}, {@code tree-plru} or {@code random}. */
public enum Replacement {
    LRU, TREE_PLRU, RANDOM;

    /** The YAML spelling. */
    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
