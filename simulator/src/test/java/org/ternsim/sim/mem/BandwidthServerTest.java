// The growing slot ring of BandwidthServer books exactly as the full 4 Mi-slot window it replaced.
package org.ternsim.sim.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BandwidthServerTest {

    /** The booking calendar as it was before the ring grew on demand (main 48a1a25): a fixed window-sized ring. */
    private static final class FullWindow {
        private static final long WINDOW = 1L << 22;
        private final double cyclesPerLine;
        private final long[] booked = new long[(int) (WINDOW >>> 6)];
        private long base;

        FullWindow(double bytesPerCycle, int lineBytes) {
            cyclesPerLine = lineBytes / bytesPerCycle;
        }

        long transfer(long cycle) {
            long s = Math.max((long) Math.floor(cycle / cyclesPerLine), base);
            while (true) {
                if (s >= base + WINDOW) {
                    long newBase = s - WINDOW / 2;
                    if (newBase - base >= WINDOW) {
                        Arrays.fill(booked, 0);
                    } else {
                        for (long t = base; t < newBase; t++) {
                            int i = (int) (t & (WINDOW - 1));
                            booked[i >>> 6] &= ~(1L << i);
                        }
                    }
                    base = newBase;
                }
                int i = (int) (s & (WINDOW - 1));
                long word = booked[i >>> 6];
                if (word == -1L && (i & 63) == 0) {
                    s += 64;
                    continue;
                }
                if ((word & (1L << i)) == 0) {
                    break;
                }
                s++;
            }
            int i = (int) (s & (WINDOW - 1));
            booked[i >>> 6] |= 1L << i;
            double start = Math.max(cycle, s * cyclesPerLine);
            return (long) Math.ceil(start + cyclesPerLine);
        }
    }

    private static void compare(double bytesPerCycle, long seed, int requests, int spread, int jumpEvery, long jump) {
        BandwidthServer server = new BandwidthServer(bytesPerCycle, 64);
        FullWindow reference = new FullWindow(bytesPerCycle, 64);
        SplittableRandom r = new SplittableRandom(seed);
        long now = 0;
        for (int i = 0; i < requests; i++) {
            now += r.nextInt(4);
            if (jumpEvery > 0 && r.nextInt(jumpEvery) == 0) {
                now += jump;
            }
            long cycle = Math.max(0, now - r.nextInt(spread)); // out of time order, as an OoO core presents them
            assertEquals(reference.transfer(cycle), server.transfer(cycle), "request " + i + " at cycle " + cycle);
        }
    }

    @Test
    void growingRingBooksAsTheFullWindow() {
        compare(10.9, 1, 200_000, 500, 0, 0); // a DRAM link below and at saturation
        compare(64, 2, 200_000, 3000, 0, 0); // one cycle per line, requests far out of order
        compare(0.5, 3, 100_000, 50, 0, 0); // a slow link: the backlog runs far ahead, the ring grows
    }

    @Test
    void slidingWindowAndJumpsBookAsTheFullWindow() {
        compare(64, 4, 300_000, 2000, 5000, 1L << 20); // passes the 4 Mi-slot window several times
        compare(64, 5, 50_000, 10, 20_000, 9L << 20); // jumps beyond a whole window
    }
}
