// The flat renderings of a workload result: results.csv (one row per operator) and gem5-style stats.txt.
package org.ternsim.reports;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ternsim.sim.target.OperatorCost;
import org.ternsim.sim.workload.Operator;
import org.ternsim.sim.workload.WorkloadResult;

public final class WorkloadFiles {

    /** The fixed leading columns of results.csv; energy-by-component columns and the note follow. */
    public static final List<String> CSV_COLUMNS = List.of("index", "name", "layer", "block", "opClass", "kernel", "isa",
        "m", "k", "n", "context", "cycles", "seconds", "energyJoules", "dramBytes", "bound", "model");

    private WorkloadFiles() {
    }

    public static String csv(WorkloadResult r) {
        Set<String> comps = new LinkedHashSet<>(r.summary().energyByComponentJ().keySet());
        List<String> header = new ArrayList<>(CSV_COLUMNS);
        comps.forEach(c -> header.add("energy_" + c + "_J"));
        header.add("note");
        StringBuilder sb = new StringBuilder(String.join(",", header)).append("\r\n");
        int i = 0;
        for (WorkloadResult.OperatorResult o : r.operators()) {
            Operator op = o.op();
            OperatorCost c = o.cost();
            List<String> row = new ArrayList<>(List.of(String.valueOf(i++), op.name(), String.valueOf(op.layer()),
                op.block(), op.opClass().label(), op.kernel(), c.isa(), String.valueOf(op.m()), String.valueOf(op.k()),
                String.valueOf(op.n()), String.valueOf(op.context()), String.valueOf(Math.round(c.cycles())),
                num(c.seconds()), num(o.energyTotalPj() * 1e-12), String.valueOf(Math.round(c.dramBytes())), c.bound(),
                c.model()));
            for (String comp : comps) {
                row.add(num(o.energyPj().getOrDefault(comp, 0.0) * 1e-12));
            }
            row.add(quote(c.note()));
            sb.append(String.join(",", row)).append("\r\n");
        }
        return sb.toString();
    }

    public static String stats(WorkloadResult r) {
        WorkloadResult.Summary s = r.summary();
        StringBuilder sb = new StringBuilder("---------- Begin Simulation Statistics ----------\n");
        String unit = r.phase().diffusion() ? "diffusion step" : switch (r.phase().kind()) {
            case PREFILL -> "prompt";
            default -> "decode step";
        };
        line(sb, "sim.latency", s.latencySeconds(), "time of one " + unit, "s");
        if (Double.isFinite(s.tokensPerSecond())) {
            line(sb, "sim.tokensPerSecond", s.tokensPerSecond(), "tokens per second", "token/s");
        }
        if (Double.isFinite(s.secondsPerImage())) {
            line(sb, "sim.secondsPerStep", s.secondsPerStep(), "time of one denoising step", "s");
            line(sb, "sim.secondsPerImage", s.secondsPerImage(), "time of all steps of one image", "s");
        }
        line(sb, "sim.cycles", Math.round(s.cycles()), "target cycles of one " + unit, "cycles");
        line(sb, "sim.energy", s.energyJoules(), "energy of one " + unit + " (" + r.energy().model() + " model)", "J");
        s.energyByComponentJ().forEach((k, v) -> line(sb, "sim.energy." + k, v, "energy of component " + k, "J"));
        line(sb, "sim.dramBytes", Math.round(s.dramBytes()), "bytes to and from main memory", "bytes");
        s.secondsByModel().forEach((k, v) -> line(sb, "sim.seconds.model." + k, v, "time costed by the " + k
            + " model", "s"));
        s.secondsByBound().forEach((k, v) -> line(sb, "sim.seconds.bound." + k, v, "time of " + k + "-bound operators",
            "s"));
        s.secondsByClass().forEach((k, v) -> line(sb, "sim.seconds.class." + k, v, "time of " + k + " operators", "s"));
        for (WorkloadResult.LayerSum l : s.layers()) {
            String p = "layer." + (l.block().isEmpty() ? "other" : l.block() + (l.layer() >= 0 ? l.layer() : ""));
            line(sb, p + ".seconds", l.seconds(), "time of the operators of this layer", "s");
            line(sb, p + ".energy", l.energyPj() * 1e-12, "energy of the operators of this layer", "J");
        }
        int i = 0;
        for (WorkloadResult.OperatorResult o : r.operators()) {
            String p = String.format(Locale.ROOT, "op.%04d.%s", i++, o.op().name());
            line(sb, p + ".cycles", Math.round(o.cost().cycles()), o.op().kernel() + " " + o.op().shape() + ", "
                + o.cost().model() + ", " + o.cost().bound() + "-bound", "cycles");
            line(sb, p + ".energy", o.energyTotalPj() * 1e-12, "energy", "J");
        }
        return sb.append("---------- End Simulation Statistics   ----------\n").toString();
    }

    private static void line(StringBuilder sb, String name, Object value, String desc, String unit) {
        String v = value instanceof Double d ? num(d) : String.valueOf(value);
        sb.append(String.format(Locale.ROOT, "%-44s %-24s # %s (%s)%n", name, v, desc, unit));
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.9g", v);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
