// What one replayed loop period does to the dataflow schedule, as a max-plus map applied once per period.
package org.ternsim.sim.core;

import java.util.Arrays;

/**
 * The core's dataflow schedule (the critical-path bound, {@link OutOfOrderCore#dataflow}) is built from maxima and
 * additions of constants only, so running it over a fixed sequence of instructions is a max-plus linear map of its
 * state: each output is the largest of some inputs plus constants, or a constant. Built once per replayed period by
 * running the period symbolically, it then costs a few operations per register per period instead of a pass over
 * every instruction, with the same numbers as that pass.
 *
 * <p>State layout (as {@link OutOfOrderCore#saveDataflow}): per register its ideal ready cycle, then per register
 * its ideal ready cycle as an accumulator, then the latest ideal completion.
 */
final class DataflowMap {
    /** Source index of the constant 0 that an instruction without sources starts from. */
    static final int CONSTANT = -1;

    private final int[] from;
    private final int[] sources;
    private final long[] weights;
    private final long[] scratch;
    /** How many times the map of one repeating unit makes up the period. */
    private final int times;
    /** Each register's accumulate group after the instructions ({@link #ofSpan}); null for a repeating unit's map. */
    final int[] groupsAfter;

    private DataflowMap(Term[] outputs, int times, int[] groupsAfter) {
        this.times = times;
        this.groupsAfter = groupsAfter;
        from = new int[outputs.length + 1];
        int n = 0;
        for (Term t : outputs) {
            n += t.size;
        }
        sources = new int[n];
        weights = new long[n];
        int k = 0;
        for (int i = 0; i < outputs.length; i++) {
            from[i] = k;
            System.arraycopy(outputs[i].sources, 0, sources, k, outputs[i].size);
            System.arraycopy(outputs[i].weights, 0, weights, k, outputs[i].size);
            k += outputs[i].size;
        }
        from[outputs.length] = k;
        scratch = new long[outputs.length];
    }

    /** Operations per application: terms evaluated, times the units in a period. */
    long cost() {
        return (long) sources.length * times;
    }

    /** Replaces {@code state} by its value after one more period. */
    void apply(long[] state) {
        for (int t = 0; t < times; t++) {
            applyOnce(state);
        }
    }

    private void applyOnce(long[] state) {
        for (int i = 0; i < scratch.length; i++) {
            long m = Long.MIN_VALUE;
            for (int k = from[i]; k < from[i + 1]; k++) {
                int s = sources[k];
                m = Math.max(m, (s == CONSTANT ? 0 : state[s]) + weights[k]);
            }
            scratch[i] = m;
        }
        System.arraycopy(scratch, 0, state, 0, scratch.length);
    }

    /**
     * The map of a period of {@code n} instructions that is a run of at least two equal units (rows), or null when it
     * is not (building a map costs a symbolic pass over a unit, which only pays off when it stands for several). Per
     * instruction its pc, memory width and kind; {@code accGroups} is each register's accumulate group at the period's
     * start (the same at every period's start, as the state repeats), which the unit must also leave as it found it.
     */
    static DataflowMap ofRepeatingUnit(DataflowRules rules, int[] pcs, int[] widths, boolean[] stores,
            int n, int[] accGroups) {
        for (int unit = 1; unit <= n / 2; unit++) {
            if (n % unit == 0 && repeats(pcs, widths, stores, n, unit)) {
                int[] groups = accGroups.clone();
                Term[] outputs = symbolic(rules, pcs, widths, stores, unit, groups);
                return java.util.Arrays.equals(groups, accGroups) ? new DataflowMap(outputs, n / unit, null) : null;
            }
        }
        return null;
    }

    /**
     * The map of one pass over {@code n} instructions from accumulate groups {@code accGroups}, or null where the pass
     * leaves the groups otherwise than it found them (the core's groups would then have to be set as well).
     */
    static DataflowMap ofSequence(DataflowRules rules, int[] pcs, int[] widths, boolean[] stores, int n,
            int[] accGroups) {
        DataflowMap map = ofSpan(rules, pcs, widths, stores, n, accGroups);
        return Arrays.equals(map.groupsAfter, accGroups) ? map : null;
    }

    /**
     * The map of one pass over {@code n} instructions from accumulate groups {@code accGroups}, with the groups they
     * leave ({@link #groupsAfter}), for a span of a row whose groups at its start are always the same.
     */
    static DataflowMap ofSpan(DataflowRules rules, int[] pcs, int[] widths, boolean[] stores, int n,
            int[] accGroups) {
        int[] groups = accGroups.clone();
        Term[] outputs = symbolic(rules, pcs, widths, stores, n, groups);
        return new DataflowMap(outputs, 1, groups);
    }

    private static boolean repeats(int[] pcs, int[] widths, boolean[] stores, int n, int unit) {
        for (int j = unit; j < n; j++) {
            if (pcs[j] != pcs[j - unit] || widths[j] != widths[j - unit] || stores[j] != stores[j - unit]) {
                return false;
            }
        }
        return true;
    }

    /** Runs the dataflow schedule over {@code n} instructions with terms for values; {@code group} is updated. */
    private static Term[] symbolic(DataflowRules rules, int[] pcs, int[] widths, boolean[] stores,
            int n, int[] group) {
        int regs = group.length;
        int end = 2 * regs;
        Term[] ready = new Term[regs];
        Term[] accReady = new Term[regs];
        for (int r = 0; r < regs; r++) {
            ready[r] = Term.of(r, 0);
            accReady[r] = Term.of(regs + r, 0);
        }
        // maxima of several terms are gathered densely and made a term once: merging them a pair at a time allocated
        // an array per merge, and the latest completion, merged at every instruction, grows to hundreds of sources
        Maximum start = new Maximum(end + 1);
        Maximum latest = new Maximum(end + 1);
        latest.add(Term.of(end, 0), 0);
        int[] ids = rules.registerIds();
        for (int i = 0; i < n; i++) {
            int pc = pcs[i];
            start.add(Term.ZERO, 0);
            for (int k = rules.readsFrom(pc), to = rules.readsTo(pc); k < to; k++) {
                start.add(ready[ids[k]], 0);
            }
            int acc = rules.accumulator(pc);
            int accGroup = rules.accumulateGroup(pc);
            if (acc >= 0) {
                start.add(group[acc] == accGroup ? accReady[acc] : ready[acc], 0);
            }
            long advance = rules.lateAdvance(pc);
            for (int k = rules.lateFrom(pc), to = rules.lateTo(pc); k < to; k++) {
                start.add(ready[ids[k]], -advance);
            }
            Term complete = start.take(rules.completionAfterStart(pc, widths[i] > 0 && !stores[i]));
            Term asAccumulator = complete.plus(-rules.earlyAccumulate(pc));
            for (int k = rules.writesFrom(pc), to = rules.writesTo(pc); k < to; k++) {
                ready[ids[k]] = complete;
                accReady[ids[k]] = asAccumulator;
                group[ids[k]] = accGroup;
            }
            latest.add(complete, 0);
        }
        Term[] outputs = new Term[end + 1];
        System.arraycopy(ready, 0, outputs, 0, regs);
        System.arraycopy(accReady, 0, outputs, regs, regs);
        outputs[end] = latest.take(0);
        return outputs;
    }

    /** The maximum of terms added so far, per source, over sources {@link #CONSTANT} to {@code sources - 1}. */
    private static final class Maximum {
        private static final long NONE = Long.MIN_VALUE;
        /** Per source + 1, its greatest weight so far, or {@link #NONE}. */
        private final long[] weight;
        private final int[] present;
        private int count;

        Maximum(int sources) {
            weight = new long[sources + 1];
            Arrays.fill(weight, NONE);
            present = new int[sources + 1];
        }

        void add(Term t, long shift) {
            for (int k = 0; k < t.size; k++) {
                int i = t.sources[k] + 1;
                long w = t.weights[k] + shift;
                if (weight[i] == NONE) {
                    present[count++] = i;
                    weight[i] = w;
                } else if (w > weight[i]) {
                    weight[i] = w;
                }
            }
        }

        /** The maximum plus {@code shift}, as a term; starts over empty. */
        Term take(long shift) {
            Arrays.sort(present, 0, count);
            int[] sources = new int[count];
            long[] weights = new long[count];
            for (int k = 0; k < count; k++) {
                int i = present[k];
                sources[k] = i - 1;
                weights[k] = weight[i] + shift;
                weight[i] = NONE;
            }
            count = 0;
            return new Term(sources, weights, sources.length);
        }
    }

    /** max over terms of (source + weight), sources in rising order; immutable. */
    private static final class Term {
        final int[] sources;
        final long[] weights;
        final int size;

        private Term(int[] sources, long[] weights, int size) {
            this.sources = sources;
            this.weights = weights;
            this.size = size;
        }

        static final Term ZERO = of(CONSTANT, 0);

        static Term of(int source, long weight) {
            return new Term(new int[] {source}, new long[] {weight}, 1);
        }

        Term plus(long c) {
            if (c == 0) {
                return this;
            }
            long[] w = Arrays.copyOf(weights, size);
            for (int i = 0; i < size; i++) {
                w[i] += c;
            }
            return new Term(sources, w, size);
        }
    }
}
