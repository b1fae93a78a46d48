// The order in which `bench memory`'s pointer chase visits 64-B lines: all at random, or a few pages at a time.
package org.ternsim.cli.bench;

import java.util.SplittableRandom;

/**
 * A chase visits every line of the working set once per cycle. In {@link #RANDOM} order almost every load on a large
 * set also misses the TLB, and in a VM each miss is a nested page walk, so the latency mixes cache capacity with
 * translation. In {@link #PAGES} order the lines of a group of 32 4-KiB pages (128 KiB, 2048 lines) are visited
 * together, in random order, and the groups in random order: the group's 32 pages stay in the first-level TLB
 * (72 entries on Zen 4), so one TLB miss per 64 loads, while consecutive loads still land on random pages of the
 * group, which keeps the spatial prefetchers from fetching the rest of a page ahead of the chase (a chase that
 * finished one page before the next, tried first, read 256 KiB at 2.7 ns against 4.3 ns random). The difference
 * between the two curves is the translation cost; the pages curve shows cache capacity.
 */
public enum ChaseOrder {
    RANDOM(0),
    PAGES(2048);

    /** Lines visited together (32 pages of 4 KiB); 0 = no grouping. */
    private final int group;

    ChaseOrder(int group) {
        this.group = group;
    }

    /**
     * The visiting order: a permutation of {@code 0 .. lines-1}, the chase going from {@code order[i]} to
     * {@code order[i + 1]} and from the last back to the first. Deterministic for a seed.
     */
    public int[] order(int lines, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int g = group == 0 || lines < group ? lines : group;
        int groups = lines / g;
        int[] groupOrder = shuffled(groups, rnd);
        int[] out = new int[lines];
        int k = 0;
        for (int p : groupOrder) {
            for (int l : shuffled(g, rnd)) {
                out[k++] = p * g + l;
            }
        }
        for (int rest = groups * g; rest < lines; rest++) { // a partial last group, in order
            out[k++] = rest;
        }
        return out;
    }

    private static int[] shuffled(int n, SplittableRandom rnd) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        for (int i = n - 1; i > 0; i--) { // Fisher-Yates
            int j = rnd.nextInt(i + 1);
            int t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
        return v;
    }
}
