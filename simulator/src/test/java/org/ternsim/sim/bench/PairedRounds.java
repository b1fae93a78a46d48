// The rounds of a paired bench: every build once per round in a rotating order, then each build against the first.
package org.ternsim.sim.bench;

import java.util.Arrays;

final class PairedRounds {

    /** Times one call of build {@code build}, in nanoseconds. */
    interface Call {
        long time(int build) throws Exception;
    }

    /** One build's times: median and fastest call, and its speed against the first build's call of the same round. */
    record Summary(long median, long fastest, double speed, double speedLowQuartile, double speedHighQuartile) {
    }

    private PairedRounds() {
    }

    /** Nanoseconds per build and round; each build goes first in turn, so no build always runs after another. */
    static long[][] run(int builds, int rounds, Call call) throws Exception {
        long[][] nanos = new long[builds][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int j = 0; j < builds; j++) {
                int i = (r + j) % builds;
                nanos[i][r] = call.time(i);
            }
        }
        return nanos;
    }

    static Summary summary(long[][] nanos, int build) {
        int rounds = nanos[build].length;
        long[] sorted = nanos[build].clone();
        Arrays.sort(sorted);
        double[] ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            ratio[r] = (double) nanos[0][r] / nanos[build][r];
        }
        Arrays.sort(ratio);
        return new Summary(sorted[rounds / 2], sorted[0], ratio[rounds / 2], ratio[rounds / 4], ratio[3 * rounds / 4]);
    }
}
