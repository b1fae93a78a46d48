// Receives the cycles the core's dispatch waits for a full window resource, by cause (for traces and stall views).
package org.ternsim.sim.core;

/** Called only while attached ({@link OutOfOrderCore#observeStalls}); stall intervals arrive in order, disjoint. */
@FunctionalInterface
public interface StallObserver {

    /**
     * What a dispatch stall waited for: a ROB entry, a load-queue or store-queue entry, a free vector physical register
     * or a place in the FP schedulers' in-order queue.
     */
    enum Cause {
        ROB_FULL("ROB full"), LOAD_QUEUE_FULL("load queue full"), STORE_QUEUE_FULL("store queue full"),
        VECTOR_REGISTERS_FULL("vector registers full"), FP_QUEUE_FULL("FP scheduler queue full");

        private final String label;

        Cause(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * @param cause  the resource the instruction waited for (the one freed last when several were full)
     * @param from   cycle dispatch would otherwise have happened
     * @param cycles cycles dispatch waited
     */
    void stalled(Cause cause, long from, long cycles);
}
