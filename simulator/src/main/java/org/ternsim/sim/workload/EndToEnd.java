// Runs a workload phase on a target: lowers it to operators, costs each (cached per shape), sums per layer and unit.
package org.ternsim.sim.workload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ternsim.sim.target.OperatorCost;
import org.ternsim.sim.target.RunProgress;
import org.ternsim.sim.target.Target;
import org.ternsim.sim.timeline.SimListener;

public final class EndToEnd {

    private EndToEnd() {
    }

    /** Weight bytes one unit of work reads (linear weights and the LM head), to place them in DRAM or cache. */
    public static double weightBytes(List<Operator> ops) {
        return ops.stream().filter(o -> o.opClass() == OpClass.LINEAR).mapToDouble(Operator::weightBytes).sum();
    }

    public static WorkloadResult run(Workload w, Phase phase, KernelChoice choice, Target target, EnergyOptions energy,
            boolean exact, Workload.Sparsity sparsity) {
        Workload used = sparsity == null ? w : new Workload(w.name(), w.description(), w.family(), w.llm(), w.dit(),
            w.numerics(), w.linearKernel(), w.lmHead(), sparsity, w.source(), w.file());
        List<Operator> ops = WorkloadLowering.lower(used, phase, choice);
        return run(used, phase, choice, ops, target, energy, exact);
    }

    public static WorkloadResult run(Workload w, Phase phase, KernelChoice choice, List<Operator> ops, Target target,
            EnergyOptions energy, boolean exact) {
        return run(w, phase, choice, ops, target, energy, exact, null, null);
    }

    /**
     * @param listener receives the simulated execution: the operators one after the other in simulated time, each
     *                 with the events its target recorded (threads, tiles, stalls); null for none
     * @param progress receives the target's simulations as they finish (host time); null for none
     */
    public static WorkloadResult run(Workload w, Phase phase, KernelChoice choice, List<Operator> ops, Target target,
            EnergyOptions energy, boolean exact, SimListener listener, RunProgress progress) {
        List<Operator> all = ops;
        var runtime = target.runtimeOperator(ops, w.family());
        if (runtime.isPresent()) {
            all = new ArrayList<>(ops);
            all.add(runtime.get());
        }
        return runAll(w, phase, choice, all, target, energy, exact, listener, progress);
    }

    private static WorkloadResult runAll(Workload w, Phase phase, KernelChoice choice, List<Operator> ops,
            Target target, EnergyOptions energy, boolean exact, SimListener listener, RunProgress progress) {
        List<WorkloadResult.OperatorResult> results = new ArrayList<>();
        if (listener != null) {
            target.recordTimelines();
        }
        if (progress != null) {
            target.prepare(ops, progress);
        } else {
            target.prepare(ops);
        }
        LayerSpans layers = listener == null ? null : new LayerSpans(listener);
        double t = 0;
        for (Operator op : ops) {
            OperatorCost c = target.cost(op);
            Map<String, Double> e = energy.arithmetic()
                ? ArithmeticEnergy.of(op, w.numerics().activations(), energy.node()) : c.energyPj();
            results.add(new WorkloadResult.OperatorResult(op, c, e));
            if (layers != null) {
                layers.add(op, target.timeline(op, c), t);
            }
            t += c.seconds();
        }
        if (layers != null) {
            layers.flush();
        }
        Map<String, String> kernels = new LinkedHashMap<>();
        kernels.put("linear", choice.linearFor(w));
        choice.byOperator().forEach(kernels::put);
        if (w.family() == Workload.Family.LLM) {
            kernels.put("lmHead", choice.lmHeadFor(w));
        }
        return new WorkloadResult(w, phase, target.name(), target.kind(), target.threads(), exact, energy, kernels,
            w.sparsity(), results, summarize(w, phase, results, energy));
    }

    private static WorkloadResult.Summary summarize(Workload w, Phase phase, List<WorkloadResult.OperatorResult> rs,
            EnergyOptions energy) {
        double seconds = 0;
        double cycles = 0;
        double pj = 0;
        double dram = 0;
        Map<String, Double> byComponent = new LinkedHashMap<>();
        Map<String, Double> byModel = new LinkedHashMap<>();
        Map<String, Double> byBound = new LinkedHashMap<>();
        Map<String, Double> byClass = new LinkedHashMap<>();
        Map<String, WorkloadResult.LayerSum> layers = new LinkedHashMap<>();
        for (WorkloadResult.OperatorResult r : rs) {
            OperatorCost c = r.cost();
            seconds += c.seconds();
            cycles += c.cycles();
            pj += r.energyTotalPj();
            dram += c.dramBytes();
            r.energyPj().forEach((k, v) -> byComponent.merge(k, v * 1e-12, Double::sum));
            byModel.merge(c.model(), c.seconds(), Double::sum);
            byBound.merge(c.bound(), c.seconds(), Double::sum);
            byClass.merge(r.op().opClass().label(), c.seconds(), Double::sum);
            Operator op = r.op();
            String key = op.block() + "#" + op.layer();
            WorkloadResult.LayerSum s = layers.get(key);
            layers.put(key, s == null
                ? new WorkloadResult.LayerSum(op.block(), op.layer(), 1, c.cycles(), c.seconds(), r.energyTotalPj(),
                    c.dramBytes())
                : new WorkloadResult.LayerSum(s.block(), s.layer(), s.operators() + 1, s.cycles() + c.cycles(),
                    s.seconds() + c.seconds(), s.energyPj() + r.energyTotalPj(), s.dramBytes() + c.dramBytes()));
        }
        double tps = Double.NaN;
        double step = Double.NaN;
        double image = Double.NaN;
        switch (phase.kind()) {
            case DECODE -> tps = phase.batch() / seconds;
            case PREFILL -> tps = phase.tokens() / seconds;
            default -> {
                step = seconds;
                image = seconds * phase.steps();
            }
        }
        return new WorkloadResult.Summary(seconds, tps, step, image, pj * 1e-12, byComponent, cycles, dram, byModel,
            byBound, byClass, List.copyOf(layers.values()));
    }
}
