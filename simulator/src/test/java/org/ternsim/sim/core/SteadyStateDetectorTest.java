// The steady-state detector: converges on constant and periodic loops, amortises re-entry, reports iteration counts.
package org.ternsim.sim.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SteadyStateDetectorTest {

    private static final Loop LOOP = new Loop(".L", 10, 12);

    /** Feeds one iteration (head, middle, branch) whose branch retires at {@code retire}. */
    private static void iteration(SteadyStateDetector d, int previousPc, long retire) {
        d.timed(10, previousPc, retire - 1);
        d.timed(12, 11, retire);
    }

    @Test
    void constantRateConvergesAtTheSecondWindow() {
        SteadyStateDetector d = new SteadyStateDetector(LOOP, 8, 0.01);
        long t = 100;
        iteration(d, 9, t);
        for (int i = 1; i < 40; i++) {
            t += 3;
            iteration(d, 12, t);
        }
        SteadyState s = d.result();
        assertTrue(s.converged());
        assertEquals(8, s.convergedAfter()); // the second window agreed with the first
        assertEquals(3.0, s.cyclesPerIteration(), 1e-12);
        assertEquals(40, s.iterations());
        assertEquals(39, s.measured());
        assertEquals(30.0, s.extrapolate(10), 1e-12);
    }

    @Test
    void warmUpIsExcludedAndPeriodicSchedulesAverage() {
        SteadyStateDetector d = new SteadyStateDetector(LOOP, 8, 0.01);
        long t = 0;
        iteration(d, 9, t);
        for (int i = 1; i < 100; i++) {
            // 20 warm-up iterations getting faster, then a 3,5,3,5 pattern: 4 cycles per iteration on average.
            t += i <= 20 ? 30 - i : i % 2 == 0 ? 3 : 5;
            iteration(d, 12, t);
        }
        SteadyState s = d.result();
        assertTrue(s.converged());
        assertTrue(s.convergedAfter() >= 20, "warm-up windows must not count: " + s.convergedAfter());
        assertEquals(4.0, s.cyclesPerIteration(), 0.02); // an odd count of 3,5 deltas after convergence
    }

    @Test
    void reEntryCostIsAmortisedOverWholeTrips() {
        SteadyStateDetector d = new SteadyStateDetector(LOOP, 8, 0.01);
        long t = 0;
        for (int trip = 0; trip < 20; trip++) {
            for (int i = 0; i < 5; i++) {
                t += i == 0 ? 12 : 2; // 4 x 2 cycles inside a trip, 12 across the re-entry: 4 cycles per iteration
                iteration(d, i == 0 ? 5 : 12, t);
            }
        }
        SteadyState s = d.result();
        assertTrue(s.converged());
        assertEquals(4.0, s.cyclesPerIteration(), 1e-12);
        assertEquals(100, s.iterations());
    }

    @Test
    void aLoopThatNeverSettlesIsReportedAsNotConverged() {
        SteadyStateDetector d = new SteadyStateDetector(LOOP, 4, 0.01);
        long t = 0;
        iteration(d, 9, t);
        for (int i = 1; i < 30; i++) {
            t += i; // ever slower
            iteration(d, 12, t);
        }
        SteadyState s = d.result();
        assertFalse(s.converged());
        assertEquals(15.0, s.cyclesPerIteration(), 1e-12);
    }
}
