// How a sweep picks points from its parameter grid: all of them, or a seeded random sample of distinct grid points.
package org.ternsim.sim.sweep;

public record Sampling(Mode mode, int samples, long seed) {
    public enum Mode { GRID, RANDOM }

    public static final Sampling GRID = new Sampling(Mode.GRID, 0, 0);

    public Sampling {
        if (mode == Mode.RANDOM && samples < 1) throw new IllegalArgumentException("random sampling needs samples >= 1");
    }

    @Override
    public String toString() {
        return mode == Mode.GRID ? "grid" : "random:" + samples + ":" + seed;
    }
}
