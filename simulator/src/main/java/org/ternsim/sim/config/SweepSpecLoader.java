// Reads a sweep file (configs/sweeps/*.yaml; format in docs/sweeps.md) into a SweepSpec, with located errors,
// unknown keys rejected with a suggestion, and all problems of the file reported at once.
package org.ternsim.sim.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ternsim.sim.sweep.Constraint;
import org.ternsim.sim.sweep.PointEvaluators;
import org.ternsim.sim.sweep.Sampling;
import org.ternsim.sim.sweep.SweepSpec;

public final class SweepSpecLoader {
    private static final String PARAMS_FORM = "a mapping of field paths or run options to value lists, such as"
            + " {caches.L2.size: [512KiB, 1MiB], shape: [2560x6912]}";

    private SweepSpecLoader() {}

    public static SweepSpec load(Path file) {
        Problems problems = new Problems(file.toString());
        YamlNode doc = YamlTreeReader.read(file, problems);
        SweepSpec spec = null;
        if (doc != null) {
            MappingReader r = MappingReader.root(doc, problems, new LinkedHashMap<>());
            if (r != null) spec = read(r, problems);
        }
        problems.throwIfAny();
        return spec;
    }

    private static SweepSpec read(MappingReader r, Problems problems) {
        String name = r.typed("name", s -> {
            if (!s.matches("[A-Za-z0-9._-]+")) {
                throw new ConfigException("'" + Units.show(s) + "' is not a sweep name; expected letters, digits, . _ -");
            }
            return s;
        }, null, "a sweep name such as l2-size-x-freq");
        r.typed("description", d -> d, "", "a one-line description");
        String hw = r.string("hw", null);
        String evaluator = r.typed("evaluator", s -> {
            if (!PointEvaluators.names().contains(s)) {
                throw new ConfigException("unknown evaluator '" + Units.show(s) + "'; expected one of "
                        + String.join(", ", PointEvaluators.names()));
            }
            return s;
        }, "gemv", "an evaluator: " + String.join(" or ", PointEvaluators.names()));
        Map<String, List<String>> params = readParams(r);
        Sampling sampling = readSampling(r.mapping("sampling", true, "{mode: random, samples: 200, seed: 1}"));
        List<Constraint> constraints = readConstraints(r);
        List<String> objectives = r.stringList("objectives", SweepSpec.DEFAULT_OBJECTIVES, "[latency_s, energy_j]");
        if (objectives != null && r.has("objectives")) objectives = knownObjectives(r, objectives);
        r.finish();
        if (name == null || hw == null || evaluator == null || params == null || sampling == null
                || constraints == null || objectives == null || !problems.isEmpty()) {
            return null;
        }
        return new SweepSpec(name, hw, evaluator, params, sampling, constraints, objectives);
    }

    private static Map<String, List<String>> readParams(MappingReader r) {
        MappingReader m = r.mapping("params", false, PARAMS_FORM);
        if (m == null) return null;
        Map<String, List<String>> out = new LinkedHashMap<>();
        boolean ok = true;
        for (YamlNode.Entry e : m.node.entries().values()) {
            String p = m.child(e.key());
            YamlNode v = e.value();
            List<String> values = new ArrayList<>();
            if (v.isScalar() && v.scalarType != YamlNode.ScalarType.NULL) {
                values.add(v.text);
            } else if (v.kind == YamlNode.Kind.SEQUENCE && !v.items().isEmpty()) {
                for (YamlNode i : v.items()) {
                    if (!i.isScalar() || i.scalarType == YamlNode.ScalarType.NULL) {
                        m.problems.add(i.line, i.col, p, "list item is not a value", "values such as [512KiB, 1MiB]");
                        ok = false;
                    } else {
                        values.add(i.text);
                    }
                }
            } else {
                m.problems.add(v.line, v.col, p, "not a value or a non-empty list", "values such as [512KiB, 1MiB]");
                ok = false;
            }
            if (values.stream().distinct().count() != values.size()) {
                m.problems.add(v.line, v.col, p, "repeated value", "each value once");
                ok = false;
            }
            out.put(e.key(), values);
        }
        if (out.isEmpty()) {
            m.problems.add(m.node.line, m.node.col, m.path, "no parameters", PARAMS_FORM);
            return null;
        }
        return ok ? out : null;
    }

    private static Sampling readSampling(MappingReader m) {
        if (m == null) return Sampling.GRID;
        String mode = m.choice("mode", List.of("grid", "random"), "grid");
        Integer samples = m.integer("samples", "random".equals(mode) ? null : 0, "random".equals(mode) ? 1 : 0, "200");
        Integer seed = m.integer("seed", 1, 0, "1");
        m.finish();
        if (mode == null || samples == null || seed == null) return null;
        return "grid".equals(mode) ? Sampling.GRID : new Sampling(Sampling.Mode.RANDOM, samples, seed);
    }

    /** Each constraint remembers its line, so a column no point has (checked when the sweep plans) is located. */
    private static List<Constraint> readConstraints(MappingReader r) {
        List<String> texts = r.stringList("constraints", List.of(), "[\"power_w <= 15\"]");
        if (texts == null) return null;
        List<Constraint> out = new ArrayList<>();
        List<YamlNode> items = r.has("constraints") ? r.node.get("constraints").items() : List.of();
        for (int i = 0; i < texts.size(); i++) {
            YamlNode at = items.get(i);
            try {
                out.add(Constraint.parse(texts.get(i), r.problems.file() + ":" + at.line + ":" + at.col
                        + ": constraints"));
            } catch (ConfigException e) {
                r.problems.addFormatted(at.line, at.col, "constraints", e.getMessage());
                return null;
            }
        }
        return out;
    }

    /**
     * Objectives some evaluator reports: one a point does not report is skipped (area_mm2 of a CPU), but a name no
     * evaluator has (a typo) would be skipped on every point.
     */
    private static List<String> knownObjectives(MappingReader r, List<String> objectives) {
        java.util.Set<String> known = PointEvaluators.metrics();
        List<YamlNode> items = r.node.get("objectives").items();
        boolean ok = true;
        for (int i = 0; i < objectives.size(); i++) {
            if (!known.contains(objectives.get(i))) {
                String hint = Suggestions.closest(objectives.get(i), known).map(x -> " (did you mean '" + x + "'?)")
                        .orElse("");
                r.problems.add(items.get(i).line, items.get(i).col, "objectives", "no evaluator reports '"
                        + Units.show(objectives.get(i)) + "'" + hint, "one of " + String.join(", ", known));
                ok = false;
            }
        }
        return ok ? objectives : null;
    }
}
