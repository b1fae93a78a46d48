// An end-to-end workload result as the ordered tree of results.json (schema: docs/results-schema.md).
package org.ternsim.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ternsim.sim.target.OperatorCost;
import org.ternsim.sim.workload.Operator;
import org.ternsim.sim.workload.Phase;
import org.ternsim.sim.workload.Workload;
import org.ternsim.sim.workload.WorkloadResult;

public final class WorkloadResultTree {

    /** Bumped when a field is renamed or removed or changes meaning; adding fields keeps the version. */
    public static final int SCHEMA_VERSION = 1;

    private WorkloadResultTree() {
    }

    public static Map<String, Object> of(WorkloadResult r) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("kind", "workload");
        root.put("run", run(r));
        root.put("summary", summary(r));
        List<Object> layers = new ArrayList<>();
        for (WorkloadResult.LayerSum l : r.summary().layers()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("block", l.block());
            m.put("layer", l.layer());
            m.put("operators", l.operators());
            m.put("cycles", Math.round(l.cycles()));
            m.put("seconds", l.seconds());
            m.put("energyJoules", l.energyPj() * 1e-12);
            m.put("dramBytes", Math.round(l.dramBytes()));
            layers.add(m);
        }
        root.put("layers", layers);
        List<Object> ops = new ArrayList<>();
        int i = 0;
        for (WorkloadResult.OperatorResult o : r.operators()) {
            ops.add(operator(i++, o));
        }
        root.put("operators", ops);
        return root;
    }

    private static Map<String, Object> run(WorkloadResult r) {
        Map<String, Object> run = new LinkedHashMap<>();
        Workload w = r.workload();
        run.put("workload", w.name());
        run.put("family", w.family().name().toLowerCase(java.util.Locale.ROOT));
        Phase p = r.phase();
        Map<String, Object> phase = new LinkedHashMap<>();
        phase.put("kind", p.kind().label());
        if (w.family() == Workload.Family.LLM) {
            phase.put("context", p.context());
            phase.put("tokens", p.kind() == Phase.Kind.PREFILL ? p.tokens() : p.batch());
            phase.put("batch", p.batch());
        } else {
            phase.put("resolution", p.resolution());
            phase.put("steps", p.steps());
        }
        run.put("phase", phase);
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("name", r.target());
        target.put("kind", r.targetKind());
        target.put("threads", r.threads());
        run.put("target", target);
        run.put("exact", r.exact());
        Map<String, Object> energy = new LinkedHashMap<>();
        energy.put("model", r.energy().model());
        energy.put("node", r.energy().arithmetic() ? r.energy().node() : null);
        run.put("energy", energy);
        run.put("kernels", r.kernels());
        Workload.Sparsity s = r.sparsity();
        Map<String, Object> sp = new LinkedHashMap<>();
        sp.put("mode", s.mode());
        sp.put("qkv", s.qkv());
        sp.put("out", s.out());
        sp.put("gate", s.gate());
        sp.put("up", s.up());
        sp.put("down", s.down());
        sp.put("source", s.source());
        run.put("sparsity", sp);
        return run;
    }

    private static Map<String, Object> summary(WorkloadResult r) {
        WorkloadResult.Summary s = r.summary();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("latencySeconds", s.latencySeconds());
        m.put("tokensPerSecond", finite(s.tokensPerSecond()));
        m.put("secondsPerStep", finite(s.secondsPerStep()));
        m.put("secondsPerImage", finite(s.secondsPerImage()));
        m.put("energyJoules", s.energyJoules());
        m.put("joulesPerToken", Double.isFinite(s.tokensPerSecond())
            ? s.energyJoules() / (s.tokensPerSecond() * s.latencySeconds()) : null);
        m.put("energyByComponent", s.energyByComponentJ());
        m.put("cycles", Math.round(s.cycles()));
        m.put("dramBytes", Math.round(s.dramBytes()));
        m.put("secondsByModel", s.secondsByModel());
        m.put("secondsByBound", s.secondsByBound());
        m.put("secondsByClass", s.secondsByClass());
        m.put("operators", r.operators().size());
        return m;
    }

    private static Map<String, Object> operator(int index, WorkloadResult.OperatorResult o) {
        Operator op = o.op();
        OperatorCost c = o.cost();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", index);
        m.put("name", op.name());
        m.put("layer", op.layer());
        m.put("block", op.block());
        m.put("opClass", op.opClass().label());
        m.put("kernel", op.kernel());
        m.put("isa", c.isa());
        Map<String, Object> shape = new LinkedHashMap<>();
        shape.put("m", op.m());
        shape.put("k", op.k());
        shape.put("n", op.n());
        shape.put("context", op.context());
        shape.put("kvHeads", op.kvHeads());
        m.put("shape", shape);
        m.put("shapeText", op.shape());
        m.put("macs", op.macs());
        m.put("cycles", Math.round(c.cycles()));
        m.put("seconds", c.seconds());
        m.put("energy", o.energyTotalPj() * 1e-12);
        Map<String, Double> byComp = new LinkedHashMap<>();
        o.energyPj().forEach((k, v) -> byComp.put(k, v * 1e-12));
        m.put("energyByComponent", byComp);
        Map<String, Object> bytes = new LinkedHashMap<>();
        bytes.put("weights", Math.round(op.weightBytes()));
        bytes.put("activations", Math.round(op.activationBytes()));
        bytes.put("dram", Math.round(c.dramBytes()));
        m.put("bytes", bytes);
        m.put("bound", c.bound());
        m.put("model", c.model());
        m.put("inputSparsity", op.inputSparsity());
        m.put("note", c.note());
        return m;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
