// Turns a SweepSpec into its list of points: the grid (first parameter outermost) or a seeded random sample of it,
// minus the points that violate constraints on inputs alone; then the deterministic share of one shard.
package org.ternsim.sim.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.ternsim.sim.config.ConfigException;

public final class SweepPlan {
    /** Beyond this many grid points a grid sweep is refused (use random sampling). */
    static final long MAX_POINTS = 10_000_000L;

    private SweepPlan() {}

    /** Every point of the sweep, indexed 0.. in plan order; points failing an input-only constraint are left out. */
    public static List<SweepPoint> points(SweepSpec spec) {
        List<String> names = new ArrayList<>(spec.params().keySet());
        List<List<String>> values = names.stream().map(spec.params()::get).toList();
        long total = 1;
        for (List<String> v : values) {
            if (v.isEmpty()) throw new ConfigException("sweep parameter has no values; expected at least one value");
            total = Math.multiplyExact(total, (long) v.size());
            if (total > Long.MAX_VALUE / 1024) break;
        }
        List<Long> chosen = new ArrayList<>();
        if (spec.sampling().mode() == Sampling.Mode.RANDOM && spec.sampling().samples() < total) {
            SplittableRandom random = new SplittableRandom(spec.sampling().seed());
            TreeSet<Long> picked = new TreeSet<>();
            while (picked.size() < spec.sampling().samples()) {
                picked.add(random.nextLong(total));
            }
            chosen.addAll(picked); // grid order, so the plan does not depend on the drawing order
        } else {
            if (total > MAX_POINTS) {
                throw new ConfigException("the grid has " + total + " points; expected at most " + MAX_POINTS
                        + " (use sampling: {mode: random, samples: N})");
            }
            for (long i = 0; i < total; i++) chosen.add(i);
        }
        List<Constraint> inputOnly = spec.constraints().stream().filter(c -> names.contains(c.column())).toList();
        List<SweepPoint> out = new ArrayList<>();
        for (long g : chosen) {
            Map<String, String> p = new LinkedHashMap<>();
            long rest = g;
            for (int j = names.size() - 1; j >= 0; j--) { // last parameter varies fastest
                List<String> v = values.get(j);
                p.put(names.get(j), v.get((int) (rest % v.size())));
                rest /= v.size();
            }
            Map<String, String> ordered = new LinkedHashMap<>();
            names.forEach(n -> ordered.put(n, p.get(n)));
            if (inputOnly.stream().allMatch(c -> c.test(ordered))) out.add(new SweepPoint(out.size(), ordered));
        }
        return out;
    }

    /** The points of shard {@code i} of {@code n} (1-based): every n-th point, so shards get similar mixes. */
    public static List<SweepPoint> shard(List<SweepPoint> all, int i, int n) {
        if (n < 1 || i < 1 || i > n) throw new IllegalArgumentException("shard must be i/n with 1 <= i <= n");
        return all.stream().filter(p -> p.index() % n == i - 1).toList();
    }
}
