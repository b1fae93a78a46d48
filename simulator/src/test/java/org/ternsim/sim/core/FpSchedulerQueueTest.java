// The FP non-scheduling queue: in-order entry into capacity-limited schedulers, and dispatch held by a full queue.
package org.ternsim.sim.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FpSchedulerQueueTest {

    @Test
    void opsEnterAtDispatchWhileTheSchedulerHasRoom() {
        FpSchedulerQueue q = new FpSchedulerQueue(4, 2);
        assertEquals(5, q.enter(5));
        q.issued(100);
        assertEquals(6, q.enter(6));
        q.issued(7);
        assertEquals(0, q.earliestDispatch());
    }

    @Test
    void aFullSchedulerHoldsYoungerOpsInTheQueueEvenIfTheyAreReady() {
        FpSchedulerQueue q = new FpSchedulerQueue(4, 2);
        q.enter(0);
        q.issued(50); // waits for a long-latency operand
        q.enter(0);
        q.issued(40);
        // both entries are taken until cycle 40: a third op dispatched at 1 enters when the first entry frees
        assertEquals(40, q.enter(1));
        q.issued(41);
        // in order: a fourth op cannot pass the third, and now needs one of the entries held until 41 / 50
        assertEquals(41, q.enter(2));
        q.issued(42);
    }

    @Test
    void aFullQueueHoldsDispatch() {
        FpSchedulerQueue q = new FpSchedulerQueue(2, 1);
        q.enter(0);
        q.issued(30);
        assertEquals(0, q.earliestDispatch());
        assertEquals(30, q.enter(1));
        q.issued(31);
        // the queue's two slots are the first two ops; the third dispatches when the first has left the queue (0),
        // the fourth when the second has (30)
        assertEquals(0, q.earliestDispatch());
        assertEquals(31, q.enter(2));
        q.issued(32);
        assertEquals(30, q.earliestDispatch());
    }

    @Test
    void sizesMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new FpSchedulerQueue(0, 4));
        assertThrows(IllegalArgumentException.class, () -> new FpSchedulerQueue(4, 0));
    }
}
