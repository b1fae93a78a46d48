// The machine a workload runs on: costs one operator at a time (a CPU with threads now; an accelerator later).
package org.ternsim.sim.target;

import org.ternsim.sim.workload.Operator;

/**
 * What end-to-end simulation needs from a machine. Implementations cache by operator shape, so identical layers cost
 * one simulation. {@code org.ternsim.sim.target.CpuTarget} runs the lowered kernels on the core model; an accelerator
 * target implements the same method over its datapath model.
 */
public interface Target {

    /** Short name for reports, e.g. {@code zen5-2c}. */
    String name();

    /** "cpu" or "accelerator". */
    String kind();

    /** Worker threads (CPU) or parallel units the operators are split over. */
    int threads();

    /**
     * Optional: cost the distinct operators of a run ahead of time (e.g. in parallel); {@link #cost} then answers from
     * its cache. Results must not depend on whether this was called.
     */
    default void prepare(java.util.List<Operator> ops) {
    }

    /** As {@link #prepare(java.util.List)}, reporting each costing to {@code progress} (default: none reported). */
    default void prepare(java.util.List<Operator> ops, RunProgress progress) {
        prepare(ops);
    }

    /**
     * The framework's own work around one run of {@code ops} (one decode step, prompt or diffusion step), as an
     * operator of class {@code RUNTIME} that {@link #cost} can price; empty where the target does not model it.
     */
    default java.util.Optional<Operator> runtimeOperator(java.util.List<Operator> ops,
            org.ternsim.sim.workload.Workload.Family family) {
        return java.util.Optional.empty();
    }

    /** Cost of one operator call with its shape. */
    OperatorCost cost(Operator op);

    /**
     * Asks the target to keep, from now on, the events inside each operator it costs (tiles, sampled rows, stalls)
     * for {@link #timeline}. Off by default: recording costs memory, never results.
     */
    default void recordTimelines() {
    }

    /**
     * The events of one call of {@code op} (costed as {@code cost}), relative to its start. The default is one span
     * on one track; targets that recorded more ({@link #recordTimelines}) return per-thread or per-unit detail.
     */
    default org.ternsim.sim.timeline.Timeline timeline(Operator op, OperatorCost cost) {
        return OperatorSpans.single(name(), "operators", op, cost);
    }

    /** Kernel actually used for an operator's requested kernel on this target (e.g. the ISA it lowers to). */
    default String isaOf(Operator op) {
        return "";
    }

    /** Clock of the cycle counts in costs, Hz. */
    double freqHz();

    /** Bytes per second of main memory, for reports. */
    double memoryBytesPerSecond();
}
