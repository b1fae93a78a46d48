// Loads configs/workloads/<name>.yaml into a validated Workload, with every problem located (file:line:col: field).
package org.ternsim.sim.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ternsim.sim.workload.Workload;

/** Workload-config loader; the schema is documented in docs/workloads.md. */
public final class WorkloadLoader {
    public static final List<String> WEIGHT_FORMATS = List.of("ternary", "f16", "bf16", "f32", "q4_0", "q8_0");
    public static final List<String> ACTIVATION_FORMATS = List.of("int8", "int4", "f16", "bf16", "f32");
    public static final List<String> KV_FORMATS = List.of("f16", "bf16", "f32", "int8", "int4", "int3");

    private WorkloadLoader() {}

    /** @throws ConfigException with one located line per problem */
    public static Workload load(Path yaml) {
        Problems problems = new Problems(yaml.toString());
        YamlNode doc = YamlTreeReader.read(yaml, problems);
        Workload w = null;
        if (doc != null) {
            MappingReader r = MappingReader.root(doc, problems, new LinkedHashMap<>());
            if (r != null) w = read(r, yaml, problems);
        }
        problems.throwIfAny();
        return w;
    }

    private static Workload read(MappingReader r, Path yaml, Problems problems) {
        String name = r.name();
        String description = r.typed("description", d -> d, "", "a one-line description");
        String source = r.string("source", null);
        String family = r.choice("family", List.of("llm", "dit"), null);
        Workload.LlmShape llm = null;
        Workload.DitShape dit = null;
        if ("llm".equals(family)) {
            llm = readLlm(r.mapping("model", false, "a mapping with hidden, ffn, layers, heads, ..."));
        } else if ("dit".equals(family)) {
            dit = readDit(r.mapping("model", false, "a mapping with hidden, heads, mlpHidden, doubleBlocks, ..."));
        } else {
            r.mapping("model", true, "a mapping"); // declared so it is not reported as unknown
        }
        Workload.Numerics numerics = readNumerics(r.mapping("numerics", false,
            "a mapping with weights, activations, kvCache"));
        String kernel = r.typed("linearKernel", WorkloadLoader::kernelName, null, "a kernel name such as i2_s");
        String lmHead = "llm".equals(family) ? r.typed("lmHead", WorkloadLoader::kernelName, null,
            "an LM-head format such as f16 or q6_k") : null;
        Workload.Sparsity sparsity = readSparsity(r.mapping("sparsity", true,
            "{mode: given, qkv: 0.121, out: 0.5, gate: 0.121, up: 0.714, down: 0.842, source: \"...\"}"));
        r.finish();
        if (name == null || description == null || source == null || family == null || numerics == null
                || kernel == null || (llm == null && dit == null) || ("llm".equals(family) && lmHead == null)
                || sparsity == null || !problems.isEmpty()) {
            return null;
        }
        String expected = yaml.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        if (!name.equals(expected)) {
            int[] w = r.where("name");
            problems.add(w[0], w[1], "name", "name '" + name + "' differs from the file name",
                "the file name without .yaml, '" + expected + "'");
            return null;
        }
        return new Workload(name, description, "llm".equals(family) ? Workload.Family.LLM : Workload.Family.DIT, llm,
            dit, numerics, kernel, lmHead, sparsity, source, yaml);
    }

    /** One of the kernels an operator can use: an unknown name would fall back to the analytic model silently. */
    private static String kernelName(String s) {
        if (!org.ternsim.sim.workload.Formats.KERNELS.contains(s)) {
            String hint = Suggestions.closest(s, org.ternsim.sim.workload.Formats.KERNELS)
                .map(x -> " (did you mean '" + x + "'?)").orElse("");
            throw new ConfigException("unknown kernel '" + Units.show(s) + "'" + hint + "; expected one of "
                + String.join(", ", org.ternsim.sim.workload.Formats.KERNELS));
        }
        return s;
    }

    private static Workload.LlmShape readLlm(MappingReader m) {
        if (m == null) return null;
        Integer hidden = m.integer("hidden", null, 1, "2560");
        Integer ffn = m.integer("ffn", null, 1, "6912");
        Integer layers = m.integer("layers", null, 1, "30");
        Integer heads = m.integer("heads", null, 1, "20");
        Integer kvHeads = m.integer("kvHeads", heads, 1, "5");
        Integer headDim = m.integer("headDim", hidden != null && heads != null ? hidden / heads : 1, 1, "128");
        Integer vocab = m.integer("vocab", null, 1, "128256");
        String act = m.choice("activation", List.of("relu2", "silu", "gelu"), null);
        Boolean subNorms = m.bool("subNorms", false);
        Boolean tied = m.bool("tiedEmbedding", true);
        m.finish();
        if (hidden == null || ffn == null || layers == null || heads == null || kvHeads == null || headDim == null
                || vocab == null || act == null || subNorms == null || tied == null) {
            return null;
        }
        if (heads % kvHeads != 0) {
            int[] w = m.where("kvHeads");
            m.problems.add(w[0], w[1], m.child("kvHeads"), heads + " heads are not a multiple of " + kvHeads
                + " kv heads", "a divisor of heads");
            return null;
        }
        return new Workload.LlmShape(hidden, ffn, layers, heads, kvHeads, headDim, vocab,
            Workload.Activation.valueOf(act.toUpperCase(Locale.ROOT)), subNorms, tied);
    }

    private static Workload.DitShape readDit(MappingReader m) {
        if (m == null) return null;
        Integer hidden = m.integer("hidden", null, 1, "3072");
        Integer heads = m.integer("heads", null, 1, "24");
        Integer headDim = m.integer("headDim", hidden != null && heads != null ? hidden / heads : 1, 1, "128");
        Integer mlp = m.integer("mlpHidden", null, 1, "12288");
        Integer dbl = m.integer("doubleBlocks", null, 0, "19");
        Integer sgl = m.integer("singleBlocks", null, 0, "38");
        Integer text = m.integer("textTokens", null, 0, "512");
        Integer ctx = m.integer("contextDim", null, 1, "4096");
        Integer vec = m.integer("vecDim", null, 1, "768");
        Integer lat = m.integer("latentChannels", null, 1, "64");
        Integer patch = m.integer("patchPixels", 16, 1, "16");
        Integer res = m.integer("resolution", null, 16, "1024");
        Integer steps = m.integer("steps", null, 1, "50");
        m.finish();
        if (hidden == null || heads == null || headDim == null || mlp == null || dbl == null || sgl == null
                || text == null || ctx == null || vec == null || lat == null || patch == null || res == null
                || steps == null) {
            return null;
        }
        return new Workload.DitShape(hidden, heads, headDim, mlp, dbl, sgl, text, ctx, vec, lat, patch, res, steps);
    }

    private static Workload.Numerics readNumerics(MappingReader m) {
        if (m == null) return null;
        String w = format(m, "weights", WEIGHT_FORMATS, null);
        String a = format(m, "activations", ACTIVATION_FORMATS, null);
        String kv = format(m, "kvCache", KV_FORMATS, "f16");
        Boolean had = m.bool("hadamard", false);
        m.finish();
        if (w == null || a == null || kv == null || had == null) return null;
        return new Workload.Numerics(w, a, kv, had);
    }

    /** A format name, matched exactly in lower case (underscores are part of names such as q4_0). */
    private static String format(MappingReader m, String key, List<String> allowed, String dflt) {
        String form = "one of " + String.join(", ", allowed);
        return m.typed(key, s -> {
            String v = s.toLowerCase(Locale.ROOT);
            if (allowed.contains(v)) return v;
            String hint = Suggestions.closest(v, allowed).map(x -> " (did you mean '" + x + "'?)").orElse("");
            throw new ConfigException("unknown format '" + Units.show(s) + "'" + hint + "; expected " + form);
        }, dflt, form);
    }

    private static Workload.Sparsity readSparsity(MappingReader m) {
        if (m == null) return Workload.Sparsity.DENSE;
        String mode = m.choice("mode", List.of("dense", "given", "measured"), null);
        Double qkv = fraction(m, "qkv");
        Double out = fraction(m, "out");
        Double gate = fraction(m, "gate");
        Double up = fraction(m, "up");
        Double down = fraction(m, "down");
        String src = m.string("source", "not given");
        m.finish();
        if (mode == null || qkv == null || out == null || gate == null || up == null || down == null) return null;
        return new Workload.Sparsity(mode, qkv, out, gate, up, down, src);
    }

    private static Double fraction(MappingReader m, String key) {
        return m.typed(key, s -> {
            double v;
            try {
                v = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new ConfigException("'" + Units.show(s) + "' is not a number; expected a fraction in [0, 1)");
            }
            if (!(v >= 0 && v < 1)) {
                throw new ConfigException(v + " is outside [0, 1); expected a fraction of zero inputs such as 0.5");
            }
            return v;
        }, 0.0, "a fraction in [0, 1)");
    }

    /** Every workload file under a directory, sorted by name. */
    public static Map<String, Path> list(Path dir) {
        Map<String, Path> out = new java.util.TreeMap<>();
        try (var s = java.nio.file.Files.list(dir)) {
            s.filter(p -> p.toString().endsWith(".yaml"))
                .forEach(p -> out.put(p.getFileName().toString().replace(".yaml", ""), p));
        } catch (java.io.IOException e) {
            throw new ConfigException(dir + ": cannot list workloads: " + e.getMessage());
        }
        return out;
    }
}
