// What a replayed loop period or memo row holds, counted once: executions per pc, loop edges, loop-head visits.
package org.ternsim.sim.core;

import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * Per position i (0 to the length) {@link #headsBefore} says how many inner-loop heads come before it: the visits a
 * replay skips, which the row search still counts. {@link #edges} are the positions of loop heads and closing
 * branches (the steady-state detectors' events); {@link #rowHeads} whether the instructions pass a row loop's head, a
 * visit the row search would then miss; {@link #countedPcs} the distinct pcs and {@link #counts} how often each runs.
 *
 * <p>A memo row that turned away from another shares its instructions up to the turn, so its summary starts from that
 * row's, and counts its pcs only when a replay of it to its end asks: NEON T-MAC-W4 keeps about 130 recorded rows
 * per 2.8 million-instruction GEMV, most of them detours and children of 17,553-instruction rows, and summarising
 * each from its start was 2.5 % of its profile.
 */
final class PeriodSummary {
    private final int[] edges;
    private final int[] headsBefore;
    /** The first position of a row loop's head, or -1. */
    private final int firstRowHead;
    /** The instructions, kept until the pcs are counted (for a memo row, its own array). */
    private char[] rowPcs;
    private int[] countedPcs;
    private long[] counts;

    private PeriodSummary(int[] edges, int[] headsBefore, int firstRowHead) {
        this.edges = edges;
        this.headsBefore = headsBefore;
        this.firstRowHead = firstRowHead;
    }

    /** The summary of {@code pcs[0..length)}, a loop period's: counted now (the caller reuses the array). */
    static PeriodSummary of(OutOfOrderCore core, int[] pcs, int length) {
        PeriodSummary s = ofRow(core, pcs, null, length, null, 0);
        s.countFrom(executionsPerPc(length, j -> pcs[j]));
        return s;
    }

    /**
     * The summary of a memo row's instructions {@code pcs[0..length)}, whose first {@code shared} are those of the row
     * summarised by {@code prefix} (null and 0 for a row of its own). {@code rowPcs} holds the same pcs and is kept,
     * unchanged, to count them from when asked.
     */
    static PeriodSummary ofRow(OutOfOrderCore core, int[] pcs, char[] rowPcs, int length, PeriodSummary prefix,
            int shared) {
        int[] headsBefore = new int[length + 1];
        int from = 0;
        int edgeCount = 0;
        int[] edges = new int[16];
        int firstRowHead = -1;
        if (prefix != null && shared > 0) {
            from = Math.min(shared, length);
            System.arraycopy(prefix.headsBefore, 0, headsBefore, 0, from + 1);
            while (edgeCount < prefix.edges.length && prefix.edges[edgeCount] < from) {
                edgeCount++;
            }
            edges = Arrays.copyOf(prefix.edges, Math.max(16, 2 * edgeCount));
            firstRowHead = prefix.firstRowHead < from ? prefix.firstRowHead : -1;
        }
        for (int j = from; j < length; j++) {
            int flags = core.flags(pcs[j]);
            if ((flags & OutOfOrderCore.LOOP_EDGE) != 0) {
                if (edgeCount == edges.length) {
                    edges = Arrays.copyOf(edges, 2 * edgeCount);
                }
                edges[edgeCount++] = j;
            }
            headsBefore[j + 1] = headsBefore[j] + ((flags & OutOfOrderCore.LOOP_HEAD) != 0 ? 1 : 0);
            if (firstRowHead < 0 && (flags & OutOfOrderCore.ROW_HEAD) != 0) {
                firstRowHead = j;
            }
        }
        PeriodSummary s = new PeriodSummary(Arrays.copyOf(edges, edgeCount), headsBefore, firstRowHead);
        s.rowPcs = rowPcs;
        return s;
    }

    int[] edges() {
        return edges;
    }

    int[] headsBefore() {
        return headsBefore;
    }

    boolean rowHeads() {
        return firstRowHead >= 0;
    }

    int[] countedPcs() {
        count();
        return countedPcs;
    }

    long[] counts() {
        count();
        return counts;
    }

    private void count() {
        if (countedPcs != null) {
            return;
        }
        char[] pcs = rowPcs;
        countFrom(executionsPerPc(headsBefore.length - 1, j -> pcs[j]));
    }

    /** Per pc up to the largest of {@code pcAt(0..length)}, how often it comes. */
    private static long[] executionsPerPc(int length, IntUnaryOperator pcAt) {
        int maxPc = 0;
        for (int j = 0; j < length; j++) {
            maxPc = Math.max(maxPc, pcAt.applyAsInt(j));
        }
        long[] perPc = new long[maxPc + 1];
        for (int j = 0; j < length; j++) {
            perPc[pcAt.applyAsInt(j)]++;
        }
        return perPc;
    }

    private void countFrom(long[] perPc) {
        int distinct = 0;
        for (long c : perPc) {
            distinct += c > 0 ? 1 : 0;
        }
        int[] pcs = new int[distinct];
        long[] n = new long[distinct];
        for (int pc = 0, k = 0; pc < perPc.length; pc++) {
            if (perPc[pc] > 0) {
                pcs[k] = pc;
                n[k++] = perPc[pc];
            }
        }
        counts = n;
        countedPcs = pcs;
        rowPcs = null;
    }
}
