// Finds periods of whole rows: the latest q visits to outer loop heads look like the q before them.
package org.ternsim.sim.core;

import java.util.Arrays;

/**
 * {@link LoopReplay}'s second search, over visits to the heads of loops that hold other loops (rows, blocks of rows).
 * An inner-loop candidate proves a timing state that may take longer to come back than a row has iterations (a GEMV
 * streaming from DRAM; a row longer than {@link LoopReplay#MAX_PERIOD} visits): its span then holds a row end at a
 * different place each time and the replay stops at once. A period of whole rows is one the control flow repeats.
 *
 * <p>A row visit's signature is its pc and, since the row visit before, the instructions, the inner-loop visits and
 * the dispatch cycles. A candidate of q rows needs its signatures equal for {@value #MIN_RUN} + q visits in a row.
 */
final class RowPeriodSearch {

    /** Longest period searched for, in row visits. */
    static final int MAX_ROWS = 32;
    private static final int MIN_RUN = 2;

    /** A candidate: q rows, and the inner-loop visits and instructions the latest q rows took. */
    record Candidate(int rows, long innerVisits, long instructions) {
    }

    private final long[] signatures = new long[MAX_ROWS + 1];
    /** Per ring entry, the inner-loop visit count and the instruction count at that row visit. */
    private final long[] innerAt = new long[MAX_ROWS + 1];
    private final long[] sequenceAt = new long[MAX_ROWS + 1];
    private final int[] runs = new int[MAX_ROWS + 1];
    private long visits;
    private long previousDispatch;
    private long previousSequence;
    private long previousInner;
    /** Fewest rows searched for: a candidate given up on is not tried again, so a longer one can be. */
    private int shortest = 1;

    /** Adds a row visit; returns the shortest period of rows the latest visits repeat, null for none. */
    Candidate visit(int pc, long sequence, long dispatch, long innerVisits) {
        long signature = (pc * 0x9E3779B97F4A7C15L) ^ ((sequence - previousSequence) * 0xC2B2AE3D27D4EB4FL)
            ^ ((innerVisits - previousInner) * 0x165667B19E3779F9L) ^ (dispatch - previousDispatch);
        previousDispatch = dispatch;
        previousSequence = sequence;
        previousInner = innerVisits;
        int ring = signatures.length;
        int now = (int) (visits % ring);
        int found = 0;
        for (int q = 1; q <= MAX_ROWS; q++) {
            int then = now - q < 0 ? now - q + ring : now - q;
            runs[q] = visits >= q && signatures[then] == signature ? runs[q] + 1 : 0;
            if (found == 0 && q >= shortest && runs[q] >= q + MIN_RUN) {
                found = q;
            }
        }
        signatures[now] = signature;
        innerAt[now] = innerVisits;
        sequenceAt[now] = sequence;
        visits++;
        if (found == 0) {
            return null;
        }
        int then = now - found < 0 ? now - found + ring : now - found;
        // rows whose inner loops did not run give no inner visit to count a period in
        return innerVisits == innerAt[then] ? null
            : new Candidate(found, innerVisits - innerAt[then], sequence - sequenceAt[then]);
    }

    long visits() {
        return visits;
    }

    /** The signatures seen so far no longer continue (visits went unseen): runs start again. */
    void stale() {
        Arrays.fill(runs, 0);
    }

    /** A candidate of {@code rows} rows was given up on. */
    void reject(int rows) {
        shortest = Math.min(rows + 1, MAX_ROWS);
        stale();
    }
}
