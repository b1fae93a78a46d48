// What a replayed loop period holds, counted once: executions per pc, loop edges, loop-head visits.
package org.ternsim.sim.core;

/**
 * @param countedPcs the distinct pcs of the period, and {@code counts} how often the period runs each
 * @param edges positions of loop heads and closing branches (the steady-state detectors' events)
 * @param headsBefore per position i (0 to the period's length), how many inner-loop heads come before it: the visits
 *        a replay skips, which the row search still counts
 * @param rowHeads whether the period passes a row loop's head, a visit the row search would then miss
 */
record PeriodSummary(int[] countedPcs, long[] counts, int[] edges, int[] headsBefore, boolean rowHeads) {

    static PeriodSummary of(OutOfOrderCore core, int[] pcs, int length) {
        // in one pass: every row the memo records (up to 65,536 instructions) is summarised
        int maxPc = 0;
        int edgeCount = 0;
        int[] headsBefore = new int[length + 1];
        int[] edges = new int[Math.min(length, 64)];
        int[] perPc = new int[64];
        boolean rowHeads = false;
        for (int j = 0; j < length; j++) {
            int pc = pcs[j];
            int flags = core.flags(pc);
            if (pc >= perPc.length) {
                perPc = java.util.Arrays.copyOf(perPc, Math.max(pc + 1, 2 * perPc.length));
            }
            perPc[pc]++;
            maxPc = Math.max(maxPc, pc);
            if ((flags & OutOfOrderCore.LOOP_EDGE) != 0) {
                if (edgeCount == edges.length) {
                    edges = java.util.Arrays.copyOf(edges, 2 * edgeCount);
                }
                edges[edgeCount++] = j;
            }
            headsBefore[j + 1] = headsBefore[j] + ((flags & OutOfOrderCore.LOOP_HEAD) != 0 ? 1 : 0);
            rowHeads |= (flags & OutOfOrderCore.ROW_HEAD) != 0;
        }
        int distinct = 0;
        for (int pc = 0; pc <= maxPc && length > 0; pc++) {
            distinct += perPc[pc] > 0 ? 1 : 0;
        }
        int[] countedPcs = new int[distinct];
        long[] counts = new long[distinct];
        for (int pc = 0, k = 0; pc <= maxPc && length > 0; pc++) {
            if (perPc[pc] > 0) {
                countedPcs[k] = pc;
                counts[k++] = perPc[pc];
            }
        }
        return new PeriodSummary(countedPcs, counts, java.util.Arrays.copyOf(edges, edgeCount), headsBefore,
            rowHeads);
    }
}
