// Lets simulated cores, each on its own Java thread, touch the shared cache levels and DRAM one at a time in simulated-time order.
package org.ternsim.sim.multicore;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.ternsim.sim.mem.SharedGate;

/**
 * Conservative, deterministic ordering: a core that reaches a shared level waits until every other core is either
 * waiting at a shared level too or finished, and then the one with the smallest (cycle, core index) goes on. So
 * at most one core runs between shared accesses, and the interleaving depends only on simulated time, never on
 * the host's thread scheduling: the same inputs give the same results.
 */
final class TimeOrderedGate {
    private static final long RUNNING = Long.MIN_VALUE;
    private static final long DONE = Long.MAX_VALUE;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition[] turn;
    private final long[] waitingAt;
    private int granted = -1;
    private long handoffs;

    TimeOrderedGate(int cores) {
        turn = new Condition[cores];
        waitingAt = new long[cores];
        for (int k = 0; k < cores; k++) {
            turn[k] = lock.newCondition();
            waitingAt[k] = RUNNING;
        }
    }

    SharedGate forCore(int core) {
        return cycle -> await(core, cycle);
    }

    /** Core {@code core} has finished; it no longer holds the others back. */
    void done(int core) {
        lock.lock();
        try {
            waitingAt[core] = DONE;
            grantNext();
        } finally {
            lock.unlock();
        }
    }

    long handoffs() {
        return handoffs;
    }

    private void await(int core, long cycle) {
        lock.lock();
        try {
            waitingAt[core] = cycle;
            grantNext();
            while (granted != core) {
                turn[core].awaitUninterruptibly();
            }
            granted = -1;
            waitingAt[core] = RUNNING;
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: if no core runs, wake the waiting core with the smallest (cycle, index). */
    private void grantNext() {
        int best = -1;
        for (int k = 0; k < waitingAt.length; k++) {
            if (waitingAt[k] == RUNNING) {
                return;
            }
            if (waitingAt[k] != DONE && (best < 0 || waitingAt[k] < waitingAt[best])) {
                best = k;
            }
        }
        if (best >= 0 && granted != best) {
            granted = best;
            handoffs++;
            turn[best].signal();
        }
    }
}
