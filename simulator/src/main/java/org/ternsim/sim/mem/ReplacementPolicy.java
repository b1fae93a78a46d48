// Which way of a set a cache evicts: true LRU, tree pseudo-LRU (power-of-two ways) or seeded random.
package org.ternsim.sim.mem;

import java.util.SplittableRandom;
import org.ternsim.sim.config.CacheConfig;

public abstract sealed class ReplacementPolicy permits ReplacementPolicy.Lru, ReplacementPolicy.TreePlru,
        ReplacementPolicy.Random {

    public enum Kind { LRU, TREE_PLRU, RANDOM }

    final int ways;

    ReplacementPolicy(int ways) {
        this.ways = ways;
    }

    public static ReplacementPolicy of(Kind kind, int sets, int ways, long seed) {
        return switch (kind) {
            case LRU -> new Lru(sets, ways);
            case TREE_PLRU -> new TreePlru(sets, ways);
            case RANDOM -> new Random(ways, seed);
        };
    }

    /** The way {@code way} of {@code set} was hit or filled. */
    abstract void touch(int set, int way);

    /** The way to evict from a full {@code set}. */
    abstract int victim(int set);

    static final class Lru extends ReplacementPolicy {
        /** Up to this many ways, a set's recency order fits one long (four bits per way). */
        static final int ORDER_WAYS = 16;
        private static final long ONES = 0x1111_1111_1111_1111L;
        private static final long HIGHS = 0x8888_8888_8888_8888L;
        /**
         * Up to {@value #ORDER_WAYS} ways: per set, its ways from most to least recently used, four bits each from the
         * low end, unused fields 0xF (no way of 15 or fewer has that number). One long per set, where stamps take one
         * per way (a zen5-2c L3: 32 KiB of orders, 384 KiB of stamps), and the victim is one shift: the memory model
         * alone ran 1-10 % faster (docs/performance.md, 21st session). Null for more ways.
         */
        private final long[] order;
        /** More than {@value #ORDER_WAYS} ways: per way, the clock at its last touch. */
        private final long[] lastUse;
        private long clock;
        private static final int WAY_BITS = 7;

        Lru(int sets, int ways) {
            super(ways);
            if (ways <= ORDER_WAYS) {
                order = new long[sets];
                // untouched ways are the oldest, the first of them the oldest of all, as with equal stamps
                long initial = ways == ORDER_WAYS ? 0 : -1L << 4 * ways;
                for (int position = 0; position < ways; position++) {
                    initial |= (long) (ways - 1 - position) << 4 * position;
                }
                java.util.Arrays.fill(order, initial);
                lastUse = null;
            } else {
                order = null;
                lastUse = new long[sets * ways];
            }
        }

        /**
         * Moves {@code way} to the front of its set's order: the fields before its own move up one. Its field is the
         * lowest that equals it, found as the lowest zero field of the order XOR the way in every field (a borrow
         * only runs upwards from a zero field, so the lowest flag is exact).
         */
        @Override
        void touch(int set, int way) {
            if (order == null) {
                lastUse[set * ways + way] = ++clock;
                return;
            }
            long o = order[set];
            long x = o ^ way * ONES;
            int position = Long.numberOfTrailingZeros((x - ONES) & ~x & HIGHS) >>> 2;
            long upTo = -1L >>> 60 - 4 * position;
            order[set] = o & ~upTo | (o << 4 & upTo) | way;
        }

        /**
         * The least recently used way, the first of equals. Above {@value #ORDER_WAYS} ways, the smallest stamp: up to
         * 128 ways each stamp is shifted left with its way in the low bits, so that the minimum is a chain of
         * independent loads and minima, not a compare and branch per way on the best so far (stamps count touches, far
         * below 2^56).
         */
        @Override
        int victim(int set) {
            if (order != null) {
                return (int) (order[set] >>> 4 * (ways - 1)) & 0xF;
            }
            int at = set * ways;
            if (ways > 1 << WAY_BITS) {
                int best = 0;
                for (int w = 1; w < ways; w++) {
                    if (lastUse[at + w] < lastUse[at + best]) {
                        best = w;
                    }
                }
                return best;
            }
            long best = Long.MAX_VALUE;
            for (int w = 0; w < ways; w++) {
                best = Math.min(best, lastUse[at + w] << WAY_BITS | w);
            }
            return (int) (best & (1 << WAY_BITS) - 1);
        }
    }

    /**
     * Binary tree of ways-1 bits per set; each bit points to the half holding the next victim. A touch flips the bits
     * on its path to point away from the touched way. A set's bits are one long (node n at bit n, children of n at
     * 2n+1 and 2n+2), so that a touch, which every cache hit does, is one masked store of the path precomputed per way.
     */
    static final class TreePlru extends ReplacementPolicy {
        private final long[] bits;
        private final long[] pathMask;
        private final long[] pathPointsAway;
        /** The victim for each value of a set's bits ({@link #VICTIMS}); null for more ways than the tables cover. */
        private final byte[] victimOf;
        private static final int VICTIM_TABLE_WAYS = 16;
        /**
         * Per log2(ways), up to 16 ways (15 bits, 32 KiB), the way each value of a set's bits points to, built once per
         * JVM: a victim is chosen on every fill of a full set, and the walk's branches go either way at random.
         */
        private static final byte[][] VICTIMS = new byte[Integer.numberOfTrailingZeros(VICTIM_TABLE_WAYS) + 1][];

        static {
            for (int log = 0; log < VICTIMS.length; log++) {
                int ways = 1 << log;
                VICTIMS[log] = new byte[Math.max(1, 1 << ways - 1)];
                for (int b = 0; b < VICTIMS[log].length; b++) {
                    VICTIMS[log][b] = (byte) walk(b, ways);
                }
            }
        }

        TreePlru(int sets, int ways) {
            super(ways);
            if (Integer.bitCount(ways) != 1) {
                throw new IllegalArgumentException("tree-PLRU needs a power-of-two number of ways, got " + ways);
            }
            if (ways > CacheConfig.TREE_PLRU_MAX_WAYS) {
                throw new IllegalArgumentException("tree-PLRU supports at most " + CacheConfig.TREE_PLRU_MAX_WAYS + " ways, got " + ways);
            }
            bits = new long[sets];
            pathMask = new long[ways];
            pathPointsAway = new long[ways];
            victimOf = ways <= VICTIM_TABLE_WAYS ? VICTIMS[Integer.numberOfTrailingZeros(ways)] : null;
            for (int way = 0; way < ways; way++) {
                int node = 0;
                for (int span = ways; span > 1; span >>>= 1) {
                    boolean right = (way & (span - 1)) >= span >>> 1;
                    pathMask[way] |= 1L << node;
                    if (!right) {
                        pathPointsAway[way] |= 1L << node;
                    }
                    node = 2 * node + (right ? 2 : 1);
                }
            }
        }

        @Override
        void touch(int set, int way) {
            bits[set] = bits[set] & ~pathMask[way] | pathPointsAway[way];
        }

        @Override
        int victim(int set) {
            long b = bits[set];
            if (victimOf != null) {
                return victimOf[(int) b];
            }
            return walk(b, ways);
        }

        /** The way the bits {@code b} of a set of {@code ways} point to, from the root down. */
        private static int walk(long b, int ways) {
            int node = 0;
            int way = 0;
            for (int span = ways; span > 1; span >>>= 1) {
                boolean right = (b >>> node & 1) != 0;
                if (right) {
                    way += span >>> 1;
                }
                node = 2 * node + (right ? 2 : 1);
            }
            return way;
        }
    }

    /** Random victims from a fixed seed, so that runs stay reproducible. */
    static final class Random extends ReplacementPolicy {
        private final SplittableRandom random;

        Random(int ways, long seed) {
            super(ways);
            random = new SplittableRandom(seed);
        }

        @Override
        void touch(int set, int way) {
        }

        @Override
        int victim(int set) {
            return random.nextInt(ways);
        }
    }
}
