// Sweeps end to end on small GEMVs: sharded + merged equals unsharded byte for byte, reruns skip completed points,
// constraints and the Pareto front, and bad points fail before anything runs.
package org.ternsim.sim.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ternsim.sim.config.ConfigException;

class SweepRunnerTest {
    static final Path HW = Path.of("../configs/hw/zen5-2c.yaml");

    static SweepSpec spec(List<Constraint> constraints) {
        Map<String, List<String>> p = new LinkedHashMap<>();
        p.put("caches.L2.size", List.of("512KiB", "1MiB"));
        p.put("core.freq", List.of("3GHz", "3.9GHz", "5GHz"));
        p.put("shape", List.of("64x256"));
        return new SweepSpec("t", "unused", "gemv", p, Sampling.GRID, constraints, SweepSpec.DEFAULT_OBJECTIVES);
    }

    static SweepRunner.Outcome run(SweepSpec s, Path dir, int shard, int shards) {
        return SweepRunner.run(s, HW, new GemvPointEvaluator(), new SweepRunner.Options(dir, 2, shard, shards, l -> {}));
    }

    @Test
    void shardedAndMergedEqualsUnsharded(@TempDir Path tmp) throws Exception {
        SweepSpec s = spec(List.of(Constraint.parse("power_w <= 1000")));
        run(s, tmp.resolve("all"), 1, 1);
        run(s, tmp.resolve("s1"), 1, 2);
        run(s, tmp.resolve("s2"), 2, 2);
        SweepMerge.merge(List.of(tmp.resolve("s2"), tmp.resolve("s1")), tmp.resolve("merged"));
        String unsharded = Files.readString(tmp.resolve("all/points.csv"));
        assertEquals(7, unsharded.split("\r\n").length, unsharded); // header + 6 points
        assertEquals(unsharded, Files.readString(tmp.resolve("merged/points.csv")));
        assertEquals(Files.readString(tmp.resolve("all/pareto.csv")), Files.readString(tmp.resolve("merged/pareto.csv")));
        assertThrows(ConfigException.class, () -> SweepMerge.merge(List.of(tmp.resolve("s1")), tmp.resolve("m2")),
                "a merge missing a shard is refused");
    }

    @Test
    void rerunSkipsCompletedPointsAndDropsATornLine(@TempDir Path tmp) throws Exception {
        SweepSpec s = spec(List.of());
        Path dir = tmp.resolve("d");
        SweepRunner.Outcome first = run(s, dir, 1, 1);
        assertEquals(6, first.ran());
        String full = Files.readString(dir.resolve("points.csv"));
        // Simulate an interruption after three points, one of them half-written.
        List<String> lines = Files.readAllLines(dir.resolve(PointsFile.NAME));
        Files.writeString(dir.resolve(PointsFile.NAME), String.join("\n", lines.subList(0, 3)) + "\n"
                + lines.get(3).substring(0, 20));
        Files.delete(dir.resolve("points.csv"));
        SweepRunner.Outcome second = run(s, dir, 1, 1);
        assertEquals(3, second.alreadyDone());
        assertEquals(3, second.ran());
        assertEquals(full, Files.readString(dir.resolve("points.csv")));
        List<Integer> indices = new ArrayList<>();
        PointsFile.read(dir.resolve(PointsFile.NAME)).forEach(r -> indices.add(r.index()));
        assertEquals(6, indices.size(), "no point recorded twice: " + indices);
        assertEquals(6, indices.stream().distinct().count());
        assertEquals(0, run(s, dir, 1, 1).ran(), "a complete sweep reruns nothing");
    }

    @Test
    void frontHoldsOnlyFeasibleNonDominatedPoints(@TempDir Path tmp) throws Exception {
        SweepSpec s = spec(List.of(Constraint.parse("core.freq <= 4GHz")));
        SweepRunner.Outcome o = run(s, tmp.resolve("d"), 1, 1);
        assertEquals(4, o.planned(), "the input-only constraint removes the 5 GHz points before running");
        List<PointRecord> rs = PointsFile.read(tmp.resolve("d").resolve(PointsFile.NAME));
        String pareto = Files.readString(tmp.resolve("d/pareto.csv"));
        for (PointRecord a : rs) {
            boolean dominated = rs.stream().anyMatch(b -> b != a
                    && num(b, "latency_s") <= num(a, "latency_s") && num(b, "energy_j") <= num(a, "energy_j")
                    && (num(b, "latency_s") < num(a, "latency_s") || num(b, "energy_j") < num(a, "energy_j")));
            assertEquals(!dominated, pareto.contains("\r\n" + a.index() + ","), "point " + a.index());
        }
        assertFalse(pareto.contains("5GHz"));
    }

    @Test
    void badPointsFailBeforeAnyRunWithTheFieldNamed(@TempDir Path tmp) {
        Map<String, List<String>> p = new LinkedHashMap<>();
        p.put("caches.L2.size", List.of("1MiB", "1000KiB"));
        p.put("shape", List.of("64x256"));
        SweepSpec s = new SweepSpec("t", "unused", "gemv", p, Sampling.GRID, List.of(), SweepSpec.DEFAULT_OBJECTIVES);
        ConfigException e = assertThrows(ConfigException.class, () -> run(s, tmp.resolve("d"), 1, 1));
        assertTrue(e.problems().get(0).startsWith("sweep point 1 (caches.L2.size=1000KiB shape=64x256): "), e.getMessage());
        assertTrue(e.problems().get(0).matches(".*zen5-2c\\.yaml:\\d+:11: caches\\.L2\\.size: .*"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("d/points.jsonl")));
    }

    @Test
    void randomSamplingIsSeededAndDistinct() {
        Map<String, List<String>> p = new LinkedHashMap<>();
        p.put("a", List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10"));
        p.put("b", List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10"));
        SweepSpec s = new SweepSpec("t", "x", "gemv", p, new Sampling(Sampling.Mode.RANDOM, 20, 7), List.of(), List.of());
        List<SweepPoint> one = SweepPlan.points(s);
        assertEquals(20, one.size());
        assertEquals(one, SweepPlan.points(s));
        assertEquals(20, one.stream().map(SweepPoint::params).distinct().count());
        SweepSpec other = new SweepSpec("t", "x", "gemv", p, new Sampling(Sampling.Mode.RANDOM, 20, 8), List.of(), List.of());
        assertFalse(one.equals(SweepPlan.points(other)));
        List<SweepPoint> s1 = SweepPlan.shard(one, 1, 3);
        List<SweepPoint> s2 = SweepPlan.shard(one, 2, 3);
        List<SweepPoint> s3 = SweepPlan.shard(one, 3, 3);
        assertEquals(20, s1.size() + s2.size() + s3.size());
    }

    private static double num(PointRecord r, String m) {
        return ((Number) r.metrics().get(m)).doubleValue();
    }
}
