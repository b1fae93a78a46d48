// The console table `ternsim simulate --workload` prints: the headline rates, energy split and the costliest operators.
package org.ternsim.reports;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.ternsim.sim.workload.WorkloadResult;

public final class WorkloadSummary {

    private WorkloadSummary() {
    }

    public static String text(WorkloadResult r) {
        WorkloadResult.Summary s = r.summary();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s, %s on %s (%d thread%s, %s)%n", r.workload().name(),
            r.phase().describe(), r.target(), r.threads(), r.threads() > 1 ? "s" : "",
            r.kernels().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .reduce((a, b) -> a + ", " + b).orElse("")));
        if (Double.isFinite(s.tokensPerSecond())) {
            sb.append(String.format(Locale.ROOT, "  latency       %.3f ms   %.2f tokens/s%n", s.latencySeconds() * 1e3,
                s.tokensPerSecond()));
        } else {
            sb.append(String.format(Locale.ROOT, "  latency       %.3f s per step   %.1f s per image (%d steps)%n",
                s.secondsPerStep(), s.secondsPerImage(), r.phase().steps()));
        }
        double total = s.energyJoules();
        sb.append(String.format(Locale.ROOT, "  energy        %.4f J (%s model%s):", total, r.energy().model(),
            r.energy().arithmetic() ? " at " + r.energy().node() : ""));
        s.energyByComponentJ().forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s %.1f%%", k,
            total > 0 ? 100 * v / total : 0)));
        sb.append(System.lineSeparator());
        sb.append(String.format(Locale.ROOT, "  DRAM traffic  %.1f MB%n", s.dramBytes() / 1e6));
        sb.append("  time by model ");
        s.secondsByModel().forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s %.1f%%", k,
            100 * v / s.latencySeconds())));
        sb.append(System.lineSeparator());
        sb.append("  time by class ");
        s.secondsByClass().forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s %.1f%%", k,
            100 * v / s.latencySeconds())));
        sb.append(System.lineSeparator());
        // The costliest operator kinds, summed over layers.
        Map<String, double[]> byName = new LinkedHashMap<>();
        Map<String, String> desc = new LinkedHashMap<>();
        for (WorkloadResult.OperatorResult o : r.operators()) {
            String key = o.op().block() + ":" + o.op().name();
            byName.computeIfAbsent(key, k -> new double[2])[0] += o.cost().seconds();
            byName.get(key)[1]++;
            desc.putIfAbsent(key, String.format(Locale.ROOT, "%-9s %-16s %-8s %-12s %-7s", o.op().kernel(),
                o.op().shape(), o.cost().isa().isEmpty() ? "-" : o.cost().isa(), o.cost().model(), o.cost().bound()));
        }
        sb.append(String.format(Locale.ROOT, "  %-22s %5s %-9s %-16s %-8s %-12s %-7s %9s %6s%n", "operator", "calls",
            "kernel", "shape", "isa", "model", "bound", "ms", "share"));
        byName.entrySet().stream().sorted(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> -e.getValue()[0]))
            .limit(10).forEach(e -> sb.append(String.format(Locale.ROOT, "  %-22s %5d %s %9.3f %5.1f%%%n",
                e.getKey().startsWith(":") ? e.getKey().substring(1) : e.getKey(), (int) e.getValue()[1],
                desc.get(e.getKey()), e.getValue()[0] * 1e3, 100 * e.getValue()[0] / s.latencySeconds())));
        return sb.toString();
    }
}
