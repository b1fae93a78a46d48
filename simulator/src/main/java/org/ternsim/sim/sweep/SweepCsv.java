// Renders completed points as points.csv (every point, with feasible and pareto columns) and pareto.csv (the
// feasible non-dominated points), in point-index order, so sharded-and-merged and unsharded sweeps give equal bytes.
package org.ternsim.sim.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

public final class SweepCsv {
    private SweepCsv() {}

    /** The two CSV texts, and how many points are on the front. */
    public record Tables(String points, String pareto, int frontSize, int feasible) {}

    public static Tables render(List<PointRecord> records, List<Constraint> constraints, List<String> objectives) {
        List<PointRecord> sorted = new ArrayList<>(records);
        sorted.sort(Comparator.comparingInt(PointRecord::index));
        Set<String> params = new LinkedHashSet<>();
        Set<String> metrics = new LinkedHashSet<>();
        for (PointRecord r : sorted) {
            params.addAll(r.params().keySet());
            metrics.addAll(r.metrics().keySet());
        }
        List<String> used = objectives.stream().filter(metrics::contains).toList();
        boolean[] feasible = new boolean[sorted.size()];
        int nFeasible = 0;
        for (int i = 0; i < sorted.size(); i++) {
            Map<String, Object> cols = columns(sorted.get(i));
            feasible[i] = constraints.stream().allMatch(c -> c.test(cols));
            if (feasible[i]) nFeasible++;
        }
        boolean[] front = Pareto.front(sorted, feasible, used);
        List<String> header = new ArrayList<>();
        header.add("index");
        header.addAll(params);
        header.addAll(metrics);
        header.add("feasible");
        header.add("pareto");
        StringBuilder all = new StringBuilder(String.join(",", header)).append("\r\n");
        StringBuilder par = new StringBuilder(String.join(",", header)).append("\r\n");
        int n = 0;
        for (int i = 0; i < sorted.size(); i++) {
            PointRecord r = sorted.get(i);
            List<String> row = new ArrayList<>();
            row.add(String.valueOf(r.index()));
            params.forEach(p -> row.add(cell(r.params().get(p))));
            metrics.forEach(m -> row.add(cell(r.metrics().get(m))));
            row.add(String.valueOf(feasible[i]));
            row.add(String.valueOf(front[i]));
            String line = String.join(",", row) + "\r\n";
            all.append(line);
            if (front[i]) {
                par.append(line);
                n++;
            }
        }
        return new Tables(all.toString(), par.toString(), n, nFeasible);
    }

    /** A point's parameters and metrics in one map, as constraints see them. */
    static Map<String, Object> columns(PointRecord r) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(r.params());
        m.putAll(r.metrics());
        return m;
    }

    private static String cell(Object v) {
        if (v == null) return "";
        String s = v instanceof Double d ? Double.toString(d) : String.valueOf(v);
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
