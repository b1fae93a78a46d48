// Event counts of one cache level, the inputs of the energy model and of the stats listing.
package org.ternsim.sim.mem;

public final class CacheStats {
    public final String level;
    public long reads;
    public long writes;
    public long hits;
    public long misses;
    /** Misses to a line whose fill was already in flight (merged into the outstanding request). */
    public long inFlightHits;
    public long evictions;
    public long writeBacks;
    public long prefetchesIssued;
    public long prefetchesDropped;
    public long mshrStallCycles;

    void clearEvictions() {
        evictions = 0;
    }

    CacheStats(String level) {
        this.level = level;
    }
}
