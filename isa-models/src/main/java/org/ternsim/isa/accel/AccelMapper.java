// Chooses a tile mapping: enumerates loop orders and tile sizes that fit the buffer slots, keeps the cheapest.
package org.ternsim.isa.accel;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * A small exhaustive mapper in the spirit of Timeloop's: row tiles are power-of-two multiples of the PE array's rows (or
 * all of M), K tiles equal divisions of K in whole blocks, token tiles powers of two (or all of N); a candidate is
 * kept when every tile fits its slot. The caller's cost (e.g. the simulator's analytic cycles) ranks them; ties go
 * to the earlier candidate, so the choice is deterministic.
 */
public final class AccelMapper {

    private AccelMapper() {
    }

    /** Every mapping of {@code s} that fits {@code caps}; empty when none does (the buffers are too small). */
    public static List<TileMapping> candidates(AccelShape s, SlotCapacities caps, int arrayRows) {
        List<TileMapping> out = new ArrayList<>();
        List<LoopOrder> orders = s.tokens() == 1 ? List.of(LoopOrder.ROWS_TOKENS_K) : List.of(LoopOrder.values());
        for (LoopOrder order : orders) {
            for (int rt : steps(arrayRows, s.rows())) {
                for (int kt : kSteps(s)) {
                    for (int nt : steps(1, s.tokens())) {
                        for (boolean whole : new boolean[] {true, false}) {
                            TileMapping t = new TileMapping(order, rt, kt, nt, whole);
                            if (fits(s, t, caps)) {
                                out.add(t);
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The cheapest candidate under {@code cost}; throws IllegalArgumentException when nothing fits. */
    public static TileMapping choose(AccelShape s, SlotCapacities caps, int arrayRows, ToDoubleFunction<TileMapping> cost) {
        TileMapping best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        for (TileMapping t : candidates(s, caps, arrayRows)) {
            double c = cost.applyAsDouble(t);
            if (c < bestCost) {
                best = t;
                bestCost = c;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no tiling of " + s.kernel().id() + " " + s.rows() + "x" + s.cols() + "x"
                    + s.tokens() + " fits the buffers (" + caps + ")");
        }
        return best;
    }

    /** Whether every tile of {@code t} fits its slot. */
    public static boolean fits(AccelShape s, TileMapping t, SlotCapacities caps) {
        int kt = Math.min(t.kTile(), Math.max(s.threeK(), 1));
        long outTokens = t.order() == LoopOrder.ROWS_K_TOKENS ? s.tokens() : t.tokenTile();
        long w = t.rowTile() * Math.max(s.weightRowBytes(kt), s.twoK() / 4);
        long a = t.tokenTile() * s.act().bytes(t.actWholeK() ? s.cols() : Math.max(kt, s.twoK()));
        long lut = s.kernel().isLut() ? 16L * Math.max(kt / 3, s.twoK() / 2) : 0;
        return w <= caps.weightBytes() && a <= caps.actBytes() && lut <= caps.lutEntries()
                && outTokens * t.rowTile() <= caps.accumulators() && outTokens * 8 <= caps.paramBytes();
    }

    /** step, 2 step, 4 step, ... below max, then max itself. */
    static List<Integer> steps(int step, int max) {
        TreeSet<Integer> v = new TreeSet<>();
        for (long x = step; x < max; x *= 2) {
            v.add((int) x);
        }
        v.add(max);
        return new ArrayList<>(v);
    }

    /**
     * K tiles that split K into equal parts: every divisor of K's block count, times the block. Unequal tiles (a short
     * last one) break the double-buffered pipeline's rhythm, so a Timeloop-style perfect factorisation is kept.
     */
    private static List<Integer> kSteps(AccelShape s) {
        int align = s.kernel().kAlign();
        int blocks = Math.max(1, (s.threeK() + align - 1) / align);
        List<Integer> v = new ArrayList<>();
        for (int d = 1; d <= blocks; d++) {
            if (blocks % d == 0) {
                v.add(d * align);
            }
        }
        return v;
    }
}
