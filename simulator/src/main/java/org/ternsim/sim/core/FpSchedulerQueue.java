// AMD's FP front: an in-order non-scheduling queue (NSQ) in front of capacity-limited FP schedulers.
package org.ternsim.sim.core;

/**
 * Zen's FP/vector ops dispatch into a non-scheduling queue and leave it in program order for the FP schedulers,
 * which hold a fixed number of ops until they issue (AMD SOG 19h 2.11 as quoted in llvm's Znver3/4 models; AMD patent
 * application US 2021/0117196 "Register renaming after a non-pickable scheduler queue"). So an op that waits in the
 * schedulers for its operands keeps an entry, and when the schedulers are full of waiting ops, no younger FP op can
 * leave the NSQ, even one whose operands are ready; when the NSQ is full too, dispatch stops. Measured on a Zen 4
 * host: ~56-60 FP ops waiting on one divide chain stop an FP-bound loop completely (docs/validation.md, "Native
 * runs: the per-row cost the model misses").
 *
 * <p>Timestamps, in program order of the FP ops: op i leaves the NSQ (enters a scheduler) at
 * {@code max(dispatch_i, enter_{i-1}, L)} with L the {@code schedulerSize}-th latest issue cycle among older FP ops
 * (the scheduler then holds fewer than schedulerSize unissued ops); it may dispatch only once the op
 * {@code queueSize} FP ops earlier has left the NSQ.
 */
final class FpSchedulerQueue {
    /** When the latest queueSize FP ops left the NSQ; a ring starting at 0, which bounds nothing until it wraps. */
    private final long[] enteredAt;
    private int slot;
    private long lastEnter;
    /** The schedulerSize latest issue cycles seen so far; the earliest of them is the cycle an entry comes free. */
    private final LatestCycles latest;

    FpSchedulerQueue(int queueSize, int schedulerSize) {
        if (queueSize < 1 || schedulerSize < 1) {
            throw new IllegalArgumentException("queue and scheduler sizes must be >= 1");
        }
        this.enteredAt = new long[queueSize];
        this.latest = new LatestCycles(schedulerSize);
    }

    /** Earliest dispatch cycle of the next FP op: its NSQ slot is free once the op queueSize earlier has left. */
    long earliestDispatch() {
        return enteredAt[slot];
    }

    /** The next FP op, dispatched at {@code dispatch}, enters a scheduler at the returned cycle. */
    long enter(long dispatch) {
        long at = Math.max(Math.max(dispatch, lastEnter), latest.bound());
        lastEnter = at;
        enteredAt[slot] = at;
        slot = slot + 1 == enteredAt.length ? 0 : slot + 1;
        return at;
    }

    /** The op that last entered leaves its scheduler entry at {@code cycle} (it issued). */
    void issued(long cycle) {
        latest.add(cycle);
    }

    /** Writes the queue to {@code image}; its cycles bound dispatch or entry only when later than {@code base}. */
    void capture(StateImage image, long base) {
        image.putRing(enteredAt, slot, base, 0);
        image.putCycle(lastEnter, base, 0);
        latest.capture(image, base);
    }

    void restore(StateImage image, long base) {
        image.readRing(enteredAt, base);
        slot = 0;
        lastEnter = image.next() + base;
        latest.restore(image, base);
    }
}
