// LatestCycles against its definition: the smallest of the k largest values added, on random and adversarial streams.
package org.ternsim.sim.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatestCyclesTest {

    /** The reference: a min-heap of the k largest, as FpSchedulerQueue kept them before. */
    private static void compare(int k, long[] stream) {
        LatestCycles latest = new LatestCycles(k);
        PriorityQueue<Long> heap = new PriorityQueue<>();
        for (int i = 0; i < stream.length; i++) {
            latest.add(stream[i]);
            if (heap.size() < k) {
                heap.add(stream[i]);
            } else if (stream[i] > heap.peek()) {
                heap.poll();
                heap.add(stream[i]);
            }
            assertEquals(heap.size() == k, latest.full(), "full after " + i);
            assertEquals(heap.size() == k ? heap.peek() : Long.MIN_VALUE, latest.bound(), "bound after " + i);
            if (latest.full()) {
                assertEquals(heap.peek(), latest.earliest(), "k=" + k + " after value " + i);
            }
        }
    }

    @Test
    void agreesWithAHeapOnNearlyIncreasingCycles() {
        SplittableRandom r = new SplittableRandom(1);
        for (int k : new int[] {1, 2, 7, 114}) {
            long[] s = new long[20_000];
            long t = 0;
            for (int i = 0; i < s.length; i++) {
                t += r.nextInt(3);
                s[i] = t + r.nextInt(40) - (r.nextInt(50) == 0 ? 30 : 0) + (r.nextInt(200) == 0 ? 3000 : 0);
                s[i] = Math.max(0, s[i]);
            }
            compare(k, s);
        }
    }

    @Test
    void agreesWithAHeapOnWideJumpsAndRepeats() {
        SplittableRandom r = new SplittableRandom(2);
        for (int k : new int[] {1, 3, 16}) {
            long[] s = new long[5_000];
            for (int i = 0; i < s.length; i++) {
                s[i] = r.nextInt(4) == 0 ? 5 : (long) r.nextInt(1 << 20); // repeats, gaps beyond the ring
            }
            compare(k, s);
        }
    }
}
