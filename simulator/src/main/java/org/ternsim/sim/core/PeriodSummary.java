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
        int maxPc = 0;
        int edgeCount = 0;
        int[] headsBefore = new int[length + 1];
        boolean rowHeads = false;
        for (int j = 0; j < length; j++) {
            maxPc = Math.max(maxPc, pcs[j]);
            edgeCount += core.loopEdge(pcs[j]) ? 1 : 0;
            int flags = core.flags(pcs[j]);
            headsBefore[j + 1] = headsBefore[j] + ((flags & OutOfOrderCore.LOOP_HEAD) != 0 ? 1 : 0);
            rowHeads |= (flags & OutOfOrderCore.ROW_HEAD) != 0;
        }
        long[] perPc = new long[maxPc + 1];
        int[] edges = new int[edgeCount];
        for (int j = 0, e = 0; j < length; j++) {
            perPc[pcs[j]]++;
            if (core.loopEdge(pcs[j])) {
                edges[e++] = j;
            }
        }
        int distinct = 0;
        for (long c : perPc) {
            distinct += c > 0 ? 1 : 0;
        }
        int[] countedPcs = new int[distinct];
        long[] counts = new long[distinct];
        for (int pc = 0, k = 0; pc <= maxPc; pc++) {
            if (perPc[pc] > 0) {
                countedPcs[k] = pc;
                counts[k++] = perPc[pc];
            }
        }
        return new PeriodSummary(countedPcs, counts, edges, headsBefore, rowHeads);
    }
}
