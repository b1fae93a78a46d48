// The stride table's shortcuts for lines seen again must answer as the full scan does, also after the table changed.
package org.ternsim.sim.mem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PrefetcherTest {

    private static long[] observe(Prefetcher p, long line) {
        long[] out = new long[p.degree()];
        return Arrays.copyOf(out, p.observe(line, false, out));
    }

    @Test
    void aLineSeenAgainAfterTheTableChangedIsScannedAfresh() {
        Prefetcher p = Prefetcher.of("stride", 1, 1);
        assertEquals(0, observe(p, 100).length);
        assertEquals(0, observe(p, 100).length); // a repeat: remembered
        assertEquals(0, observe(p, 110).length); // retrains the entry to stride +10 at line 110
        assertEquals(0, observe(p, 100).length); // retrains it to stride -10 at line 100, not the remembered answer
        assertArrayEquals(new long[] {80}, observe(p, 90)); // 90 continues stride -10: prefetch one stride ahead
    }

    @Test
    void repeatsInsideAStrideStreamNeitherConfirmNorBreakIt() {
        Prefetcher p = Prefetcher.of("stride", 2, 2);
        observe(p, 0);
        observe(p, 4);
        observe(p, 4);
        observe(p, 4);
        assertArrayEquals(new long[] {16, 20}, observe(p, 8));
        observe(p, 8);
        assertArrayEquals(new long[] {24}, observe(p, 12));
    }

    /**
     * Random mixes of what kernels do (a few lines in turn, strided streams, jumps, dropped prefetches), observed by
     * the prefetcher and by a plain copy of its stride table that scans every entry on every access: the same
     * prefetches, and the same table after every access.
     */
    @Test
    void strideAnswersEqualTheFullScanOnRandomAccesses() {
        SplittableRandom random = new SplittableRandom(58);
        for (int run = 0; run < 200; run++) {
            int degree = 1 + random.nextInt(4);
            int distance = 1 + random.nextInt(4);
            Prefetcher p = Prefetcher.of("stride", degree, distance);
            FullScanStrideTable reference = new FullScanStrideTable(degree, distance);
            long[] hot = new long[1 + random.nextInt(24)];
            for (int i = 0; i < hot.length; i++) {
                hot[i] = random.nextLong(1 << 12);
            }
            long streamAt = random.nextLong(1 << 12);
            long streamStride = random.nextInt(9) - 4;
            for (int step = 0; step < 2_000; step++) {
                long line;
                int what = random.nextInt(10);
                if (what < 6) {
                    line = hot[random.nextInt(hot.length)];
                } else if (what < 9) {
                    streamAt = Math.max(0, streamAt + streamStride);
                    line = streamAt;
                } else {
                    line = random.nextLong(1 << 12);
                }
                long[] expected = reference.observe(line);
                assertArrayEquals(expected, observe(p, line), "run " + run + ", step " + step + ", line " + line);
                assertEquals(reference.table(), p.strideTable(), "run " + run + ", step " + step + ", line " + line);
                if (expected.length > 0 && random.nextInt(4) == 0) {
                    long dropped = expected[random.nextInt(expected.length)];
                    reference.dropped(dropped);
                    p.dropped(dropped);
                }
            }
        }
    }

    /** The stride prefetcher as first written: every access scans all entries, with no shortcut. */
    private static final class FullScanStrideTable {
        private static final int STREAMS = 16;
        private final int degree;
        private final int distance;
        private final long[] lastLine = new long[STREAMS];
        private final long[] issuedUpTo = new long[STREAMS];
        private final long[] stride = new long[STREAMS];
        private final int[] confidence = new int[STREAMS];
        private final long[] lastUse = new long[STREAMS];
        private long clock;
        private int lastEntry = -1;

        FullScanStrideTable(int degree, int distance) {
            this.degree = degree;
            this.distance = distance;
            Arrays.fill(lastLine, Long.MIN_VALUE / 2);
        }

        String table() {
            return Prefetcher.strideTable(lastLine, stride, confidence, lastUse, issuedUpTo);
        }

        void dropped(long line) {
            if (lastEntry >= 0) {
                issuedUpTo[lastEntry] = stride[lastEntry] > 0 ? Math.min(issuedUpTo[lastEntry], line - 1)
                    : Math.max(issuedUpTo[lastEntry], line + 1);
            }
        }

        long[] observe(long line) {
            lastEntry = -1;
            clock++;
            int match = -1;
            int nearest = -1;
            int victim = 0;
            for (int s = 0; s < STREAMS; s++) {
                if (stride[s] != 0 && line == lastLine[s] + stride[s]) {
                    match = s;
                    break;
                }
                long d = Math.abs(line - lastLine[s]);
                if (d <= Prefetcher.STRIDE_WINDOW && (nearest < 0 || d < Math.abs(line - lastLine[nearest]))) {
                    nearest = s;
                }
                if (lastUse[s] < lastUse[victim]) {
                    victim = s;
                }
            }
            if (match < 0) {
                int s = nearest >= 0 ? nearest : victim;
                long d = nearest >= 0 ? line - lastLine[s] : 0;
                lastUse[s] = clock;
                if (d != 0 || nearest < 0) {
                    stride[s] = d;
                    confidence[s] = 0;
                    lastLine[s] = line;
                    issuedUpTo[s] = line;
                }
                return new long[0];
            }
            lastUse[match] = clock;
            lastLine[match] = line;
            confidence[match]++;
            long st = stride[match];
            long[] out = new long[degree];
            int n = 0;
            for (int k = 0; k < degree; k++) {
                long target = line + st * (distance + k);
                if ((st > 0 ? target > issuedUpTo[match] : target < issuedUpTo[match]) && target >= 0) {
                    out[n++] = target;
                }
            }
            if (n > 0) {
                issuedUpTo[match] = out[n - 1];
                lastEntry = match;
            }
            return Arrays.copyOf(out, n);
        }
    }
}
