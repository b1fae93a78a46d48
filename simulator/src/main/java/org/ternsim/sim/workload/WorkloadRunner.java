// One call from loaded configs to an end-to-end result: picks the target for the hardware, sparsity, energy model.
package org.ternsim.sim.workload;

import java.util.List;
import java.util.function.Function;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.target.CpuTarget;
import org.ternsim.sim.target.RunProgress;
import org.ternsim.sim.target.Target;
import org.ternsim.sim.timeline.SimListener;

public final class WorkloadRunner {

    private WorkloadRunner() {
    }

    /**
     * @param measureSparsity replace an a4.8 workload's given sparsity by one measured on the functional layer
     * @throws IllegalArgumentException for a phase the workload has no meaning for, or an impossible option
     */
    public static WorkloadResult run(HardwareConfig hw, Workload w, Phase phase, KernelChoice choice, int threads,
            boolean exact, EnergyOptions energy, long seed, boolean measureSparsity) {
        return run(hw, w, phase, choice, threads, exact, energy, seed, measureSparsity, null, null);
    }

    /**
     * As {@link #run}, sending the simulated execution to {@code listener} and the progress of the simulations to
     * {@code progress} (null: none).
     */
    public static WorkloadResult run(HardwareConfig hw, Workload w, Phase phase, KernelChoice choice, int threads,
            boolean exact, EnergyOptions energy, long seed, boolean measureSparsity, SimListener listener,
            RunProgress progress) {
        return runOn(ops -> new CpuTarget(hw, threads, exact, EndToEnd.weightBytes(ops), seed), w, phase, choice, exact,
            energy, seed, measureSparsity, listener, progress);
    }

    /** As {@link #run} on any target, built from the lowered operators (a CPU sizes its caches' reuse from them). */
    public static WorkloadResult runOn(Function<List<Operator>, Target> targetFor, Workload w, Phase phase,
            KernelChoice choice, boolean exact, EnergyOptions energy, long seed, boolean measureSparsity) {
        return runOn(targetFor, w, phase, choice, exact, energy, seed, measureSparsity, null, null);
    }

    /** As {@link #runOn}, with a listener and a progress (null: none). */
    public static WorkloadResult runOn(Function<List<Operator>, Target> targetFor, Workload w, Phase phase,
            KernelChoice choice, boolean exact, EnergyOptions energy, long seed, boolean measureSparsity,
            SimListener listener, RunProgress progress) {
        for (KernelChoice.Named named : choice.named()) {
            Formats.checkKernel(named.option(), named.kernel());
        }
        if (!choice.byOperator().isEmpty() && w.family() != Workload.Family.LLM) {
            throw new IllegalArgumentException("--kernel <projection>=<kernel> applies to LLM workloads; " + w.name()
                + " is " + w.family().name().toLowerCase(java.util.Locale.ROOT));
        }
        Workload.Sparsity sparsity = w.sparsity();
        if (measureSparsity) {
            if (!"given".equals(sparsity.mode())) {
                throw new IllegalArgumentException("--sparsity measured applies to a4.8 workloads (sparsity mode given);"
                    + " " + w.name() + " is " + sparsity.mode());
            }
            sparsity = SparsityMeter.measure(w, seed);
        }
        Workload used = new Workload(w.name(), w.description(), w.family(), w.llm(), w.dit(), w.numerics(),
            w.linearKernel(), w.lmHead(), sparsity, w.source(), w.file());
        List<Operator> ops = WorkloadLowering.lower(used, phase, choice);
        Target target = targetFor.apply(ops);
        return EndToEnd.run(used, phase, choice, ops, target, energy, exact, listener, progress);
    }
}
