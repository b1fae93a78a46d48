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

    /** Zeroes every counter (after warming, so that only the timed run counts). */
    void reset() {
        reads = writes = hits = misses = inFlightHits = evictions = writeBacks = 0;
        prefetchesIssued = prefetchesDropped = mshrStallCycles = 0;
    }

    /** Adds another instance's counts (per-core private levels summed for the whole machine). */
    void add(CacheStats o) {
        reads += o.reads;
        writes += o.writes;
        hits += o.hits;
        misses += o.misses;
        inFlightHits += o.inFlightHits;
        evictions += o.evictions;
        writeBacks += o.writeBacks;
        prefetchesIssued += o.prefetchesIssued;
        prefetchesDropped += o.prefetchesDropped;
        mshrStallCycles += o.mshrStallCycles;
    }

    CacheStats(String level) {
        this.level = level;
    }
}
